import { z } from 'zod';
import { ConferenceKinds, initials } from '../bot/domain/conference.js';
import type { Conference } from '../bot/domain/conference.js';
import type { QuorumAssessment, QuorumState } from '../bot/domain/quorum.js';
import type { Invitation, RsvpState } from '../bot/domain/rsvp.js';
import { ChildInitials, KIND_LABELS, conferenceWhen, withRefresh } from './invitation.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

/** How each quorum state looks to the chair. */
export const QUORUM_DISPLAY: Record<QuorumState, { label: string; style: 'good' | 'warning' | 'attention' }> =
  {
    quorate: { label: 'Quorate', style: 'good' },
    'at-risk': { label: 'Quorum at risk', style: 'warning' },
    inquorate: { label: 'Not quorate', style: 'attention' },
  };

const COUNT_LABELS: Record<RsvpState, string> = {
  'attending-in-person': 'In person',
  'attending-virtually': 'Online',
  'sending-deputy': 'Sending a colleague',
  'report-only': 'Report only',
  unanswered: 'Not answered',
};

const Line = z.string().trim().min(1).max(300);

export const ReadinessCardData = z.object({
  conferenceId: z.uuid(),
  reference: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/),
  kind: z.enum(ConferenceKinds),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int().min(1).max(600),
  childInitials: ChildInitials,
  invitationsSent: z.boolean(),
  counts: z.partialRecord(z.enum(Object.keys(COUNT_LABELS) as [RsvpState]), z.number().int().min(0)),
  /** "Children’s social care": "Alex Carter" / "Riverside Surgery": "Not represented: report only". */
  agencies: z.array(z.object({ title: Line, value: Line })).max(60),
  /** Professionals only ("Eli Novak, GP, Riverside Surgery"); family members are never listed here. */
  notAnswered: z.array(Line).max(60),
  quorum: z.object({
    state: z.enum(['quorate', 'at-risk', 'inquorate']),
    summary: Line,
    suggestedAction: z.string().max(1000),
  }),
  /** The chair's Entra object id: keeps the card current for them (DESIGN.md §3). */
  chairAadObjectId: z.uuid().optional(),
  /** Unanswered invitations the chair can answer for (people reached by email): "Name, role, agency". */
  recordable: z
    .array(z.object({ title: Line, value: z.uuid() }))
    .max(60)
    .default([]),
  /** Messages for this conference still in the outbox, and how many of them have failed at least once. */
  waiting: z.number().int().min(0).default(0),
  failing: z.number().int().min(0).default(0),
});
export type ReadinessCardData = z.input<typeof ReadinessCardData>;

/** The chair's readiness card: answers, agencies, who to chase and whether the conference is quorate. */
export function renderReadiness(input: ReadinessCardData): AdaptiveCard {
  const d = ReadinessCardData.parse(input);
  const ref = { conferenceId: d.conferenceId };
  const card = expandCard(new URL('./readiness.json', import.meta.url), {
    reference: d.reference,
    kindLabel: KIND_LABELS[d.kind],
    when: conferenceWhen(d.scheduledStart, d.durationMinutes),
    childrenLine: `${d.childInitials.length > 1 ? 'Children' : 'Child'}: initials ${d.childInitials.join(', ')}`,
    quorumLabel: QUORUM_DISPLAY[d.quorum.state].label,
    quorumStyle: QUORUM_DISPLAY[d.quorum.state].style,
    summary: d.quorum.summary,
    suggestedAction: d.quorum.suggestedAction,
    invitationsSent: d.invitationsSent,
    countsLine: (Object.keys(COUNT_LABELS) as RsvpState[])
      .map((k) => `${COUNT_LABELS[k]}: **${d.counts[k] ?? 0}**`)
      .join(' · '),
    agencies: d.agencies,
    notAnswered: d.notAnswered,
    recordable: d.recordable,
    waiting: d.waiting,
    failing: d.failing,
    ref,
  });
  return withRefresh(card, 'readiness.refresh', ref, d.chairAadObjectId ? [d.chairAadObjectId] : []);
}

const MISSING_WORDS = {
  'not-invited': 'Not invited',
  'not-answered': 'Not answered yet',
  'report-only': 'Not represented: report only',
  'no-one-attending': 'Not represented',
} as const;

/** Readiness data from the domain records; professionals' names only, never the family's. */
export function readinessCardData(
  conference: Conference,
  invitations: readonly Invitation[],
  assessment: QuorumAssessment,
  invitationsSent: boolean,
  pending: readonly { lastError: string | null }[] = [],
): ReadinessCardData {
  const counts: Partial<Record<RsvpState, number>> = {};
  for (const invitee of conference.invitees) {
    const answer = invitations.find((i) => i.inviteeId === invitee.id)?.answer ?? 'unanswered';
    counts[answer] = (counts[answer] ?? 0) + 1;
  }
  const rows = [assessment.childrensSocialCare, ...assessment.otherAgenciesWithDirectContact].map((a) => {
    const missing = assessment.missing.find((m) => m.agency === a.agency);
    return {
      title: a.agency,
      value: a.represented ? a.by.join('; ') : MISSING_WORDS[missing?.reason ?? 'no-one-attending'],
    };
  });
  if (assessment.policeInvited !== null)
    rows.push({
      title: 'Police',
      value: assessment.policeInvited
        ? 'Invited'
        : 'Not invited: police are invited to every initial conference',
    });
  return {
    conferenceId: conference.id,
    reference: conference.reference,
    kind: conference.kind,
    scheduledStart: conference.scheduledStart,
    durationMinutes: conference.durationMinutes,
    childInitials: conference.children.map(initials),
    invitationsSent,
    counts,
    agencies: rows,
    notAnswered: assessment.unanswered.map((u) => `${u.name}, ${u.role}, ${u.agency}`),
    recordable: conference.invitees.flatMap((p) => {
      const i = invitations.find((x) => x.inviteeId === p.id);
      return i && !i.answer && i.channel === 'email'
        ? [{ title: `${p.name}, ${p.role}, ${p.agency}`, value: i.id }]
        : [];
    }),
    quorum: assessment,
    chairAadObjectId: conference.chair?.aadObjectId,
    waiting: pending.length,
    failing: pending.filter((p) => p.lastError !== null).length,
  };
}
