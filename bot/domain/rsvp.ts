import { z } from 'zod';
import type { Conference, ConferenceStatus, Invitee } from './conference.js';
import { DomainError } from './errors.js';
import { Email, NO_MARKUP, NO_MARKUP_MESSAGE } from './people.js';

/** The four answers an invitee can give (DESIGN.md §1, RSVP row; seed 001: "respond to meeting invites"). */
export const RsvpAnswers = [
  'attending-in-person',
  'attending-virtually',
  'sending-deputy',
  'report-only',
] as const;
export type RsvpAnswer = (typeof RsvpAnswers)[number];
/** An invitation with no answer yet is 'unanswered'; `Invitation.answer` is then null. */
export type RsvpState = RsvpAnswer | 'unanswered';

export const ActorKinds = ['invitee', 'chair', 'business-support', 'calendar'] as const;
export const AnswerChannels = ['card', 'api', 'calendar', 'chair'] as const;

export interface Deputy {
  name: string;
  email: string;
}

/** One answer as it arrived; kept even when a later answer had already won (`applied: false`). */
export interface AnswerHistoryEntry {
  answer: RsvpAnswer;
  deputy: Deputy | null;
  actor: { kind: (typeof ActorKinds)[number]; id: string };
  via: (typeof AnswerChannels)[number];
  idempotencyKey: string;
  answeredAt: string;
  recordedAt: string;
  applied: boolean;
}

export interface Invitation {
  id: string;
  conferenceId: string;
  inviteeId: string;
  channel: 'teams' | 'email';
  answer: RsvpAnswer | null;
  deputy: Deputy | null;
  answeredAt: string | null;
  /** Bumped on every stored change; cards carry it as `cardVersion`. */
  version: number;
  history: AnswerHistoryEntry[];
}

/** An answer from a card, the API, a calendar reply or the chair; parse edge input with this. */
export const AnswerCommand = z.object({
  answer: z.enum(RsvpAnswers),
  deputy: z.object({ name: z.string(), email: z.string() }).nullish(),
  actor: z.object({ kind: z.enum(ActorKinds), id: z.string().min(1).max(200) }),
  via: z.enum(AnswerChannels),
  idempotencyKey: z.string().min(1).max(200),
  answeredAt: z.iso.datetime({ offset: true }),
});
export type AnswerCommand = z.infer<typeof AnswerCommand>;

export type AnswerEffect =
  | { kind: 'invite-deputy'; name: string; email: string }
  | { kind: 'withdraw-deputy'; name: string; email: string };

export interface AnswerResult {
  invitation: Invitation;
  /** The entry appended to history; null when nothing changed. */
  historyEntry: AnswerHistoryEntry | null;
  effects: AnswerEffect[];
  /** True for a replay of an idempotency key already recorded: store nothing, send nothing. */
  unchanged: boolean;
  /** True when an older answer arrived after a newer one: recorded in history, current answer kept. */
  superseded: boolean;
}

/** Statuses in which answers are refused, with the reason shown to the person. */
const REFUSED: Partial<Record<ConferenceStatus, string>> = {
  cancelled: 'This conference has been cancelled, so answers are no longer needed.',
  postponed: 'This conference has been postponed. You will receive a new invitation with the new date.',
  inquorate: 'This conference could not go ahead. You will receive a new invitation with the new date.',
  decided: 'This conference has already taken place, so answers can no longer be changed.',
  'outcome-sent': 'This conference has already taken place, so answers can no longer be changed.',
  'minutes-approved': 'This conference has already taken place, so answers can no longer be changed.',
  closed: 'This conference is closed, so answers can no longer be changed.',
};

/** Whether the conference still takes answers (cards use this to show their out-of-date state). */
export const acceptsAnswers = (status: ConferenceStatus): boolean => REFUSED[status] === undefined;

const DeputyInput = z.object({
  name: z
    .string({ error: 'Enter your colleague’s name.' })
    .trim()
    .min(1, 'Enter your colleague’s name.')
    .max(100, 'The name can be at most 100 characters.')
    .regex(NO_MARKUP, NO_MARKUP_MESSAGE),
  email: z.string({ error: 'Enter your colleague’s email address.' }).pipe(Email),
});

function checkDeputy(command: AnswerCommand, invitee: Invitee): Deputy | null {
  if (command.answer !== 'sending-deputy') return null;
  const parsed = DeputyInput.safeParse(command.deputy ?? {});
  const details = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: `deputy.${i.path.join('.')}`, message: i.message }));
  if (parsed.success && parsed.data.email === invitee.email.trim().toLowerCase())
    details.push({ path: 'deputy.email', message: 'Enter your colleague’s email address, not your own.' });
  if (!parsed.success || details.length > 0)
    throw new DomainError('RSVP_DEPUTY_INVALID', 'Tell us who is coming in your place.', details);
  return parsed.data;
}

const sameDeputy = (a: Deputy | null, b: Deputy | null): boolean =>
  a?.email === b?.email && a?.name === b?.name;

function findInvitee(invitation: Invitation, conference: Conference, actor: AnswerCommand['actor']): Invitee {
  const invitee = conference.invitees.find((i) => i.id === invitation.inviteeId);
  const forSomeoneElse =
    actor.kind === 'invitee' && actor.id !== invitee?.id && actor.id !== invitee?.aadObjectId;
  if (!invitee || invitation.conferenceId !== conference.id || forSomeoneElse)
    throw new DomainError(
      'RSVP_NOT_INVITED',
      'This invitation is for someone else, so your answer was not recorded.',
    );
  return invitee;
}

/**
 * Records an answer to an invitation. Pure: returns the new state, the history entry and the effects
 * for the caller to carry out. Throws DomainError RSVP_CONFERENCE_CLOSED, RSVP_NOT_INVITED,
 * RSVP_DEPUTY_INVALID or RSVP_IDEMPOTENCY_CONFLICT.
 */
export function recordAnswer(
  invitation: Invitation,
  input: AnswerCommand,
  now: Date,
  conference: Conference,
): AnswerResult {
  const command = AnswerCommand.parse(input);
  const invitee = findInvitee(invitation, conference, command.actor);

  const replay = invitation.history.find((h) => h.idempotencyKey === command.idempotencyKey);
  if (replay) {
    // Teams retries invokes: the same key with the same answer is a replay, anything else a client bug.
    if (replay.answer !== command.answer)
      throw new DomainError('RSVP_IDEMPOTENCY_CONFLICT', 'This answer was already recorded differently.');
    return { invitation, historyEntry: null, effects: [], unchanged: true, superseded: false };
  }
  // Checked after replays so that a retry of an answer recorded before a cancellation still succeeds.
  const refused = REFUSED[conference.status];
  if (refused) throw new DomainError('RSVP_CONFERENCE_CLOSED', refused);

  const deputy = checkDeputy(command, invitee);
  const answeredAt = new Date(command.answeredAt).toISOString();
  // The later answer wins, whatever order they arrive in (a calendar reply can arrive late).
  const superseded = invitation.answeredAt !== null && answeredAt < invitation.answeredAt;
  const historyEntry: AnswerHistoryEntry = {
    answer: command.answer,
    deputy,
    actor: command.actor,
    via: command.via,
    idempotencyKey: command.idempotencyKey,
    answeredAt,
    recordedAt: now.toISOString(),
    applied: !superseded,
  };
  const history = [...invitation.history, historyEntry];
  const version = invitation.version + 1;
  if (superseded)
    return {
      invitation: { ...invitation, history, version },
      historyEntry,
      effects: [],
      unchanged: false,
      superseded,
    };

  const effects: AnswerEffect[] = [];
  if (!sameDeputy(invitation.deputy, deputy)) {
    if (invitation.deputy) effects.push({ kind: 'withdraw-deputy', ...invitation.deputy });
    if (deputy) effects.push({ kind: 'invite-deputy', ...deputy });
  }
  return {
    invitation: { ...invitation, answer: command.answer, deputy, answeredAt, history, version },
    historyEntry,
    effects,
    unchanged: false,
    superseded: false,
  };
}

/**
 * The "what happens next" sentence shown after answering. `reportDue` is a formatted date such as
 * "Tue 3 Mar 2026". Reports are needed even when attending (seed 001).
 */
export function nextStep(answer: RsvpState, deputy: Deputy | null, reportDue: string): string {
  switch (answer) {
    case 'attending-in-person':
      return `Thank you. We look forward to seeing you. Please send your report by ${reportDue}: reports are needed even when you attend.`;
    case 'attending-virtually':
      return `Thank you. Join with the Teams link in your calendar or on this card. Please send your report by ${reportDue}: reports are needed even when you attend.`;
    case 'sending-deputy':
      return `${deputy?.name ?? 'Your colleague'} has been invited in your place; your agency stays represented. Please make sure they have your report, which is due by ${reportDue}.`;
    case 'report-only':
      return `Thank you. Please still send your report by ${reportDue}: the conference cannot wait for reports on the day.`;
    case 'unanswered':
      return `Please answer so the chair knows who is coming. Your report is due by ${reportDue}.`;
  }
}

/** Words for each answer, as a person reads them on a card. */
export const ANSWER_LABELS: Record<RsvpState, string> = {
  'attending-in-person': 'Attending in person',
  'attending-virtually': 'Attending online (Teams)',
  'sending-deputy': 'Sending a colleague in my place',
  'report-only': 'Cannot attend: sending my report',
  unanswered: 'Not answered yet',
};
