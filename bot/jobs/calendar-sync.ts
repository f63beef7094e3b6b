/**
 * RSVP sync: attendees' replies to the calendar invitation flow into the same answer use case as the
 * cards. Polls the organiser's calendar; a reply already recorded is a replay and changes nothing.
 */
import { answerFromCalendar } from '../domain/calendar-answers.js';
import { isDomainError } from '../domain/errors.js';
import type { AttendeeResponse } from '../graph/calendar-graph-mapping.js';
import type { Logger } from '../logger.js';
import type { InvitationDeps } from '../use-cases/invitations.js';
import { recordRsvp } from '../use-cases/invitations.js';

export interface CalendarResponses {
  changedResponses(window: { start: Date; end: Date; since?: Date }): Promise<AttendeeResponse[]>;
}

export async function syncCalendarResponses(
  deps: InvitationDeps,
  calendar: CalendarResponses,
  logger: Logger,
): Promise<{ recorded: number; skipped: number }> {
  const now = deps.clock.now();
  const day = 24 * 3600_000;
  const responses = await calendar.changedResponses({
    start: new Date(now.getTime() - day),
    end: new Date(now.getTime() + 200 * day),
  });
  let recorded = 0;
  let skipped = 0;
  for (const r of responses) {
    const conferenceId = r.key.split(':')[0] ?? '';
    const conference = await deps.conferences.getConference(conferenceId);
    const invitee = conference?.invitees.find((i) => i.email.toLowerCase() === r.email);
    const answer = conference && answerFromCalendar(r.response, conference.format);
    const invitation =
      invitee && (await deps.invitations.list(conferenceId)).find((i) => i.inviteeId === invitee.id);
    if (!conference || !answer || !invitation || invitation.withdrawn) {
      skipped += 1; // not one of our invitees (the chair, a parent), or a tentative reply
      continue;
    }
    try {
      const outcome = await recordRsvp(deps, {
        invitationId: invitation.id,
        conferenceId,
        answer,
        deputy: null,
        actor: { kind: 'calendar', id: r.email },
        via: 'calendar',
        // The same reply seen again on the next poll is a replay.
        idempotencyKey: `calendar:${r.eventId}:${r.email}:${r.response}:${r.respondedAt ?? ''}`,
        answeredAt: r.respondedAt ?? now.toISOString(),
      });
      if (outcome.unchanged) skipped += 1;
      else recorded += 1;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      logger.info({ code: e.code, conferenceId }, 'calendar reply not recorded');
      skipped += 1;
    }
  }
  return { recorded, skipped };
}
