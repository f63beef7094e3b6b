import fc from 'fast-check';
import { may, rolesOf } from '../../bot/domain/access.js';
import type { ConferenceRole, RecordAbility } from '../../bot/domain/access.js';
import {
  GridColumns,
  RecordCommand,
  chairView,
  checkSmart,
  decide,
  emptyRecord,
  evolve,
  recordPeople,
  stageView,
} from '../../bot/domain/conference-record/index.js';
import type { RecordState } from '../../bot/domain/conference-record/index.js';
import { DomainError } from '../../bot/domain/errors.js';
import { buildConference, FIXTURE_INVITEES } from '../fakes/fixtures.js';

const conference = buildConference();
const people = recordPeople(conference);
const CHAIR = conference.chair!.aadObjectId!;
const ctx = (actor = CHAIR, minute = 0) => ({
  actor,
  now: new Date(Date.UTC(2026, 2, 5, 10, minute)).toISOString(),
  today: '2026-03-05',
  personIds: new Set(people.map((p) => p.id)),
});
const readiness = {
  answered: 0,
  invited: 5,
  reportsIn: 0,
  reportsExpected: 5,
  reportsRead: 0,
  reportsSharedWithFamily: 0,
};

/** Runs commands (parsed as at the edge) and returns the record. */
function run(commands: unknown[], actor = CHAIR, start: RecordState = emptyRecord()): RecordState {
  return commands.reduce<RecordState>(
    (s, c, i) => evolve(s, decide(s, RecordCommand.parse(c), ctx(actor, i))),
    start,
  );
}
const refusal = (s: RecordState, command: unknown) => {
  try {
    decide(s, RecordCommand.parse(command), ctx());
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('not refused');
};

const action = {
  type: 'plan.add',
  what: 'Take Pip to the dentist for a check-up',
  who: 'Robin Sample',
  byWhen: '2026-04-01',
  howWeWillKnow: 'The dentist sends a letter confirming the visit',
};

describe('the record', () => {
  test('each change is one version; starting an agenda item ends the one before', () => {
    const s = run([
      { type: 'agenda.start', itemId: 'introductions' },
      { type: 'agenda.start', itemId: 'purpose' },
    ]);
    expect(s.version).toBe(2);
    expect(s.currentAgendaItemId).toBe('purpose');
    expect(s.agenda.introductions).toEqual({
      startedAt: '2026-03-05T10:00:00.000Z',
      endedAt: '2026-03-05T10:01:00.000Z',
    });
  });

  test('what is written during a restricted part is restricted, and only then', () => {
    const s = run([
      { type: 'restricted.start', reason: 'Third-party information', excludedPersonIds: [people[1]!.id] },
      { type: 'grid.add', column: 'worries', text: 'Inside' },
      action,
      { type: 'restricted.end' },
      { type: 'grid.add', column: 'worries', text: 'Outside' },
    ]);
    expect(s.grid.map((g) => [g.text, g.restricted])).toEqual([
      ['Inside', true],
      ['Outside', false],
    ]);
    expect(s.actions[0]!.restricted).toBe(true);
    expect(s.restrictedParts[0]).toMatchObject({
      reason: 'Third-party information',
      endedAt: expect.any(String),
    });
  });

  test('someone excluded from a restricted part never receives what was written in it, nor its reason', () => {
    const alex = FIXTURE_INVITEES[0]!;
    const s = run([
      { type: 'restricted.start', reason: 'Alex is a witness', excludedPersonIds: [alex.id] },
      { type: 'grid.add', column: 'worries', text: 'Written without Alex' },
      { ...action, what: 'An action agreed without Alex present' },
      { type: 'restricted.end' },
      { type: 'restricted.start', reason: 'Third-party information', excludedPersonIds: [] },
      { type: 'grid.add', column: 'worries', text: 'Written with Alex present' },
      { type: 'restricted.end' },
    ]);
    const theirs = JSON.stringify(
      chairView(conference, s, { viewer: alex.aadObjectId!, today: '2026-03-05', readiness }),
    );
    expect(theirs).not.toMatch(/without Alex|Alex is a witness/);
    expect(theirs).toContain('Written with Alex present');
    const chairs = JSON.stringify(
      chairView(conference, s, { viewer: CHAIR, today: '2026-03-05', readiness }),
    );
    expect(chairs).toContain('Written without Alex');
    expect(chairs).toContain('Alex is a witness');
  });

  test('an edited grid item has to be agreed again', () => {
    const s = run([
      { type: 'grid.add', column: 'working-well', text: 'Robin walks Pip to school' },
      { type: 'grid.agree', itemId: 'g1', agreed: true },
      { type: 'grid.edit', itemId: 'g1', text: 'Robin walks Pip to school every day' },
    ]);
    expect(s.grid[0]).toMatchObject({ text: 'Robin walks Pip to school every day', agreed: false });
  });

  test('the decision is refused until the plan has an action (seed 000 principle 9)', () => {
    const decision = { type: 'decision.record', outcome: 'early-help', coreGroupPersonIds: [], dissent: [] };
    expect(refusal(emptyRecord(), decision).code).toBe('DECISION_BEFORE_PLAN');
    const s = run([action, decision]);
    expect(s.decision).toMatchObject({ outcome: 'early-help', recordedAt: expect.any(String) });
  });

  test('a child protection plan needs its category; other outcomes drop one', () => {
    const cp = {
      type: 'decision.record',
      outcome: 'child-protection-plan',
      coreGroupPersonIds: [],
      dissent: [],
    };
    const parsed = RecordCommand.safeParse(cp);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['category']);
    const s = run([action, { ...cp, outcome: 'child-in-need-plan', category: 'neglect' }]);
    expect(s.decision?.category).toBeUndefined();
  });

  test('refusals say what to fix: unknown items and people, past dates, a second restricted part', () => {
    expect(refusal(emptyRecord(), { type: 'grid.agree', itemId: 'g9', agreed: true }).code).toBe('NOT_FOUND');
    expect(refusal(emptyRecord(), { type: 'checklist.set', itemId: 'nope', done: true }).code).toBe(
      'NOT_FOUND',
    );
    expect(
      refusal(emptyRecord(), { type: 'attendance.set', personId: 'someone-else', present: true }).details,
    ).toEqual([{ path: 'command.personId', message: 'This person is not in this conference.' }]);
    expect(refusal(emptyRecord(), { ...action, byWhen: '2026-03-05' }).details[0]?.path).toBe(
      'command.byWhen',
    );
    const started = run([{ type: 'restricted.start', reason: 'Exclusion', excludedPersonIds: [] }]);
    expect(refusal(started, { type: 'restricted.start', reason: 'Again', excludedPersonIds: [] }).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(refusal(emptyRecord(), { type: 'restricted.end' }).code).toBe('ILLEGAL_TRANSITION');
  });

  test('a plan action can answer a worry on the grid, not a strength', () => {
    const s = run([
      { type: 'grid.add', column: 'working-well', text: 'Good school attendance' },
      { type: 'grid.add', column: 'worries', text: 'Pip has missed dental care' },
    ]);
    expect(refusal(s, { ...action, worryItemId: 'g1' }).details[0]?.path).toBe('command.worryItemId');
    expect(run([{ ...action, worryItemId: 'g2' }], CHAIR, s).actions[0]?.worryItemId).toBe('g2');
  });
});

describe('the Teams meeting', () => {
  const link = {
    type: 'meeting.link',
    meetingId: 'MCMxOTptZWV0aW5nX0ZpY3Rpb25hbEB0aHJlYWQudjIjMA==',
    chatId: '19:meeting_Fictional@thread.v2',
  };

  test('the latest link is the one prompts use; the chair sees it, the stage never does', () => {
    const s = run([link, { ...link, meetingId: 'MCMxOTpvdGhlcg==' }]);
    expect(s.meeting).toMatchObject({ meetingId: 'MCMxOTpvdGhlcg==', chatId: link.chatId });
    const view = chairView(conference, s, { viewer: CHAIR, today: '2026-03-05', readiness });
    expect(view.meeting?.meetingId).toBe('MCMxOTpvdGhlcg==');
    expect(JSON.stringify(stageView(conference, s))).not.toContain('MCMxOTpvdGhlcg');
  });

  test.each([
    ['meetingId', '<b>meeting</b>'],
    ['meetingId', 'has spaces in it'],
    ['meetingId', 'A'.repeat(513)],
    ['chatId', '19:meeting"onload=x@thread.v2'],
    ['chatId', ''],
  ])('a %s like %j is refused', (field, value) => {
    const parsed = RecordCommand.safeParse({ ...link, [field]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });

  test('a prompt that could not be sent keeps its reason; a sent one has none', () => {
    const at = ctx().now;
    const prompt = (data: Record<string, unknown>) =>
      evolve(emptyRecord(), { version: 1, actor: CHAIR, at, type: 'prompt.send', data }).prompts[0];
    const base = { kind: 'camera', personIds: ['chair'] };
    expect(prompt({ ...base, delivered: [], notSent: 'no-meeting' })).toEqual({
      ...base,
      sentAt: at,
      delivered: [],
      notSent: 'no-meeting',
    });
    expect(prompt({ ...base, delivered: ['chair'] })).toEqual({ ...base, sentAt: at, delivered: ['chair'] });
  });
});

describe('scaling', () => {
  const hv = FIXTURE_INVITEES[1]!.aadObjectId!;
  const school = FIXTURE_INVITEES[2]!.aadObjectId!;
  const scored = run(
    [
      { type: 'scaling.give', score: 3, reason: 'Worried about the home' },
      { type: 'scaling.give', score: 6, reason: 'School sees progress' },
    ].map((c) => c),
    hv,
  );
  const both = run([{ type: 'scaling.give', score: 6, reason: 'Good attendance' }], school, scored);

  test('each person has one score, their latest; the chair sees the distribution and each reason', () => {
    const view = chairView(conference, both, { viewer: CHAIR, today: '2026-03-05', readiness });
    expect(view.scaling.count).toBe(2);
    expect(view.scaling.distribution).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0]);
    expect(view.scaling.entries).toEqual([
      { personId: FIXTURE_INVITEES[1]!.id, score: 6, reason: 'School sees progress' },
      { personId: FIXTURE_INVITEES[2]!.id, score: 6, reason: 'Good attendance' },
    ]);
    expect(view.scaling.mine).toBeUndefined();
    expect(chairView(conference, both, { viewer: hv, today: '2026-03-05', readiness }).scaling.mine).toEqual({
      score: 6,
      reason: 'School sees progress',
    });
  });

  test('the stage gets no scaling until the chair shares it, then only the distribution', () => {
    expect(stageView(conference, both).scaling).toBeUndefined();
    const shared = run([{ type: 'scaling.share', shared: true }], CHAIR, both);
    expect(stageView(conference, shared).scaling).toEqual({
      distribution: [0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0],
      count: 2,
    });
    expect(JSON.stringify(stageView(conference, shared))).not.toMatch(/attendance|progress|Worried/);
  });
});

describe('the stage never leaks', () => {
  const names = [
    ...people.map((p) => p.name),
    ...conference.familyMembers.map((f) => f.lastName),
    ...conference.invitees.map((i) => i.email),
  ];
  const secretText = fc.constantFrom('SECRET-ALPHA', 'SECRET-BETA', 'SECRET-GAMMA');
  const publicText = fc.constantFrom('Walks to school', 'Sees the dentist', 'Has a bedtime routine');
  const itemId = fc.integer({ min: 1, max: 25 }).map((n) => `g${n}`);
  const step = fc.oneof(
    fc.record({ kind: fc.constant('restricted'), on: fc.boolean() }),
    fc.record({
      kind: fc.constant('add'),
      column: fc.constantFrom(...GridColumns),
      secret: secretText,
      open: publicText,
    }),
    fc.record({ kind: fc.constant('agree'), itemId, agreed: fc.boolean() }),
    fc.record({ kind: fc.constant('edit'), itemId, text: publicText }),
    fc.record({ kind: fc.constant('show'), show: fc.boolean() }),
    fc.record({
      kind: fc.constant('score'),
      score: fc.integer({ min: 0, max: 10 }),
      who: fc.integer({ min: 0, max: 4 }),
    }),
    fc.record({ kind: fc.constant('share'), shared: fc.boolean() }),
    fc.record({ kind: fc.constant('plan'), secret: secretText }),
  );

  test('restricted items, unagreed items (unless shown), names and reasons never reach the stage', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let s = emptyRecord();
        const apply = (c: unknown, actor = CHAIR) => {
          try {
            s = evolve(s, decide(s, RecordCommand.parse(c), ctx(actor)));
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
          }
        };
        for (const st of steps) {
          const restricted = s.restrictedParts.some((p) => !p.endedAt);
          if (st.kind === 'restricted')
            apply(
              st.on
                ? { type: 'restricted.start', reason: 'Exclusion', excludedPersonIds: [] }
                : { type: 'restricted.end' },
            );
          if (st.kind === 'add')
            // Secret text only inside a restricted part; open text only outside one.
            apply({ type: 'grid.add', column: st.column, text: restricted ? st.secret : st.open });
          if (st.kind === 'agree') apply({ type: 'grid.agree', itemId: st.itemId, agreed: st.agreed });
          if (st.kind === 'edit' && !restricted)
            apply({ type: 'grid.edit', itemId: st.itemId, text: st.text });
          if (st.kind === 'show') apply({ type: 'stage.showUnagreed', show: st.show });
          if (st.kind === 'score')
            apply(
              { type: 'scaling.give', score: st.score, reason: `REASON-${st.who}` },
              FIXTURE_INVITEES[st.who]!.aadObjectId!,
            );
          if (st.kind === 'share') apply({ type: 'scaling.share', shared: st.shared });
          if (st.kind === 'plan' && restricted) apply({ ...action, what: st.secret });
        }
        const stage = stageView(conference, s);
        const text = JSON.stringify(stage);
        expect(text).not.toMatch(/SECRET|REASON/);
        for (const name of names) expect(text).not.toContain(name);
        for (const g of stage.grid) {
          const stored = s.grid.find((x) => x.id === g.id)!;
          expect(stored.restricted).toBe(false);
          if (!s.stageShowsUnagreed) expect(stored.agreed).toBe(true);
        }
        expect(Object.keys(stage).sort()).toEqual(
          expect.arrayContaining(['childFirstNames', 'conferenceId', 'grid', 'kindLabel', 'plan', 'version']),
        );
        if (!s.scalingShared) expect(stage.scaling).toBeUndefined();
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});

describe('SMART plan actions', () => {
  const good = {
    what: 'Take Pip to the dentist for a check-up',
    who: 'Robin Sample',
    byWhen: '2026-04-01',
    howWeWillKnow: 'The dentist sends a letter confirming the visit',
  };
  const failing = (a: typeof good) =>
    checkSmart(a, '2026-03-05')
      .filter((f) => !f.ok)
      .map((f) => f.criterion);

  test.each([
    ['a good action', good, []],
    ['a vague what', { ...good, what: 'Engage with services' }, ['specific']],
    ['no way to know', { ...good, howWeWillKnow: 'We will see' }, ['measurable']],
    ['nobody in particular', { ...good, who: 'Everyone' }, ['achievable']],
    [
      'too much in one',
      { ...good, what: 'Clean the house and fix the boiler and attend parenting class and see the GP' },
      ['realistic'],
    ],
    ['a date already past', { ...good, byWhen: '2026-03-01' }, ['timely']],
  ])('%s', (_name, a, expected) => {
    expect(failing(a)).toEqual(expected);
  });

  test('each criterion not met has a hint; met ones have none', () => {
    const findings = checkSmart({ ...good, who: 'tbc', byWhen: '2026-01-01' }, '2026-03-05');
    expect(findings.map((f) => f.criterion)).toEqual([
      'specific',
      'measurable',
      'achievable',
      'realistic',
      'timely',
    ]);
    for (const f of findings) expect(Boolean(f.hint)).toBe(!f.ok);
  });

  test('the chair’s view shows the SMART check and plain-language findings of each action', () => {
    const s = run([{ ...action, what: 'Complete the CIN paperwork with the LAC team' }]);
    const view = chairView(conference, s, { viewer: CHAIR, today: '2026-03-05', readiness });
    expect(view.plan.actions[0]!.smart).toHaveLength(5);
    expect(view.plan.actions[0]!.plainLanguage.map((f) => f.term)).toEqual(
      expect.arrayContaining(['CIN', 'LAC']),
    );
  });
});

describe('roles', () => {
  const manager = '00000000-0000-4000-8000-00000000abcd';
  const cases: [string, string, ConferenceRole[]][] = [
    ['the chair', CHAIR, ['chair']],
    ['an invited professional', FIXTURE_INVITEES[1]!.aadObjectId!, ['professional']],
    ['a manager', manager, ['manager']],
    ['a stranger', '00000000-0000-4000-8000-00000000ffff', []],
  ];
  test.each(cases)('%s', (_n, id, roles) => {
    expect(rolesOf(conference, id, [manager])).toEqual(roles);
  });

  const abilities: RecordAbility[] = [
    'change-record',
    'add-grid-item',
    'give-own-score',
    'read-stage',
    'read-chair',
  ];
  test.each<[ConferenceRole[], boolean[]]>([
    [['chair'], [true, true, true, true, true]],
    [['lead-social-worker'], [false, false, true, true, true]],
    [['minute-taker'], [false, true, true, true, true]],
    [['professional'], [false, false, true, true, false]],
    [['family'], [false, false, true, true, false]],
    [['manager'], [false, false, false, true, true]],
    [[], [false, false, false, false, false]],
  ])('%j may %j', (roles, allowed) => {
    expect(abilities.map((a) => may(roles, a, conference))).toEqual(allowed);
  });

  test('without a chair, the lead social worker runs the record', () => {
    const unchaired = buildConference({ chair: undefined });
    expect(may(['lead-social-worker'], 'change-record', unchaired)).toBe(true);
  });
});

describe('the outline agenda at a review', () => {
  test('keeps the same items and adds the focus on progress against the plan (seed 003 §2.10)', () => {
    const view = (kind: 'initial' | 'review') =>
      chairView(buildConference({ kind }), emptyRecord(), { viewer: CHAIR, today: '2026-03-05', readiness });
    const initial = view('initial').agenda;
    const review = view('review').agenda;
    expect(review.map((i) => i.id)).toEqual(initial.map((i) => i.id));
    const prompts = (agenda: typeof review, id: string) => agenda.find((i) => i.id === id)!.prompts.join(' ');
    expect(prompts(review, 'working-well')).toContain('core group progress report');
    expect(prompts(initial, 'working-well')).not.toContain('core group progress report');
    expect(prompts(review, 'plan')).toContain('keep it, change it or end it');
  });
});
