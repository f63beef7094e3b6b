import { z } from 'zod';

const days = (max: number, fallback: number) => z.number().int().min(0).max(max).default(fallback);
const positive = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

/**
 * Timescales an authority may set; every default names where it comes from. Config parses the
 * authority's settings with this schema, so a missing value takes the default.
 */
export const TimescaleSettings = z
  .object({
    /** Record sent within 15 working days (Cornwall, seed 004); Dorset says 20 (seed 003 §4.7). */
    minutesWorkingDays: positive(60, 15),
    /** Reports to the conference service 2 working days before (Portsmouth, seed 002). */
    reportsToServiceWorkingDays: days(20, 2),
    /** Reports circulated at least 1 day before (Portsmouth, seed 002). */
    reportsCirculatedDaysBefore: days(20, 1),
    /** Reports shared with the family 3 days before (Dudley, seed 001; DESIGN.md §1 makes it working days). */
    reportsWithFamilyWorkingDaysInitial: days(20, 3),
    /** 5 working days before a review (common local rule, e.g. Sussex 7.11; DESIGN.md §1). */
    reportsWithFamilyWorkingDaysReview: days(20, 5),
    /** Chair reads every report at least 24 hours before the start (Dorset, seed 003 §1.5). */
    chairReadsHoursBefore: days(240, 24),
    /** Initial conference within 15 working days of the strategy discussion (Working Together 2023). */
    initialConferenceWorkingDays: positive(60, 15),
    /** Transfer-in conference within 15 working days of notification (local procedures, e.g. Tees). */
    transferInWorkingDays: positive(60, 15),
    /** Decision letter and outline plan within 1 working day (Dorset, seed 003 §4.3). */
    decisionLetterWorkingDays: positive(20, 1),
    /** Parents who did not attend told within 24 hours (Dorset, seed 003 §4.1). */
    absentParentsHours: positive(240, 24),
    /** First core group within 10 working days of the initial conference (Cornwall, seed 004). */
    firstCoreGroupWorkingDays: positive(60, 10),
    /** Core group about every 6 weeks (Portsmouth, seed 002; Cornwall, seed 004). */
    coreGroupIntervalWeeks: positive(26, 6),
    /** First review within 3 months of the initial conference (Cornwall, seed 004; seed 003 §4.4). */
    firstReviewMonths: positive(12, 3),
    /** Later reviews at most 6 months apart (Cornwall, seed 004). */
    laterReviewMonths: positive(12, 6),
    /** An inquorate conference is re-arranged within 10 working days (local procedures, e.g. Sussex 7.8). */
    inquorateRearrangeWorkingDays: positive(60, 10),
    /** The chair is warned this many working days before if quorum is at risk (Roundtable default). */
    quorumWarningWorkingDays: days(20, 5),
    /** Reminders to invitees who have not answered, in working days before the conference. */
    invitationRemindersWorkingDaysBefore: z.array(z.number().int().min(1).max(30)).max(5).default([5, 2]),
    /** Reminders to anyone whose report is not in, in working days before the report deadline (Roundtable default). */
    reportRemindersWorkingDaysBeforeDeadline: z.array(z.number().int().min(1).max(20)).max(5).default([3, 1]),
  })
  .strict();
export type TimescaleSettingsInput = z.input<typeof TimescaleSettings>;
export type TimescaleSettings = z.output<typeof TimescaleSettings>;

export const DEFAULT_TIMESCALE_SETTINGS: TimescaleSettings = TimescaleSettings.parse({});
