import { DateTime } from 'luxon';
import { LONDON } from './dates.js';

export const DeadlineKeys = [
  'initial-conference',
  'transfer-in-conference',
  'quorum-warning',
  'reports-with-family',
  'reports-to-service',
  'reports-circulated',
  'chair-reads-reports',
  'parents-have-reports',
  'decision-letter',
  'absent-parents-told',
  'first-core-group',
  'next-core-group',
  'minutes',
  'first-review',
  'next-review',
  'inquorate-rearranged',
  'invitation-reminder',
  'report-reminder',
  // Core groups after the conference.
  'core-group-progress-cards',
  'core-group-escalation-chair',
] as const;
export type DeadlineKey = (typeof DeadlineKeys)[number];

/** Short titles a user sees; each reads naturally before "due …". */
export const DEADLINE_TITLES: Record<DeadlineKey, string> = {
  'initial-conference': 'Initial conference',
  'transfer-in-conference': 'Transfer-in conference',
  'quorum-warning': 'Check that enough agencies are coming',
  'reports-with-family': 'Reports shared with the family',
  'reports-to-service': 'Reports to the conference service',
  'reports-circulated': 'Reports sent to everyone invited',
  'chair-reads-reports': 'Chair’s reading of all reports',
  'parents-have-reports': 'Reports in the parents’ hands',
  'decision-letter': 'Decision letter and outline plan',
  'absent-parents-told': 'Decision told to parents who did not attend',
  'first-core-group': 'First core group meeting',
  'next-core-group': 'Next core group meeting',
  minutes: 'Conference record (minutes)',
  'first-review': 'First review conference',
  'next-review': 'Next review conference',
  'inquorate-rearranged': 'Re-arranged conference',
  'invitation-reminder': 'Reminder to anyone who has not answered',
  'report-reminder': 'Reminder to anyone whose report is not in',
  'core-group-progress-cards': 'Progress cards to the owners of plan actions',
  'core-group-escalation-chair': 'Action still not done: the chair is told',
};

export type DeadlineStatus = 'upcoming' | 'due-today' | 'overdue';

export interface Deadline {
  key: DeadlineKey;
  title: string;
  /** ISO date (YYYY-MM-DD), or ISO datetime with offset for the hour-based deadlines. */
  due: string;
  /** "Tue 3 Mar 2026" or "Mon 2 Mar 2026, 10:00" (English local time). */
  dueLabel: string;
  /** Plain English, e.g. "2 working days before the conference". */
  rule: string;
  /** Where the rule comes from, e.g. "Portsmouth procedures (seed 002)". */
  source: string;
  /** Set by `withStatus`; computeDeadlines is clock-free. */
  status?: DeadlineStatus;
}

/** The sentence the UI shows: "Reports to the conference service due Tue 3 Mar 2026 (2 working days before the conference)". */
export const describeDeadline = (d: Deadline): string => `${d.title} due ${d.dueLabel} (${d.rule})`;

/** The deadline with this key, if it was computable. */
export const dueFor = (deadlines: readonly Deadline[], key: DeadlineKey): Deadline | undefined =>
  deadlines.find((d) => d.key === key);

/**
 * Where a deadline stands at `now`. A date deadline is met by doing the thing on that day, so it is
 * overdue only from the next day (English local date); an hour-based one is overdue once the time passes.
 */
export function deadlineStatus(d: Deadline, now: Date): DeadlineStatus {
  const local = DateTime.fromJSDate(now, { zone: LONDON });
  const today = local.toISODate() ?? '';
  const dueDay = d.due.slice(0, 10);
  if (d.due.length > 10 && local > DateTime.fromISO(d.due, { setZone: true })) return 'overdue';
  if (today > dueDay) return 'overdue';
  return today === dueDay ? 'due-today' : 'upcoming';
}

/** Copies of the deadlines with `status` filled in for `now` (from the Clock port). */
export const withStatus = (deadlines: readonly Deadline[], now: Date): Deadline[] =>
  deadlines.map((d) => ({ ...d, status: deadlineStatus(d, now) }));
