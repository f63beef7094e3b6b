/** Every deadline in Roundtable is computed here (DESIGN.md §1). Pure: no clock, no I/O. */
export * from './bank-holidays.js';
export * from './working-days.js';
export * from './settings.js';
export * from './deadline.js';
export { computeDeadlines, nextCoreGroupDue, DeadlineInput } from './deadlines.js';
export { dateLabel, dateTimeLabel } from './dates.js';
export { invitationReminders } from './reminders.js';
