import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  AttendanceFormats,
  CONFERENCE_KIND_LABELS,
  ConferenceKinds,
  initials,
} from '../bot/domain/conference.js';
import type { Conference, Invitee } from '../bot/domain/conference.js';
import { expectedReports } from '../bot/domain/reports/reading-list.js';
import { ANSWER_LABELS, RsvpAnswers, nextStep } from '../bot/domain/rsvp.js';
import type { Invitation } from '../bot/domain/rsvp.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

/** Plain-English names: no "ICPC" or "RCPC" on a card (seed 003 §2.9); defined once in the domain. */
export const KIND_LABELS = CONFERENCE_KIND_LABELS;

const HEADINGS = {
  initial: 'You are invited to an initial child protection conference',
  review: 'You are invited to a review child protection conference',
  'transfer-in': 'You are invited to a transfer-in child protection conference',
} as const;

const FORMAT_LABELS = {
  'in-person': 'In person (the venue is in your calendar invitation)',
  virtual: 'Online in Microsoft Teams',
  hybrid: 'In person or online in Microsoft Teams: you choose',
} as const;

/** "Thursday 5 March 2026, 10:00 to 12:00" from a local England date-time and a duration. */
export function conferenceWhen(scheduledStart: string | undefined, durationMinutes: number): string {
  if (!scheduledStart) return 'Date and time to be confirmed';
  const start = DateTime.fromISO(scheduledStart, { zone: 'Europe/London', locale: 'en-GB' });
  const end = start.plus({ minutes: durationMinutes });
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')} to ${end.toFormat('HH:mm')}`;
}

/** Initials only ever: the schema refuses anything longer, so a full name cannot reach a card (DESIGN.md §3). */
export const ChildInitials = z
  .array(z.string().regex(/^[A-Z]{1,3}$/, 'Cards carry a child’s initials only.'))
  .min(1)
  .max(12);

export const CardRef = z.object({
  invitationId: z.uuid(),
  conferenceId: z.uuid(),
  cardVersion: z.number().int().min(0),
});

export const InvitationCardStates = [
  'unanswered',
  'answered',
  'changing',
  'moved',
  'cancelled',
  'closed',
] as const;
export type InvitationCardState = (typeof InvitationCardStates)[number];

export const InvitationCardData = z.object({
  state: z.enum(InvitationCardStates),
  ref: CardRef,
  reference: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/),
  kind: z.enum(ConferenceKinds),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int().min(1).max(600),
  format: z.enum(AttendanceFormats),
  joinUrl: z.url({ protocol: /^https$/ }).optional(),
  role: z.string().trim().min(1).max(80),
  childInitials: ChildInitials,
  /** E.g. "Tue 3 Mar 2026": used in the next-step sentence. */
  reportDue: z.string().min(1).max(40),
  /** E.g. "Your report is due Tue 3 Mar 2026 (2 working days before the conference)". */
  reportDueSentence: z.string().min(1).max(200),
  answer: z.enum(RsvpAnswers).nullable(),
  deputyName: z.string().max(100).optional(),
  /** The report button: none when no report is owed, else write (not started) or open (started). */
  report: z.enum(['none', 'write', 'open']).default('none'),
  /** The invitee's Entra object id: makes the card refresh to their own view (DESIGN.md §3). */
  aadObjectId: z.uuid().optional(),
});
export type InvitationCardData = z.input<typeof InvitationCardData>;

const STALE_MESSAGES = {
  moved: 'This conference has been moved, so this card is out of date. Your new invitation follows.',
  cancelled:
    'This conference has been cancelled, so this card is out of date. You do not need to do anything.',
  closed: 'This conference has taken place, so this card is out of date.',
} as const;

/** The invitation card in any of its states (unanswered, answered, changing the answer, out of date). */
export function renderInvitation(input: InvitationCardData): AdaptiveCard {
  const d = InvitationCardData.parse(input);
  const stale = d.state === 'moved' || d.state === 'cancelled' || d.state === 'closed';
  const answered = d.state === 'answered' && d.answer !== null;
  const choosing =
    d.state === 'unanswered' || d.state === 'changing' || (d.state === 'answered' && !answered);
  const card = expandCard(new URL('./invitation.json', import.meta.url), {
    heading: stale ? 'This invitation is out of date' : HEADINGS[d.kind],
    stale,
    staleMessage: stale ? STALE_MESSAGES[d.state as keyof typeof STALE_MESSAGES] : '',
    canRefresh: d.state === 'moved',
    facts: invitationFacts(d),
    answered,
    changing: d.state === 'changing' && d.answer !== null,
    choosing,
    answerLabel: ANSWER_LABELS[d.answer ?? 'unanswered'],
    nextStep: nextStep(
      d.answer ?? 'unanswered',
      d.deputyName ? { name: d.deputyName, email: '' } : null,
      d.reportDue,
    ),
    reportDueSentence: d.reportDueSentence.replace(/\.$/, ''),
    offerInPerson: d.format !== 'virtual',
    offerOnline: d.format !== 'in-person',
    showJoin:
      !stale && !!d.joinUrl && d.format !== 'in-person' && (choosing || d.answer === 'attending-virtually'),
    joinUrl: d.joinUrl ?? '',
    ref: d.ref,
    showReport: !stale && d.report !== 'none',
    reportTitle: d.report === 'open' ? 'Open my report' : 'Write my report',
    // Opens the report dialog (task/fetch); the same shape on every card that opens it.
    reportOpen: {
      msteams: { type: 'task/fetch' },
      dialog: 'report',
      conferenceId: d.ref.conferenceId,
      invitationId: d.ref.invitationId,
    },
  });
  return withRefresh(card, 'rsvp.refresh', d.ref, d.aadObjectId ? [d.aadObjectId] : []);
}

function invitationFacts(d: z.output<typeof InvitationCardData>): { title: string; value: string }[] {
  return [
    { title: 'Conference', value: `${d.reference}: ${KIND_LABELS[d.kind].toLowerCase()}` },
    { title: 'When', value: conferenceWhen(d.scheduledStart, d.durationMinutes) },
    { title: 'How', value: FORMAT_LABELS[d.format] },
    { title: 'Your role', value: d.role },
    {
      title: d.childInitials.length > 1 ? 'Children' : 'Child',
      value: `Initials ${d.childInitials.join(', ')}`,
    },
  ];
}

/** Adds a per-viewer refresh (Teams shows each listed user their own view; at most 60 ids). */
export function withRefresh(card: AdaptiveCard, verb: string, data: object, userIds: string[]): AdaptiveCard {
  if (userIds.length === 0) return card;
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb, data }, userIds: userIds.slice(0, 60) },
  };
}

/**
 * Card data for one invitee, built from the domain records. Picks each field by name, so nothing
 * else in the conference (family names, address, concerns) can reach the card.
 */
export function invitationCardData(
  conference: Conference,
  invitee: Invitee,
  invitation: Invitation,
  reportDue: { date: string; sentence: string },
  state?: InvitationCardState,
  reportStarted = false,
): InvitationCardData {
  const owes = expectedReports(conference).some((e) => e.inviteeId === invitee.id);
  const derived: InvitationCardState =
    conference.status === 'cancelled'
      ? 'cancelled'
      : conference.status === 'postponed'
        ? 'moved'
        : ['decided', 'outcome-sent', 'minutes-approved', 'closed', 'inquorate'].includes(conference.status)
          ? 'closed'
          : invitation.answer
            ? 'answered'
            : 'unanswered';
  return {
    state: state ?? derived,
    ref: { invitationId: invitation.id, conferenceId: conference.id, cardVersion: invitation.version },
    reference: conference.reference,
    kind: conference.kind,
    scheduledStart: conference.scheduledStart,
    durationMinutes: conference.durationMinutes,
    format: conference.format,
    joinUrl: conference.joinUrl,
    role: invitee.role,
    childInitials: conference.children.map(initials),
    reportDue: reportDue.date,
    reportDueSentence: reportDue.sentence,
    answer: invitation.answer,
    deputyName: invitation.deputy?.name,
    report: owes ? (reportStarted ? 'open' : 'write') : 'none',
    aadObjectId: invitee.aadObjectId,
  };
}
