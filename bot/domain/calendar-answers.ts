import type { AttendanceFormat } from './conference.js';
import type { RsvpAnswer } from './rsvp.js';

/**
 * What a reply to the calendar invitation means as an answer. A calendar reply cannot say how someone
 * comes, so an acceptance counts as online unless the conference is in person only (either way the agency
 * is represented; the card lets them correct it). Declining means they cannot attend, and their report is
 * still needed (seed 001). A tentative reply is no answer: reminders go on.
 */
export function answerFromCalendar(
  response: 'accepted' | 'tentativelyAccepted' | 'declined',
  format: AttendanceFormat,
): RsvpAnswer | null {
  if (response === 'accepted') return format === 'in-person' ? 'attending-in-person' : 'attending-virtually';
  if (response === 'declined') return 'report-only';
  return null;
}
