import { z } from 'zod';
import { ConferenceKinds } from '../conference.js';
import { DomainError } from '../errors.js';
import { IsoDate } from '../people.js';
import { afterConference, beforeConference } from './conference-deadlines.js';
import type { Deadline } from './deadline.js';
import { periodAfter, plural, wd, workingDaysAfter } from './rules.js';
import { DEFAULT_TIMESCALE_SETTINGS, type TimescaleSettings } from './settings.js';
import { CORNWALL, PORTSMOUTH, WORKING_TOGETHER, sourceOf } from './sources.js';
import type { WorkingDayCalendar } from './working-days.js';

/** What is known about one conference; each deadline is returned only once its anchor is known. */
export const DeadlineInput = z
  .object({
    kind: z.enum(ConferenceKinds),
    strategyDiscussionDate: IsoDate,
    previousConferenceDate: IsoDate.optional(),
    /** Transfer-in only; falls back to previousConferenceDate, where conference.ts keeps it. */
    transferNotifiedDate: IsoDate.optional(),
    /** Local English date and time, 'YYYY-MM-DDTHH:mm'. */
    scheduledStart: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a local date and time like 2026-03-03T10:00.')
      .optional(),
    heldOn: IsoDate.optional(),
    /** When the decision was made, if later than the day the conference met (an adjourned conference). */
    decisionRecordedOn: IsoDate.optional(),
    /** The instant the decision was recorded (ISO with offset): counts the absent parents' 24 hours when the day moved. */
    decidedAt: z.iso.datetime({ offset: true }).optional(),
    inquorateOn: IsoDate.optional(),
    /** The most recent core group meeting, if any. */
    lastCoreGroupOn: IsoDate.optional(),
  })
  .strict();
export type DeadlineInput = z.input<typeof DeadlineInput>;

/**
 * Every deadline computable from `input`, in process order. Pure: no clock, no I/O. Throws
 * VALIDATION_FAILED for unreadable dates and DEADLINE_OUT_OF_RANGE past the bank holiday data.
 */
export function computeDeadlines(
  input: DeadlineInput,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings = DEFAULT_TIMESCALE_SETTINGS,
): Deadline[] {
  const parsed = DeadlineInput.safeParse(input);
  if (!parsed.success)
    throw new DomainError(
      'VALIDATION_FAILED',
      'The conference dates could not be read.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const c = parsed.data;
  const s = settings;
  const out: Deadline[] = [];
  if (c.kind === 'initial')
    out.push(
      workingDaysAfter(calendar, c.strategyDiscussionDate, s.initialConferenceWorkingDays, {
        key: 'initial-conference',
        rule: `within ${wd(s.initialConferenceWorkingDays)} of the strategy discussion`,
        source: sourceOf(s, 'initialConferenceWorkingDays', WORKING_TOGETHER),
      }),
    );
  const notified = c.transferNotifiedDate ?? c.previousConferenceDate;
  if (c.kind === 'transfer-in' && notified)
    out.push(
      workingDaysAfter(calendar, notified, s.transferInWorkingDays, {
        key: 'transfer-in-conference',
        rule: `within ${wd(s.transferInWorkingDays)} of being told of the transfer`,
        source: sourceOf(s, 'transferInWorkingDays', 'Local procedures (Tees)'),
      }),
    );
  if (c.scheduledStart) out.push(...beforeConference(c.kind, c.scheduledStart, calendar, s));
  // A recorded decision means the conference met, even if the day it met was not entered.
  const heldOn = c.heldOn ?? c.decisionRecordedOn;
  if (heldOn) out.push(...afterConference({ ...c, heldOn }, calendar, s));
  if (c.inquorateOn)
    out.push(
      workingDaysAfter(calendar, c.inquorateOn, s.inquorateRearrangeWorkingDays, {
        key: 'inquorate-rearranged',
        rule:
          `within ${wd(s.inquorateRearrangeWorkingDays)} of the conference that could not go ahead ` +
          'because too few agencies were there',
        source: sourceOf(s, 'inquorateRearrangeWorkingDays', 'Local procedures (Sussex 7.8)'),
      }),
    );
  if (c.lastCoreGroupOn) out.push(nextCoreGroupDue(c.lastCoreGroupOn, calendar, s));
  return out;
}

/** The next core group: about every n weeks (seed 002, seed 004), brought forward to a working day. */
export function nextCoreGroupDue(
  lastCoreGroup: string,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings = DEFAULT_TIMESCALE_SETTINGS,
): Deadline {
  const weeks = settings.coreGroupIntervalWeeks;
  return periodAfter(
    calendar,
    lastCoreGroup,
    { weeks },
    {
      key: 'next-core-group',
      rule: `about ${plural(weeks, 'week')} after the last core group meeting`,
      source: sourceOf(settings, 'coreGroupIntervalWeeks', `${PORTSMOUTH}; ${CORNWALL}`),
    },
  );
}
