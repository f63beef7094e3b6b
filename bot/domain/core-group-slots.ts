/**
 * Proposes core group meeting times from free/busy (DESIGN.md §1: the first core group within 10
 * working days of the conference, then about every 6 weeks; seeds 002 and 004). Pure: the clock, the
 * working-day calendar and everyone's busy periods come in as arguments.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from './errors.js';
import { LONDON, dateTimeLabel, isoDateTimeOf, isoOf, toDay } from './timescales/dates.js';
import type { WorkingDayCalendar } from './timescales/index.js';

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-10.')
  .refine((d) => DateTime.fromISO(d).isValid, 'That date does not exist.');
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 09:30.');
const Instant = z.iso.datetime({ offset: true });
/** A window longer than this is a mistake, and would only make people wait longer. */
const MAX_WINDOW_DAYS = 92;
const DAY_MS = 86_400_000;

export const SlotPerson = z.object({
  id: z.string().min(1).max(320),
  required: z.boolean(),
  /** Busy periods, or 'unknown' when the calendar could not be read: never taken to be free. */
  busy: z.union([z.array(z.object({ start: Instant, end: Instant })).max(5000), z.literal('unknown')]),
});
export type SlotPerson = z.input<typeof SlotPerson>;

export const SlotRequest = z
  .object({
    /** English local dates, both included. */
    window: z
      .object({ from: IsoDate, to: IsoDate })
      .refine((w) => w.from <= w.to, { message: 'The window must end on or after its first day.' })
      .refine((w) => Date.parse(w.to) - Date.parse(w.from) <= MAX_WINDOW_DAYS * DAY_MS, {
        message: `Look at most ${MAX_WINDOW_DAYS} days ahead.`,
      }),
    durationMinutes: z.number().int().min(15).max(480).default(60),
    people: z
      .array(SlotPerson)
      .min(1, 'Say who the meeting is for.')
      .max(100)
      .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'The same person is listed twice.'),
    // School-friendly by default: parents in the core group drop off and collect children.
    workingHours: z
      .object({ start: ClockTime, end: ClockTime })
      .refine((h) => h.start < h.end, { message: 'Working hours must end after they start.' })
      .default({ start: '09:30', end: '16:30' }),
    stepMinutes: z.number().int().min(5).max(240).default(30),
    max: z.number().int().min(1).max(50).default(5),
  })
  .strict();
export type SlotRequest = z.input<typeof SlotRequest>;

export interface ProposeSlotsInput extends SlotRequest {
  calendar: WorkingDayCalendar;
  /** From the Clock port: no slot starts before it. */
  now: Date;
}

export interface Slot {
  /** ISO with the English offset of the day, e.g. 2026-12-08T10:00:00+00:00. */
  start: string;
  end: string;
  /** "Tue 8 Dec 2026, 10:00 to 11:00". */
  label: string;
  /** Person ids, in the order given. `busy` is who cannot make it; `unknown` may or may not. */
  free: string[];
  busy: string[];
  unknown: string[];
  /** False for a best partial slot: some required person is busy or their calendar is unknown. */
  allRequiredFree: boolean;
  /** Higher is better: required people free outrank any number of optional people free. */
  score: number;
}

interface Counts {
  required: number;
  optional: number;
}

interface Person {
  id: string;
  required: boolean;
  busy: (readonly [number, number])[] | null;
}

function parse(input: SlotRequest) {
  const parsed = SlotRequest.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DomainError(
    'VALIDATION_FAILED',
    'The meeting times could not be worked out from what was given.',
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

function* daysBetween(from: string, to: string): Generator<string> {
  for (let d = toDay(from); isoOf(d) <= to; d = d.plus({ days: 1 })) yield isoOf(d);
}

/** Start times on one day in English local time, so 09:30 stays 09:30 either side of a clock change. */
function* startsOn(day: string, hours: { start: string; end: string }, duration: number, step: number) {
  const close = DateTime.fromISO(`${day}T${hours.end}`, { zone: LONDON });
  for (
    let start = DateTime.fromISO(`${day}T${hours.start}`, { zone: LONDON });
    start.plus({ minutes: duration }) <= close;
    start = start.plus({ minutes: step })
  )
    yield start;
}

type Answer = 'free' | 'busy' | 'unknown';

function assess(start: DateTime, end: DateTime, people: readonly Person[], counts: Counts): Slot {
  const [from, to] = [start.toMillis(), end.toMillis()];
  const lists: Record<Answer, string[]> = { free: [], busy: [], unknown: [] };
  let requiredFree = 0;
  for (const p of people) {
    const state: Answer =
      p.busy === null ? 'unknown' : p.busy.some(([s, e]) => s < to && e > from) ? 'busy' : 'free';
    lists[state].push(p.id);
    if (state === 'free' && p.required) requiredFree += 1;
  }
  return {
    start: isoDateTimeOf(start),
    end: isoDateTimeOf(end),
    label: `${dateTimeLabel(start)} to ${end.setZone(LONDON).toFormat('HH:mm')}`,
    ...lists,
    allRequiredFree: requiredFree === counts.required,
    // One more required person free always beats every optional person free.
    score: requiredFree * (counts.optional + 1) + (lists.free.length - requiredFree),
  };
}

/**
 * Up to `max` meeting times in the window, best first: most required people free, then most optional
 * people free, then earliest, because the child should not wait. Only working days (no weekends, bank
 * holidays or closure days) within working hours, and never before `now`. When no time suits every
 * required person, the best partial times are returned with `allRequiredFree: false` and `busy` saying
 * who cannot make each.
 */
export function proposeSlots(input: ProposeSlotsInput): Slot[] {
  const { calendar, now, ...rest } = input;
  const req = parse(rest);
  const people: Person[] = req.people.map((p) => ({
    id: p.id,
    required: p.required,
    busy: p.busy === 'unknown' ? null : p.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const),
  }));
  const required = people.filter((p) => p.required).length;
  const counts = { required, optional: people.length - required };
  const today = DateTime.fromJSDate(now, { zone: LONDON }).toISODate() ?? '';
  const first = req.window.from > today ? req.window.from : today;
  const slots: Slot[] = [];
  for (const day of first <= req.window.to ? daysBetween(first, req.window.to) : []) {
    if (!calendar.isWorkingDay(day)) continue;
    for (const start of startsOn(day, req.workingHours, req.durationMinutes, req.stepMinutes)) {
      if (start.toMillis() < now.getTime()) continue;
      slots.push(assess(start, start.plus({ minutes: req.durationMinutes }), people, counts));
    }
  }
  // Slots are built in time order and the sort is stable, so equal scores stay earliest first.
  return slots.sort((a, b) => b.score - a.score).slice(0, req.max);
}
