/**
 * The timeliness figures a chair and a manager look at (seeds 003-004; the national returns count the
 * first of them): initial conferences within 15 working days, reports in on time, reports with the
 * family in time, decision letters within 1 working day, minutes on time, first core groups within 10
 * working days, and agencies at the conference. Each figure lists the conferences behind it, so a
 * number can always be followed to the cases. Pure: the facts come in, with their deadlines computed by
 * the timescales module.
 */
import type { Deadline, DeadlineKey } from './timescales/index.js';

/** One conference as the figures need it. Instants are ISO; dates 'YYYY-MM-DD' (English local). */
export interface ConferenceFacts {
  id: string;
  reference: string;
  kind: string;
  /** The day it met; undefined while it has not. */
  heldOn?: string | undefined;
  /** Every deadline of the conference (before and after), from the timescales module. */
  deadlines: Deadline[];
  reports: { submittedAt: string | null; sharedAt: string | null; expected: boolean }[];
  letterApprovedAt?: string | undefined;
  minutesApprovedAt?: string | undefined;
  /** The first core group's day, when one has met or is fixed. */
  firstCoreGroupOn?: string | undefined;
  /** Agencies invited and those that came (or, before attendance is taken, said they would). */
  agencies: { invited: string[]; attended: string[] };
}

export type FigureKey =
  | 'initial-within-timescale'
  | 'reports-on-time'
  | 'reports-with-family-in-time'
  | 'letters-on-time'
  | 'minutes-on-time'
  | 'first-core-group-on-time'
  | 'agency-attendance';

export interface FigureLine {
  conferenceId: string;
  reference: string;
  /** How many of this conference's items met the rule, of how many counted. */
  met: number;
  of: number;
  /** The deadline the items were held to, when there is one. */
  due?: string | undefined;
  /** Still open and not yet late: not counted in the figure. */
  pending?: boolean;
}

export interface Figure {
  key: FigureKey;
  label: string;
  rule: string;
  met: number;
  total: number;
  /** Whole per cent, or null when nothing is counted yet. */
  percent: number | null;
  conferences: FigureLine[];
}

/** End of the deadline in ISO terms: a date-only deadline is met by anything on that date. */
const onOrBefore = (when: string, due: string): boolean =>
  due.length <= 10 ? when.slice(0, 10) <= due : Date.parse(when) <= Date.parse(due);

/** The English date of an instant, given as a function so the caller's time zone rule applies. */
export type DayOf = (iso: string) => string;

function figure(key: FigureKey, label: string, rule: string, lines: FigureLine[]): Figure {
  const counted = lines.filter((l) => !l.pending);
  const met = counted.reduce((n, l) => n + l.met, 0);
  const total = counted.reduce((n, l) => n + l.of, 0);
  return {
    key,
    label,
    rule,
    met,
    total,
    percent: total ? Math.round((100 * met) / total) : null,
    conferences: lines,
  };
}

const find = (c: ConferenceFacts, key: DeadlineKey) => c.deadlines.find((d) => d.key === key);

/**
 * One step against one deadline: met when done by then; late when done after or not done once it
 * passed; pending when not done and not yet due (so it is not counted either way).
 */
function step(c: ConferenceFacts, key: DeadlineKey, doneAt: string | undefined, today: string, dayOf: DayOf) {
  const due = find(c, key);
  if (!due) return undefined;
  const line = { conferenceId: c.id, reference: c.reference, due: due.due, of: 1 };
  if (doneAt)
    return { ...line, met: onOrBefore(due.due.length <= 10 ? dayOf(doneAt) : doneAt, due.due) ? 1 : 0 };
  return onOrBefore(today, due.due.slice(0, 10)) ? { ...line, met: 0, pending: true } : { ...line, met: 0 };
}

/**
 * Each expected report against one deadline: met when done by that day; the line is still open (not
 * counted) until the day has passed, unless every report is already in.
 */
function reports(
  c: ConferenceFacts,
  key: DeadlineKey,
  doneAt: (r: ConferenceFacts['reports'][number]) => string | null,
  today: string,
  dayOf: DayOf,
): FigureLine | undefined {
  const due = find(c, key);
  const expected = c.reports.filter((r) => r.expected);
  if (!due || expected.length === 0) return undefined;
  const met = expected.filter((r) => {
    const at = doneAt(r);
    return at !== null && onOrBefore(dayOf(at), due.due);
  }).length;
  const open = today <= due.due && met < expected.length;
  return {
    conferenceId: c.id,
    reference: c.reference,
    due: due.due,
    met,
    of: expected.length,
    ...(open ? { pending: true } : {}),
  };
}

export function oversightFigures(facts: readonly ConferenceFacts[], today: string, dayOf: DayOf): Figure[] {
  const lines = (f: (c: ConferenceFacts) => FigureLine | undefined) =>
    facts.map(f).filter((l): l is FigureLine => l !== undefined);
  return [
    figure(
      'initial-within-timescale',
      'Initial conferences held in time',
      'within 15 working days of the strategy discussion',
      lines((c) =>
        c.kind === 'initial' ? step(c, 'initial-conference', c.heldOn, today, (d) => d) : undefined,
      ),
    ),
    figure(
      'reports-on-time',
      'Reports in on time',
      '2 working days before the conference (authority setting)',
      lines((c) => reports(c, 'reports-to-service', (r) => r.submittedAt, today, dayOf)),
    ),
    figure(
      'reports-with-family-in-time',
      'Reports shared with the family in time',
      '3 working days before an initial conference, 5 before a review',
      lines((c) => reports(c, 'reports-with-family', (r) => r.sharedAt, today, dayOf)),
    ),
    figure(
      'letters-on-time',
      'Decision letters sent in time',
      'within 1 working day of the decision',
      lines((c) => step(c, 'decision-letter', c.letterApprovedAt, today, dayOf)),
    ),
    figure(
      'minutes-on-time',
      'Minutes approved and sent in time',
      'within 15 or 20 working days of the conference (authority setting)',
      lines((c) => step(c, 'minutes', c.minutesApprovedAt, today, dayOf)),
    ),
    figure(
      'first-core-group-on-time',
      'First core groups in time',
      'within 10 working days of the conference',
      lines((c) => step(c, 'first-core-group', c.firstCoreGroupOn, today, (d) => d)),
    ),
    figure(
      'agency-attendance',
      'Agencies at the conference',
      'invited agencies that came or sent someone',
      lines((c) =>
        c.heldOn && c.agencies.invited.length
          ? {
              conferenceId: c.id,
              reference: c.reference,
              met: c.agencies.invited.filter((a) => c.agencies.attended.includes(a)).length,
              of: c.agencies.invited.length,
            }
          : undefined,
      ),
    ),
  ];
}
