import type { ConferenceStatus } from '../../bot/domain/conference.js';
import { ConferenceStatuses } from '../../bot/domain/conference.js';
import { DomainError } from '../../bot/domain/errors.js';
import { transition } from '../../bot/domain/lifecycle.js';

const at = new Date('2026-11-23T10:00:00Z');

test.each<[ConferenceStatus, ConferenceStatus, string]>([
  ['requested', 'scheduled', ''],
  ['scheduled', 'invitations-sent', ''],
  ['invitations-sent', 'ready', ''],
  ['ready', 'in-progress', ''],
  ['in-progress', 'decided', ''],
  ['decided', 'outcome-sent', ''],
  ['outcome-sent', 'minutes-approved', ''],
  ['minutes-approved', 'closed', ''],
  ['in-progress', 'inquorate', 'Only one agency besides social care attended'],
  ['inquorate', 'scheduled', ''],
  ['ready', 'postponed', 'Parents had not received the reports 24 hours before'],
  ['postponed', 'scheduled', ''],
  ['scheduled', 'cancelled', 'Family moved to another authority'],
])('%s → %s is allowed', (from, to, reason) => {
  expect(transition({ status: from }, to, at, reason)).toEqual({
    from,
    to,
    at: at.toISOString(),
    ...(reason ? { reason } : {}),
  });
});

test.each<[ConferenceStatus, ConferenceStatus, RegExp]>([
  [
    'requested',
    'decided',
    /A requested conference cannot become decided\. It can become: scheduled, cancelled\./,
  ],
  ['closed', 'scheduled', /A closed conference cannot become scheduled\. It cannot change any more\./],
  ['cancelled', 'scheduled', /cannot change any more/],
  ['decided', 'in-progress', /It can become: decision sent\./],
])('%s → %s is refused with what is allowed instead', (from, to, message) => {
  expect(() => transition({ status: from }, to, at)).toThrow(message);
});

test.each<ConferenceStatus>(['postponed', 'cancelled'])('becoming %s needs a recorded reason', (to) => {
  const attempt = () => transition({ status: 'scheduled' }, to, at, '   ');
  expect(attempt).toThrow(DomainError);
  expect(attempt).toThrow(/Record the reason/);
});

test('no state is a dead end except closed and cancelled', () => {
  const deadEnds = ConferenceStatuses.filter((s) =>
    ConferenceStatuses.every((t) => {
      try {
        transition({ status: s }, t, at, 'r');
        return false;
      } catch {
        return true;
      }
    }),
  );
  expect(deadEnds.sort()).toEqual(['cancelled', 'closed']);
});
