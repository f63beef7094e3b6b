import { ageOn, childParticipation, conferenceParts, isTwoPart } from '../../bot/domain/participation.js';

test.each([
  ['2014-12-03', '2026-12-03', 12, 'may-attend'],
  ['2014-12-04', '2026-12-03', 11, 'views-sought'],
  ['2021-12-02', '2026-12-03', 5, 'views-sought'],
  ['2022-06-01', '2026-12-03', 4, 'too-young'],
  ['2026-01-10', '2026-12-03', 0, 'too-young'],
  ['2016-02-29', '2028-02-28', 11, 'views-sought'],
  ['2016-02-29', '2028-02-29', 12, 'may-attend'],
  ['2016-02-29', '2027-03-01', 11, 'views-sought'],
])('born %s, conference %s: aged %i, %s', (dob, on, age, how) => {
  expect(ageOn(dob, on)).toBe(age);
  expect(childParticipation({ dateOfBirth: dob }, on)).toBe(how);
});

test('one-sided "may not attend with" still separates both people into two parts', () => {
  const members = [
    { id: 'mum', mayNotAttendWith: ['dad'] },
    { id: 'dad', mayNotAttendWith: [] },
    { id: 'gran', mayNotAttendWith: [] },
  ];
  expect(conferenceParts(members)).toEqual([['mum', 'gran'], ['dad']]);
  expect(isTwoPart(members)).toBe(true);
});

test('a family with no constraints meets together', () => {
  expect(
    isTwoPart([
      { id: 'a', mayNotAttendWith: [] },
      { id: 'b', mayNotAttendWith: [] },
    ]),
  ).toBe(false);
});
