import { z } from 'zod';
import { ChildInitials, KIND_LABELS, conferenceWhen } from './invitation.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

export const MyConferenceItem = z.object({
  conferenceId: z.uuid(),
  reference: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/),
  kind: z.enum(['initial', 'review', 'transfer-in']),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int().min(1).max(600),
  statusLabel: z.string().min(1).max(40),
  /** "Chair", "Lead social worker", or the invitee's role, e.g. "Health visitor". */
  part: z.string().min(1).max(120),
  childInitials: ChildInitials,
  organiser: z.boolean(),
  canSendInvitations: z.boolean(),
  invitationId: z.uuid().optional(),
  cardVersion: z.number().int().min(0).default(0),
});
export type MyConferenceItem = z.input<typeof MyConferenceItem>;

/** The person's upcoming conferences, with what they can do for each (chat cards: initials only). */
export function renderMyConferences(items: MyConferenceItem[]): AdaptiveCard {
  const parsed = z.array(MyConferenceItem).max(20).parse(items);
  return expandCard(new URL('./my-conferences.json', import.meta.url), {
    items: parsed.map((i) => ({
      ...i,
      kindLabel: KIND_LABELS[i.kind].toLowerCase(),
      when: conferenceWhen(i.scheduledStart, i.durationMinutes),
      childInitials: i.childInitials.join(', '),
      invitationId: i.invitationId ?? '',
    })),
  });
}
