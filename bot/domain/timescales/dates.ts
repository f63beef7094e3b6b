import { DateTime } from 'luxon';
import { DomainError } from '../errors.js';

/** Every conference time is English local time. */
export const LONDON = 'Europe/London';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

// Labels are built by hand, not with Intl: ICU versions differ ("Sep" vs "Sept") and a label a
// user sees must not change with the Node version.
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const invalid = (what: string, value: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `“${value}” is not a ${what}.`, [{ path: 'date', message: what }]);

/**
 * A calendar day as a luxon value in UTC. Day arithmetic on UTC midnights never meets a clock change,
 * so adding one day always moves exactly one calendar day.
 */
export function toDay(iso: string): DateTime {
  const d = ISO_DATE.test(iso) ? DateTime.fromISO(iso, { zone: 'utc' }) : null;
  if (!d?.isValid) throw invalid('date in the form YYYY-MM-DD', iso);
  return d;
}

export const isoOf = (d: DateTime): string => d.toFormat('yyyy-MM-dd');

/** Local English time from 'YYYY-MM-DDTHH:mm' (the form conferences are scheduled in). */
export function toLocalDateTime(local: string): DateTime {
  const d = LOCAL_DATE_TIME.test(local) ? DateTime.fromISO(local, { zone: LONDON }) : null;
  if (!d?.isValid) throw invalid('local date and time like 2026-03-03T10:00', local);
  return d;
}

/** "Tue 3 Mar 2026". */
export function dateLabel(iso: string): string {
  const d = toDay(iso);
  return `${WEEKDAYS[d.weekday - 1]} ${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** "Mon 2 Mar 2026, 10:00", in English local time whatever zone the value carries. */
export function dateTimeLabel(dt: DateTime): string {
  const local = dt.setZone(LONDON);
  return `${dateLabel(local.toISODate() ?? '')}, ${local.toFormat('HH:mm')}`;
}

/** ISO datetime with its offset, e.g. 2026-03-02T10:00:00+00:00 (never "Z": readers see local time). */
export const isoDateTimeOf = (dt: DateTime): string =>
  dt.setZone(LONDON).toISO({ suppressMilliseconds: true }) ?? '';
