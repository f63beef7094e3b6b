/**
 * Cards after the conference: the lead social worker's follow-up task (tell a parent who was not there,
 * deliver a letter by hand), its escalation to the chair when overdue, and the minutes-overdue notice.
 * Like every chat card, they name no family member: the relationship and the conference reference only.
 */
import { z } from 'zod';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

const Reference = z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/);

export const FollowUpCardData = z.object({
  kind: z.enum(['tell-absent-parent', 'deliver-letter']),
  reference: Reference,
  /** "the child's mother": a relationship, never a name. */
  who: z.string().trim().min(1).max(80),
  /** "Tue 8 Dec 2026, 10:00". */
  dueLabel: z.string().min(1).max(40),
  rule: z.string().min(1).max(300),
  overdue: z.boolean(),
});
export type FollowUpCardData = z.input<typeof FollowUpCardData>;

const WHAT = {
  'tell-absent-parent': (who: string) => `Tell ${who} the conference’s decision`,
  'deliver-letter': (who: string) => `Give ${who} the decision letter by hand or post`,
} as const;

const TODO = {
  'tell-absent-parent':
    '**What to do:** speak to them (an interpreter if they need one), explain the decision and the plan in plain words, then mark the task done in Roundtable’s conference tab with a short note.',
  'deliver-letter':
    '**What to do:** they have no email address, so take or post the letter and the outline plan, then mark the task done in Roundtable’s conference tab.',
} as const;

/** To the lead social worker; with `overdue`, to the chair as the escalation. */
export function renderFollowUp(input: FollowUpCardData): AdaptiveCard {
  const d = FollowUpCardData.parse(input);
  return expandCard(new URL('./after-conference.json', import.meta.url), {
    heading: d.overdue ? `Overdue for ${d.reference}: ${WHAT[d.kind](d.who)}` : `${WHAT[d.kind](d.who)}`,
    intro: d.overdue
      ? `This was due ${d.dueLabel} and the lead social worker has not marked it done. Please check with them today.`
      : `Conference ${d.reference}: due ${d.dueLabel} (${d.rule}).`,
    facts: [
      { title: 'Conference', value: d.reference },
      { title: 'Due', value: d.dueLabel },
    ],
    style: d.overdue ? 'attention' : 'emphasis',
    todo: TODO[d.kind],
  });
}

export const MinutesOverdueData = z.object({
  reference: Reference,
  dueLabel: z.string().min(1).max(40),
  rule: z.string().min(1).max(300),
});

/** To the chair and managers: the minutes are past their deadline and not approved. */
export function renderMinutesOverdue(input: z.input<typeof MinutesOverdueData>): AdaptiveCard {
  const d = MinutesOverdueData.parse(input);
  return expandCard(new URL('./after-conference.json', import.meta.url), {
    heading: `The record of ${d.reference} is overdue`,
    intro: `The minutes were due ${d.dueLabel} (${d.rule}) and have not been approved.`,
    facts: [
      { title: 'Conference', value: d.reference },
      { title: 'Was due', value: d.dueLabel },
    ],
    style: 'attention',
    todo: '**What to do:** the chair checks the draft for confidential information, confirms each restricted item and approves it in the conference tab; it is then sent at once.',
  });
}
