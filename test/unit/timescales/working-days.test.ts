import { englandAndWalesCalendar } from '../../../bot/domain/timescales/index.js';
import { thrownCode } from './error-code.js';

const cal = englandAndWalesCalendar();
// An authority closed on the three working days between Christmas and New Year 2026.
const closed = englandAndWalesCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);

describe('isWorkingDay', () => {
  test.each([
    ['2026-03-03', true, 'an ordinary Tuesday'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-04-03', false, 'Good Friday 2026'],
    ['2026-04-06', false, 'Easter Monday 2026'],
    ['2026-12-26', false, 'Boxing Day 2026 (a Saturday)'],
    ['2026-12-28', false, 'the Boxing Day substitute, Mon 28 Dec 2026'],
    ['2026-12-29', true, 'Tue 29 Dec 2026'],
    ['2027-12-27', false, 'the Christmas substitute, Mon 27 Dec 2027'],
    ['2027-12-28', false, 'the Boxing Day substitute, Tue 28 Dec 2027'],
    ['2028-01-03', false, 'the New Year substitute, Mon 3 Jan 2028'],
    ['2028-02-29', true, 'leap day 2028 (a Tuesday)'],
  ])('%s is %s: %s', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  test('closure days are not working days for that authority only', () => {
    expect(closed.isWorkingDay('2026-12-30')).toBe(false);
    expect(cal.isWorkingDay('2026-12-30')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  test.each([
    // [from, n, expected, why]
    ['2026-03-03', 0, '2026-03-03', 'zero returns the date'],
    ['2026-03-07', 0, '2026-03-07', 'zero returns even a Saturday unchanged'],
    ['2026-03-06', 1, '2026-03-09', 'Friday + 1 is Monday'],
    ['2026-03-07', 1, '2026-03-09', 'Saturday + 1 is Monday'],
    ['2026-02-27', 1, '2026-03-02', 'across the end of February'],
    ['2026-02-10', 15, '2026-03-03', 'three weeks of working days'],
    ['2026-04-02', 1, '2026-04-07', 'over Good Friday, the weekend and Easter Monday'],
    ['2026-03-31', 5, '2026-04-09', 'five working days across Easter 2026'],
    ['2026-12-24', 1, '2026-12-29', 'over Christmas and the Boxing Day substitute 2026'],
    ['2026-12-24', 3, '2026-12-31', 'to New Year’s Eve 2026'],
    ['2026-12-24', 4, '2027-01-04', 'over New Year’s Day 2027 into a new year'],
    ['2027-12-24', 1, '2027-12-29', 'over both substitute days 2027'],
    ['2027-12-24', 4, '2028-01-04', 'over the New Year substitute, 3 Jan 2028'],
    ['2027-12-31', 1, '2028-01-04', 'New Year’s Eve 2027 + 1'],
    ['2028-02-25', 2, '2028-02-29', 'onto leap day'],
    ['2028-02-29', 1, '2028-03-01', 'off leap day'],
    ['2030-12-24', 1, '2030-12-27', 'the last Christmas in the data'],
    // Negative: "n working days before".
    ['2026-03-03', -2, '2026-02-27', '2 before a Tuesday is the Friday before'],
    ['2026-04-07', -1, '2026-04-02', 'back over Easter 2026'],
    ['2026-04-07', -2, '2026-04-01', 'back over Easter, 2 days'],
    ['2027-12-29', -1, '2027-12-24', 'back over the 2027 substitute days'],
    ['2028-01-04', -1, '2027-12-31', 'back over the New Year substitute'],
    ['2028-03-01', -1, '2028-02-29', 'back onto leap day'],
  ])('%s %+d working days is %s (%s)', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  test.each([
    ['2026-12-24', 1, '2027-01-04'],
    ['2027-01-04', -1, '2026-12-24'],
    ['2026-12-17', 10, '2027-01-08'],
  ])('with closure days 29-31 Dec 2026: %s %+d is %s', (from, n, expected) => {
    expect(closed.addWorkingDays(from, n)).toBe(expected);
  });

  test('a fraction of a day is refused', () => {
    expect(thrownCode(() => cal.addWorkingDays('2026-03-03', 1.5))).toBe('VALIDATION_FAILED');
  });
});

describe('nextWorkingDayOnOrAfter / previousWorkingDayOnOrBefore', () => {
  test.each([
    ['2026-03-03', '2026-03-03', '2026-03-03'],
    ['2026-04-04', '2026-04-07', '2026-04-02'],
    ['2026-12-26', '2026-12-29', '2026-12-24'],
    ['2027-12-25', '2027-12-29', '2027-12-24'],
    ['2028-01-01', '2028-01-04', '2027-12-31'],
  ])('%s: next %s, previous %s', (date, next, previous) => {
    expect(cal.nextWorkingDayOnOrAfter(date)).toBe(next);
    expect(cal.previousWorkingDayOnOrBefore(date)).toBe(previous);
  });

  test('closure days are skipped', () => {
    expect(closed.nextWorkingDayOnOrAfter('2026-12-25')).toBe('2027-01-04');
    expect(closed.previousWorkingDayOnOrBefore('2027-01-03')).toBe('2026-12-24');
  });
});

describe('workingDaysBetween', () => {
  test.each([
    ['2026-03-02', '2026-03-06', 4, 'Monday to Friday'],
    ['2026-03-06', '2026-03-02', -4, 'backwards is negative'],
    ['2026-03-03', '2026-03-03', 0, 'the same day'],
    ['2026-03-06', '2026-03-08', 0, 'Friday to Sunday'],
    ['2026-02-10', '2026-03-03', 15, 'an initial conference held on day 15'],
    ['2026-04-02', '2026-04-07', 1, 'across Easter'],
    ['2026-12-24', '2027-01-04', 4, 'across Christmas and New Year'],
    ['2027-12-24', '2028-01-04', 4, 'across the 2027-28 substitute days'],
  ])('%s to %s is %i (%s)', (a, b, expected) => {
    expect(cal.workingDaysBetween(a, b)).toBe(expected);
  });

  test('closure days do not count', () => {
    expect(closed.workingDaysBetween('2026-12-24', '2027-01-04')).toBe(1);
  });
});

describe('dates outside the bank holiday data', () => {
  test.each([
    ['isWorkingDay 2023', () => cal.isWorkingDay('2023-12-29')],
    ['isWorkingDay 2031', () => cal.isWorkingDay('2031-01-02')],
    ['adding past the end of 2030', () => cal.addWorkingDays('2030-12-31', 1)],
    ['counting back past the start of 2024', () => cal.addWorkingDays('2024-01-02', -1)],
    [
      'next working day after 31 Dec 2030 when it is not one',
      () => cal.nextWorkingDayOnOrAfter('2031-01-01'),
    ],
    ['counting working days into 2031', () => cal.workingDaysBetween('2030-12-20', '2031-01-10')],
  ])('%s throws DEADLINE_OUT_OF_RANGE', (_label, fn) => {
    expect(thrownCode(fn)).toBe('DEADLINE_OUT_OF_RANGE');
  });

  test('the message tells the user what to do', () => {
    expect(() => cal.isWorkingDay('2031-01-02')).toThrow(
      'Roundtable knows the bank holidays for 2024 to 2030 only, so it cannot work out a deadline that ' +
        'reaches 2031-01-02. Load an updated bank holiday file.',
    );
  });

  test.each(['2026-02-30', '3 March 2026', '2026-3-3', ''])('"%s" is refused as VALIDATION_FAILED', (bad) => {
    expect(thrownCode(() => cal.isWorkingDay(bad))).toBe('VALIDATION_FAILED');
  });
});
