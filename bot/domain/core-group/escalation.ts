/**
 * Which plan actions are escalated, and to whom (seed 003 §2.11: the core group tells the lead social
 * worker when the plan is not working; §5.1: the chair oversees it and is told when it stalls):
 * - an action overdue, or "not done" at two core group meetings running, goes to the lead social worker;
 * - still not done at the next meeting after that, or 10 working days later, it goes to the chair.
 * Pure: `today` and the working-day calendar come in; deadlines come from the timescales module.
 */
import { isoOf, toDay } from '../timescales/dates.js';
import type { WorkingDayCalendar } from '../timescales/index.js';
import { chairEscalationDue } from '../timescales/index.js';
import type { PlanAction } from '../conference-record/state.js';
import type { CoreGroupMeeting, ProgressUpdate } from './model.js';
import { heldDay, latest, statusAtMeeting } from './model.js';

export type EscalationLevel = 'lead-social-worker' | 'chair';
export type EscalationReason = 'overdue' | 'not-done-twice';

export interface Escalation {
  actionId: string;
  level: EscalationLevel;
  reason: EscalationReason;
  /** The day it first went to the lead social worker (YYYY-MM-DD). */
  since: string;
  /** One sentence for the card or email, plain English. */
  why: string;
}

export interface EscalationInput {
  actions: readonly PlanAction[];
  updates: readonly ProgressUpdate[];
  meetings: readonly CoreGroupMeeting[];
  /** YYYY-MM-DD in England. */
  today: string;
  calendar: WorkingDayCalendar;
}

const dayAfter = (iso: string) => isoOf(toDay(iso).plus({ days: 1 }));

/** The first day the action met a reason to go to the lead social worker, if it has. */
function firstTrigger(
  action: PlanAction,
  updates: readonly ProgressUpdate[],
  held: readonly (CoreGroupMeeting & { day: string })[],
  today: string,
): { since: string; reason: EscalationReason } | undefined {
  const found: { since: string; reason: EscalationReason }[] = [];
  // A date deadline is met by doing it on the day, so it is overdue from the day after.
  const overdueFrom = dayAfter(action.byWhen);
  if (overdueFrom <= today) found.push({ since: overdueFrom, reason: 'overdue' });
  for (let i = 1; i < held.length; i += 1) {
    const [before, now] = [held[i - 1], held[i]];
    if (
      before &&
      now &&
      statusAtMeeting(updates, action.id, before.id)?.status === 'not-done' &&
      statusAtMeeting(updates, action.id, now.id)?.status === 'not-done'
    ) {
      found.push({ since: now.day, reason: 'not-done-twice' });
      break;
    }
  }
  return found.sort((a, b) => a.since.localeCompare(b.since))[0];
}

/** The escalations standing on `today`, one per action at its highest level reached. */
export function escalations(input: EscalationInput): Escalation[] {
  const { today, calendar } = input;
  const held = input.meetings
    .map((m) => ({ ...m, day: heldDay(m) }))
    .filter((m): m is CoreGroupMeeting & { day: string } => m.day !== undefined && m.day <= today)
    .sort((a, b) => a.number - b.number);
  const out: Escalation[] = [];
  for (const action of input.actions) {
    const own = input.updates.filter((u) => u.actionId === action.id);
    if (latest(own)?.status === 'done') continue;
    const first = firstTrigger(action, own, held, today);
    if (!first) continue;
    const chairFrom = chairEscalationDue(first.since, calendar).due;
    // A meeting held after it went to the lead social worker, at which it was still not recorded done.
    const stillAtMeeting = held.some(
      (m) => m.day > first.since && statusAtMeeting(own, action.id, m.id)?.status !== 'done',
    );
    const toChair = stillAtMeeting || chairFrom <= today;
    const what =
      first.reason === 'overdue'
        ? 'is past the date it was due by'
        : 'was not done at two core group meetings running';
    out.push({
      actionId: action.id,
      level: toChair ? 'chair' : 'lead-social-worker',
      reason: first.reason,
      since: first.since,
      why: toChair
        ? `This action ${what}, and was still not done ${stillAtMeeting ? 'at the next core group meeting' : '10 working days after the lead social worker was told'}.`
        : `This action ${what}.`,
    });
  }
  return out;
}
