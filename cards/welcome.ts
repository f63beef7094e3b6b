import { z } from 'zod';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

/** What each role can do with Roundtable: shown on the welcome card. */
export const ROLE_GUIDE = [
  {
    who: 'Chairs',
    what: 'See who is coming and whether the conference will be quorate, read every report before the day, run the conference from the meeting tab, and record the plan and the decision.',
  },
  {
    who: 'Social workers',
    what: 'Request a conference after section 47 enquiries, see every deadline that follows, share your report with the family in time, and lead the plan and the core group.',
  },
  {
    who: 'Partner professionals',
    what: 'Answer an invitation in one tap (in person, online, send a colleague, or report only), send your report before the deadline, and update the core group on your actions.',
  },
  {
    who: 'Parents and family',
    what: 'You do not need this app. Your invitation, the reports and the decision reach you by email, and you can join the meeting as a guest.',
  },
  {
    who: 'Business support',
    what: 'Send invitations, record answers given by phone or email, and chase anyone who has not replied.',
  },
] as const;

export const WelcomeCardData = z.object({ tabUrl: z.string().url().or(z.literal('')).default('') });
export type WelcomeCardData = z.input<typeof WelcomeCardData>;

/** The welcome card, sent on install and when someone types "help". */
export function renderWelcome(data: WelcomeCardData = {}): AdaptiveCard {
  const { tabUrl } = WelcomeCardData.parse(data);
  return expandCard(new URL('./welcome.json', import.meta.url), { roles: ROLE_GUIDE, tabUrl });
}
