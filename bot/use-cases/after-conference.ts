/**
 * After the conference (seed 003 §4; DESIGN.md §1): the chair approves the decision letter and it goes to
 * everyone invited except those the conference agreed should not be informed; parents who were not there
 * become a task for the lead social worker, due within 24 hours; the chair confirms every restricted item
 * and approves the minutes, each person receiving the copy they may have; a plan can end without a
 * review; the review conference is requested from the plan's conference. Each step either happens or
 * shows as overdue in the overview.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { absentParents, recipientPlan } from '../domain/after-conference/recipients.js';
import { reviewRequest } from '../domain/after-conference/review.js';
import { afterDeadlines, dueInstant, heldOn } from '../domain/after-conference/timeline.js';
import { PlanEndReasons, type PlanEndReason } from '../domain/case-system.js';
import type { Clock } from '../domain/clock.js';
import type { Conference, ConferenceRequestInput, ConferenceStatus } from '../domain/conference.js';
import { ConferenceRequestInput as RequestSchema } from '../domain/conference.js';
import { foldRecord, type RecordState } from '../domain/conference-record/index.js';
import type { Decision } from '../domain/conference-record/state.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { transition } from '../domain/lifecycle.js';
import { IsoDate } from '../domain/people.js';
import type { ConferenceStore, StoredConference } from '../domain/ports.js';
import { dueFor, withStatus, type Deadline } from '../domain/timescales/index.js';
import type {
  AfterConferenceMessage,
  AfterConferenceRepository,
  FollowUpTask,
} from '../store/after-conference-repository.js';
import type { RecordRepository } from '../store/record-repository.js';
import type { TimescaleContext } from './conference-view.js';

/** Restricted text the chair must confirm before the minutes go (ids as the minutes draft gives them). */
export interface RestrictedItem {
  id: string;
  partId: string;
  kind: string;
  text: string;
}

/** Drafting and rendering, kept behind a port so this module holds the workflow only. */
export interface AfterConferenceDocuments {
  letter(
    conference: Conference,
    record: RecordState,
    deadlines: Deadline[],
  ): { subject: string; html: string; text: string };
  minutes(conference: Conference, record: RecordState, deadlines: Deadline[]): { html: string; text: string };
  restrictedItems(conference: Conference, record: RecordState): RestrictedItem[];
}

export interface AfterConferenceDeps {
  conferences: ConferenceStore;
  records: Pick<RecordRepository, 'events'>;
  after: AfterConferenceRepository;
  clock: Clock;
  timescales: TimescaleContext;
  documents: AfterConferenceDocuments;
  /** The case-management system hears that a plan ended (bot/use-cases/case-system.ts). */
  planEnded(conferenceId: string, reason: PlanEndReason): Promise<void>;
  /** Creates the review conference (bot/use-cases/conferences.ts requestConference). */
  requestConference(request: ConferenceRequestInput): Promise<{ id: string; reference: string }>;
  /**
   * Starts the review conference's core group progress report from the core group's updates on the plan
   * (seed 003 §2.10, §4.5), as a draft for the lead social worker; its id, or undefined with no updates.
   */
  seedReviewReport?(reviewConferenceId: string, planConferenceId: string): Promise<string | undefined>;
  kickOutbox(): void;
}

interface Loaded {
  conference: StoredConference;
  record: RecordState;
  decision: Decision;
  deadlines: Deadline[];
}

const notFound = () =>
  new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');

async function load(
  deps: AfterConferenceDeps,
  conferenceId: string,
): Promise<Omit<Loaded, 'decision' | 'deadlines'> & Partial<Loaded>> {
  const conference = await deps.conferences.getConference(conferenceId);
  if (!conference) throw notFound();
  const record = foldRecord(await deps.records.events(conferenceId));
  const decision = record.decision;
  if (!decision) return { conference, record };
  const { calendar, settings } = deps.timescales;
  return {
    conference,
    record,
    decision,
    deadlines: afterDeadlines(conference, decision, calendar, settings),
  };
}

async function loadDecided(deps: AfterConferenceDeps, conferenceId: string): Promise<Loaded> {
  const loaded = await load(deps, conferenceId);
  if (!loaded.decision || !loaded.deadlines)
    throw new DomainError(
      ErrorCodes.NO_DECISION_YET,
      'The conference has not recorded its decision yet. Record the plan and the decision first.',
    );
  return loaded as Loaded;
}

/** Everything after the conference at a glance, with each deadline's status today. */
export async function afterConferenceOverview(deps: AfterConferenceDeps, conferenceId: string) {
  const loaded = await load(deps, conferenceId);
  const now = deps.clock.now();
  const [letter, minutes, tasks, ending] = await Promise.all([
    deps.after.letter(conferenceId),
    deps.after.minutes(conferenceId),
    deps.after.tasks(conferenceId),
    deps.after.planEnding(conferenceId),
  ]);
  const { conference, decision } = loaded;
  const names = new Map(conference.familyMembers.map((f) => [f.id, `${f.firstName} ${f.lastName}`]));
  const deadlines = withStatus(loaded.deadlines ?? [], now);
  const done: Partial<Record<string, boolean>> = {
    'decision-letter': Boolean(letter),
    minutes: Boolean(minutes),
    'absent-parents-told':
      Boolean(letter) && tasks.filter((t) => t.kind === 'tell-absent-parent').every((t) => t.doneAt),
  };
  return {
    conferenceId,
    reference: conference.reference,
    decision: decision ?? null,
    heldOn: decision ? heldOn(conference, decision) : null,
    deadlines: deadlines.map((d) => ({ ...d, done: done[d.key] ?? false })),
    letter: letter ?? null,
    minutes: minutes ?? null,
    tasks: tasks.map((t) => ({
      ...t,
      personName: names.get(t.personId) ?? 'a family member',
      overdue: !t.doneAt && new Date(t.dueAt) < now,
    })),
    plan: ending
      ? { status: 'ended' as const, ending }
      : decision?.outcome === 'child-protection-plan'
        ? { status: 'active' as const }
        : { status: 'none' as const },
  };
}

/** The letter as the chair sees it before approving: text, and who would receive it how. */
export async function letterPreview(deps: AfterConferenceDeps, conferenceId: string) {
  const { conference, record, deadlines } = await loadDecided(deps, conferenceId);
  const document = deps.documents.letter(conference, record, deadlines);
  const plan = recipientPlan(conference, []);
  const who = (r: { personId: string; name: string; role: string }) => ({
    personId: r.personId,
    name: r.name,
    role: r.role,
  });
  return {
    ...document,
    due: dueFor(deadlines, 'decision-letter') ?? null,
    recipients: {
      byEmail: plan.byEmail.map(who),
      byHand: plan.byHand.map(who),
      withheld: plan.withheld.map((w) => ({ ...who(w), reason: w.reason })),
    },
    absentParents: absentParents(conference, record).map(who),
  };
}

export const LetterApprovalBody = z
  .object({
    /** People the conference agreed should not be informed, each with the reason (DESIGN.md §1). */
    withheld: z
      .array(
        z
          .object({
            personId: z.string().trim().min(1).max(64),
            reason: z.string().trim().min(1, 'Say why this person is not to be told.').max(500),
          })
          .strict(),
      )
      .max(50)
      .default([]),
  })
  .strict();

/** Status path to reach `to` from where the conference stands; the record has run the meeting already. */
const PATH: readonly ConferenceStatus[] = [
  'in-progress',
  'decided',
  'outcome-sent',
  'minutes-approved',
  'closed',
];

async function advanceStatus(deps: AfterConferenceDeps, conference: StoredConference, to: ConferenceStatus) {
  let current = conference;
  const at = deps.clock.now();
  for (const next of PATH.slice(0, PATH.indexOf(to) + 1)) {
    if (PATH.indexOf(current.status) >= PATH.indexOf(next)) continue;
    // A conference in a state off this path (postponed, cancelled) keeps it; the approval still stands.
    try {
      current = await deps.conferences.updateStatus(
        current.id,
        transition(current, next, at),
        current.version,
      );
    } catch {
      return;
    }
  }
}

/**
 * The chair approves the letter: it is queued to each recipient by email, family members without an
 * address and parents who were not there become the lead social worker's tasks, and the conference
 * moves to "decision sent". Approving twice is refused.
 */
export async function approveLetter(
  deps: AfterConferenceDeps,
  conferenceId: string,
  approvedBy: string,
  body: z.input<typeof LetterApprovalBody>,
) {
  const { withheld } = LetterApprovalBody.parse(body);
  const { conference, record, deadlines } = await loadDecided(deps, conferenceId);
  const known = new Set(
    conference.familyMembers.map((f) => f.id).concat(conference.invitees.map((i) => i.id)),
  );
  const unknown = withheld.filter((w) => !known.has(w.personId));
  if (unknown.length)
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      'Only family members and invited professionals can be left out of the letter.',
      unknown.map((w) => ({ path: 'withheld', message: `${w.personId} is not one of them.` })),
    );
  const now = deps.clock.now();
  const plan = recipientPlan(conference, withheld);
  const withheldIds = new Set(withheld.map((w) => w.personId));
  const absentDue = dueFor(deadlines, 'absent-parents-told');
  const letterDue = dueFor(deadlines, 'decision-letter');
  const task = (kind: FollowUpTask['kind'], personId: string, due: Deadline | undefined) => ({
    id: randomUUID(),
    conferenceId,
    kind,
    personId,
    // Without a deadline (none computable) the task is still due the next day, never open-ended.
    dueAt: (due ? dueInstant(due) : new Date(now.getTime() + 86_400_000)).toISOString(),
    createdAt: now.toISOString(),
  });
  const tasks = [
    ...absentParents(conference, record)
      .filter((p) => !withheldIds.has(p.personId))
      .map((p) => task('tell-absent-parent', p.personId, absentDue)),
    ...plan.byHand.map((p) => task('deliver-letter', p.personId, letterDue)),
  ];
  await deps.after.approveLetter(
    {
      conferenceId,
      approvedBy,
      approvedAt: now.toISOString(),
      withheld,
      sentTo: plan.byEmail.map((r) => r.personId),
      byHand: plan.byHand.map((r) => r.personId),
    },
    tasks,
    (stored): AfterConferenceMessage[] => [
      ...plan.byEmail.map((r) => ({
        kind: 'decision-letter' as const,
        payload: { conferenceId, personId: r.personId },
        dedupeKey: `decision-letter:${conferenceId}:${r.personId}`,
      })),
      ...stored.map((t) => ({
        kind: 'follow-up-task' as const,
        payload: { conferenceId, taskId: t.id },
        dedupeKey: `follow-up-task:${t.id}`,
      })),
    ],
    now,
  );
  await advanceStatus(deps, conference, 'outcome-sent');
  deps.kickOutbox();
  return afterConferenceOverview(deps, conferenceId);
}

export async function minutesPreview(deps: AfterConferenceDeps, conferenceId: string) {
  const { conference, record, deadlines } = await loadDecided(deps, conferenceId);
  return {
    ...deps.documents.minutes(conference, record, deadlines),
    due: dueFor(deadlines, 'minutes') ?? null,
    restrictedItems: deps.documents.restrictedItems(conference, record),
  };
}

export const MinutesApprovalBody = z
  .object({ confirmedItemIds: z.array(z.string().trim().min(1).max(64)).max(1000).default([]) })
  .strict();

/**
 * The chair approves the minutes after confirming each restricted item (seed 003 §4.6: checked for
 * confidential information). Each recipient of the letter gets the copy they may have.
 */
export async function approveMinutes(
  deps: AfterConferenceDeps,
  conferenceId: string,
  approvedBy: string,
  body: z.input<typeof MinutesApprovalBody>,
) {
  const { confirmedItemIds } = MinutesApprovalBody.parse(body);
  const { conference, record } = await loadDecided(deps, conferenceId);
  const letter = await deps.after.letter(conferenceId);
  if (!letter)
    throw new DomainError(
      ErrorCodes.NOT_YET_APPROVED,
      'Approve and send the decision letter first; the minutes follow it.',
    );
  const confirmed = new Set(confirmedItemIds);
  const missing = deps.documents.restrictedItems(conference, record).filter((i) => !confirmed.has(i.id));
  if (missing.length)
    throw new DomainError(
      ErrorCodes.RESTRICTED_NOT_CONFIRMED,
      `Confirm each restricted item before the minutes go: ${missing.length} still to confirm.`,
      missing.map((i) => ({ path: 'confirmedItemIds', message: `Item ${i.id} is not confirmed.` })),
    );
  const now = deps.clock.now();
  const plan = recipientPlan(conference, letter.withheld);
  await deps.after.approveMinutes(
    {
      conferenceId,
      approvedBy,
      approvedAt: now.toISOString(),
      confirmed: [...confirmed],
      sentTo: plan.byEmail.map((r) => r.personId),
    },
    plan.byEmail.map((r) => ({
      kind: 'minutes' as const,
      payload: { conferenceId, personId: r.personId },
      dedupeKey: `minutes:${conferenceId}:${r.personId}`,
    })),
    now,
  );
  await advanceStatus(deps, conference, 'minutes-approved');
  deps.kickOutbox();
  return afterConferenceOverview(deps, conferenceId);
}

export const TaskDoneBody = z
  .object({ note: z.string().trim().max(1000, 'The note can be at most 1000 characters.').default('') })
  .strict();

export async function completeTask(
  deps: AfterConferenceDeps,
  conferenceId: string,
  taskId: string,
  by: string,
  body: z.input<typeof TaskDoneBody>,
) {
  const { note } = TaskDoneBody.parse(body);
  const task = await deps.after.task(taskId);
  if (!task || task.conferenceId !== conferenceId)
    throw new DomainError(ErrorCodes.NOT_FOUND, 'That task could not be found for this conference.');
  await deps.after.completeTask(taskId, by, deps.clock.now(), note);
  return afterConferenceOverview(deps, conferenceId);
}

/** A plan ends at a review through the review's decision; these are the reasons it ends without one. */
const WithoutReview = PlanEndReasons.filter((r) => r !== 'review-decision') as [
  Exclude<PlanEndReason, 'review-decision'>,
  ...Exclude<PlanEndReason, 'review-decision'>[],
];
export const PlanEndBody = z
  .object({
    reason: z.enum(WithoutReview, { message: `Choose why the plan ended: ${WithoutReview.join(', ')}.` }),
    endedOn: IsoDate,
    note: z.string().trim().max(1000, 'The note can be at most 1000 characters.').default(''),
  })
  .strict();

/**
 * Ends a child protection plan without a review (the child moved to another authority, turned 18, left
 * the country or died): everyone who received the letter is told, and so is the case-management system.
 */
export async function endPlan(
  deps: AfterConferenceDeps,
  conferenceId: string,
  recordedBy: string,
  body: z.input<typeof PlanEndBody>,
) {
  const { reason, endedOn, note } = PlanEndBody.parse(body);
  const { conference, decision } = await loadDecided(deps, conferenceId);
  if (decision.outcome !== 'child-protection-plan')
    throw new DomainError(
      ErrorCodes.PLAN_NOT_ACTIVE,
      'This conference did not make a child protection plan.',
    );
  const now = deps.clock.now();
  if (endedOn > now.toISOString().slice(0, 10) || endedOn < heldOn(conference, decision))
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      'The plan can only end between the conference and today.',
      [{ path: 'endedOn', message: 'Use a date from the conference to today.' }],
    );
  const letter = await deps.after.letter(conferenceId);
  const plan = recipientPlan(conference, letter?.withheld ?? []);
  await deps.after.endPlan(
    { conferenceId, reason, endedOn, note, recordedBy, recordedAt: now.toISOString() },
    plan.byEmail.map((r) => ({
      kind: 'plan-ended' as const,
      payload: { conferenceId, personId: r.personId },
      dedupeKey: `plan-ended:${conferenceId}:${r.personId}`,
    })),
    now,
  );
  await deps.planEnded(conferenceId, reason);
  // Once its minutes are out the conference closes with the plan; before that it stays open for them.
  const current = await deps.conferences.getConference(conferenceId);
  if (current?.status === 'minutes-approved') await advanceStatus(deps, current, 'closed');
  deps.kickOutbox();
  return afterConferenceOverview(deps, conferenceId);
}

/** Requests the review conference from this one; its deadline comes from the timescales module. */
export async function requestReview(deps: AfterConferenceDeps, conferenceId: string) {
  const { conference, decision } = await loadDecided(deps, conferenceId);
  if (decision.outcome !== 'child-protection-plan' || (await deps.after.planEnding(conferenceId)))
    throw new DomainError(ErrorCodes.PLAN_NOT_ACTIVE, 'There is no active child protection plan to review.');
  const request = RequestSchema.parse(reviewRequest(conference, heldOn(conference, decision)));
  const review = await deps.requestConference(request);
  const progressReportId = await deps.seedReviewReport?.(review.id, conferenceId);
  return { id: review.id, reference: review.reference, progressReportId: progressReportId ?? null };
}

/**
 * Chasers after the conference: a follow-up task past its due time goes to the chair (once); minutes past
 * their deadline and not approved go to the chair and managers (once).
 */
export async function chaseAfterConference(deps: AfterConferenceDeps, conferenceIds: readonly string[]) {
  const now = deps.clock.now();
  const escalated = await deps.after.escalateOverdue(now, (t) => ({
    kind: 'follow-up-overdue',
    payload: { conferenceId: t.conferenceId, taskId: t.id },
    dedupeKey: `follow-up-overdue:${t.id}`,
  }));
  const late: AfterConferenceMessage[] = [];
  for (const id of conferenceIds) {
    const loaded = await load(deps, id);
    const due = loaded.deadlines && dueFor(loaded.deadlines, 'minutes');
    if (!due || dueInstant(due) >= now || (await deps.after.minutes(id))) continue;
    late.push({ kind: 'minutes-overdue', payload: { conferenceId: id }, dedupeKey: `minutes-overdue:${id}` });
  }
  const queued = await deps.after.enqueue(late, now);
  if (escalated.length || queued) deps.kickOutbox();
  return { tasksEscalated: escalated.length, minutesOverdue: queued };
}
