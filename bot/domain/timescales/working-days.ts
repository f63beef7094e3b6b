import type { DateTime } from 'luxon';
import { DomainError } from '../errors.js';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS, type BankHoliday } from './bank-holidays.js';
import { isoOf, toDay } from './dates.js';

export interface WorkingDayCalendarOptions {
  /** Bank holidays; every year that appears here is taken to be complete, and is the range covered. */
  holidays: readonly BankHoliday[];
  /** Days the authority's offices are closed (e.g. between Christmas and New Year), YYYY-MM-DD. */
  closureDays?: readonly string[];
}

/**
 * Working days: Monday to Friday, less bank holidays and the authority's closure days (DESIGN.md §1).
 * All dates are ISO `YYYY-MM-DD` strings. Asking about a year with no holiday data throws
 * DEADLINE_OUT_OF_RANGE rather than quietly treating every weekday as a working day.
 */
export class WorkingDayCalendar {
  private readonly nonWorking: ReadonlySet<string>;
  private readonly years: ReadonlySet<number>;

  constructor(options: WorkingDayCalendarOptions) {
    for (const h of options.holidays) toDay(h.date);
    for (const c of options.closureDays ?? []) toDay(c);
    this.nonWorking = new Set([...options.holidays.map((h) => h.date), ...(options.closureDays ?? [])]);
    this.years = new Set(options.holidays.map((h) => Number(h.date.slice(0, 4))));
  }

  /** The years whose bank holidays are known, in order. */
  get coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    return this.working(this.day(date));
  }

  /**
   * The date n working days after `date` (n < 0: before). The start day itself is never counted, so
   * Friday + 1 is Monday and Saturday + 1 is also Monday. n = 0 returns `date` unchanged.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n))
      throw new DomainError('VALIDATION_FAILED', 'Use a whole number of working days.');
    const step = n < 0 ? -1 : 1;
    let d = this.day(date);
    for (let left = Math.abs(n); left > 0;) {
      d = this.day(isoOf(d.plus({ days: step })));
      if (this.working(d)) left -= 1;
    }
    return isoOf(d);
  }

  nextWorkingDayOnOrAfter(date: string): string {
    return this.walk(date, 1);
  }

  previousWorkingDayOnOrBefore(date: string): string {
    return this.walk(date, -1);
  }

  /**
   * Working days after `a` up to and including `b`: Mon→Fri of one week is 4. Negative when b is before
   * a. It is the inverse of addWorkingDays when b is a working day, so "was the conference held within
   * 15 working days?" is `workingDaysBetween(strategy, held) <= 15`.
   */
  workingDaysBetween(a: string, b: string): number {
    this.day(b);
    if (a > b) return -this.workingDaysBetween(b, a);
    let d = this.day(a);
    let count = 0;
    while (isoOf(d) < b) {
      d = this.day(isoOf(d.plus({ days: 1 })));
      if (this.working(d)) count += 1;
    }
    return count;
  }

  private walk(date: string, step: 1 | -1): string {
    let d = this.day(date);
    while (!this.working(d)) d = this.day(isoOf(d.plus({ days: step })));
    return isoOf(d);
  }

  private working(d: DateTime): boolean {
    return d.weekday <= 5 && !this.nonWorking.has(isoOf(d));
  }

  /** Parses and range-checks every day the calendar looks at. */
  private day(date: string): DateTime {
    const d = toDay(date);
    if (!this.years.has(d.year)) {
      const ys = this.coveredYears;
      const known = ys.length ? `${ys[0]} to ${ys[ys.length - 1]}` : 'no years';
      throw new DomainError(
        'DEADLINE_OUT_OF_RANGE',
        `Roundtable knows the bank holidays for ${known} only, so it cannot work out a deadline that ` +
          `reaches ${date}. Load an updated bank holiday file.`,
        [{ path: 'date', message: `${date} is outside the bank holiday data.` }],
      );
    }
    return d;
  }
}

/** The calendar for an English authority: shipped England and Wales holidays plus its closure days. */
export const englandAndWalesCalendar = (closureDays: readonly string[] = []): WorkingDayCalendar =>
  new WorkingDayCalendar({ holidays: ENGLAND_AND_WALES_BANK_HOLIDAYS, closureDays });
