/**
 * The core group after a child protection plan: its meetings and the progress updates on the plan's
 * actions (seed 002 Portsmouth; seed 003 §2.10, §2.11, §5.1; seed 004 Cornwall). Shared types and the
 * plain-English labels the cards, the report and the API use.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { LONDON } from '../timescales/dates.js';

export const ProgressStatuses = ['on-track', 'at-risk', 'not-done', 'done'] as const;
export type ProgressStatus = (typeof ProgressStatuses)[number];

/** What a person sees for each status (plain English, seed 003 §2.9). */
export const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'not-done': 'Not done',
  done: 'Done',
};

export const MeetingStatuses = ['proposed', 'scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MeetingStatuses)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  proposed: 'Times offered, not yet fixed',
  scheduled: 'Arranged',
  held: 'Held',
  cancelled: 'Cancelled',
};

export interface OfferedSlot {
  /** ISO with the English offset of the day. */
  start: string;
  end: string;
  /** "Tue 8 Dec 2026, 10:00 to 11:00". */
  label: string;
}

export interface SlotAnswer {
  /** Record person id ('lead-social-worker', 'chair', an invitee id). */
  personId: string;
  /** Starts of the offered times this person can come to; empty for "none of these". */
  canCome: string[];
  at: string;
}

export interface CoreGroupMeeting {
  id: string;
  conferenceId: string;
  /** 1 for the first core group after the conference, then 2, 3 … */
  number: number;
  status: MeetingStatus;
  /** ISO instant with offset, once scheduled. */
  startsAt?: string | undefined;
  durationMinutes: number;
  /** The date it is due by (timescales), YYYY-MM-DD. */
  dueOn: string;
  offeredSlots: OfferedSlot[];
  answers: SlotAnswer[];
  calendarEventId?: string | undefined;
  heldAt?: string | undefined;
  cancelledAt?: string | undefined;
  /** Why it was cancelled, as the chair or lead social worker wrote it. */
  cancelledReason?: string | undefined;
}

export interface ProgressUpdate {
  id: string;
  conferenceId: string;
  meetingId: string;
  actionId: string;
  status: ProgressStatus;
  comment: string;
  /** Record person id of who gave it. */
  byPerson: string;
  byAad?: string | undefined;
  /** ISO instant. */
  at: string;
}

/** No control characters in a stored comment, except line breaks. */
const plain = (s: string) =>
  [...s].every((ch) => {
    const code = ch.charCodeAt(0);
    return code === 10 || code === 13 || (code >= 32 && code !== 127);
  });

/** A comment on an action's progress: plain text, at most 1000 characters; shown escaped everywhere. */
export const ProgressComment = z
  .string({ error: 'The comment must be text.' })
  .trim()
  .max(1000, 'Keep the comment to 1000 characters or fewer.')
  .refine(plain, 'The comment has characters that cannot be shown; type it again as plain text.')
  .transform((s) => s.replace(/\r\n?/g, '\n'));

export const ProgressEntry = z.object({
  actionId: z.string().min(1).max(100),
  status: z.enum(ProgressStatuses, { error: 'Choose on track, at risk, not done or done.' }),
  comment: ProgressComment.default(''),
});
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** The status an action had at one meeting: the latest update given for that meeting. */
export function statusAtMeeting(
  updates: readonly ProgressUpdate[],
  actionId: string,
  meetingId: string,
): ProgressUpdate | undefined {
  return latest(updates.filter((u) => u.actionId === actionId && u.meetingId === meetingId));
}

/** The most recent of some updates (by time, then by id so the answer never depends on order). */
export function latest(updates: readonly ProgressUpdate[]): ProgressUpdate | undefined {
  return [...updates].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)).at(-1);
}

/** The day a meeting was held, in England, from its start (or when it was marked held). */
export const heldDay = (m: CoreGroupMeeting): string | undefined =>
  m.status === 'held' ? londonDay(m.startsAt ?? m.heldAt) : undefined;

/** The English calendar day of an instant. */
export const londonDay = (iso: string | undefined): string | undefined =>
  iso ? (DateTime.fromISO(iso).setZone(LONDON).toISODate() ?? undefined) : undefined;
