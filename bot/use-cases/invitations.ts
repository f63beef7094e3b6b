/**
 * Invitations and answers. One use case records an answer whichever way it arrives (card, API, later
 * the calendar), so the rules live once (STYLE.md #3).
 */
import type { Clock } from '../domain/clock.js';
import type { Conference } from '../domain/conference.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { transition } from '../domain/lifecycle.js';
import type {
  ConferenceStore,
  InvitationRecord,
  InvitationStore,
  OutboxMessage,
  StoredConference,
} from '../domain/ports.js';
import { assessQuorum } from '../domain/quorum.js';
import type { QuorumSettingsInput } from '../domain/quorum.js';
import { recordAnswer } from '../domain/rsvp.js';
import type { AnswerCommand, Invitation } from '../domain/rsvp.js';
import { describeDeadline, dueFor } from '../domain/timescales/index.js';
import type { TimescaleContext } from './conference-view.js';
import { conferenceDeadlines } from './conference-view.js';

export interface InvitationDeps {
  conferences: ConferenceStore;
  invitations: InvitationStore;
  clock: Clock;
  timescales: TimescaleContext;
  quorum: QuorumSettingsInput;
  /** Asks the outbox to deliver soon (the scheduled sweep catches anything this misses). */
  kickOutbox(): void;
}

/** Everyone who may manage a conference's invitations from Teams (the tab API has its own sign-in). */
export function isOrganiser(conference: Conference, aadObjectId: string | undefined): boolean {
  if (!aadObjectId) return false;
  return [conference.chair, conference.leadSocialWorker, conference.minuteTaker].some(
    (s) => s?.aadObjectId === aadObjectId,
  );
}

async function load(deps: InvitationDeps, conferenceId: string): Promise<StoredConference> {
  const conference = await deps.conferences.getConference(conferenceId);
  if (!conference)
    throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  return conference;
}

const invitationMessage =
  (conference: Conference) =>
  (invitation: Invitation): OutboxMessage[] => [
    // Keyed by the start time, so a moved conference sends a new invitation and a retry sends none.
    {
      kind: 'invitation',
      payload: { invitationId: invitation.id },
      dedupeKey: `invitation:${invitation.id}:${conference.scheduledStart ?? ''}`,
    },
  ];

/** Sets or moves the date; a requested (or postponed, or inquorate) conference becomes scheduled. */
export async function scheduleConference(
  deps: InvitationDeps,
  conferenceId: string,
  scheduledStart: string,
  joinUrl?: string,
) {
  const now = deps.clock.now();
  let conference = await load(deps, conferenceId);
  // Refuse a date beyond the bank holiday data before anything is stored.
  conferenceDeadlines({ ...conference, scheduledStart }, deps.timescales, now);
  if (['requested', 'postponed', 'inquorate'].includes(conference.status))
    conference = await deps.conferences.updateStatus(
      conferenceId,
      transition(conference, 'scheduled', now),
      conference.version,
    );
  else if (!['scheduled', 'invitations-sent', 'ready'].includes(conference.status))
    throw new DomainError(
      ErrorCodes.ILLEGAL_TRANSITION,
      `A ${conference.status} conference cannot be given a new date.`,
    );
  const moved = conference.scheduledStart !== undefined && conference.scheduledStart !== scheduledStart;
  conference = await deps.conferences.setSchedule(conferenceId, scheduledStart, joinUrl);
  // The calendar events (and their Teams meetings) follow every new date; slow Graph work runs in the outbox.
  await deps.invitations.enqueue(
    [
      {
        kind: 'calendar',
        payload: { conferenceId },
        dedupeKey: `calendar:${conferenceId}:${scheduledStart}`,
      },
    ],
    now,
  );
  deps.kickOutbox();
  if (moved && conference.status !== 'scheduled') {
    // Everyone already invited gets an invitation for the new date.
    const invitations = (await deps.invitations.list(conferenceId)).filter((i) => !i.withdrawn);
    await deps.invitations.enqueue(invitations.flatMap(invitationMessage(conference)), now);
    deps.kickOutbox();
  }
  return conference;
}

/** Sends every invitation not yet sent (all, the first time), and the chair's readiness card. */
export async function sendInvitations(deps: InvitationDeps, conferenceId: string): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const conference = await load(deps, conferenceId);
  if (!conference.scheduledStart || conference.status === 'requested')
    throw new DomainError(
      ErrorCodes.ILLEGAL_TRANSITION,
      'Set the date and time of the conference before sending invitations.',
    );
  const first = conference.status === 'scheduled';
  if (!first && !['invitations-sent', 'ready'].includes(conference.status))
    throw new DomainError(
      ErrorCodes.ILLEGAL_TRANSITION,
      `Invitations cannot be sent for a ${conference.status} conference.`,
    );
  const created = await deps.invitations.open({
    conferenceId,
    expectedVersion: conference.version,
    statusChange: first ? transition(conference, 'invitations-sent', now) : undefined,
    messagesFor: invitationMessage(conference),
    now,
  });
  if (conference.chair?.aadObjectId)
    await deps.invitations.enqueue(
      [
        {
          kind: 'readiness',
          payload: { conferenceId },
          dedupeKey: `readiness:${conferenceId}:${conference.scheduledStart}`,
        },
      ],
      now,
    );
  deps.kickOutbox();
  return { sent: created.length };
}

export interface RecordRsvpInput extends AnswerCommand {
  invitationId: string;
  /** When given (from a card), the invitation must belong to this conference. */
  conferenceId?: string | undefined;
}

export interface RsvpOutcome {
  conference: StoredConference;
  invitation: InvitationRecord | Invitation;
  unchanged: boolean;
}

/** Records an answer. Retries a lost race by re-reading, so two racing answers both reach the history. */
export async function recordRsvp(deps: InvitationDeps, input: RecordRsvpInput): Promise<RsvpOutcome> {
  for (let attempt = 0; ; attempt++) {
    const invitation = await deps.invitations.get(input.invitationId);
    if (
      !invitation ||
      invitation.withdrawn ||
      (input.conferenceId && invitation.conferenceId !== input.conferenceId)
    )
      throw new DomainError(
        ErrorCodes.RSVP_NOT_INVITED,
        'This invitation could not be found, so your answer was not recorded.',
      );
    const conference = await load(deps, invitation.conferenceId);
    const now = deps.clock.now();
    const result = recordAnswer(invitation, input, now, conference);
    if (result.unchanged) return { conference, invitation, unchanged: true };
    try {
      await deps.invitations.saveAnswer({
        conference,
        result,
        expectedVersion: invitation.version,
        messagesFor: invitationMessage(conference),
        now,
      });
    } catch (e) {
      if (attempt < 4 && isRace(e)) continue;
      throw e;
    }
    if (result.effects.length) deps.kickOutbox();
    // The card needs only this invitation; callers that show quorum ask readiness() for it.
    return { conference, invitation: result.invitation, unchanged: false };
  }
}

/** A lost optimistic-concurrency race, or the same idempotency key committed by a concurrent request. */
const isRace = (e: unknown): boolean => {
  const err = e as { code?: string; name?: string };
  return err?.code === 'VERSION_CONFLICT' || err?.code === '23505';
};

const active = (invitations: InvitationRecord[]) => invitations.filter((i) => !i.withdrawn);

/** Who answered what, who has not, and whether the conference will be quorate. */
export async function readiness(deps: InvitationDeps, conferenceId: string) {
  const conference = await load(deps, conferenceId);
  const invitations = await deps.invitations.list(conferenceId);
  return {
    conference,
    invitations,
    invitationsSent: invitations.length > 0,
    assessment: assessQuorum(conference, active(invitations), deps.quorum),
    // Graph or Teams failures never lose the work: it waits in the outbox, and the chair can see it.
    pendingDeliveries: await deps.invitations.pendingDeliveries(conferenceId),
  };
}

/** "Your report is due Tue 8 Dec 2026 (2 working days before the conference)", for cards and letters. */
export function reportDue(
  deps: Pick<InvitationDeps, 'timescales' | 'clock'>,
  conference: Conference,
): { date: string; sentence: string } {
  const d = dueFor(conferenceDeadlines(conference, deps.timescales, deps.clock.now()), 'reports-to-service');
  if (!d)
    return {
      date: 'the date we will confirm',
      sentence: 'Your report is due 2 working days before the conference',
    };
  return { date: d.dueLabel, sentence: `Your report is due ${d.dueLabel} (${d.rule})` };
}

export { describeDeadline };
