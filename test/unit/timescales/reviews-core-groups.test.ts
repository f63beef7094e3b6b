import {
  TimescaleSettings,
  computeDeadlines,
  describeDeadline,
  dueFor,
  englandAndWalesCalendar,
  nextCoreGroupDue,
  type DeadlineInput,
  type DeadlineKey,
} from '../../../bot/domain/timescales/index.js';

const cal = englandAndWalesCalendar();

const heldInitial = (heldOn: string): DeadlineInput => ({
  kind: 'initial',
  strategyDiscussionDate: '2026-01-02',
  heldOn,
});
const heldReview = (heldOn: string): DeadlineInput => ({
  kind: 'review',
  strategyDiscussionDate: '2026-01-02',
  heldOn,
});

describe('reviews: month arithmetic and month ends', () => {
  test.each<[string, DeadlineInput, DeadlineKey, string, string]>([
    [
      '31 Jan + 3 months clamps to 30 Apr (2029, a Monday)',
      heldInitial('2029-01-31'),
      'first-review',
      '2029-04-30',
      '',
    ],
    [
      '31 Jan + 3 months clamps to 30 Apr 2028, a Sunday, brought forward to Friday',
      heldInitial('2028-01-31'),
      'first-review',
      '2028-04-28',
      '; brought forward from Sun 30 Apr 2028, not a working day',
    ],
    [
      '30 Nov 2026 + 3 months is 28 Feb 2027, a Sunday',
      heldInitial('2026-11-30'),
      'first-review',
      '2027-02-26',
      '; brought forward from Sun 28 Feb 2027, not a working day',
    ],
    ['30 Nov 2027 + 3 months is leap day 2028', heldInitial('2027-11-30'), 'first-review', '2028-02-29', ''],
    [
      '6 Jan 2026 + 3 months is Easter Monday, brought forward over Good Friday',
      heldInitial('2026-01-06'),
      'first-review',
      '2026-04-02',
      '; brought forward from Mon 6 Apr 2026, not a working day',
    ],
    [
      'review 31 Aug 2027 + 6 months is leap day 2028',
      heldReview('2027-08-31'),
      'next-review',
      '2028-02-29',
      '',
    ],
    [
      'review 31 Aug 2028 + 6 months clamps to 28 Feb 2029',
      heldReview('2028-08-31'),
      'next-review',
      '2029-02-28',
      '',
    ],
  ])('%s', (_label, input, key, due, note) => {
    const d = dueFor(computeDeadlines(input, cal), key);
    const months = key === 'first-review' ? '3 months of the initial' : '6 months of the review';
    expect(d?.due).toBe(due);
    expect(d?.rule).toBe(`within ${months} conference${note}`);
  });
});

describe('nextCoreGroupDue', () => {
  test.each([
    ['2026-01-20', '2026-03-03', 'about 6 weeks after the last core group meeting'],
    [
      '2026-11-16',
      '2026-12-24',
      'about 6 weeks after the last core group meeting; brought forward from Mon 28 Dec 2026, not a working day',
    ],
  ])('after %s: %s', (last, due, rule) => {
    expect(nextCoreGroupDue(last, cal)).toMatchObject({
      key: 'next-core-group',
      due,
      rule,
      source: 'Portsmouth procedures (seed 002); Cornwall parents’ guide (seed 004)',
    });
  });

  test('an authority meeting every 4 weeks', () => {
    expect(
      nextCoreGroupDue('2026-01-20', cal, TimescaleSettings.parse({ coreGroupIntervalWeeks: 4 })).due,
    ).toBe('2026-02-17');
  });

  test('computeDeadlines includes it when the last core group is known', () => {
    const d = dueFor(
      computeDeadlines(
        { kind: 'review', strategyDiscussionDate: '2025-10-01', lastCoreGroupOn: '2026-01-20' },
        cal,
      ),
      'next-core-group',
    );
    expect(describeDeadline(d!)).toBe(
      'Next core group meeting due Tue 3 Mar 2026 (about 6 weeks after the last core group meeting)',
    );
  });
});
