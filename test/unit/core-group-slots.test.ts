import { proposeSlots } from '../../bot/domain/core-group-slots.js';
import type { ProposeSlotsInput, SlotPerson } from '../../bot/domain/core-group-slots.js';
import { englandAndWalesCalendar } from '../../bot/domain/timescales/index.js';
import { thrownCode } from './timescales/error-code.js';

// Expected times are worked out by hand from a printed calendar: Dec 2026 starts on a Tuesday,
// 25 and 28 Dec 2026 and 1 Jan 2027 are bank holidays, and British Summer Time ends on Sun 25 Oct 2026
// (Friday 23 Oct is UTC+1, Monday 26 Oct is UTC+0). Busy periods are written in UTC, as Graph sends them.
const cal = englandAndWalesCalendar();
const NOW = new Date('2026-11-24T09:00:00Z');

const free = (id: string, required = false): SlotPerson => ({ id, required, busy: [] });
const busy = (id: string, required: boolean, ...periods: [string, string][]): SlotPerson => ({
  id,
  required,
  busy: periods.map(([start, end]) => ({ start, end })),
});
const propose = (input: Partial<ProposeSlotsInput> & Pick<ProposeSlotsInput, 'window'>) =>
  proposeSlots({ people: [free('sw', true)], calendar: cal, now: NOW, ...input });
const labels = (input: Parameters<typeof propose>[0]) => propose(input).map((s) => s.label);

/** A whole-day meeting fits once per day, so the labels list exactly the days that count. */
const WHOLE_DAY = 7 * 60;
const day = (label: string) => `${label}, 09:30 to 16:30`;

describe('which days and times are offered', () => {
  test.each<[string, Parameters<typeof propose>[0], string[]]>([
    [
      'everyone free: the earliest times on the first working day',
      { window: { from: '2026-12-07', to: '2026-12-11' }, people: [free('sw', true), free('hv')], max: 3 },
      ['Mon 7 Dec 2026, 09:30 to 10:30', 'Mon 7 Dec 2026, 10:00 to 11:00', 'Mon 7 Dec 2026, 10:30 to 11:30'],
    ],
    [
      'Christmas: 25 and 28 Dec (bank holidays) and the weekend between are skipped',
      { window: { from: '2026-12-24', to: '2027-01-04' }, durationMinutes: WHOLE_DAY, max: 50 },
      [
        day('Thu 24 Dec 2026'),
        day('Tue 29 Dec 2026'),
        day('Wed 30 Dec 2026'),
        day('Thu 31 Dec 2026'),
        day('Mon 4 Jan 2027'),
      ],
    ],
    [
      'New Year: 1 Jan 2027 (bank holiday) and the weekend are skipped',
      {
        window: { from: '2026-12-31', to: '2027-01-05' },
        people: [busy('sw', true, ['2026-12-31T00:00:00Z', '2027-01-01T00:00:00Z'])],
        max: 1,
      },
      ['Mon 4 Jan 2027, 09:30 to 10:30'],
    ],
    [
      'a weekend at the start of the window',
      { window: { from: '2026-12-12', to: '2026-12-14' }, durationMinutes: WHOLE_DAY },
      [day('Mon 14 Dec 2026')],
    ],
    [
      'a window of bank holidays and a weekend only has no times',
      { window: { from: '2026-12-25', to: '2026-12-28' } },
      [],
    ],
    [
      'the authority’s closure days between Christmas and New Year are skipped',
      {
        window: { from: '2026-12-24', to: '2027-01-04' },
        calendar: englandAndWalesCalendar(['2026-12-29', '2026-12-30', '2026-12-31']),
        durationMinutes: WHOLE_DAY,
      },
      [day('Thu 24 Dec 2026'), day('Mon 4 Jan 2027')],
    ],
    [
      'the required person is busy every morning: the first afternoon',
      {
        window: { from: '2026-12-07', to: '2026-12-08' },
        people: [
          busy(
            'sw',
            true,
            ['2026-12-07T08:00:00Z', '2026-12-07T13:00:00Z'],
            ['2026-12-08T08:00:00Z', '2026-12-08T13:00:00Z'],
          ),
          free('hv'),
        ],
        max: 3,
      },
      ['Mon 7 Dec 2026, 13:00 to 14:00', 'Mon 7 Dec 2026, 13:30 to 14:30', 'Mon 7 Dec 2026, 14:00 to 15:00'],
    ],
    [
      'more optional people free outranks earlier; required free outranks both',
      {
        window: { from: '2026-12-07', to: '2026-12-08' },
        people: [
          busy(
            'sw',
            true,
            ['2026-12-07T08:00:00Z', '2026-12-07T13:00:00Z'],
            ['2026-12-08T08:00:00Z', '2026-12-08T13:00:00Z'],
          ),
          busy('hv', false, ['2026-12-07T12:00:00Z', '2026-12-07T17:00:00Z']),
        ],
        max: 8,
      },
      [
        'Tue 8 Dec 2026, 13:00 to 14:00',
        'Tue 8 Dec 2026, 13:30 to 14:30',
        'Tue 8 Dec 2026, 14:00 to 15:00',
        'Tue 8 Dec 2026, 14:30 to 15:30',
        'Tue 8 Dec 2026, 15:00 to 16:00',
        'Tue 8 Dec 2026, 15:30 to 16:30',
        // Monday afternoons: the social worker is free but the health visitor is not.
        'Mon 7 Dec 2026, 13:00 to 14:00',
        'Mon 7 Dec 2026, 13:30 to 14:30',
      ],
    ],
    [
      'now in the middle of a day: nothing that has already started',
      { window: { from: '2026-12-07', to: '2026-12-08' }, now: new Date('2026-12-07T11:10:00Z'), max: 1 },
      ['Mon 7 Dec 2026, 11:30 to 12:30'],
    ],
    [
      'now after the last time of the day: the next working day',
      { window: { from: '2026-12-07', to: '2026-12-08' }, now: new Date('2026-12-07T15:40:00Z'), max: 1 },
      ['Tue 8 Dec 2026, 09:30 to 10:30'],
    ],
    [
      'now in summer time: 10:10 UTC is 11:10 in England',
      { window: { from: '2026-10-23', to: '2026-10-23' }, now: new Date('2026-10-23T10:10:00Z'), max: 1 },
      ['Fri 23 Oct 2026, 11:30 to 12:30'],
    ],
    [
      'a window already past has no times',
      { window: { from: '2026-12-07', to: '2026-12-08' }, now: new Date('2026-12-09T08:00:00Z') },
      [],
    ],
    [
      'school-friendly hours are a parameter, and a 90-minute meeting must end by the close',
      {
        window: { from: '2026-12-07', to: '2026-12-07' },
        workingHours: { start: '13:00', end: '16:00' },
        durationMinutes: 90,
        stepMinutes: 45,
      },
      ['Mon 7 Dec 2026, 13:00 to 14:30', 'Mon 7 Dec 2026, 13:45 to 15:15', 'Mon 7 Dec 2026, 14:30 to 16:00'],
    ],
    [
      'a meeting longer than the working day never fits',
      { window: { from: '2026-12-07', to: '2026-12-11' }, durationMinutes: WHOLE_DAY + 30 },
      [],
    ],
  ])('%s', (_name, input, expected) => {
    expect(labels(input)).toEqual(expected);
  });
});

describe('max and ties', () => {
  const times = (d: string, hhmm: string[]) =>
    hhmm.map((t) => {
      const [h, m] = t.split(':').map(Number) as [number, number];
      return `${d}, ${t} to ${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    });
  const window = { from: '2026-12-07', to: '2026-12-08' };

  test('five by default, and never more than max', () => {
    expect(propose({ window })).toHaveLength(5);
    expect(propose({ window, max: 2 })).toHaveLength(2);
  });

  test('equal scores come earliest first, across days', () => {
    // 09:30 to 15:30 every half hour is 13 starts on Monday; the next 7 are Tuesday morning.
    const monday = ['09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00'];
    const mondayPm = ['13:30', '14:00', '14:30', '15:00', '15:30'];
    const tuesday = ['09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30'];
    expect(labels({ window, people: [free('sw', true), free('hv')], max: 20 })).toEqual([
      ...times('Mon 7 Dec 2026', [...monday, ...mondayPm]),
      ...times('Tue 8 Dec 2026', tuesday),
    ]);
  });
});

describe('who can make it', () => {
  const window = { from: '2026-12-07', to: '2026-12-07' };

  test('nobody fully free: the best partial times, saying who cannot make each', () => {
    const slots = propose({
      window,
      people: [
        busy('a', true, ['2026-12-07T13:00:00Z', '2026-12-07T17:00:00Z']),
        busy('b', true, ['2026-12-07T08:00:00Z', '2026-12-07T13:00:00Z']),
        busy('c', false, ['2026-12-07T08:00:00Z', '2026-12-07T12:00:00Z']),
      ],
      max: 3,
    });
    // One required person and the optional one free: 12:00 (a's busy time starts as it ends), then 13:00, 13:30.
    expect(
      slots.map(({ label, free, busy, allRequiredFree }) => ({ label, free, busy, allRequiredFree })),
    ).toEqual([
      { label: 'Mon 7 Dec 2026, 12:00 to 13:00', free: ['a', 'c'], busy: ['b'], allRequiredFree: false },
      { label: 'Mon 7 Dec 2026, 13:00 to 14:00', free: ['b', 'c'], busy: ['a'], allRequiredFree: false },
      { label: 'Mon 7 Dec 2026, 13:30 to 14:30', free: ['b', 'c'], busy: ['a'], allRequiredFree: false },
    ]);
    expect(slots.map((s) => s.score)).toEqual([3, 3, 3]);
  });

  test('an unknown calendar is listed as unknown, never counted as free', () => {
    const [first] = propose({
      window,
      people: [
        free('sw', true),
        { id: 'x', required: false, busy: 'unknown' },
        busy('y', false, ['2026-12-07T09:00:00Z', '2026-12-07T10:00:00Z']),
      ],
    });
    // 09:30 has only the social worker free; 10:00 adds y, while x stays unknown.
    expect(first).toMatchObject({
      label: 'Mon 7 Dec 2026, 10:00 to 11:00',
      free: ['sw', 'y'],
      busy: [],
      unknown: ['x'],
      allRequiredFree: true,
    });
  });

  test('a required person whose calendar is unknown is not taken as free', () => {
    const [first] = propose({ window, people: [{ id: 'sw', required: true, busy: 'unknown' }, free('hv')] });
    expect(first).toMatchObject({ free: ['hv'], unknown: ['sw'], allRequiredFree: false, score: 1 });
  });
});

describe('the clocks going back on Sun 25 Oct 2026', () => {
  const window = { from: '2026-10-23', to: '2026-10-26' };
  const now = new Date('2026-10-01T09:00:00Z');

  test('slots keep 09:30 to 16:30 English time, with the offset of their own day', () => {
    const slots = propose({ window, now, durationMinutes: WHOLE_DAY });
    expect(slots.map(({ start, end, label }) => ({ start, end, label }))).toEqual([
      { start: '2026-10-23T09:30:00+01:00', end: '2026-10-23T16:30:00+01:00', label: day('Fri 23 Oct 2026') },
      { start: '2026-10-26T09:30:00+00:00', end: '2026-10-26T16:30:00+00:00', label: day('Mon 26 Oct 2026') },
    ]);
  });

  test.each<[string, string, [string, string], string, string]>([
    // 10:00 to 16:00 UTC is 11:00 to 17:00 in summer time: 09:30 is free, not taken as 09:30 UTC.
    [
      'Friday (UTC+1)',
      '2026-10-23',
      ['2026-10-23T10:00:00Z', '2026-10-23T16:00:00Z'],
      '2026-10-23T09:30:00+01:00',
      'Fri 23 Oct 2026, 09:30 to 10:30',
    ],
    // 09:00 to 10:30 UTC is the same English time in winter: the first free start is 10:30.
    [
      'Monday (UTC+0)',
      '2026-10-26',
      ['2026-10-26T09:00:00Z', '2026-10-26T10:30:00Z'],
      '2026-10-26T10:30:00+00:00',
      'Mon 26 Oct 2026, 10:30 to 11:30',
    ],
  ])('busy periods in UTC are read right on %s', (_name, d, period, start, label) => {
    const [first] = propose({
      window: { from: d, to: d },
      now,
      people: [busy('sw', true, period)],
      max: 1,
    });
    expect(first).toMatchObject({ start, label, allRequiredFree: true });
  });
});

describe('refusals', () => {
  const window = { from: '2026-12-07', to: '2026-12-08' };
  test.each<[string, Parameters<typeof propose>[0], string]>([
    [
      'a window that ends before it starts',
      { window: { from: '2026-12-08', to: '2026-12-07' } },
      'VALIDATION_FAILED',
    ],
    ['a date that does not exist', { window: { from: '2026-02-30', to: '2026-03-02' } }, 'VALIDATION_FAILED'],
    [
      'hours that end before they start',
      { window, workingHours: { start: '16:30', end: '09:30' } },
      'VALIDATION_FAILED',
    ],
    ['the same person twice', { window, people: [free('sw', true), free('sw')] }, 'VALIDATION_FAILED'],
    [
      'a busy time that cannot be read',
      { window, people: [busy('sw', true, ['Monday', 'Tuesday'])] },
      'VALIDATION_FAILED',
    ],
    ['nobody to meet', { window, people: [] }, 'VALIDATION_FAILED'],
    [
      'a window past the bank holiday data',
      { window: { from: '2040-01-02', to: '2040-01-03' } },
      'DEADLINE_OUT_OF_RANGE',
    ],
  ])('%s', (_name, input, code) => {
    expect(thrownCode(() => propose(input))).toBe(code);
  });
});
