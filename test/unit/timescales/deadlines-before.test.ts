import {
  TimescaleSettings,
  computeDeadlines,
  describeDeadline,
  dueFor,
  englandAndWalesCalendar,
  type DeadlineKey,
  type DeadlineInput,
} from '../../../bot/domain/timescales/index.js';

const cal = englandAndWalesCalendar();
const sentence = (input: DeadlineInput, key: DeadlineKey, settings = TimescaleSettings.parse({})): string => {
  const d = dueFor(computeDeadlines(input, cal, settings), key);
  if (!d) throw new Error(`no ${key} deadline`);
  return describeDeadline(d);
};

// Thu 5 Mar 2026, 10:00 GMT. Strategy discussion Tue 10 Feb 2026.
const initial: DeadlineInput = {
  kind: 'initial',
  strategyDiscussionDate: '2026-02-10',
  scheduledStart: '2026-03-05T10:00',
};

describe('only what is computable is returned', () => {
  test.each<[string, DeadlineInput, DeadlineKey[]]>([
    ['an initial request', { kind: 'initial', strategyDiscussionDate: '2026-02-10' }, ['initial-conference']],
    ['a review not yet scheduled', { kind: 'review', strategyDiscussionDate: '2025-06-02' }, []],
    [
      'a transfer-in, notified',
      { kind: 'transfer-in', strategyDiscussionDate: '2027-11-01', transferNotifiedDate: '2027-12-20' },
      ['transfer-in-conference'],
    ],
    [
      'a scheduled initial conference',
      initial,
      [
        'initial-conference',
        'quorum-warning',
        'reports-with-family',
        'reports-to-service',
        'reports-circulated',
        'chair-reads-reports',
        'parents-have-reports',
      ],
    ],
  ])('%s', (_label, input, keys) => {
    expect(computeDeadlines(input, cal).map((d) => d.key)).toEqual(keys);
  });
});

describe('the sentence a user sees before the conference', () => {
  test.each<[string, DeadlineInput, DeadlineKey, string]>([
    [
      'initial conference, 15 working days after the strategy discussion',
      initial,
      'initial-conference',
      'Initial conference due Tue 3 Mar 2026 (within 15 working days of the strategy discussion)',
    ],
    [
      'initial conference across Christmas 2027 and the New Year substitute',
      { kind: 'initial', strategyDiscussionDate: '2027-12-10' },
      'initial-conference',
      'Initial conference due Wed 5 Jan 2028 (within 15 working days of the strategy discussion)',
    ],
    [
      'transfer-in across Christmas 2027',
      { kind: 'transfer-in', strategyDiscussionDate: '2027-11-01', transferNotifiedDate: '2027-12-20' },
      'transfer-in-conference',
      'Transfer-in conference due Thu 13 Jan 2028 (within 15 working days of being told of the transfer)',
    ],
    [
      'transfer-in notified date kept in previousConferenceDate',
      { kind: 'transfer-in', strategyDiscussionDate: '2027-11-01', previousConferenceDate: '2027-12-20' },
      'transfer-in-conference',
      'Transfer-in conference due Thu 13 Jan 2028 (within 15 working days of being told of the transfer)',
    ],
    [
      'reports to the service',
      initial,
      'reports-to-service',
      'Reports to the conference service due Tue 3 Mar 2026 (2 working days before the conference)',
    ],
    [
      'reports circulated',
      initial,
      'reports-circulated',
      'Reports sent to everyone invited due Wed 4 Mar 2026 (at least 1 day before the conference)',
    ],
    [
      'reports with the family, initial: 3 working days',
      initial,
      'reports-with-family',
      'Reports shared with the family due Mon 2 Mar 2026 (at least 3 working days before an initial conference)',
    ],
    [
      'reports with the family, review: 5 working days',
      { ...initial, kind: 'review' },
      'reports-with-family',
      'Reports shared with the family due Thu 26 Feb 2026 (at least 5 working days before a review conference)',
    ],
    [
      'reports with the family, transfer-in: the review rule',
      { ...initial, kind: 'transfer-in' },
      'reports-with-family',
      'Reports shared with the family due Thu 26 Feb 2026 (at least 5 working days before a transfer-in conference)',
    ],
    [
      'chair reads the reports',
      initial,
      'chair-reads-reports',
      'Chair’s reading of all reports due Wed 4 Mar 2026, 10:00 (at least 24 hours before the conference starts)',
    ],
    [
      'parents have the reports: the postponement decision point',
      initial,
      'parents-have-reports',
      'Reports in the parents’ hands due Wed 4 Mar 2026, 10:00 (24 hours before the conference starts; ' +
        'if the parents do not have them by then, the chair decides whether to postpone)',
    ],
    [
      'quorum warning',
      initial,
      'quorum-warning',
      'Check that enough agencies are coming due Thu 26 Feb 2026 (5 working days before the conference)',
    ],
  ])('%s', (_label, input, key, expected) => {
    expect(sentence(input, key)).toBe(expected);
  });
});

describe('a conference just after Easter (Tue 7 Apr 2026, 10:00 BST)', () => {
  const afterEaster: DeadlineInput = {
    kind: 'initial',
    strategyDiscussionDate: '2026-03-17',
    scheduledStart: '2026-04-07T10:00',
  };
  const all = computeDeadlines(afterEaster, cal);

  test.each<[DeadlineKey, string, string]>([
    ['quorum-warning', '2026-03-27', 'Fri 27 Mar 2026'],
    ['reports-with-family', '2026-03-31', 'Tue 31 Mar 2026'],
    ['reports-to-service', '2026-04-01', 'Wed 1 Apr 2026'],
    // 1 day before is Easter Monday: brought forward over the Easter weekend and Good Friday.
    ['reports-circulated', '2026-04-02', 'Thu 2 Apr 2026'],
    ['chair-reads-reports', '2026-04-02T10:00:00+01:00', 'Thu 2 Apr 2026, 10:00'],
  ])('%s is due %s', (key, due, label) => {
    expect(dueFor(all, key)).toMatchObject({ due, dueLabel: label });
  });

  test('a brought-forward deadline says so', () => {
    expect(describeDeadline(dueFor(all, 'reports-circulated')!)).toBe(
      'Reports sent to everyone invited due Thu 2 Apr 2026 (at least 1 day before the conference; ' +
        'brought forward from Mon 6 Apr 2026, not a working day)',
    );
    expect(describeDeadline(dueFor(all, 'chair-reads-reports')!)).toBe(
      'Chair’s reading of all reports due Thu 2 Apr 2026, 10:00 (at least 24 hours before the conference ' +
        'starts; brought forward from Mon 6 Apr 2026, 10:00, not a working day)',
    );
  });
});
