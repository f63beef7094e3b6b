/**
 * A whole fictional conference record, built by folding real record events: the Sample family's
 * initial conference with a restricted part (Jo Sample leaves while Robin Sample speaks about her
 * safety), an unagreed worry, scaling, the plan, the decision and a dissent. Used by the letter and
 * minutes tests and by scripts/document-samples.ts.
 */
import {
  RecordCommand,
  decide,
  emptyRecord,
  evolve,
  recordPeople,
} from '../../bot/domain/conference-record/index.js';
import type { GridColumn, RecordState } from '../../bot/domain/conference-record/index.js';
import type { Conference } from '../../bot/domain/conference.js';
import type { Deadline } from '../../bot/domain/timescales/index.js';
import { computeDeadlines, englandAndWalesCalendar } from '../../bot/domain/timescales/index.js';
import { FIXTURE_INVITEES, buildConference } from './fixtures.js';

const invitee = (i: number) => FIXTURE_INVITEES[i] ?? fail(`no fixture invitee ${i}`);
function fail(message: string): never {
  throw new Error(message);
}
export const SOCIAL_WORKER = invitee(0);
export const HEALTH_VISITOR = invitee(1);
export const SCHOOL = invitee(2);
export const POLICE = invitee(3);
export const GP = invitee(4);
export const JO_ID = '7d1c2e4a-0000-4000-8000-000000000402';
export const ROBIN_ID = '7d1c2e4a-0000-4000-8000-000000000401';

/** Written during the restricted part: must never reach Jo, nor the family. */
export const RESTRICTED_TEXTS = {
  reason: 'Robin asked to speak about her own safety without Jo in the room.',
  worry: 'Robin is frightened of Jo when he has been drinking late at night.',
  action: 'Robin is given the number of the local domestic abuse service and a safe way to call it',
  howWeWillKnow: 'Robin tells the social worker on her own that she has the number saved',
} as const;
/** On the grid but never agreed: in the minutes, never in the letter. */
export const UNAGREED_TEXT = 'Jo may be drinking in the daytime as well.';
export const DISSENT_REASON = 'A child in need plan would be enough, as Robin is already asking for help.';

export function sampleConference(overrides: Partial<Conference> = {}): Conference {
  const base = buildConference();
  return buildConference({
    status: 'decided',
    minuteTaker: { name: 'Sam Scribe (fictional)', email: 'sam.scribe@council.example.org' },
    familyMembers: [
      ...base.familyMembers,
      {
        id: JO_ID,
        firstName: 'Jo',
        lastName: 'Sample',
        relationship: 'father',
        parentalResponsibility: true,
        communicationNeeds: { britishSignLanguage: false, makaton: false },
        mayNotAttendWith: [],
      },
    ],
    ...overrides,
  });
}

/** Runs record commands as the app would: parsed at the edge, decided, folded. */
export class RecordScript {
  state: RecordState = emptyRecord();
  private minute = 0;
  private readonly personIds: Set<string>;
  constructor(
    readonly conference: Conference,
    readonly day = '2026-03-05',
  ) {
    this.personIds = new Set(recordPeople(conference).map((p) => p.id));
  }
  /** Each command two minutes after the last, from 10:00 on the conference day. */
  run(command: unknown, actor = this.conference.chair?.aadObjectId ?? 'chair-aad'): string | undefined {
    const now = new Date(Date.parse(`${this.day}T10:00:00Z`) + this.minute++ * 120_000).toISOString();
    const event = decide(this.state, RecordCommand.parse(command), {
      actor,
      now,
      today: this.day,
      personIds: this.personIds,
    });
    this.state = evolve(this.state, event);
    return event.data.id as string | undefined;
  }
  grid(column: GridColumn, text: string, agreed = true): string {
    const id = this.run({ type: 'grid.add', column, text }) as string;
    if (agreed) this.run({ type: 'grid.agree', itemId: id, agreed: true });
    return id;
  }
}

export function sampleRecord(conference: Conference = sampleConference()): RecordState {
  const r = new RecordScript(conference);
  for (const p of recordPeople(conference)) r.run({ type: 'attendance.set', personId: p.id, present: true });
  for (const itemId of ['introductions', 'purpose', 'parents-describe-child', 'working-well'])
    r.run({ type: 'agenda.start', itemId });
  r.grid('working-well', 'Pip goes to school every day and loves drawing.');
  r.grid('working-well', 'Robin has asked for help with the night-time routine.');
  r.run({ type: 'agenda.start', itemId: 'worries' });
  const missed = r.grid('worries', 'Kit has missed three health visits since January.');
  const night = r.grid('worries', 'Nobody woke up when Kit cried in the night in February.');
  r.grid('worries', UNAGREED_TEXT, false);
  r.run({ type: 'restricted.start', reason: RESTRICTED_TEXTS.reason, excludedPersonIds: [JO_ID] });
  r.run({ type: 'attendance.set', personId: JO_ID, present: false });
  r.grid('worries', RESTRICTED_TEXTS.worry);
  r.run({
    type: 'plan.add',
    what: RESTRICTED_TEXTS.action,
    who: 'Alex Carter, social worker',
    byWhen: '2026-03-12',
    howWeWillKnow: RESTRICTED_TEXTS.howWeWillKnow,
  });
  r.run({ type: 'restricted.end' });
  r.run({ type: 'attendance.set', personId: JO_ID, present: true });
  r.run({ type: 'agenda.start', itemId: 'lived-experience' });
  r.grid('lived-experience', 'Pip says home is noisy at night and it is hard to sleep.');
  r.run({ type: 'agenda.start', itemId: 'danger-statement' });
  r.grid(
    'danger-statement',
    'We are worried that Kit could be hurt if nobody is awake to look after him at night.',
  );
  r.grid('safety-goal', 'Kit is always looked after at night by an adult who is awake and sober.');
  r.run({ type: 'agenda.start', itemId: 'scaling' });
  const scores: [string, number, string][] = [
    [conference.chair!.aadObjectId!, 4, 'Night care is not safe yet; school is going well.'],
    [SOCIAL_WORKER.aadObjectId!, 3, 'The night routine has not started.'],
    [HEALTH_VISITOR.aadObjectId!, 4, 'Missed visits, but Robin is now asking for help.'],
    [SCHOOL.aadObjectId!, 6, 'Pip is settled and comes to school every day.'],
    [POLICE.aadObjectId!, 5, 'No calls to the house since February.'],
  ];
  for (const [actor, score, reason] of scores) r.run({ type: 'scaling.give', score, reason }, actor);
  r.run({ type: 'scaling.share', shared: true });
  r.run({ type: 'agenda.start', itemId: 'plan' });
  r.run({
    type: 'plan.add',
    what: 'Robin and Jo agree a night-time routine for Kit with the social worker',
    who: 'Robin, Jo and Alex Carter',
    byWhen: '2026-03-19',
    howWeWillKnow: 'The routine is written down and checked at two home visits',
    worryItemId: night,
  });
  r.run({
    type: 'plan.add',
    what: 'Kit goes to every health visit, with the health visitor reminding Robin the day before',
    who: 'Asha Patel, health visitor',
    byWhen: '2026-04-30',
    howWeWillKnow: 'The health visitor records each visit and tells the core group',
    worryItemId: missed,
  });
  r.run({
    type: 'plan.contingency',
    text: 'If the night-time routine is not kept, the social worker will call a core group meeting within a week.',
  });
  r.run({
    type: 'plan.network',
    text: 'Grandma Lee Sample can stay over two nights a week and will come to the core group.',
    familyGroupConferenceOffered: true,
  });
  r.run({ type: 'agenda.start', itemId: 'decision' });
  r.run({
    type: 'decision.record',
    outcome: 'child-protection-plan',
    category: 'neglect',
    coreGroupPersonIds: [SOCIAL_WORKER.id, HEALTH_VISITOR.id, SCHOOL.id, ROBIN_ID, JO_ID],
    dissent: [{ personId: POLICE.id, reason: DISSENT_REASON }],
  });
  r.run({ type: 'attendance.set', personId: GP.id, present: false });
  r.run({ type: 'agenda.start', itemId: 'core-group' });
  r.run({ type: 'agenda.start', itemId: 'close' });
  return r.state;
}

/** The deadlines after the conference, exactly as the timescales module gives them. */
export const sampleDeadlines = (c: Conference = sampleConference()): Deadline[] =>
  computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      scheduledStart: c.scheduledStart,
      heldOn: c.scheduledStart?.slice(0, 10),
    },
    englandAndWalesCalendar(),
  );
