import type { Deadline } from './deadline.js';
import { nextCoreGroupDue } from './deadlines.js';
import { dateDeadline, wd, workingDaysAfter, workingDaysBefore } from './rules.js';
import type { TimescaleSettings } from './settings.js';
import { dorset } from './sources.js';
import type { WorkingDayCalendar } from './working-days.js';

/**
 * Progress cards go to each action's owner this many working days before a core group meeting, so that
 * members who cannot come can still send their update (Portsmouth, seed 002).
 */
export const PROGRESS_CARDS_WORKING_DAYS_BEFORE = 2;
/** An escalated action still not done this long after goes to the chair (seed 003 §2.11, §5.1). */
export const CHAIR_ESCALATION_WORKING_DAYS = 10;

/** When the progress cards for a core group meeting on `meetingDay` (YYYY-MM-DD) are sent. */
export const coreGroupProgressCardsDue = (meetingDay: string, calendar: WorkingDayCalendar): Deadline =>
  workingDaysBefore(calendar, meetingDay, PROGRESS_CARDS_WORKING_DAYS_BEFORE, {
    key: 'core-group-progress-cards',
    rule: `${wd(PROGRESS_CARDS_WORKING_DAYS_BEFORE)} before the core group meeting`,
    source: 'Portsmouth procedures (seed 002): members who cannot attend send their update',
  });

/** When an action escalated to the lead social worker on `escalatedOn` goes on to the chair. */
export const chairEscalationDue = (escalatedOn: string, calendar: WorkingDayCalendar): Deadline =>
  workingDaysAfter(calendar, escalatedOn, CHAIR_ESCALATION_WORKING_DAYS, {
    key: 'core-group-escalation-chair',
    rule: `${wd(CHAIR_ESCALATION_WORKING_DAYS)} after it went to the lead social worker, if still not done`,
    source: dorset('§2.11, §5.1'),
  });

/**
 * The next core group: about every n weeks after the last one (nextCoreGroupDue), but never after the
 * next review conference's deadline, whose core group report it feeds (seed 003 §2.10).
 */
export function nextCoreGroupDueBeforeReview(
  lastCoreGroup: string,
  reviewDue: string | undefined,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings,
): Deadline {
  const next = nextCoreGroupDue(lastCoreGroup, calendar, settings);
  if (!reviewDue || next.due <= reviewDue) return next;
  return dateDeadline(
    {
      key: 'next-core-group',
      rule: `${next.rule}, but no later than the review conference`,
      source: next.source,
    },
    reviewDue,
  );
}
