/**
 * Readiness at the chair's reading deadline, and the decision when the parents have not had the
 * reports: seed 003 §1.6, "the QARO should decide whether to postpone the conference to allow family
 * members to fully participate".
 */
import { z } from 'zod';
import type { Conference, StatusChange } from '../conference.js';
import { DomainError, ErrorCodes } from '../errors.js';
import { transition } from '../lifecycle.js';
import type { QuorumAssessment } from '../quorum.js';
import { toLocalDateTime } from '../timescales/dates.js';
import { computeDeadlines, describeDeadline, dueFor, type Deadline } from '../timescales/index.js';
import type { TimescaleSettings, WorkingDayCalendar } from '../timescales/index.js';
import type { ReadingListEntry } from './reading-list.js';

export interface ReportReadiness {
  /** "Chair’s reading of all reports due Wed 9 Dec 2026, 10:00 (…)", when the date is known. */
  readingDeadline: string | null;
  parentsDeadline: string | null;
  missing: string[];
  notSharedInTime: string[];
  unread: string[];
  quorum: { state: QuorumAssessment['state']; summary: string };
  /** Every report the family should see has been shared with them. */
  parentsHaveReports: boolean;
  /** Seed 003 §1.6: the parents do not have every report, so the chair decides whether to postpone. */
  decisionNeeded: boolean;
  ready: boolean;
}

const needsSharing = (e: ReadingListEntry) => e.sharing !== null && e.sharing.state !== 'not-required';

/** Pure: the reading list, the quorum assessment (invitations feature) and the deadlines in, readiness out. */
export function reportReadiness(
  entries: readonly ReadingListEntry[],
  quorum: QuorumAssessment,
  deadlines: readonly Deadline[],
): ReportReadiness {
  const sentence = (k: 'chair-reads-reports' | 'parents-have-reports') => {
    const d = dueFor(deadlines, k);
    return d ? describeDeadline(d) : null;
  };
  const missing = entries.filter((e) => e.state === 'missing').map((e) => e.author);
  const notSharedInTime = entries
    .filter(
      (e) => e.state !== 'missing' && e.sharing?.state !== 'in-time' && e.sharing?.state !== 'not-required',
    )
    .map((e) => e.author);
  const unread = entries
    .filter((e) => e.submittedVersion !== null && e.readVersion !== e.submittedVersion)
    .map((e) => e.author);
  const parentsHaveReports =
    missing.length === 0 && entries.filter(needsSharing).every((e) => e.sharing?.firstSharedAt);
  return {
    readingDeadline: sentence('chair-reads-reports'),
    parentsDeadline: sentence('parents-have-reports'),
    missing,
    notSharedInTime,
    unread,
    quorum: { state: quorum.state, summary: quorum.summary },
    parentsHaveReports,
    decisionNeeded: !parentsHaveReports,
    ready:
      missing.length === 0 &&
      notSharedInTime.length === 0 &&
      unread.length === 0 &&
      quorum.state === 'quorate',
  };
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export const ReadinessDecisionInput = z
  .object({
    decision: z.enum(['go-ahead', 'postpone'], { error: '“Decision” must be go-ahead or postpone.' }),
    reason: z
      .string({ error: '“Reason” must be text.' })
      .refine((s) => s.trim().length > 0, 'Fill in “Reason”.')
      .refine((s) => s.length <= 2000, '“Reason” can be at most 2000 characters.'),
    /** Postpone only: the new local start, e.g. 2026-12-14T10:00. */
    newStart: z
      .string()
      .regex(LOCAL, '“New date” must be a local date and time like 2026-12-14T10:00.')
      .optional(),
    /** Required when the new date is later than the statutory timescale allows. */
    delayExplanation: z.string().max(2000, '“Why the delay” can be at most 2000 characters.').optional(),
    by: z.string().min(1, 'Fill in “Decided by”.').max(200, '“Decided by” can be at most 200 characters.'),
  })
  .strict();
export type ReadinessDecisionInput = z.output<typeof ReadinessDecisionInput>;

export interface ReadinessDecision {
  conferenceId: string;
  decision: 'go-ahead' | 'postpone';
  reason: string;
  newStart: string | null;
  /** Null when there is no statutory date to compare with (a review's own timescale is not checked here). */
  withinTimescale: boolean | null;
  timescale: string | null;
  delayExplanation: string | null;
  by: string;
  at: string;
}

const fail = (path: string, message: string, summary = message) =>
  new DomainError(ErrorCodes.VALIDATION_FAILED, summary, [{ path, message }]);

/**
 * Records 'go ahead' or 'postpone'. A postponement needs a new date; if that date is past the statutory
 * timescale (initial: 15 working days from the strategy discussion), the chair must explain the delay.
 */
export function decideReadiness(
  conference: Conference,
  input: ReadinessDecisionInput,
  at: Date,
  t: { calendar: WorkingDayCalendar; settings: TimescaleSettings },
): { decision: ReadinessDecision; statusChange: StatusChange | null } {
  const base = { conferenceId: conference.id, decision: input.decision, reason: input.reason, by: input.by };
  if (input.decision === 'go-ahead')
    return {
      decision: {
        ...base,
        newStart: null,
        withinTimescale: null,
        timescale: null,
        delayExplanation: null,
        at: at.toISOString(),
      },
      statusChange: null,
    };
  if (!input.newStart) throw fail('newStart', 'A postponement needs the new date and time.');
  if (toLocalDateTime(input.newStart).toJSDate() <= at)
    throw fail('newStart', 'The new date must be in the future.');
  const statusChange = transition(conference, 'postponed', at, input.reason);
  const statutory = statutoryDeadline(conference, t);
  const within = statutory ? input.newStart.slice(0, 10) <= statutory.due.slice(0, 10) : null;
  const explanation = input.delayExplanation?.trim() ? input.delayExplanation : null;
  if (within === false && !explanation && statutory)
    throw fail(
      'delayExplanation',
      `The new date is later than the statutory timescale (${describeDeadline(statutory)}). Explain the delay.`,
    );
  return {
    decision: {
      ...base,
      newStart: input.newStart,
      withinTimescale: within,
      timescale: statutory ? describeDeadline(statutory) : null,
      delayExplanation: explanation,
      at: at.toISOString(),
    },
    statusChange,
  };
}

function statutoryDeadline(
  c: Conference,
  t: { calendar: WorkingDayCalendar; settings: TimescaleSettings },
): Deadline | undefined {
  const deadlines = computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
    },
    t.calendar,
    t.settings,
  );
  return dueFor(deadlines, 'initial-conference') ?? dueFor(deadlines, 'transfer-in-conference');
}
