import { z } from 'zod';
import { DomainError } from '../errors.js';
import { IsoDate } from '../people.js';

export interface BankHoliday {
  /** ISO calendar date, YYYY-MM-DD. */
  date: string;
  title: string;
}

/**
 * England and Wales bank holidays, 2024 to 2030 inclusive, shipped as data so deadlines never depend on
 * a network call. When a holiday falls at a weekend the substitute weekday is listed (gov.uk practice).
 * Dates after 2026 follow the usual rules and may change by royal proclamation: an authority can load
 * the current gov.uk file with `parseGovUkBankHolidays` (DESIGN.md §1, "keep it updatable").
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS = [
  { date: '2024-01-01', title: 'New Year’s Day' },
  { date: '2024-03-29', title: 'Good Friday' },
  { date: '2024-04-01', title: 'Easter Monday' },
  { date: '2024-05-06', title: 'Early May bank holiday' },
  { date: '2024-05-27', title: 'Spring bank holiday' },
  { date: '2024-08-26', title: 'Summer bank holiday' },
  { date: '2024-12-25', title: 'Christmas Day' },
  { date: '2024-12-26', title: 'Boxing Day' },
  { date: '2025-01-01', title: 'New Year’s Day' },
  { date: '2025-04-18', title: 'Good Friday' },
  { date: '2025-04-21', title: 'Easter Monday' },
  { date: '2025-05-05', title: 'Early May bank holiday' },
  { date: '2025-05-26', title: 'Spring bank holiday' },
  { date: '2025-08-25', title: 'Summer bank holiday' },
  { date: '2025-12-25', title: 'Christmas Day' },
  { date: '2025-12-26', title: 'Boxing Day' },
  { date: '2026-01-01', title: 'New Year’s Day' },
  { date: '2026-04-03', title: 'Good Friday' },
  { date: '2026-04-06', title: 'Easter Monday' },
  { date: '2026-05-04', title: 'Early May bank holiday' },
  { date: '2026-05-25', title: 'Spring bank holiday' },
  { date: '2026-08-31', title: 'Summer bank holiday' },
  { date: '2026-12-25', title: 'Christmas Day' },
  { date: '2026-12-28', title: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', title: 'New Year’s Day' },
  { date: '2027-03-26', title: 'Good Friday' },
  { date: '2027-03-29', title: 'Easter Monday' },
  { date: '2027-05-03', title: 'Early May bank holiday' },
  { date: '2027-05-31', title: 'Spring bank holiday' },
  { date: '2027-08-30', title: 'Summer bank holiday' },
  { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', title: 'Boxing Day (substitute day)' },
  { date: '2028-01-03', title: 'New Year’s Day (substitute day)' },
  { date: '2028-04-14', title: 'Good Friday' },
  { date: '2028-04-17', title: 'Easter Monday' },
  { date: '2028-05-01', title: 'Early May bank holiday' },
  { date: '2028-05-29', title: 'Spring bank holiday' },
  { date: '2028-08-28', title: 'Summer bank holiday' },
  { date: '2028-12-25', title: 'Christmas Day' },
  { date: '2028-12-26', title: 'Boxing Day' },
  { date: '2029-01-01', title: 'New Year’s Day' },
  { date: '2029-03-30', title: 'Good Friday' },
  { date: '2029-04-02', title: 'Easter Monday' },
  { date: '2029-05-07', title: 'Early May bank holiday' },
  { date: '2029-05-28', title: 'Spring bank holiday' },
  { date: '2029-08-27', title: 'Summer bank holiday' },
  { date: '2029-12-25', title: 'Christmas Day' },
  { date: '2029-12-26', title: 'Boxing Day' },
  { date: '2030-01-01', title: 'New Year’s Day' },
  { date: '2030-04-19', title: 'Good Friday' },
  { date: '2030-04-22', title: 'Easter Monday' },
  { date: '2030-05-06', title: 'Early May bank holiday' },
  { date: '2030-05-27', title: 'Spring bank holiday' },
  { date: '2030-08-26', title: 'Summer bank holiday' },
  { date: '2030-12-25', title: 'Christmas Day' },
  { date: '2030-12-26', title: 'Boxing Day' },
] as const satisfies readonly BankHoliday[];

const GovUkEvent = z.object({
  title: z.string().min(1),
  date: IsoDate,
  notes: z.string().default(''),
  bunting: z.boolean().default(false),
});

const GovUkDivision = z.object({ division: z.string(), events: z.array(GovUkEvent) });

/**
 * The shape of https://www.gov.uk/bank-holidays.json. Only England and Wales is required; Scotland and
 * Northern Ireland are accepted and ignored because Roundtable serves English authorities.
 */
export const GovUkBankHolidaysFile = z.looseObject({ 'england-and-wales': GovUkDivision });
export type GovUkBankHolidaysFile = z.infer<typeof GovUkBankHolidaysFile>;

/** England and Wales holidays from an already-parsed gov.uk bank-holidays.json object, sorted by date. */
export function parseGovUkBankHolidays(json: unknown): BankHoliday[] {
  const parsed = GovUkBankHolidaysFile.safeParse(json);
  if (!parsed.success)
    throw new DomainError(
      'VALIDATION_FAILED',
      'The bank holiday file is not in the gov.uk format, so it was not loaded.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data['england-and-wales'].events
    .map((e) => ({ date: e.date, title: e.title }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
