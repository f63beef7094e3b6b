import { z } from 'zod';
import { NO_MARKUP, NO_MARKUP_MESSAGE } from '../bot/domain/people.js';
import type { RsvpAnswer } from '../bot/domain/rsvp.js';
import type { Verb } from './verbs.js';

/**
 * The `action.data` of every verb, parsed at the edge (STYLE.md #2). Teams merges the card's input
 * values into `data` by input id, so the deputy form arrives as `deputyName` and `deputyEmail`.
 * Unknown keys are dropped, not refused: Teams may merge inputs from elsewhere on the card.
 */
const id = (what: string) =>
  z.uuid({
    error: (i) => (i.input === undefined ? `The card is missing its ${what}.` : `The ${what} is not valid.`),
  });

const cardVersion = z
  .number({ error: 'The card version must be a number.' })
  .int('The card version must be a whole number.')
  .min(0, 'The card version cannot be negative.')
  .max(1_000_000, 'The card version is too large.');

/** Identifies the invitation a button belongs to and the version the card showed. */
export const InvitationRef = z.object({
  invitationId: id('invitation reference'),
  conferenceId: id('conference reference'),
  cardVersion,
});
export type InvitationRef = z.infer<typeof InvitationRef>;

export const DeputyPayload = InvitationRef.extend({
  deputyName: z
    .string({ error: 'Enter your colleague’s name.' })
    .trim()
    .min(1, 'Enter your colleague’s name.')
    .max(100, 'Your colleague’s name can be at most 100 characters.')
    .regex(NO_MARKUP, NO_MARKUP_MESSAGE),
  deputyEmail: z
    .string({ error: 'Enter your colleague’s email address.' })
    .trim()
    .max(254, 'Your colleague’s email address can be at most 254 characters.')
    .pipe(z.email('Enter your colleague’s email address like name@example.org.')),
});
export type DeputyPayload = z.infer<typeof DeputyPayload>;

export const ConferenceRef = z.object({
  conferenceId: id('conference reference'),
  cardVersion: cardVersion.optional(),
});
export type ConferenceRef = z.infer<typeof ConferenceRef>;

/** The readiness card's "Record an answer" form: the chosen invitation and answer, merged into data by Teams. */
export const RecordForPayload = z.object({
  conferenceId: id('conference reference'),
  invitationId: z.uuid({
    error: (i) =>
      i.input === undefined || i.input === ''
        ? 'Choose who answered.'
        : 'That choice of who answered is not valid.',
  }),
  answer: z.enum(['attending-in-person', 'attending-virtually', 'sending-deputy', 'report-only'], {
    error: 'Choose their answer.',
  }),
  deputyName: z
    .string()
    .trim()
    .max(100, 'The colleague’s name can be at most 100 characters.')
    .regex(NO_MARKUP, NO_MARKUP_MESSAGE)
    .optional(),
  deputyEmail: z
    .string()
    .trim()
    .max(254, 'The colleague’s email address can be at most 254 characters.')
    .optional(),
});
export type RecordForPayload = z.infer<typeof RecordForPayload>;

/**
 * The readiness decision form, merged into data by Teams. Only shapes are checked here: a missing
 * reason or an out-of-range date is answered with the same card, the typed values kept, saying what to fix.
 */
export const ReadinessDecisionPayload = z.object({
  conferenceId: id('conference reference'),
  reason: z.string({ error: 'The reason must be text.' }).max(4000, 'The reason is too long.').optional(),
  newDate: z.string({ error: 'The new date must be text.' }).max(40, 'The new date is not valid.').optional(),
  newTime: z.string({ error: 'The new time must be text.' }).max(40, 'The new time is not valid.').optional(),
  delayExplanation: z
    .string({ error: 'Why the delay must be text.' })
    .max(4000, 'Why the delay is too long.')
    .optional(),
});
export type ReadinessDecisionPayload = z.infer<typeof ReadinessDecisionPayload>;

// Core groups after the conference.
/** Inputs Teams merges in under numbered ids (`slot-0`, `status-3` …), one optional key each. */
const numbered = <T extends z.ZodType>(prefix: string, count: number, schema: T) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`${prefix}-${i}`, schema.optional()]),
  ) as Record<string, z.ZodOptional<T>>;

/** One core group meeting of one conference: what the scheduling card's refresh carries. */
export const CoreGroupMeetingRef = z.object({
  conferenceId: id('conference reference'),
  meetingId: id('meeting reference'),
});
export type CoreGroupMeetingRef = z.infer<typeof CoreGroupMeetingRef>;

/** The scheduling card: its "I can come" toggles arrive as `slot-0` … `slot-9`, 'true' or 'false'. */
export const CoreGroupSlotsPayload = z.object({
  conferenceId: id('conference reference'),
  meetingId: id('meeting reference'),
  ...numbered('slot', 10, z.enum(['true', 'false'], { error: 'Tick or untick each time, then send.' })),
});
export type CoreGroupSlotsPayload = z.infer<typeof CoreGroupSlotsPayload>;

/**
 * The progress card: the action ids it showed, and `status-N` / `comment-N` per action. Only shapes are
 * checked here; a missing status or an over-long comment comes back on the same card, the typed values kept.
 */
export const CoreGroupProgressPayload = z.object({
  conferenceId: id('conference reference'),
  meetingId: id('meeting reference'),
  actionIds: z
    .array(z.string().min(1).max(100), { error: 'The card is missing its list of actions. Refresh it.' })
    .min(1, 'The card is missing its list of actions. Refresh it.')
    .max(50),
  ...numbered('status', 50, z.string({ error: 'Choose how the action is going.' }).max(40)),
  ...numbered(
    'comment',
    50,
    z.string({ error: 'The comment must be text.' }).max(4000, 'The comment is too long.'),
  ),
});
export type CoreGroupProgressPayload = z.infer<typeof CoreGroupProgressPayload>;

export const PAYLOADS = {
  'welcome.show': z.object({}),
  'conferences.mine': z.object({}),
  'reports.mine': z.object({}),
  'rsvp.attendInPerson': InvitationRef,
  'rsvp.attendVirtually': InvitationRef,
  'rsvp.sendDeputy': DeputyPayload,
  'rsvp.reportOnly': InvitationRef,
  'rsvp.change': InvitationRef,
  'rsvp.refresh': InvitationRef,
  'readiness.refresh': ConferenceRef,
  'rsvp.recordFor': RecordForPayload,
  'invitations.send': ConferenceRef,
  'readiness.goAhead': ReadinessDecisionPayload,
  'readiness.postpone': ReadinessDecisionPayload,
  'coreGroup.slots.answer': CoreGroupSlotsPayload,
  'coreGroup.slots.none': CoreGroupSlotsPayload,
  'coreGroup.slots.refresh': CoreGroupMeetingRef,
  'coreGroup.progress.send': CoreGroupProgressPayload,
  'coreGroup.progress.refresh': CoreGroupMeetingRef,
} as const satisfies Record<Verb, z.ZodType>;

export type PayloadOf<V extends Verb> = z.output<(typeof PAYLOADS)[V]>;

/** The answer each answer button records (one table, so the handler needs no branching on verbs). */
export const ANSWER_VERBS = {
  'rsvp.attendInPerson': 'attending-in-person',
  'rsvp.attendVirtually': 'attending-virtually',
  'rsvp.sendDeputy': 'sending-deputy',
  'rsvp.reportOnly': 'report-only',
} as const satisfies Record<string, RsvpAnswer>;
export type AnswerVerb = keyof typeof ANSWER_VERBS;

export type ParsedPayload<V extends Verb> =
  { ok: true; data: PayloadOf<V> } | { ok: false; problems: string[] };

/** Parses a verb's `action.data`; problems are sentences a person can act on, no stack or schema jargon. */
export function parsePayload<V extends Verb>(verb: V, data: unknown): ParsedPayload<V> {
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data)))
    return { ok: false, problems: ['This button sent no details. Refresh the card and try again.'] };
  const result = PAYLOADS[verb].safeParse(data ?? {});
  if (result.success) return { ok: true, data: result.data as PayloadOf<V> };
  return { ok: false, problems: [...new Set(result.error.issues.map((i) => i.message))] };
}
