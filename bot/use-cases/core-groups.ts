/**
 * The core group after a child protection plan (seeds 002, 003 §2.10-§2.11, 004): arranging each
 * meeting: times offered from free/busy, members answer, the time is fixed once enough can come, the
 * meeting is marked held and the next offered. Progress is in core-group-progress.ts. One use case for
 * the card, the API and the jobs (STYLE.md #3).
 */
import { DateTime } from 'luxon';
import type { Clock } from '../domain/clock.js';
import type { Conference } from '../domain/conference.js';
import { foldRecord } from '../domain/conference-record/index.js';
import type { RecordState } from '../domain/conference-record/state.js';
import { recordPeople } from '../domain/conference-record/views.js';
import type { RecordPerson } from '../domain/conference-record/views.js';
import { chooseSlot, heldDay, nextMeetingDue } from '../domain/core-group/index.js';
import type { CoreGroupMeeting, Member, ProgressUpdate } from '../domain/core-group/index.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { CoreGroupStore, StoredConference } from '../domain/ports.js';
import { computeDeadlines, dueFor } from '../domain/timescales/index.js';
import type { Deadline } from '../domain/timescales/index.js';
import type { RecordRepository } from '../store/record-repository.js';
import { proposeCoreGroupSlots, proposeFirstCoreGroupSlots } from './core-group-slots.js';
import type { CoreGroupSlotDeps } from './core-group-slots.js';

export interface CoreGroupDeps extends CoreGroupSlotDeps {
  records: Pick<RecordRepository, 'events'>;
  groups: CoreGroupStore;
  managerIds: readonly string[];
  kickOutbox(): void;
  clock: Clock;
  /** True once the plan ended without a review (bot/use-cases/after-conference.ts): nothing more to chase. */
  planEnded?(conferenceId: string): Promise<boolean>;
}

/** Everything about one conference's core group, read together. */
export interface CoreGroup {
  conference: StoredConference;
  record: RecordState;
  people: RecordPerson[];
  members: (Member & { person: RecordPerson })[];
  meetings: CoreGroupMeeting[];
  updates: ProgressUpdate[];
}

const DURATION = 60;
/** Times for a later meeting are looked for in the last 10 working days before it is due. */
const LATER_WINDOW_WORKING_DAYS = 10;

const notFound = () =>
  new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
export const illegal = (message: string) => new DomainError(ErrorCodes.ILLEGAL_TRANSITION, message);

export const londonToday = (now: Date): string =>
  DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate() as string;

/**
 * The core group's members: the lead social worker (required) and the professionals the decision named.
 * Family members are left out: they have no Teams and the lead social worker arranges with them.
 */
export function coreGroupMembers(people: readonly RecordPerson[], record: RecordState) {
  const named = new Set(record.decision?.coreGroupPersonIds ?? []);
  return people
    .filter((p) => p.role !== 'family' && (p.role === 'lead-social-worker' || named.has(p.id)))
    .map((person) => ({ id: person.id, required: person.role === 'lead-social-worker', person }));
}

/** Loads the core group; refused when the conference has not decided on a child protection plan. */
export async function loadCoreGroup(deps: CoreGroupDeps, conferenceId: string): Promise<CoreGroup> {
  const conference = await deps.conferences.getConference(conferenceId);
  if (!conference) throw notFound();
  const record = foldRecord(await deps.records.events(conferenceId));
  if (record.decision?.outcome !== 'child-protection-plan')
    throw illegal('There is no core group: the conference has not decided on a child protection plan.');
  const people = recordPeople(conference);
  const [meetings, updates] = await Promise.all([
    deps.groups.meetings(conferenceId),
    deps.groups.updates(conferenceId),
  ]);
  return { conference, record, people, members: coreGroupMembers(people, record), meetings, updates };
}

/** The review conference's deadline, which no core group meeting may pass (seed 003 §2.10). */
function reviewDue(deps: CoreGroupDeps, c: Conference, record: RecordState): string | undefined {
  if (!c.scheduledStart) return undefined;
  const deadlines = computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
      scheduledStart: c.scheduledStart,
      heldOn: c.scheduledStart.slice(0, 10),
      ...(record.decision ? { decisionRecordedOn: londonToday(new Date(record.decision.recordedAt)) } : {}),
    },
    deps.timescales.calendar,
    deps.timescales.settings,
  );
  return (dueFor(deadlines, 'first-review') ?? dueFor(deadlines, 'next-review'))?.due;
}

/** When the next meeting is due and the days to look for times in. */
function nextWindow(
  deps: CoreGroupDeps,
  g: CoreGroup,
): { window: { from: string; to: string }; deadline: Deadline } {
  const last = g.meetings.filter((m) => m.status === 'held').at(-1);
  const day = last && heldDay(last);
  if (!day) throw illegal('Mark the last core group meeting held before arranging the next one.');
  const cal = deps.timescales.calendar;
  const deadline = nextMeetingDue(
    day,
    reviewDue(deps, g.conference, g.record),
    cal,
    deps.timescales.settings,
  );
  const tomorrow = cal.addWorkingDays(londonToday(deps.clock.now()), 1);
  const early = cal.addWorkingDays(deadline.due, -LATER_WINDOW_WORKING_DAYS);
  const from = early > tomorrow ? early : tomorrow;
  return { window: { from, to: from > deadline.due ? from : deadline.due }, deadline };
}

/**
 * Offers times for the next meeting (the first within 10 working days of the conference; later ones
 * in the days before they are due) and sends every member the scheduling card.
 */
export async function proposeNextMeeting(
  deps: CoreGroupDeps,
  conferenceId: string,
): Promise<CoreGroupMeeting> {
  const g = await loadCoreGroup(deps, conferenceId);
  if (g.meetings.some((m) => m.status === 'proposed' || m.status === 'scheduled'))
    throw illegal(
      'The next core group meeting is already being arranged. Mark it held or wait for answers first.',
    );
  const options = { durationMinutes: DURATION, max: 5 };
  const proposal = g.meetings.some((m) => m.status === 'held')
    ? await (async () => {
        const { window, deadline } = nextWindow(deps, g);
        return proposeCoreGroupSlots(deps, g.conference, window, deadline, options);
      })()
    : await proposeFirstCoreGroupSlots(deps, conferenceId, options);
  if (proposal.slots.length === 0)
    throw illegal('There are no working-day times left before the core group is due. Arrange it by hand.');
  const meeting = await deps.groups.propose({
    conferenceId,
    dueOn: proposal.deadline.due,
    durationMinutes: DURATION,
    offeredSlots: proposal.slots.map(({ start, end, label }) => ({ start, end, label })),
    messagesFor: (meetingId) =>
      g.members.map((m) => ({
        kind: 'core-group-slots',
        payload: { meetingId, personId: m.id },
        dedupeKey: `core-group-slots:${meetingId}:${m.id}`,
      })),
    now: deps.clock.now(),
  });
  deps.kickOutbox();
  return meeting;
}

/** The member a signed-in person is in this core group, if any. */
export const memberOf = (g: CoreGroup, aadObjectId: string | undefined) =>
  aadObjectId ? g.members.find((m) => m.person.aadObjectId === aadObjectId) : undefined;

/** The meeting of this conference with this id, or a kind refusal. */
export function meetingOf(g: CoreGroup, meetingId: string): CoreGroupMeeting {
  const meeting = g.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new DomainError(ErrorCodes.NOT_FOUND, 'That core group meeting could not be found.');
  return meeting;
}

/**
 * A member's answer to the offered times ("I can come" to some, or none of them). Once every required
 * member and at least half of the others can come to one time, it is fixed and the calendar event follows.
 */
export async function answerSlots(
  deps: CoreGroupDeps,
  args: { conferenceId: string; meetingId: string; aadObjectId: string | undefined; canCome: string[] },
): Promise<{ group: CoreGroup; meeting: CoreGroupMeeting; personId: string }> {
  const g = await loadCoreGroup(deps, args.conferenceId);
  const member = memberOf(g, args.aadObjectId);
  if (!member)
    throw new DomainError(
      ErrorCodes.NOT_ALLOWED_FOR_ROLE,
      'Only members of this core group answer its meeting times.',
    );
  const meeting = meetingOf(g, args.meetingId);
  if (meeting.status !== 'proposed') return { group: g, meeting, personId: member.id };
  const offered = new Set(meeting.offeredSlots.map((s) => s.start));
  const canCome = [...new Set(args.canCome)].filter((s) => offered.has(s));
  const now = deps.clock.now();
  await deps.groups.answerSlots(meeting.id, member.id, canCome, now);
  const answers = [
    ...meeting.answers.filter((a) => a.personId !== member.id),
    { personId: member.id, canCome, at: now.toISOString() },
  ];
  const choice = chooseSlot(meeting.offeredSlots, answers, g.members);
  if (choice.kind === 'chosen') await fix(deps, meeting, choice.slot.start);
  const after = (await deps.groups.getMeeting(meeting.id)) ?? meeting;
  return { group: g, meeting: after, personId: member.id };
}

async function fix(deps: CoreGroupDeps, meeting: CoreGroupMeeting, start: string): Promise<boolean> {
  const fixed = await deps.groups.schedule(
    meeting.id,
    start,
    [
      {
        kind: 'core-group-calendar',
        payload: { meetingId: meeting.id },
        dedupeKey: `core-group-calendar:${meeting.id}:${start}`,
      },
    ],
    deps.clock.now(),
  );
  if (fixed) deps.kickOutbox();
  return fixed;
}

/** The chair or lead social worker fixes a time themselves (by phone with the family, say). */
export async function scheduleMeeting(
  deps: CoreGroupDeps,
  args: { conferenceId: string; meetingId: string; start: string },
): Promise<CoreGroupMeeting> {
  const g = await loadCoreGroup(deps, args.conferenceId);
  const meeting = meetingOf(g, args.meetingId);
  const start = DateTime.fromISO(args.start, { setZone: true });
  if (!start.isValid || start.toJSDate() <= deps.clock.now())
    throw new DomainError(ErrorCodes.VALIDATION_FAILED, 'Choose a time that is still to come.', [
      { path: 'start', message: 'Use a future date and time like 2026-12-08T10:00:00+00:00.' },
    ]);
  if (!(await fix(deps, meeting, start.toISO() ?? args.start)))
    throw illegal('Only a meeting whose times are still being asked about can be fixed.');
  return (await deps.groups.getMeeting(meeting.id)) ?? meeting;
}

/**
 * The chair or lead social worker cancels a meeting not yet held, with the reason (kept on the record,
 * never put in the calendar note). Its calendar event is cancelled; a new meeting can then be offered.
 */
export async function cancelMeeting(
  deps: CoreGroupDeps,
  args: { conferenceId: string; meetingId: string; reason: string },
): Promise<CoreGroupMeeting> {
  const g = await loadCoreGroup(deps, args.conferenceId);
  const meeting = meetingOf(g, args.meetingId);
  const cancelled = await deps.groups.cancel(
    meeting.id,
    args.reason,
    [
      {
        kind: 'core-group-cancelled',
        payload: { meetingId: meeting.id },
        dedupeKey: `core-group-cancelled:${meeting.id}`,
      },
    ],
    deps.clock.now(),
  );
  if (!cancelled)
    throw illegal(
      meeting.status === 'held'
        ? 'That core group meeting was held, so it cannot be cancelled.'
        : 'That core group meeting is already cancelled.',
    );
  deps.kickOutbox();
  return (await deps.groups.getMeeting(meeting.id)) ?? meeting;
}

/** Marks a scheduled meeting held and offers times for the next one (seeds 002, 004: about every 6 weeks). */
export async function markMeetingHeld(
  deps: CoreGroupDeps,
  args: { conferenceId: string; meetingId: string },
): Promise<{
  held: CoreGroupMeeting;
  next?: CoreGroupMeeting | undefined;
  nextProblem?: string | undefined;
}> {
  const g = await loadCoreGroup(deps, args.conferenceId);
  const meeting = meetingOf(g, args.meetingId);
  if (!meeting.startsAt || new Date(meeting.startsAt) > deps.clock.now())
    throw illegal('A meeting can be marked held only once its time has come.');
  if (!(await deps.groups.markHeld(meeting.id, deps.clock.now())))
    throw illegal('Only a scheduled meeting can be marked held.');
  const held = (await deps.groups.getMeeting(meeting.id)) ?? meeting;
  try {
    return { held, next: await proposeNextMeeting(deps, args.conferenceId) };
  } catch (e) {
    // The meeting stays held; the reason the next could not be offered is shown to the person.
    if (e instanceof DomainError) return { held, nextProblem: e.message };
    throw e;
  }
}
