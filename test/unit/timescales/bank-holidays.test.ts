import { DomainError } from '../../../bot/domain/errors.js';
import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  WorkingDayCalendar,
  parseGovUkBankHolidays,
} from '../../../bot/domain/timescales/index.js';

// Checked with plain Date arithmetic, not luxon, so the data is not checked by the code under test.
const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 Sun … 6 Sat
const iso = (y: number, m: number, d: number): string =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const isWeekend = (s: string): boolean => weekday(s) === 0 || weekday(s) === 6;

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
function easter(y: number): [number, number] {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30,
    i = Math.floor(c / 4),
    k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}
const firstMonday = (y: number, m: number): string => {
  let d = 1;
  while (weekday(iso(y, m, d)) !== 1) d += 1;
  return iso(y, m, d);
};
const lastMonday = (y: number, m: number): string => {
  let d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  while (weekday(iso(y, m, d)) !== 1) d -= 1;
  return iso(y, m, d);
};

/** The eight England and Wales holidays by the usual rules, with substitute days. */
function expectedFor(y: number): string[] {
  const [em, ed] = easter(y);
  const newYear = iso(y, 1, 1);
  const ny = weekday(newYear) === 6 ? iso(y, 1, 3) : weekday(newYear) === 0 ? iso(y, 1, 2) : newYear;
  // Christmas at a weekend moves to 27 Dec; Boxing Day at a weekend moves to 28 Dec.
  const xmas = isWeekend(iso(y, 12, 25)) ? iso(y, 12, 27) : iso(y, 12, 25);
  const boxing = isWeekend(iso(y, 12, 26)) ? iso(y, 12, 28) : iso(y, 12, 26);
  return [
    ny,
    iso(y, em, ed - 2),
    iso(y, em, ed + 1),
    firstMonday(y, 5),
    lastMonday(y, 5),
    lastMonday(y, 8),
    xmas,
    boxing,
  ].sort();
}

const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030];
const datesIn = (y: number): string[] =>
  ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${y}-`)).map((h) => h.date);

describe('shipped England and Wales bank holidays', () => {
  test.each(years)('%i has exactly 8, all on weekdays, matching the rules', (y) => {
    const dates = datesIn(y);
    expect(dates).toHaveLength(8);
    for (const d of dates) expect(weekday(d)).toBeGreaterThanOrEqual(1);
    for (const d of dates) expect(weekday(d)).toBeLessThanOrEqual(5);
    expect([...dates].sort()).toEqual(expectedFor(y));
  });

  test('covers 2024 to 2030 and nothing else, in date order, without duplicates', () => {
    const all = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date);
    expect(all).toEqual([...new Set(all)].sort());
    expect(all[0]).toBe('2024-01-01');
    expect(all[all.length - 1]).toBe('2030-12-26');
  });

  // Good Friday and Easter Monday as listed by gov.uk / the brief, typed in by hand.
  test.each([
    [2024, '2024-03-29', '2024-04-01'],
    [2025, '2025-04-18', '2025-04-21'],
    [2026, '2026-04-03', '2026-04-06'],
    [2027, '2027-03-26', '2027-03-29'],
    [2028, '2028-04-14', '2028-04-17'],
    [2029, '2029-03-30', '2029-04-02'],
    [2030, '2030-04-19', '2030-04-22'],
  ])('Easter %i: Good Friday %s, Easter Monday %s', (y, goodFriday, easterMonday) => {
    expect(datesIn(y)).toEqual(expect.arrayContaining([goodFriday, easterMonday]));
    expect(weekday(goodFriday)).toBe(5);
    expect(weekday(easterMonday)).toBe(1);
  });

  test.each([
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
    ['2028-01-03', 'New Year’s Day (substitute day)'],
  ])('substitute day %s is "%s"', (date, title) => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.find((h) => h.date === date)?.title).toBe(title);
  });

  test.each(['2026-12-26', '2027-12-25', '2027-12-26', '2028-01-01'])(
    '%s (a weekend) is not listed',
    (date) => {
      expect(datesIn(Number(date.slice(0, 4)))).not.toContain(date);
    },
  );
});

describe('parseGovUkBankHolidays', () => {
  // A made-up future year in the gov.uk file layout (not real announced dates).
  const file = {
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        { title: 'Boxing Day', date: '2031-12-26', notes: '', bunting: true },
        { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
      ],
    },
    scotland: {
      division: 'scotland',
      events: [{ title: 'St Andrew’s Day', date: '2031-12-01', notes: '', bunting: true }],
    },
  };

  test('reads England and Wales only, sorted by date', () => {
    expect(parseGovUkBankHolidays(file)).toEqual([
      { date: '2031-01-01', title: 'New Year’s Day' },
      { date: '2031-12-26', title: 'Boxing Day' },
    ]);
  });

  test('an authority can extend the shipped data with a loaded file', () => {
    const cal = new WorkingDayCalendar({
      holidays: [...ENGLAND_AND_WALES_BANK_HOLIDAYS, ...parseGovUkBankHolidays(file)],
    });
    expect(cal.coveredYears).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]);
    expect(cal.isWorkingDay('2031-01-01')).toBe(false);
    expect(cal.isWorkingDay('2031-12-01')).toBe(true); // Scottish holiday ignored
    expect(cal.addWorkingDays('2030-12-31', 1)).toBe('2031-01-02');
  });

  test.each([
    ['no England and Wales division', { scotland: file.scotland }],
    [
      'a date that does not exist',
      { 'england-and-wales': { division: 'x', events: [{ title: 'x', date: '2031-02-30' }] } },
    ],
    ['not an object', 'bank holidays'],
  ])('rejects a file with %s', (_label, json) => {
    expect(() => parseGovUkBankHolidays(json)).toThrow(DomainError);
    try {
      parseGovUkBankHolidays(json);
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    }
  });
});
