import {
  englandAndWalesCalendar,
  invitationReminders,
  reportReminders,
  TimescaleSettings,
} from '../../../bot/domain/timescales/index.js';

const cal = englandAndWalesCalendar();

test('reminders go 5 and 2 working days before, across a bank holiday', () => {
  // Conference Wed 6 Jan 2027. Working days back: Tue 5, Mon 4 (2 back); Fri 1 Jan is New Year's Day,
  // so Thu 31 Dec (3), Wed 30 (4), Tue 29 Dec 2026 (5).
  const r = invitationReminders('2027-01-06T10:00', cal, TimescaleSettings.parse({}));
  expect(r.map((d) => [d.due, d.rule])).toEqual([
    ['2026-12-29', '5 working days before the conference'],
    ['2027-01-04', '2 working days before the conference'],
  ]);
});

test('an authority can choose its own reminder days', () => {
  const r = invitationReminders(
    '2026-12-10T10:00',
    cal,
    TimescaleSettings.parse({ invitationRemindersWorkingDaysBefore: [1, 3, 3] }),
  );
  expect(r.map((d) => d.due)).toEqual(['2026-12-07', '2026-12-09']);
});

test('report reminders go 3 and 1 working days before the report deadline, across a bank holiday', () => {
  // Conference Thu 7 Jan 2027: reports due 2 working days before, Tue 5 Jan. One working day before
  // that is Mon 4 Jan; three is Wed 30 Dec 2026, because Fri 1 Jan is New Year's Day and Mon 28 Dec is
  // the Boxing Day substitute holiday (Thu 31, Wed 30).
  const r = reportReminders('2027-01-07T10:00', cal, TimescaleSettings.parse({}));
  expect(r.map((d) => [d.key, d.due, d.rule])).toEqual([
    [
      'report-reminder',
      '2026-12-30',
      '3 working days before reports are due (2 working days before the conference)',
    ],
    [
      'report-reminder',
      '2027-01-04',
      '1 working day before reports are due (2 working days before the conference)',
    ],
  ]);
});

test('report reminders follow the authority’s report deadline and its own reminder days', () => {
  const r = reportReminders(
    '2026-12-10T10:00',
    cal,
    TimescaleSettings.parse({
      reportsToServiceWorkingDays: 3,
      reportRemindersWorkingDaysBeforeDeadline: [2, 2],
    }),
  );
  // Reports due Mon 7 Dec (3 working days before Thu 10); 2 working days before that is Thu 3 Dec.
  expect(r.map((d) => d.due)).toEqual(['2026-12-03']);
});
