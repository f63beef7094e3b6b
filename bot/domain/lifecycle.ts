import type { Conference, ConferenceStatus, StatusChange } from './conference.js';
import { DomainError, ErrorCodes } from './errors.js';

/**
 * The conference lifecycle as an explicit state machine. Postponed, inquorate and cancelled need a
 * recorded reason; an inquorate conference is re-arranged (back to scheduled) with an interim plan.
 */
const TRANSITIONS: Readonly<Record<ConferenceStatus, readonly ConferenceStatus[]>> = {
  requested: ['scheduled', 'cancelled'],
  scheduled: ['invitations-sent', 'postponed', 'cancelled'],
  'invitations-sent': ['ready', 'in-progress', 'postponed', 'cancelled'],
  ready: ['in-progress', 'postponed', 'cancelled'],
  'in-progress': ['decided', 'inquorate', 'postponed'],
  decided: ['outcome-sent'],
  'outcome-sent': ['minutes-approved'],
  'minutes-approved': ['closed'],
  closed: [],
  postponed: ['scheduled', 'cancelled'],
  inquorate: ['scheduled', 'cancelled'],
  cancelled: [],
};

const NEEDS_REASON: ReadonlySet<ConferenceStatus> = new Set(['postponed', 'inquorate', 'cancelled']);

/** States in which invitations can still be answered and reports sent. */
export const OPEN_FOR_ANSWERS: ReadonlySet<ConferenceStatus> = new Set([
  'scheduled',
  'invitations-sent',
  'ready',
]);

export const allowedNext = (from: ConferenceStatus): readonly ConferenceStatus[] => TRANSITIONS[from];

const LABELS: Record<ConferenceStatus, string> = {
  requested: 'requested',
  scheduled: 'scheduled',
  'invitations-sent': 'invitations sent',
  ready: 'ready',
  'in-progress': 'in progress',
  decided: 'decided',
  'outcome-sent': 'decision sent',
  'minutes-approved': 'minutes approved',
  closed: 'closed',
  postponed: 'postponed',
  inquorate: 'inquorate',
  cancelled: 'cancelled',
};
export const statusLabel = (s: ConferenceStatus): string => LABELS[s];

/** Returns the status change to record, or throws ILLEGAL_TRANSITION with what is allowed instead. */
export function transition(
  conference: Pick<Conference, 'status'>,
  to: ConferenceStatus,
  at: Date,
  reason?: string,
): StatusChange {
  const from = conference.status;
  if (!TRANSITIONS[from].includes(to)) {
    const next = TRANSITIONS[from].map(statusLabel);
    throw new DomainError(
      ErrorCodes.ILLEGAL_TRANSITION,
      `A ${statusLabel(from)} conference cannot become ${statusLabel(to)}. ` +
        (next.length ? `It can become: ${next.join(', ')}.` : 'It cannot change any more.'),
    );
  }
  const trimmed = reason?.trim();
  if (NEEDS_REASON.has(to) && !trimmed)
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      `Record the reason the conference is ${statusLabel(to)}.`,
      [{ path: 'reason', message: 'A reason is required.' }],
    );
  return { from, to, at: at.toISOString(), ...(trimmed ? { reason: trimmed } : {}) };
}
