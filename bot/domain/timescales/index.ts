/** Every deadline in Roundtable is computed here (DESIGN.md §1). Pure: no clock, no I/O. */
export * from './bank-holidays.js';
export * from './working-days.js';
export * from './settings.js';
export * from './deadline.js';
export { computeDeadlines, nextCoreGroupDue, DeadlineInput } from './deadlines.js';
export { dateLabel, dateTimeLabel } from './dates.js';
export { invitationReminders, reportReminders } from './reminders.js';
export {
  chairEscalationDue,
  coreGroupProgressCardsDue,
  nextCoreGroupDueBeforeReview,
  CHAIR_ESCALATION_WORKING_DAYS,
  PROGRESS_CARDS_WORKING_DAYS_BEFORE,
} from './core-group.js';
