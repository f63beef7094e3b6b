/**
 * The dates after a conference, all from the timescales module: the day it met, and the deadlines that
 * hang off it and off the decision (letter, absent parents, first core group, minutes, review). Pure.
 */
import { DateTime } from 'luxon';
import { LONDON } from '../timescales/dates.js';
import { localDate } from './labels.js';
import type { Conference } from '../conference.js';
import type { Decision } from '../conference-record/state.js';
import {
  computeDeadlines,
  type Deadline,
  type DeadlineKey,
  type TimescaleSettings,
  type WorkingDayCalendar,
} from '../timescales/index.js';

export const AFTER_KEYS: readonly DeadlineKey[] = [
  'decision-letter',
  'absent-parents-told',
  'first-core-group',
  'minutes',
  'first-review',
  'next-review',
];

/** The day the conference met: its scheduled day, unless the decision was recorded before it. */
export function heldOn(
  c: Pick<Conference, 'scheduledStart'>,
  decision: Pick<Decision, 'recordedAt'>,
): string {
  const decided = localDate(decision.recordedAt);
  const scheduled = c.scheduledStart?.slice(0, 10);
  return scheduled && scheduled <= decided ? scheduled : decided;
}

/** The deadlines after the conference, in process order. */
export function afterDeadlines(
  c: Pick<Conference, 'kind' | 'strategyDiscussionDate' | 'previousConferenceDate' | 'scheduledStart'>,
  decision: Pick<Decision, 'recordedAt'>,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings,
): Deadline[] {
  const met = heldOn(c, decision);
  return computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
      scheduledStart: c.scheduledStart,
      heldOn: met,
      decisionRecordedOn: localDate(decision.recordedAt),
      decidedAt: decision.recordedAt,
    },
    calendar,
    settings,
  ).filter((d) => AFTER_KEYS.includes(d.key));
}

/** A deadline's end as an instant: a date-only deadline runs to the end of that English day. */
export function dueInstant(d: Pick<Deadline, 'due'>): Date {
  if (d.due.length > 10) return new Date(d.due);
  return DateTime.fromISO(d.due, { zone: LONDON }).endOf('day').toJSDate();
}
