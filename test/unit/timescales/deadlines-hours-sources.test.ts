import {
  TimescaleSettings,
  computeDeadlines,
  describeDeadline,
  dueFor,
  englandAndWalesCalendar,
  type DeadlineKey,
  type DeadlineInput,
} from '../../../bot/domain/timescales/index.js';
import { thrownCode } from './error-code.js';

const cal = englandAndWalesCalendar();

// Thu 5 Mar 2026, 10:00 GMT. Strategy discussion Tue 10 Feb 2026.
const initial: DeadlineInput = {
  kind: 'initial',
  strategyDiscussionDate: '2026-02-10',
  scheduledStart: '2026-03-05T10:00',
};

describe('hour-based deadlines are elapsed hours in English local time', () => {
  test('a Monday conference: 24 hours before is Sunday, brought forward to Friday at the same time', () => {
    // Mon 2 Mar 2026 10:00 GMT.
    const d = dueFor(
      computeDeadlines({ ...initial, scheduledStart: '2026-03-02T10:00' }, cal),
      'chair-reads-reports',
    );
    expect(d).toMatchObject({ due: '2026-02-27T10:00:00+00:00', dueLabel: 'Fri 27 Feb 2026, 10:00' });
  });

  test('48 hours before Mon 30 Mar 2026 10:00 BST is Sat 28 Mar 09:00 GMT (clocks went forward), then Friday', () => {
    const settings = TimescaleSettings.parse({ chairReadsHoursBefore: 48 });
    const d = dueFor(
      computeDeadlines({ ...initial, scheduledStart: '2026-03-30T10:00' }, cal, settings),
      'chair-reads-reports',
    );
    expect(d).toMatchObject({ due: '2026-03-27T09:00:00+00:00', source: 'Authority setting' });
    expect(describeDeadline(d!)).toBe(
      'Chair’s reading of all reports due Fri 27 Mar 2026, 09:00 (at least 48 hours before the conference ' +
        'starts; brought forward from Sat 28 Mar 2026, 09:00, not a working day)',
    );
  });
});

describe('sources', () => {
  test.each<[DeadlineKey, string]>([
    ['initial-conference', 'Working Together 2023'],
    ['reports-to-service', 'Portsmouth procedures (seed 002)'],
    ['reports-circulated', 'Portsmouth procedures (seed 002)'],
    ['reports-with-family', 'Dudley practice standards (seed 001)'],
    ['chair-reads-reports', 'Dorset chairing standards (seed 003 §1.5)'],
    ['parents-have-reports', 'Dorset chairing standards (seed 003 §1.6)'],
  ])('%s: %s', (key, source) => {
    expect(dueFor(computeDeadlines(initial, cal), key)?.source).toBe(source);
  });

  test('an authority’s own value is not attributed to a seed', () => {
    const settings = TimescaleSettings.parse({ reportsToServiceWorkingDays: 3 });
    expect(dueFor(computeDeadlines(initial, cal, settings), 'reports-to-service')).toMatchObject({
      due: '2026-03-02',
      rule: '3 working days before the conference',
      source: 'Authority setting',
    });
  });
});

describe('bad and out-of-range input', () => {
  test.each<[string, DeadlineInput, string]>([
    [
      'a date that does not exist',
      { kind: 'initial', strategyDiscussionDate: '2026-02-30' },
      'VALIDATION_FAILED',
    ],
    ['a start time without the T', { ...initial, scheduledStart: '2026-03-05 10:00' }, 'VALIDATION_FAILED'],
    [
      'a strategy discussion late in 2030',
      { kind: 'initial', strategyDiscussionDate: '2030-12-20' },
      'DEADLINE_OUT_OF_RANGE',
    ],
    [
      'a conference early in 2024',
      { ...initial, scheduledStart: '2024-01-02T10:00' },
      'DEADLINE_OUT_OF_RANGE',
    ],
  ])('%s', (_label, input, code) => {
    expect(thrownCode(() => computeDeadlines(input, cal))).toBe(code);
  });
});
