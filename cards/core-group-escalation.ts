import { z } from 'zod';
import { ChildInitials } from './invitation.js';
import { plainText } from './escape.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

const template = new URL('./core-group-escalation.json', import.meta.url);

export const EscalationCardData = z.object({
  reference: z.string().min(1).max(40),
  childInitials: ChildInitials,
  level: z.enum(['lead-social-worker', 'chair']),
  actions: z
    .array(z.object({ what: z.string().max(2000), why: z.string().max(300), state: z.string().max(200) }))
    .min(1)
    .max(50),
});
export type EscalationCardData = z.input<typeof EscalationCardData>;

/**
 * Plan actions that are overdue or keep not being done: to the lead social worker first, then the chair
 * (seed 003 §2.11, §5.1). The plan's own words, escaped; the child by initials only.
 */
export function renderCoreGroupEscalation(input: EscalationCardData): AdaptiveCard {
  const d = EscalationCardData.parse(input);
  const chair = d.level === 'chair';
  return expandCard(template, {
    heading: chair ? 'The plan is not working: please review' : 'Plan actions need attention',
    intro: chair
      ? `The core group for ${d.reference} has actions still not done after the lead social worker was told.`
      : `Some of the plan’s actions for ${d.reference} are overdue or were not done at two core group meetings running.`,
    facts: [
      { title: 'Conference', value: d.reference },
      {
        title: d.childInitials.length > 1 ? 'Children' : 'Child',
        value: `Initials ${d.childInitials.join(', ')}`,
      },
    ],
    actions: d.actions.map((a) => ({ what: plainText(a.what), line: `${a.state}. ${a.why}` })),
    whatToDo: chair
      ? 'Please talk to the lead social worker and decide whether to bring the review conference forward. Details are in the Roundtable tab.'
      : 'Please take it up with the core group now, and record what happens in the next progress update. If it is still not done at the next core group meeting, or in 10 working days, the chair is told.',
  });
}
