import type { ConferenceKind } from '../conference.js';
import { DateTime } from 'luxon';
import { LONDON, toLocalDateTime } from './dates.js';
import type { Deadline } from './deadline.js';
import { daysBefore, hoursAfter, hoursBefore, periodAfter, plural, wd } from './rules.js';
import { workingDaysAfter, workingDaysBefore } from './rules.js';
import type { TimescaleSettings } from './settings.js';
import {
  CORNWALL,
  DUDLEY,
  PORTSMOUTH,
  WORKING_TOGETHER,
  dorset,
  minutesSource,
  sourceOf,
} from './sources.js';
import type { WorkingDayCalendar } from './working-days.js';

const article: Record<ConferenceKind, string> = {
  initial: 'an initial',
  review: 'a review',
  'transfer-in': 'a transfer-in',
};

/** Deadlines that hang off the scheduled start ('YYYY-MM-DDTHH:mm', English local time). */
export function beforeConference(
  kind: ConferenceKind,
  scheduledStart: string,
  cal: WorkingDayCalendar,
  s: TimescaleSettings,
): Deadline[] {
  const start = toLocalDateTime(scheduledStart);
  const day = scheduledStart.slice(0, 10);
  // A transfer-in conference takes over a live plan, so it follows the stricter review rule.
  const familySetting =
    kind === 'initial' ? 'reportsWithFamilyWorkingDaysInitial' : 'reportsWithFamilyWorkingDaysReview';
  const family = s[familySetting];
  const familyDoc = kind === 'initial' ? DUDLEY : 'Local procedures (Sussex 7.11)';
  const quorum = s.quorumWarningWorkingDays;
  const toService = s.reportsToServiceWorkingDays;
  const circulated = s.reportsCirculatedDaysBefore;
  const chair = s.chairReadsHoursBefore;
  return [
    workingDaysBefore(cal, day, quorum, {
      key: 'quorum-warning',
      rule: `${wd(quorum)} before the conference`,
      source: 'Roundtable default',
    }),
    workingDaysBefore(cal, day, family, {
      key: 'reports-with-family',
      rule: `at least ${wd(family)} before ${article[kind]} conference`,
      source: sourceOf(s, familySetting, familyDoc),
    }),
    workingDaysBefore(cal, day, toService, {
      key: 'reports-to-service',
      rule: `${wd(toService)} before the conference`,
      source: sourceOf(s, 'reportsToServiceWorkingDays', PORTSMOUTH),
    }),
    daysBefore(cal, day, circulated, {
      key: 'reports-circulated',
      rule: `at least ${plural(circulated, 'day')} before the conference`,
      source: sourceOf(s, 'reportsCirculatedDaysBefore', PORTSMOUTH),
    }),
    hoursBefore(cal, start, chair, {
      key: 'chair-reads-reports',
      rule: `at least ${plural(chair, 'hour')} before the conference starts`,
      source: sourceOf(s, 'chairReadsHoursBefore', dorset('§1.5')),
    }),
    // Seed 003 §1.6 fixes 24 hours for this decision point; it is not an authority setting.
    hoursBefore(cal, start, 24, {
      key: 'parents-have-reports',
      rule:
        '24 hours before the conference starts; if the parents do not have them by then, ' +
        'the chair decides whether to postpone',
      source: dorset('§1.6'),
    }),
  ];
}

export interface HeldConference {
  kind: ConferenceKind;
  heldOn: string;
  decisionRecordedOn?: string | undefined;
  scheduledStart?: string | undefined;
  /** The instant the decision was recorded (ISO), for a conference that did not meet on its scheduled day. */
  decidedAt?: string | undefined;
}

/** Deadlines that hang off the day the conference met. */
export function afterConference(
  c: HeldConference,
  cal: WorkingDayCalendar,
  s: TimescaleSettings,
): Deadline[] {
  const { kind, heldOn } = c;
  // The letter cannot go before the decision exists; an adjourned conference decides on a later day.
  const decided = c.decisionRecordedOn ?? heldOn;
  const out = [
    workingDaysAfter(cal, decided, s.decisionLetterWorkingDays, {
      key: 'decision-letter',
      rule: `within ${wd(s.decisionLetterWorkingDays)} of the ${decided === heldOn ? 'conference' : 'decision'}`,
      source: sourceOf(s, 'decisionLetterWorkingDays', dorset('§4.3')),
    }),
  ];
  // Counted from the start, as the end time is not recorded: early by at most the meeting's length.
  // Only when it met on the scheduled day; otherwise the start time is not known.
  // Otherwise (it met on another day, or decided on a later one) from the moment the decision was
  // recorded, which is when the parents have something to be told.
  const absentSource = sourceOf(s, 'absentParentsHours', dorset('§4.1'));
  if (c.scheduledStart?.slice(0, 10) === heldOn && decided === heldOn)
    out.push(
      hoursAfter(toLocalDateTime(c.scheduledStart), s.absentParentsHours, {
        key: 'absent-parents-told',
        rule: `within ${plural(s.absentParentsHours, 'hour')} of the conference, counted from its start`,
        source: absentSource,
      }),
    );
  else if (c.decidedAt)
    out.push(
      hoursAfter(DateTime.fromISO(c.decidedAt).setZone(LONDON), s.absentParentsHours, {
        key: 'absent-parents-told',
        rule: `within ${plural(s.absentParentsHours, 'hour')} of the decision`,
        source: absentSource,
      }),
    );
  // A transfer-in conference starts a new core group here, like an initial conference.
  if (kind !== 'review')
    out.push(
      workingDaysAfter(cal, heldOn, s.firstCoreGroupWorkingDays, {
        key: 'first-core-group',
        rule: `within ${wd(s.firstCoreGroupWorkingDays)} of the ${kind} conference`,
        source: sourceOf(s, 'firstCoreGroupWorkingDays', CORNWALL),
      }),
    );
  out.push(
    workingDaysAfter(cal, heldOn, s.minutesWorkingDays, {
      key: 'minutes',
      rule: `within ${wd(s.minutesWorkingDays)} of the conference`,
      source: minutesSource(s),
    }),
  );
  // Transfer-in takes the shorter first-review period: the safe choice when procedures differ.
  const review = kind === 'review';
  const months = review ? s.laterReviewMonths : s.firstReviewMonths;
  out.push(
    periodAfter(
      cal,
      heldOn,
      { months },
      {
        key: review ? 'next-review' : 'first-review',
        rule: `within ${plural(months, 'month')} of the ${kind} conference`,
        source: review
          ? sourceOf(s, 'laterReviewMonths', `${WORKING_TOGETHER}; ${CORNWALL}`)
          : sourceOf(s, 'firstReviewMonths', `${WORKING_TOGETHER}; ${dorset('§4.4')}`),
      },
    ),
  );
  return out;
}
