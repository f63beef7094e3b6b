import {
  TimescaleSettings,
  computeDeadlines,
  describeDeadline,
  dueFor,
  englandAndWalesCalendar,
  type DeadlineInput,
  type DeadlineKey,
} from '../../../bot/domain/timescales/index.js';

const cal = englandAndWalesCalendar();
const closed = englandAndWalesCalendar(['2026-12-29', '2026-12-30', '2026-12-31']);
const defaults = TimescaleSettings.parse({});
const describe1 = (input: DeadlineInput, key: DeadlineKey, settings = defaults, calendar = cal): string => {
  const d = dueFor(computeDeadlines(input, calendar, settings), key);
  if (!d) throw new Error(`no ${key} deadline`);
  return describeDeadline(d);
};

// Held Thu 5 Mar 2026, starting 10:00 GMT.
const held: DeadlineInput = {
  kind: 'initial',
  strategyDiscussionDate: '2026-02-10',
  scheduledStart: '2026-03-05T10:00',
  heldOn: '2026-03-05',
};
const heldInitial = (heldOn: string): DeadlineInput => ({
  kind: 'initial',
  strategyDiscussionDate: '2026-01-02',
  heldOn,
});

describe('after the conference: the sentence a user sees', () => {
  test.each<[string, DeadlineInput, DeadlineKey, string]>([
    [
      'decision letter',
      held,
      'decision-letter',
      'Decision letter and outline plan due Fri 6 Mar 2026 (within 1 working day of the conference)',
    ],
    [
      'decision letter over Christmas 2026',
      heldInitial('2026-12-24'),
      'decision-letter',
      'Decision letter and outline plan due Tue 29 Dec 2026 (within 1 working day of the conference)',
    ],
    [
      'decision letter after an adjourned conference decided two days later',
      { ...heldInitial('2026-03-02'), decisionRecordedOn: '2026-03-04' },
      'decision-letter',
      'Decision letter and outline plan due Thu 5 Mar 2026 (within 1 working day of the decision)',
    ],
    [
      'absent parents told',
      held,
      'absent-parents-told',
      'Decision told to parents who did not attend due Fri 6 Mar 2026, 10:00 ' +
        '(within 24 hours of the conference, counted from its start)',
    ],
    [
      'absent parents told is not moved off a weekend (Friday 14:00 conference)',
      { ...held, scheduledStart: '2026-03-27T14:00', heldOn: '2026-03-27' },
      'absent-parents-told',
      'Decision told to parents who did not attend due Sat 28 Mar 2026, 14:00 ' +
        '(within 24 hours of the conference, counted from its start)',
    ],
    [
      'first core group',
      held,
      'first-core-group',
      'First core group meeting due Thu 19 Mar 2026 (within 10 working days of the initial conference)',
    ],
    [
      'first core group after a transfer-in conference',
      { ...held, kind: 'transfer-in' },
      'first-core-group',
      'First core group meeting due Thu 19 Mar 2026 (within 10 working days of the transfer-in conference)',
    ],
    [
      'minutes, default 15 working days (Cornwall)',
      held,
      'minutes',
      'Conference record (minutes) due Thu 26 Mar 2026 (within 15 working days of the conference)',
    ],
    [
      'first review, 3 months',
      held,
      'first-review',
      'First review conference due Fri 5 Jun 2026 (within 3 months of the initial conference)',
    ],
    [
      'inquorate conference re-arranged across Christmas 2026',
      { kind: 'initial', strategyDiscussionDate: '2026-12-01', inquorateOn: '2026-12-17' },
      'inquorate-rearranged',
      'Re-arranged conference due Tue 5 Jan 2027 (within 10 working days of the conference that could not ' +
        'go ahead because too few agencies were there)',
    ],
  ])('%s', (_label, input, key, expected) => {
    expect(describe1(input, key)).toBe(expected);
  });

  test('inquorate with the authority closed 29-31 Dec 2026', () => {
    const input: DeadlineInput = {
      kind: 'initial',
      strategyDiscussionDate: '2026-12-01',
      inquorateOn: '2026-12-17',
    };
    expect(dueFor(computeDeadlines(input, closed), 'inquorate-rearranged')?.due).toBe('2027-01-08');
  });

  test('held on another day than scheduled: no absent-parents deadline, as the start time is unknown', () => {
    const keys = computeDeadlines({ ...held, heldOn: '2026-03-06' }, cal).map((d) => d.key);
    expect(keys).not.toContain('absent-parents-told');
    expect(keys).toContain('decision-letter');
  });

  test('a review has no first core group and a next review instead of a first', () => {
    const keys = computeDeadlines({ ...held, kind: 'review' }, cal).map((d) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['decision-letter', 'minutes', 'next-review']));
    expect(keys).not.toContain('first-core-group');
    expect(keys).not.toContain('first-review');
  });
});

describe('minutes: 15 or 20 working days, per authority', () => {
  test.each([
    [15, 'Thu 26 Mar 2026', 'Cornwall parents’ guide (seed 004)'],
    [20, 'Thu 2 Apr 2026', 'Dorset chairing standards (seed 003 §4.7)'],
    [18, 'Tue 31 Mar 2026', 'Authority setting'],
  ])('%i working days after Thu 5 Mar 2026: %s, source %s', (n, label, source) => {
    const d = dueFor(
      computeDeadlines(held, cal, TimescaleSettings.parse({ minutesWorkingDays: n })),
      'minutes',
    );
    expect(d).toMatchObject({ dueLabel: label, source });
    expect(describeDeadline(d!)).toBe(
      `Conference record (minutes) due ${label} (within ${n} working days of the conference)`,
    );
  });
});
