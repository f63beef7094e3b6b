import {
  DEFAULT_TIMESCALE_SETTINGS,
  TimescaleSettings,
  deadlineStatus,
  withStatus,
  type Deadline,
} from '../../../bot/domain/timescales/index.js';

describe('TimescaleSettings', () => {
  test('defaults come from the seeds and DESIGN.md', () => {
    expect(TimescaleSettings.parse({})).toEqual({
      minutesWorkingDays: 15,
      reportsToServiceWorkingDays: 2,
      reportsCirculatedDaysBefore: 1,
      reportsWithFamilyWorkingDaysInitial: 3,
      reportsWithFamilyWorkingDaysReview: 5,
      chairReadsHoursBefore: 24,
      initialConferenceWorkingDays: 15,
      transferInWorkingDays: 15,
      decisionLetterWorkingDays: 1,
      absentParentsHours: 24,
      firstCoreGroupWorkingDays: 10,
      coreGroupIntervalWeeks: 6,
      firstReviewMonths: 3,
      laterReviewMonths: 6,
      inquorateRearrangeWorkingDays: 10,
      quorumWarningWorkingDays: 5,
      invitationRemindersWorkingDaysBefore: [5, 2],
      reportRemindersWorkingDaysBeforeDeadline: [3, 1],
    });
    expect(DEFAULT_TIMESCALE_SETTINGS).toEqual(TimescaleSettings.parse({}));
  });

  test('an authority overrides one value and keeps the rest', () => {
    const s = TimescaleSettings.parse({ minutesWorkingDays: 20 });
    expect(s.minutesWorkingDays).toBe(20);
    expect(s.reportsToServiceWorkingDays).toBe(2);
  });

  test.each([
    ['a negative number', { reportsToServiceWorkingDays: -1 }],
    ['a fraction', { minutesWorkingDays: 15.5 }],
    ['zero months', { firstReviewMonths: 0 }],
    ['a misspelt key', { minutesWorkingDay: 20 }],
    ['a string', { minutesWorkingDays: '20' }],
  ])('rejects %s', (_label, value) => {
    expect(TimescaleSettings.safeParse(value).success).toBe(false);
  });
});

describe('deadlineStatus', () => {
  const dated = { key: 'reports-to-service', due: '2026-03-03' } as Deadline;
  const timed = { key: 'chair-reads-reports', due: '2026-03-04T10:00:00+00:00' } as Deadline;
  const summer = { key: 'first-review', due: '2026-06-05' } as Deadline;

  test.each<[string, Deadline, string, string]>([
    ['the day before', dated, '2026-03-02T12:00:00Z', 'upcoming'],
    ['late on the day (GMT)', dated, '2026-03-03T23:30:00Z', 'due-today'],
    ['just after midnight', dated, '2026-03-04T00:30:00Z', 'overdue'],
    ['23:30 UTC is already the next day in summer time', summer, '2026-06-05T23:30:00Z', 'overdue'],
    ['22:30 UTC is still the day in summer time', summer, '2026-06-05T22:30:00Z', 'due-today'],
    ['the day before a timed deadline', timed, '2026-03-03T18:00:00Z', 'upcoming'],
    ['a minute before the time', timed, '2026-03-04T09:59:00Z', 'due-today'],
    ['a minute after the time', timed, '2026-03-04T10:01:00Z', 'overdue'],
  ])('%s', (_label, d, now, expected) => {
    expect(deadlineStatus(d, new Date(now))).toBe(expected);
  });

  test('withStatus fills status without changing the input', () => {
    const list = [dated, timed];
    expect(withStatus(list, new Date('2026-03-04T09:00:00Z')).map((d) => d.status)).toEqual([
      'overdue',
      'due-today',
    ]);
    expect(dated.status).toBeUndefined();
  });
});
