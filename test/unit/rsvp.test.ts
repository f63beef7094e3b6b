import type { ConferenceStatus } from '../../bot/domain/conference.js';
import { DomainError } from '../../bot/domain/errors.js';
import { acceptsAnswers, nextStep, recordAnswer } from '../../bot/domain/rsvp.js';
import type { AnswerCommand, Invitation, RsvpState } from '../../bot/domain/rsvp.js';
import { buildConference, buildInvitation } from '../fakes/fixtures.js';

const conference = buildConference();
const invitee = conference.invitees[1]!; // Asha Patel, health visitor
const fresh = (): Invitation => buildInvitation(invitee);
const now = new Date('2026-02-20T12:00:00Z');

const cmd = (overrides: Partial<AnswerCommand> = {}): AnswerCommand => ({
  answer: 'attending-virtually',
  actor: { kind: 'invitee', id: invitee.aadObjectId! },
  via: 'card',
  idempotencyKey: 'key-1',
  answeredAt: '2026-02-20T11:59:00Z',
  ...overrides,
});

const errorOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('recordAnswer', () => {
  test.each(['attending-in-person', 'attending-virtually', 'report-only'] as const)(
    'records %s with a history entry and no effects',
    (answer) => {
      const r = recordAnswer(fresh(), cmd({ answer }), now, conference);
      expect(r.invitation).toMatchObject({
        answer,
        deputy: null,
        answeredAt: '2026-02-20T11:59:00.000Z',
        version: 2,
      });
      expect(r.historyEntry).toMatchObject({
        answer,
        via: 'card',
        applied: true,
        recordedAt: now.toISOString(),
      });
      expect(r.invitation.history).toHaveLength(1);
      expect(r).toMatchObject({ effects: [], unchanged: false, superseded: false });
    },
  );

  test('the same idempotency key twice changes nothing the second time', () => {
    const first = recordAnswer(fresh(), cmd(), now, conference);
    const again = recordAnswer(first.invitation, cmd(), now, conference);
    expect(again).toEqual({
      invitation: first.invitation,
      historyEntry: null,
      effects: [],
      unchanged: true,
      superseded: false,
    });
  });

  test('a replay is still accepted after the conference is cancelled', () => {
    const first = recordAnswer(fresh(), cmd(), now, conference);
    const cancelled = buildConference({ status: 'cancelled' });
    expect(recordAnswer(first.invitation, cmd(), now, cancelled).unchanged).toBe(true);
  });

  test('the same key with a different answer is refused', () => {
    const first = recordAnswer(fresh(), cmd(), now, conference);
    expect(
      errorOf(() => recordAnswer(first.invitation, cmd({ answer: 'report-only' }), now, conference)).code,
    ).toBe('RSVP_IDEMPOTENCY_CONFLICT');
  });

  test('racing answers: the later answeredAt wins and history keeps both, in either arrival order', () => {
    const early = cmd({ answer: 'report-only', idempotencyKey: 'phone', answeredAt: '2026-02-20T10:00:00Z' });
    const late = cmd({
      answer: 'attending-in-person',
      idempotencyKey: 'desk',
      answeredAt: '2026-02-20T10:00:05Z',
    });
    for (const [a, b] of [
      [early, late],
      [late, early],
    ] as const) {
      const r = recordAnswer(recordAnswer(fresh(), a, now, conference).invitation, b, now, conference);
      expect(r.invitation.answer).toBe('attending-in-person');
      expect(r.invitation.history.map((h) => h.idempotencyKey)).toEqual([a.idempotencyKey, b.idempotencyKey]);
    }
  });

  test('an older answer arriving late is recorded but does not overwrite', () => {
    const current = recordAnswer(fresh(), cmd({ answer: 'attending-in-person' }), now, conference).invitation;
    const late = cmd({
      answer: 'report-only',
      via: 'calendar',
      idempotencyKey: 'cal-1',
      answeredAt: '2026-02-19T08:00:00Z',
    });
    const r = recordAnswer(current, { ...late, actor: { kind: 'calendar', id: 'graph' } }, now, conference);
    expect(r.superseded).toBe(true);
    expect(r.invitation.answer).toBe('attending-in-person');
    expect(r.historyEntry).toMatchObject({ answer: 'report-only', applied: false });
    expect(r.invitation.history).toHaveLength(2);
    expect(r.invitation.version).toBe(current.version + 1);
    expect(r.effects).toEqual([]);
  });

  test('sending a colleague invites them, and changing away withdraws them', () => {
    const deputy = { name: 'Sam Deputy', email: 'Sam.Deputy@Agency.example.org' };
    const sent = recordAnswer(fresh(), cmd({ answer: 'sending-deputy', deputy }), now, conference);
    expect(sent.invitation.deputy).toEqual({ name: 'Sam Deputy', email: 'sam.deputy@agency.example.org' });
    expect(sent.effects).toEqual([
      { kind: 'invite-deputy', name: 'Sam Deputy', email: 'sam.deputy@agency.example.org' },
    ]);
    const back = recordAnswer(
      sent.invitation,
      cmd({ answer: 'attending-virtually', idempotencyKey: 'key-2', answeredAt: '2026-02-20T11:59:30Z' }),
      now,
      conference,
    );
    expect(back.invitation.deputy).toBeNull();
    expect(back.effects).toEqual([
      { kind: 'withdraw-deputy', name: 'Sam Deputy', email: 'sam.deputy@agency.example.org' },
    ]);
  });

  test.each([
    ['no deputy at all', undefined, 'deputy.name'],
    ['an empty name', { name: '  ', email: 'sam@agency.example.org' }, 'deputy.name'],
    ['a bad email', { name: 'Sam Deputy', email: 'sam-at-agency' }, 'deputy.email'],
    [
      'the invitee’s own email',
      { name: 'Asha again', email: 'ASHA.PATEL@agency.example.org' },
      'deputy.email',
    ],
  ])('refuses a colleague with %s', (_label, deputy, path) => {
    const e = errorOf(() =>
      recordAnswer(fresh(), cmd({ answer: 'sending-deputy', deputy }), now, conference),
    );
    expect(e.code).toBe('RSVP_DEPUTY_INVALID');
    expect(e.details.map((d) => d.path)).toContain(path);
    expect(e.details.every((d) => d.message.length > 10)).toBe(true);
  });

  test.each<[ConferenceStatus, string]>([
    ['cancelled', 'cancelled'],
    ['closed', 'closed'],
    ['decided', 'already taken place'],
    ['postponed', 'new date'],
  ])('a %s conference refuses answers', (status, words) => {
    const e = errorOf(() => recordAnswer(fresh(), cmd(), now, buildConference({ status })));
    expect(e.code).toBe('RSVP_CONFERENCE_CLOSED');
    expect(e.message).toContain(words);
    expect(acceptsAnswers(status)).toBe(false);
  });

  test.each<[string, Partial<AnswerCommand>, Partial<Invitation>]>([
    ['another invitee answering', { actor: { kind: 'invitee', id: conference.invitees[2]!.id } }, {}],
    ['an invitation from another conference', {}, { conferenceId: '00000000-0000-4000-8000-000000000000' }],
    ['someone not on the invitee list', {}, { inviteeId: '00000000-0000-4000-8000-000000000001' }],
  ])('refuses %s', (_label, command, invitation) => {
    expect(
      errorOf(() => recordAnswer({ ...fresh(), ...invitation }, cmd(command), now, conference)).code,
    ).toBe('RSVP_NOT_INVITED');
  });

  test('business support may answer for the invitee (a phone call)', () => {
    const r = recordAnswer(
      fresh(),
      cmd({ actor: { kind: 'business-support', id: 'bs-1' }, via: 'api' }),
      now,
      conference,
    );
    expect(r.historyEntry?.actor).toEqual({ kind: 'business-support', id: 'bs-1' });
  });
});

describe('what happens next', () => {
  const due = 'Tue 3 Mar 2026';
  test.each<[RsvpState, string]>([
    [
      'report-only',
      'Thank you. Please still send your report by Tue 3 Mar 2026: the conference cannot wait for reports on the day.',
    ],
    ['sending-deputy', 'Sam Deputy has been invited in your place; your agency stays represented.'],
    ['attending-in-person', 'reports are needed even when you attend.'],
    ['attending-virtually', 'reports are needed even when you attend.'],
    ['unanswered', 'Please answer so the chair knows who is coming.'],
  ])('%s', (answer, sentence) => {
    expect(nextStep(answer, { name: 'Sam Deputy', email: 'sam@agency.example.org' }, due)).toContain(
      sentence,
    );
  });
});
