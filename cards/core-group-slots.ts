import { z } from 'zod';
import { ChildInitials, withRefresh } from './invitation.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

const template = new URL('./core-group-slots.json', import.meta.url);

export const slotInputId = (index: number) => `slot-${index}`;

export const SlotsCardData = z.object({
  conferenceId: z.uuid(),
  meetingId: z.uuid(),
  reference: z.string().min(1).max(40),
  childInitials: ChildInitials,
  meetingNumber: z.number().int().min(1),
  /** "Thu 19 Mar 2026 (within 10 working days of the initial conference)". */
  dueSentence: z.string().max(300),
  status: z.enum(['proposed', 'scheduled', 'held', 'cancelled']),
  /** The fixed time's label, once scheduled. */
  fixedLabel: z.string().max(80).optional(),
  slots: z
    .array(
      z.object({
        start: z.string(),
        label: z.string().max(80),
        /** How many members can come: a count, never names (the card may reach anyone in the core group). */
        canCome: z.number().int().min(0),
        mine: z.boolean(),
      }),
    )
    .max(10),
  /** Whether this viewer has answered, and whether they said none of these. */
  answered: z.enum(['not-yet', 'some', 'none']),
  waitingFor: z.number().int().min(0).optional(),
  /** The viewer's Entra object id: Teams then refreshes the card to their current view when they see it. */
  viewerAadObjectId: z.string().min(1).max(100).optional(),
});
export type SlotsCardData = z.input<typeof SlotsCardData>;

/**
 * The core group scheduling card: the offered times, "I can come" per time, or "none of these". It is
 * updated in place with how many can come to each time and, once enough can, the time that was fixed.
 */
export function renderCoreGroupSlots(input: SlotsCardData): AdaptiveCard {
  const d = SlotsCardData.parse(input);
  const open = d.status === 'proposed';
  const fixed = d.status === 'scheduled' || d.status === 'held';
  const notice = fixed
    ? `The meeting is fixed for ${d.fixedLabel ?? 'the time most people can come to'}. A calendar invitation follows.`
    : d.status === 'cancelled'
      ? 'This meeting was cancelled.'
      : d.answered === 'none'
        ? 'Thank you: you said none of these times suit. The lead social worker will be in touch.'
        : d.answered === 'some'
          ? `Thank you, your answer is saved. The time is fixed once the lead social worker and at least half of the others can come${d.waitingFor ? `; ${d.waitingFor} still to answer` : ''}. You can change your answer until then.`
          : '';
  const card = expandCard(template, {
    heading: `Core group meeting ${d.meetingNumber}: which times can you come to?`,
    intro: `The core group must meet by ${d.dueSentence}. Tick every time you can come to.`,
    facts: [
      { title: 'Conference', value: d.reference },
      {
        title: d.childInitials.length > 1 ? 'Children' : 'Child',
        value: `Initials ${d.childInitials.join(', ')}`,
      },
    ],
    hasNotice: notice !== '',
    notice,
    noticeStyle: fixed ? 'good' : 'emphasis',
    open,
    slots: d.slots.map((s, i) => ({
      id: slotInputId(i),
      title: `I can come: ${s.label} (${s.canCome} can come so far)`,
      value: s.mine ? 'true' : 'false',
    })),
    ref: { conferenceId: d.conferenceId, meetingId: d.meetingId },
  });
  // A member who answered early still sees the fixed time (or the cancellation) when they come back.
  const ref = { conferenceId: d.conferenceId, meetingId: d.meetingId };
  return withRefresh(card, 'coreGroup.slots.refresh', ref, d.viewerAadObjectId ? [d.viewerAadObjectId] : []);
}
