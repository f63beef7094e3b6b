/**
 * Sharing a report with the family: each agency shares its own and Roundtable records when, how, by whom
 * and what the family said (DESIGN.md §1). Judged against 'reports-with-family': 3 working days before an
 * initial conference (seed 001, Dudley), 5 before a review.
 */
import { z } from 'zod';
import { DomainError, ErrorCodes } from '../errors.js';
import { deadlineStatus, describeDeadline, dueFor, type Deadline } from '../timescales/index.js';
import type { Report, ReportShare } from './report.js';
import { ShareMethods } from './template.js';

export const ShareInput = z
  .object({
    at: z.iso.datetime({
      offset: true,
      error: '“When it was shared” must be a date and time like 2026-12-04T15:30:00Z.',
    }),
    how: z.enum(ShareMethods, {
      error: '“How it was shared” must be in person, phone, video, post or email.',
    }),
    by: z
      .string({ error: '“Shared by” must be text.' })
      .min(1, 'Fill in “Shared by”.')
      .max(200, '“Shared by” can be at most 200 characters.'),
    familyResponse: z
      .string({ error: '“The family’s response” must be text.' })
      .max(8000, '“The family’s response” can be at most 8000 characters.')
      .default(''),
  })
  .strict();
export type ShareInput = z.input<typeof ShareInput>;

/** A share is a past event of a written report; one in the future is a typing mistake. */
export function recordShare(report: Report, input: z.output<typeof ShareInput>, now: Date): ReportShare {
  if (report.versions.length === 0)
    throw new DomainError(
      ErrorCodes.REPORT_NOT_WRITTEN,
      'Save the report before recording that it was shared.',
    );
  if (new Date(input.at) > now)
    throw new DomainError(ErrorCodes.VALIDATION_FAILED, 'A report cannot be shared in the future.', [
      { path: 'at', message: '“When it was shared” is later than now.' },
    ]);
  return {
    at: new Date(input.at).toISOString(),
    how: input.how,
    by: input.by,
    familyResponse: input.familyResponse,
  };
}

export type SharingState = 'in-time' | 'late' | 'not-shared' | 'not-required';

export interface SharingJudgement {
  state: SharingState;
  /** Not shared and the deadline has passed. */
  overdue: boolean;
  firstSharedAt: string | null;
  /** "Reports shared with the family due Mon 7 Dec 2026 (at least 3 working days before an initial conference)". */
  deadline: string | null;
}

/**
 * Where sharing stands at `now`. The family's own views are theirs already; the police report is for the
 * chair (seed 002) and may hold what the family cannot see, so neither is judged.
 */
export function judgeSharing(report: Report, deadlines: readonly Deadline[], now: Date): SharingJudgement {
  const due = dueFor(deadlines, 'reports-with-family');
  const deadline = due ? describeDeadline(due) : null;
  if (report.kind === 'family-views' || report.kind === 'police')
    return { state: 'not-required', overdue: false, firstSharedAt: null, deadline };
  const first = [...report.shares].sort((a, b) => a.at.localeCompare(b.at))[0];
  if (!first)
    return {
      state: 'not-shared',
      overdue: due !== undefined && deadlineStatus(due, now) === 'overdue',
      firstSharedAt: null,
      deadline,
    };
  // Shared on the deadline day counts as in time: a date deadline is met by doing it that day.
  const late = due !== undefined && deadlineStatus(due, new Date(first.at)) === 'overdue';
  return { state: late ? 'late' : 'in-time', overdue: false, firstSharedAt: first.at, deadline };
}
