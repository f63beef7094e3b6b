/**
 * What the council's case-management system is told when a child protection plan starts, changes or
 * ends (seed 003 §4.2: "the alert will be updated immediately following a conference"), so that
 * services responding to the child in the community see the flag. Pure: the message and the rule for
 * which message a decision means; sending and signing are in bot/jobs/case-system-webhook.ts.
 */
import { z } from 'zod';
import type { Conference } from './conference.js';
import { Categories, type Category, type Outcome } from './conference-record/commands.js';
import type { Decision } from './conference-record/state.js';

export const CaseSystemEvents = ['plan-started', 'plan-changed', 'plan-ended'] as const;
export type CaseSystemEvent = (typeof CaseSystemEvents)[number];

/** Why a plan ended (DESIGN.md §1): at a review, or without one. */
export const PlanEndReasons = [
  'review-decision',
  'moved-to-another-authority',
  'turned-18',
  'left-the-country',
  'died',
] as const;
export type PlanEndReason = (typeof PlanEndReasons)[number];

/** The plan as the case system needs it: category and lead, never the plan's content. */
export interface PlanState {
  category: Category;
  leadSocialWorker: { name: string; email: string };
}

/**
 * Which message a conference decision means, given the plan the children were on before it (none for an
 * initial conference). Nothing is sent when there was no plan and there still is none.
 */
export function planEventForDecision(
  before: PlanState | null,
  outcome: Outcome,
  after: PlanState | null,
): { event: CaseSystemEvent; endReason?: PlanEndReason } | null {
  const onPlan = outcome === 'child-protection-plan' && after !== null;
  if (!before) return onPlan ? { event: 'plan-started' } : null;
  if (!onPlan) return { event: 'plan-ended', endReason: 'review-decision' };
  const changed =
    before.category !== after.category || before.leadSocialWorker.email !== after.leadSocialWorker.email;
  return changed ? { event: 'plan-changed' } : null;
}

/** The JSON body the case system receives (versioned so it can evolve without breaking receivers). */
export const CaseSystemMessage = z.object({
  schema: z.literal('roundtable.case-system/1'),
  id: z.string().uuid(),
  event: z.enum(CaseSystemEvents),
  occurredAt: z.string().datetime(),
  conference: z.object({
    id: z.string(),
    reference: z.string(),
    kind: z.string(),
    date: z.string().nullable(),
  }),
  // Names and dates of birth let the receiving system match its own record of each child.
  children: z.array(
    z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string() }),
  ),
  plan: z
    .object({
      category: z.enum(Categories),
      leadSocialWorker: z.object({ name: z.string(), email: z.string() }),
    })
    .nullable(),
  endReason: z.enum(PlanEndReasons).nullable(),
});
export type CaseSystemMessage = z.infer<typeof CaseSystemMessage>;

export function caseSystemMessage(
  id: string,
  conference: Conference,
  change: { event: CaseSystemEvent; plan: PlanState | null; endReason?: PlanEndReason | undefined },
  occurredAt: Date,
): CaseSystemMessage {
  return {
    schema: 'roundtable.case-system/1',
    id,
    event: change.event,
    occurredAt: occurredAt.toISOString(),
    conference: {
      id: conference.id,
      reference: conference.reference,
      kind: conference.kind,
      date: conference.scheduledStart?.slice(0, 10) ?? null,
    },
    children: conference.children.map((c) => ({
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      dateOfBirth: c.dateOfBirth,
    })),
    plan: change.event === 'plan-ended' ? null : change.plan,
    endReason: change.event === 'plan-ended' ? (change.endReason ?? 'review-decision') : null,
  };
}

/**
 * The message a decision in the conference record means. The plan before it is the record's earlier
 * decision when the chair corrects one; otherwise none at an initial or transfer-in conference (the plan
 * starts here), and at a review a plan whose details may be in another record, so a continuing plan is
 * sent as changed with its current category and lead: the receiver then holds the truth either way.
 */
export function planEventForRecordedDecision(
  conference: Conference,
  earlier: Decision | undefined,
  decision: Decision,
): { event: CaseSystemEvent; plan: PlanState | null; endReason?: PlanEndReason } | null {
  const planOf = (d: Decision): PlanState | null =>
    d.outcome === 'child-protection-plan' && d.category
      ? {
          category: d.category,
          leadSocialWorker: {
            name: d.leadSocialWorkerName ?? conference.leadSocialWorker.name,
            email: conference.leadSocialWorker.email,
          },
        }
      : null;
  const after = planOf(decision);
  if (!earlier && conference.kind === 'review')
    return after
      ? { event: 'plan-changed', plan: after }
      : { event: 'plan-ended', plan: null, endReason: 'review-decision' };
  const change = planEventForDecision(earlier ? planOf(earlier) : null, decision.outcome, after);
  return change && { ...change, plan: change.event === 'plan-ended' ? null : after };
}
