import { z } from 'zod';
import { AgencyKinds } from '../domain/people.js';
import { RsvpAnswers } from '../domain/rsvp.js';

export const AnswerHistoryView = z.object({
  answer: z.enum(RsvpAnswers),
  deputy: z.object({ name: z.string(), email: z.string() }).nullable(),
  actor: z.object({ kind: z.string(), id: z.string() }),
  via: z.string(),
  answeredAt: z.string(),
  recordedAt: z.string(),
  applied: z.boolean(),
});

export const InvitationView = z.object({
  id: z.string(),
  inviteeId: z.string(),
  name: z.string(),
  role: z.string(),
  agency: z.string(),
  channel: z.enum(['teams', 'email']),
  answer: z.union([z.enum(RsvpAnswers), z.null()]),
  answerLabel: z.string(),
  deputy: z.union([z.object({ name: z.string(), email: z.string() }), z.null()]),
  answeredAt: z.union([z.string(), z.null()]),
  withdrawn: z.boolean(),
  history: z.array(AnswerHistoryView),
});

export const ReadinessView = z.object({
  conferenceId: z.string(),
  reference: z.string(),
  invitationsSent: z.boolean(),
  quorum: z.object({
    state: z.enum(['quorate', 'at-risk', 'inquorate']),
    summary: z.string(),
    suggestedAction: z.string(),
    policeInvited: z.union([z.boolean(), z.null()]),
    missing: z.array(z.object({ agency: z.string(), agencyKind: z.enum(AgencyKinds), reason: z.string() })),
  }),
  invitations: z.array(InvitationView),
  /** Invitations, reminders and calendar updates not delivered yet; `lastError` set when retrying after a failure. */
  pendingDeliveries: z.array(
    z.object({ kind: z.string(), attempts: z.number().int(), lastError: z.union([z.string(), z.null()]) }),
  ),
});

export const AnswerRequest = z
  .object({
    answer: z.enum(RsvpAnswers),
    deputy: z.object({ name: z.string(), email: z.string() }).strict().optional(),
    /** Who is recording it: the chair or business support, for an answer given by phone or email. */
    recordedBy: z
      .object({ kind: z.enum(['chair', 'business-support']), name: z.string().trim().min(1).max(100) })
      .strict(),
    /** When the person gave the answer; defaults to now. */
    answeredAt: z.iso.datetime({ offset: true }).optional(),
    /** Lets a client retry safely: the same key records the answer once. */
    idempotencyKey: z.string().trim().min(8).max(200).optional(),
  })
  .strict();

export const ScheduleRequest = z
  .object({
    scheduledStart: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Use a local date and time like 2026-12-03T10:00.'),
    joinUrl: z
      .url({ protocol: /^https$/, error: 'The Teams join link must be an https address.' })
      .optional(),
  })
  .strict();
