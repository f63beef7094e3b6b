/**
 * When a core group meeting is fixed, and when the next one is due. Pure: answers, members and the
 * working-day calendar come in as arguments.
 */
import type { Deadline, TimescaleSettings, WorkingDayCalendar } from '../timescales/index.js';
import { nextCoreGroupDueBeforeReview } from '../timescales/index.js';
import type { OfferedSlot, SlotAnswer } from './model.js';

export interface Member {
  /** Record person id. */
  id: string;
  /** The lead social worker: the meeting cannot go ahead without them. */
  required: boolean;
}

export interface SlotTally {
  slot: OfferedSlot;
  /** Person ids who said they can come. */
  accepted: string[];
  /** True when every required member and at least half of the others can come. */
  enough: boolean;
}

/**
 * The rule for fixing a time: every required member (the lead social worker, who runs the core group,
 * seed 004) and at least half of the other members, counted over everyone asked, not only those who
 * answered, so an early "yes" from two people does not fix a time the rest have not seen. Half rather
 * than all: the core group should not wait on one diary (first meeting within 10 working days), and
 * members who cannot come send their update by card (seed 002).
 */
export function tallySlots(
  slots: readonly OfferedSlot[],
  answers: readonly SlotAnswer[],
  members: readonly Member[],
): SlotTally[] {
  const memberIds = new Set(members.map((m) => m.id));
  const others = members.filter((m) => !m.required);
  const needOthers = Math.ceil(others.length / 2);
  return slots.map((slot) => {
    const accepted = answers
      .filter((a) => memberIds.has(a.personId) && a.canCome.includes(slot.start))
      .map((a) => a.personId);
    const yes = new Set(accepted);
    const enough =
      members.filter((m) => m.required).every((m) => yes.has(m.id)) &&
      others.filter((m) => yes.has(m.id)).length >= needOthers;
    return { slot, accepted, enough };
  });
}

export type ScheduleChoice =
  | { kind: 'chosen'; slot: OfferedSlot; accepted: string[] }
  | { kind: 'waiting'; answered: number; asked: number }
  /** Everyone answered and no time has enough people: new times are needed. */
  | { kind: 'none-suits' };

/** The time to fix, once the rule is met: the one most members can come to, earliest on a tie. */
export function chooseSlot(
  slots: readonly OfferedSlot[],
  answers: readonly SlotAnswer[],
  members: readonly Member[],
): ScheduleChoice {
  const tallies = tallySlots(slots, answers, members);
  const best = tallies
    .filter((t) => t.enough)
    .sort((a, b) => b.accepted.length - a.accepted.length || a.slot.start.localeCompare(b.slot.start))[0];
  if (best) return { kind: 'chosen', slot: best.slot, accepted: best.accepted };
  const memberIds = new Set(members.map((m) => m.id));
  const answered = new Set(answers.filter((a) => memberIds.has(a.personId)).map((a) => a.personId)).size;
  return answered >= members.length
    ? { kind: 'none-suits' }
    : { kind: 'waiting', answered, asked: members.length };
}

/**
 * When the meeting after one held on `heldOn` is due: about every 6 weeks (seeds 002, 004), never after
 * the next review conference's deadline (`reviewDue`, from the same timescales module).
 */
export const nextMeetingDue = (
  heldOn: string,
  reviewDue: string | undefined,
  calendar: WorkingDayCalendar,
  settings: TimescaleSettings,
): Deadline => nextCoreGroupDueBeforeReview(heldOn, reviewDue, calendar, settings);
