/** The oversight figures: met, late and still-open steps, counted against the timescales module's dates. */
import { oversightFigures, type ConferenceFacts } from '../../bot/domain/oversight.js';
import { computeDeadlines, englandAndWalesCalendar } from '../../bot/domain/timescales/index.js';

const calendar = englandAndWalesCalendar();
const day = (iso: string) => iso.slice(0, 10); // all instants below are in GMT

function facts(
  id: string,
  over: Partial<ConferenceFacts> & { scheduledStart: string; heldOn?: string },
): ConferenceFacts {
  const { scheduledStart, ...rest } = over;
  return {
    id,
    reference: `RT-2026-${id.padStart(4, '0')}`,
    kind: 'initial',
    deadlines: computeDeadlines(
      {
        kind: 'initial',
        strategyDiscussionDate: '2026-02-02',
        scheduledStart,
        ...(over.heldOn ? { heldOn: over.heldOn } : {}),
      },
      calendar,
    ),
    reports: [],
    agencies: { invited: [], attended: [] },
    ...rest,
  };
}

const byKey = (figures: ReturnType<typeof oversightFigures>, key: string) =>
  figures.find((f) => f.key === key)!;

test('an initial conference on its last day counts as in time, a day later does not', () => {
  // 15 working days after Mon 2 Feb 2026 is Mon 23 Feb.
  const figures = oversightFigures(
    [
      facts('1', { scheduledStart: '2026-02-23T10:00', heldOn: '2026-02-23' }),
      facts('2', { scheduledStart: '2026-02-24T10:00', heldOn: '2026-02-24' }),
    ],
    '2026-03-30',
    day,
  );
  const f = byKey(figures, 'initial-within-timescale');
  expect([f.met, f.total, f.percent]).toEqual([1, 2, 50]);
  expect(f.conferences.map((c) => [c.reference, c.met, c.due])).toEqual([
    ['RT-2026-0001', 1, '2026-02-23'],
    ['RT-2026-0002', 0, '2026-02-23'],
  ]);
});

test('a letter not yet sent is late once its day has passed, and not counted before', () => {
  const held = { scheduledStart: '2026-02-23T10:00', heldOn: '2026-02-23' };
  const sentNextDay = facts('1', { ...held, letterApprovedAt: '2026-02-24T16:00:00Z' });
  const notSent = facts('2', held);
  const early = oversightFigures([sentNextDay, notSent], '2026-02-24', day);
  expect(byKey(early, 'letters-on-time')).toMatchObject({ met: 1, total: 1, percent: 100 });
  expect(byKey(early, 'letters-on-time').conferences[1]).toMatchObject({ pending: true });
  const later = oversightFigures([sentNextDay, notSent], '2026-02-25', day);
  expect(byKey(later, 'letters-on-time')).toMatchObject({ met: 1, total: 2, percent: 50 });
});

test('reports: each expected report counts, a missing one is late after the deadline; attendance counts agencies', () => {
  const c = facts('1', {
    scheduledStart: '2026-02-23T10:00',
    heldOn: '2026-02-23',
    reports: [
      { expected: true, submittedAt: '2026-02-18T09:00:00Z', sharedAt: '2026-02-17T09:00:00Z' },
      { expected: true, submittedAt: '2026-02-20T09:00:00Z', sharedAt: null },
      { expected: true, submittedAt: null, sharedAt: null },
    ],
    agencies: { invited: ['Police', 'School', 'Health'], attended: ['Police', 'Health'] },
  });
  const figures = oversightFigures([c], '2026-03-02', day);
  // Reports to the service 2 working days before Mon 23 Feb: Thu 19 Feb.
  expect(byKey(figures, 'reports-on-time')).toMatchObject({ met: 1, total: 3 });
  // With the family 3 working days before: Wed 18 Feb.
  expect(byKey(figures, 'reports-with-family-in-time')).toMatchObject({ met: 1, total: 3 });
  expect(byKey(figures, 'agency-attendance')).toMatchObject({ met: 2, total: 3, percent: 67 });
  expect(byKey(figures, 'minutes-on-time')).toMatchObject({ met: 0, total: 0, percent: null });
});
