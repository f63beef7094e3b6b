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

/** The card shown when an action cannot be carried out; nothing was changed. */
export function renderError(data: ErrorCardData): AdaptiveCard {
  return expandCard(new URL('./error.json', import.meta.url), ErrorCardData.parse(data));
}
