import { z } from 'zod';
import { ConferenceKinds } from '../bot/domain/conference.js';
import type { Conference } from '../bot/domain/conference.js';
import type { MissingAgency, QuorumAssessment } from '../bot/domain/quorum.js';
import { InvitationCardData, KIND_LABELS, conferenceWhen, renderInvitation } from './invitation.js';
import { QUORUM_DISPLAY } from './readiness.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

const template = new URL('./reminder.json', import.meta.url);

/**
 * The chaser for someone who has not answered (seed 001: "please acknowledge and respond to meeting
 * invites"). Takes the same data as the invitation card and offers the same answer buttons.
 */
export function renderReminder(input: InvitationCardData): AdaptiveCard {
  const d = InvitationCardData.parse(input);
  const when = conferenceWhen(d.scheduledStart, d.durationMinutes);
  const card = expandCard(template, {
    isChaser: true,
    heading: 'Please answer your invitation',
    intro: `You have not yet answered the invitation to ${d.reference} on ${when}. The chair needs to know who is coming.`,
    facts: [
      { title: 'Conference', value: KIND_LABELS[d.kind] },
      { title: 'Your role', value: d.role },
      {
        title: d.childInitials.length > 1 ? 'Children' : 'Child',
        value: `Initials ${d.childInitials.join(', ')}`,
      },
    ],
    reportDueSentence: d.reportDueSentence.replace(/\.$/, ''),
    missing: [],
    ref: d.ref,
  });
  // The answer buttons and the colleague form are the invitation card's own, so they cannot drift apart.
  const invitation = renderInvitation({ ...input, state: 'unanswered', answer: null });
  const answers = (invitation.body as { id?: string }[]).filter((e) => e.id === 'answers');
  const { actions, refresh } = invitation;
  return {
    ...card,
    body: [...(card.body as object[]), ...answers],
    actions,
    ...(refresh ? { refresh } : {}),
  };
}

const MISSING_WORDS: Record<MissingAgency['reason'], string> = {
  'not-invited': 'not invited',
  'not-answered': 'has not answered yet',
  'report-only': 'sending a report only',
  'no-one-attending': 'no one attending',
};

export const QuorumWarningData = z.object({
  conferenceId: z.uuid(),
  reference: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/),
  kind: z.enum(ConferenceKinds),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int().min(1).max(600),
  state: z.enum(['at-risk', 'inquorate']),
  summary: z.string().min(1).max(500),
  suggestedAction: z.string().min(1).max(1000),
  /** "Riverside Surgery: sending a report only". Agencies, never people in the family. */
  missing: z.array(z.string().min(1).max(200)).max(60),
});
export type QuorumWarningData = z.input<typeof QuorumWarningData>;

/** The warning to the chair when quorum is at risk or out of reach (DESIGN.md §1, RSVP row). */
export function renderQuorumWarning(input: QuorumWarningData): AdaptiveCard {
  const d = QuorumWarningData.parse(input);
  const ref = { conferenceId: d.conferenceId };
  const card = expandCard(template, {
    isChaser: false,
    heading: `${d.reference} ${d.state === 'inquorate' ? 'will not be quorate' : 'may not be quorate'}`,
    intro: `${KIND_LABELS[d.kind]}, ${conferenceWhen(d.scheduledStart, d.durationMinutes)}.`,
    quorumStyle: QUORUM_DISPLAY[d.state].style,
    summary: d.summary,
    suggestedAction: d.suggestedAction,
    missing: d.missing,
    facts: [],
    ref,
  });
  return card;
}

/** Warning data from an assessment; null when the conference is quorate and no warning is due. */
export function quorumWarningData(
  conference: Conference,
  assessment: QuorumAssessment,
): QuorumWarningData | null {
  if (assessment.state === 'quorate') return null;
  return {
    conferenceId: conference.id,
    reference: conference.reference,
    kind: conference.kind,
    scheduledStart: conference.scheduledStart,
    durationMinutes: conference.durationMinutes,
    state: assessment.state,
    summary: assessment.summary,
    suggestedAction: assessment.suggestedAction,
    missing: assessment.missing.map((m) => `${m.agency}: ${MISSING_WORDS[m.reason]}`),
  };
}
