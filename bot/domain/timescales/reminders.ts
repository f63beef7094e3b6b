import type { Deadline } from './deadline.js';
import { wd, workingDaysBefore } from './rules.js';
import type { TimescaleSettings } from './settings.js';
import type { WorkingDayCalendar } from './working-days.js';

/**
 * When invitees who have not answered are reminded (seed 001: "please acknowledge and respond to
 * meeting invites"): by default 5 and 2 working days before the conference, earliest first.
 */
export function invitationReminders(
  scheduledStart: string,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings,
): Deadline[] {
  const day = scheduledStart.slice(0, 10);
  return [...new Set(settings.invitationRemindersWorkingDaysBefore)]
    .sort((a, b) => b - a)
    .map((n) =>
      workingDaysBefore(calendar, day, n, {
        key: 'invitation-reminder',
        rule: `${wd(n)} before the conference`,
        source: 'Dudley practice standards (seed 001): respond to invitations',
      }),
    );
}

/**
 * When anyone whose report is not in is reminded: by default 3 and 1 working days before the report
 * deadline (itself 2 working days before the conference, Portsmouth, seed 002), earliest first.
 */
export function reportReminders(
  scheduledStart: string,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings,
): Deadline[] {
  const toService = settings.reportsToServiceWorkingDays;
  const reportsDue = calendar.addWorkingDays(scheduledStart.slice(0, 10), -toService);
  return [...new Set(settings.reportRemindersWorkingDaysBeforeDeadline)]
    .sort((a, b) => b - a)
    .map((n) =>
      workingDaysBefore(calendar, reportsDue, n, {
        key: 'report-reminder',
        rule: `${wd(n)} before reports are due (${wd(toService)} before the conference)`,
        source: 'Roundtable default; report deadline from Portsmouth procedures (seed 002)',
      }),
    );
}
