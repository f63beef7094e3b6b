import {
  englandAndWalesCalendar,
  invitationReminders,
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
