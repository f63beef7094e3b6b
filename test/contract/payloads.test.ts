import { ANSWER_VERBS, PAYLOADS, parsePayload } from '../../cards/payloads.js';
import { VERBS } from '../../cards/verbs.js';
import type { Verb } from '../../cards/verbs.js';

const REF = {
  invitationId: '9e2d3f5b-0000-4000-8000-000000000002',
  conferenceId: '5b0f3c1e-2a4d-4c6b-9e1f-0a1b2c3d4e5f',
  cardVersion: 3,
};
const GOOD: Record<Verb, object> = {
  'welcome.show': {},
  'conferences.mine': {},
  'reports.mine': {},
  'rsvp.attendInPerson': REF,
  'rsvp.attendVirtually': REF,
  'rsvp.sendDeputy': { ...REF, deputyName: ' Sam Deputy ', deputyEmail: 'sam.deputy@agency.example.org' },
  'rsvp.reportOnly': REF,
  'rsvp.change': REF,
  'rsvp.refresh': REF,
  'readiness.refresh': { conferenceId: REF.conferenceId },
  'rsvp.recordFor': { conferenceId: REF.conferenceId, invitationId: REF.invitationId, answer: 'report-only' },
  'invitations.send': { conferenceId: REF.conferenceId, cardVersion: 1 },
  'readiness.goAhead': {
    conferenceId: REF.conferenceId,
    reason: 'The family have had the reports read to them',
  },
  'readiness.postpone': {
    conferenceId: REF.conferenceId,
    reason: 'The mother has not had the school report',
    newDate: '2026-12-14',
    newTime: '10:00',
    delayExplanation: '',
  },
  'coreGroup.slots.answer': {
    conferenceId: REF.conferenceId,
    meetingId: '9e2d3f5b-0000-4000-8000-000000000010',
    'slot-0': 'true',
    'slot-1': 'false',
  },
  'coreGroup.slots.none': {
    conferenceId: REF.conferenceId,
    meetingId: '9e2d3f5b-0000-4000-8000-000000000010',
  },
  'coreGroup.progress.refresh': {
    conferenceId: REF.conferenceId,
    meetingId: '9e2d3f5b-0000-4000-8000-000000000010',
  },
  'coreGroup.slots.refresh': {
    conferenceId: REF.conferenceId,
    meetingId: '9e2d3f5b-0000-4000-8000-000000000010',
  },
  'coreGroup.progress.send': {
    conferenceId: REF.conferenceId,
    meetingId: '9e2d3f5b-0000-4000-8000-000000000010',
    actionIds: ['a1'],
    'status-0': 'on-track',
    'comment-0': 'Booked for next week',
  },
};
const WITH_IDS = VERBS.filter(
  (v) => v !== 'welcome.show' && v !== 'conferences.mine' && v !== 'reports.mine',
);
const problemsOf = (verb: Verb, data: unknown): string[] => {
  const r = parsePayload(verb, data);
  return r.ok ? [] : r.problems;
};

describe('card payloads', () => {
  test('every verb has a schema and every answer verb records an answer', () => {
    expect(Object.keys(PAYLOADS).sort()).toEqual([...VERBS].sort());
    expect(Object.keys(ANSWER_VERBS).every((v) => (VERBS as readonly string[]).includes(v))).toBe(true);
  });

  test.each(VERBS)('%s accepts a good payload (and drops keys Teams merges in)', (verb) => {
    const r = parsePayload(verb, { ...GOOD[verb], somethingElse: 'x' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data).not.toHaveProperty('somethingElse');
  });

  test('the colleague’s name is trimmed', () => {
    const r = parsePayload('rsvp.sendDeputy', GOOD['rsvp.sendDeputy']);
    expect(r.ok && r.data.deputyName).toBe('Sam Deputy');
  });

  test.each(WITH_IDS)('%s rejects a missing conference reference, readably', (verb) => {
    const { conferenceId: _omit, ...rest } = GOOD[verb] as { conferenceId: string };
    expect(problemsOf(verb, rest)).toContain('The card is missing its conference reference.');
  });

  test('a colleague’s name that could become a link on the chair’s card is refused', () => {
    expect(
      problemsOf('rsvp.sendDeputy', {
        ...GOOD['rsvp.sendDeputy'],
        deputyName: '[Click me](https://example.org/x)',
      }),
    ).toEqual(['Leave out [ ] < >: names and roles are shown on cards as plain text.']);
    expect(
      problemsOf('rsvp.sendDeputy', {
        ...GOOD['rsvp.sendDeputy'],
        deputyName: 'Siân O’Sample-Jones (acting)',
      }),
    ).toEqual([]);
  });

  test('the record-an-answer form asks for who answered and what', () => {
    expect(problemsOf('rsvp.recordFor', { conferenceId: REF.conferenceId })).toEqual([
      'Choose who answered.',
      'Choose their answer.',
    ]);
    expect(problemsOf('rsvp.recordFor', { ...GOOD['rsvp.recordFor'], answer: 'maybe' })).toEqual([
      'Choose their answer.',
    ]);
  });

  test.each(WITH_IDS.filter((v) => v.startsWith('rsvp.') && v !== 'rsvp.recordFor'))(
    '%s rejects bad ids and versions',
    (verb) => {
      expect(problemsOf(verb, { ...GOOD[verb], invitationId: undefined })).toContain(
        'The card is missing its invitation reference.',
      );
      expect(problemsOf(verb, { ...GOOD[verb], invitationId: 'not-an-id' })).toContain(
        'The invitation reference is not valid.',
      );
      expect(problemsOf(verb, { ...GOOD[verb], cardVersion: '3' })).toContain(
        'The card version must be a number.',
      );
      expect(problemsOf(verb, { ...GOOD[verb], cardVersion: 2.5 })).toContain(
        'The card version must be a whole number.',
      );
    },
  );

  test.each<[string, object, string]>([
    ['no name', { deputyName: undefined }, 'Enter your colleague’s name.'],
    ['a blank name', { deputyName: '   ' }, 'Enter your colleague’s name.'],
    [
      'a very long name',
      { deputyName: 'x'.repeat(101) },
      'Your colleague’s name can be at most 100 characters.',
    ],
    ['no email', { deputyEmail: undefined }, 'Enter your colleague’s email address.'],
    [
      'a bad email',
      { deputyEmail: 'sam at agency' },
      'Enter your colleague’s email address like name@example.org.',
    ],
    [
      'a very long email',
      { deputyEmail: `${'a'.repeat(250)}@x.org` },
      'Your colleague’s email address can be at most 254 characters.',
    ],
    ['a number for a name', { deputyName: 42 }, 'Enter your colleague’s name.'],
  ])('rsvp.sendDeputy rejects %s', (_label, change, message) => {
    expect(problemsOf('rsvp.sendDeputy', { ...GOOD['rsvp.sendDeputy'], ...change })).toEqual([message]);
  });

  test.each([null, 'text', 42, ['a']])('a payload that is not an object (%p) is refused', (data) => {
    const problems = problemsOf('rsvp.reportOnly', data);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).not.toMatch(/expected|received|invalid_type/i);
  });
});
