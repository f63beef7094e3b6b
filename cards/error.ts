import { z } from 'zod';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

export const ErrorCardData = z.object({
  title: z.string().default('That did not work'),
  /** Written for the person: what happened and what to do, never case data or a stack trace. */
  message: z.string(),
  fixes: z.array(z.string()).default([]),
  code: z.string(),
  correlationId: z.string(),
});
export type ErrorCardData = z.input<typeof ErrorCardData>;

// Remembers which cards say "nothing was changed", so the bot can keep that promise (see isErrorCard).
const errorCards = new WeakSet<AdaptiveCard>();

/** The card shown when an action cannot be carried out; nothing was changed. */
export function renderError(data: ErrorCardData): AdaptiveCard {
  const card = expandCard(new URL('./error.json', import.meta.url), ErrorCardData.parse(data));
  errorCards.add(card);
  return card;
}

/** Whether renderError made this card: the action it answers was refused and must change nothing. */
export const isErrorCard = (card: AdaptiveCard): boolean => errorCards.has(card);
