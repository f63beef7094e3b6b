import { DateTime } from 'luxon';
import { dateLabel, dateTimeLabel, isoDateTimeOf, isoOf, LONDON, toDay } from './dates.js';
import { DEADLINE_TITLES, type Deadline, type DeadlineKey } from './deadline.js';
import type { WorkingDayCalendar } from './working-days.js';

/**
 * The few ways a deadline is counted. The policy throughout: a deadline is never later than the rule
 * allows, so when a counted date lands on a weekend, bank holiday or closure day it is brought forward
 * to the working day before, never pushed back.
 */

export const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
export const wd = (n: number): string => plural(n, 'working day');

const movedNote = (from: string): string => `; brought forward from ${from}, not a working day`;

/** What a deadline says about itself; the builders below add the date. */
export interface RuleText {
  key: DeadlineKey;
  rule: string;
  source: string;
}

export function dateDeadline({ key, rule, source }: RuleText, due: string, movedFrom?: string): Deadline {
  const note = movedFrom && movedFrom !== due ? movedNote(dateLabel(movedFrom)) : '';
  return { key, title: DEADLINE_TITLES[key], due, dueLabel: dateLabel(due), rule: rule + note, source };
}

function dateTimeDeadline({ key, rule, source }: RuleText, due: DateTime, moved?: DateTime): Deadline {
  const note = moved ? movedNote(dateTimeLabel(moved)) : '';
  return {
    key,
    title: DEADLINE_TITLES[key],
    due: isoDateTimeOf(due),
    dueLabel: dateTimeLabel(due),
    rule: rule + note,
    source,
  };
}

/** "Within n working days of": counted on working days from the day after `from`. */
export const workingDaysAfter = (cal: WorkingDayCalendar, from: string, n: number, r: RuleText): Deadline =>
  dateDeadline(r, cal.addWorkingDays(from, n));

/** "n working days before": counted back on working days, so it always lands on one. */
export const workingDaysBefore = (cal: WorkingDayCalendar, date: string, n: number, r: RuleText): Deadline =>
  dateDeadline(r, cal.addWorkingDays(date, -n));

/** "At least n (calendar) days before": n days back, then back to a working day. */
export function daysBefore(cal: WorkingDayCalendar, date: string, n: number, r: RuleText): Deadline {
  const raw = isoOf(toDay(date).minus({ days: n }));
  return dateDeadline(r, cal.previousWorkingDayOnOrBefore(raw), raw);
}

/**
 * "Within n months/weeks of": calendar arithmetic, then back to a working day. Luxon clamps a day that
 * does not exist to the month's last day: 31 Jan + 1 month is 28 Feb (29 Feb in a leap year), 30 Nov
 * + 3 months is 28/29 Feb. Clamping down, never rolling into the next month, keeps the date within
 * the period.
 */
export function periodAfter(
  cal: WorkingDayCalendar,
  from: string,
  period: { months: number } | { weeks: number },
  r: RuleText,
): Deadline {
  const raw = isoOf(toDay(from).plus(period));
  return dateDeadline(r, cal.previousWorkingDayOnOrBefore(raw), raw);
}

/**
 * "At least h hours before the start": elapsed hours (so across a clock change the wall-clock time
 * differs by an hour). If that moment falls on a non-working day it moves to the same clock time on
 * the working day before, when the chair or the service can act on it (seed 003 §1.5, §1.6).
 */
export function hoursBefore(cal: WorkingDayCalendar, start: DateTime, h: number, r: RuleText): Deadline {
  const raw = start.minus({ hours: h }).setZone(LONDON);
  const rawDay = raw.toISODate() ?? '';
  const day = cal.previousWorkingDayOnOrBefore(rawDay);
  if (day === rawDay) return dateTimeDeadline(r, raw);
  const moved = DateTime.fromISO(`${day}T${raw.toFormat('HH:mm')}`, { zone: LONDON });
  return dateTimeDeadline(r, moved, raw);
}

/**
 * "Within h hours after": elapsed hours, never moved. Moving it back could put it before the
 * conference ended; moving it forward would break the rule (seed 003 §4.1).
 */
export const hoursAfter = (from: DateTime, h: number, r: RuleText): Deadline =>
  dateTimeDeadline(r, from.plus({ hours: h }));
