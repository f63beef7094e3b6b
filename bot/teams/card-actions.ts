import type { z } from 'zod';
import type { AdaptiveCard } from '../../cards/render.js';
import { renderError } from '../../cards/error.js';
import type { Verb } from '../../cards/verbs.js';
import { isVerb, VERBS } from '../../cards/verbs.js';
import { isDomainError } from '../domain/errors.js';
import { zodDetails } from '../http/errors.js';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';

/** Who pressed the button, as Teams reports it. */
export interface Actor {
  /** Bot Framework channel account id (29:…). */
  id: string;
  /** Microsoft Entra object id, when Teams supplies it. */
  aadObjectId?: string | undefined;
}

/** What a handler knows about the button press besides its data. */
export interface CardActionContext {
  actor: Actor;
  /** The invoke's activity id: Teams retries an invoke with the same id, so it is the idempotency key. */
  activityId: string;
  /** When the person pressed the button (the activity's timestamp, else the time it arrived). */
  timestamp: string;
}

export interface CardActionHandler<T = unknown> {
  /** The zod schema of `action.data` (STYLE.md #2: parse at the edge). */
  payload: z.ZodType<T>;
  handle(data: T, context: CardActionContext): Promise<AdaptiveCard>;
}

/** One entry per verb; the compiler refuses a verb without a handler (STYLE.md #1). */
export type CardActionTable = { [V in Verb]: CardActionHandler<never> };

/** Declares a handler with its payload type inferred from the schema. */
export const cardAction = <T>(
  payload: z.ZodType<T>,
  handle: (data: T, context: CardActionContext) => Promise<AdaptiveCard>,
) => ({ payload, handle }) as CardActionHandler<T> as CardActionHandler<never>;

/**
 * Routes an Action.Execute by verb. Always answers with a card: the updated card, or an error card that
 * says what to fix. Unexpected failures are logged with a correlation id and never shown as a stack trace.
 */
export async function routeCardAction(
  table: CardActionTable,
  verb: unknown,
  data: unknown,
  context: CardActionContext,
  logger: Logger,
  correlationId: string,
): Promise<AdaptiveCard> {
  if (!isVerb(verb)) {
    logger.warn(
      { correlationId, verb: typeof verb === 'string' ? verb.slice(0, 60) : typeof verb },
      'unknown card verb',
    );
    return renderError({
      title: 'This button is not recognised',
      message: 'The card may be from an older version of Roundtable. Type help to get a fresh card.',
      code: 'UNKNOWN_VERB',
      correlationId,
    });
  }
  const handler = table[verb] as unknown as CardActionHandler;
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data)))
    return renderError({
      title: 'Please check what you entered',
      message: 'This button sent no details. Refresh the card and try again. Nothing was changed.',
      code: 'MALFORMED_PAYLOAD',
      correlationId,
    });
  const parsed = handler.payload.safeParse(data ?? {});
  if (!parsed.success) {
    return renderError({
      title: 'Please check what you entered',
      message: 'Nothing was changed.',
      fixes: [...new Set(zodDetails(parsed.error).map((d) => d.message))],
      code: 'MALFORMED_PAYLOAD',
      correlationId,
    });
  }
  try {
    return await handler.handle(parsed.data, context);
  } catch (e) {
    if (isDomainError(e))
      return renderError({
        message: e.message,
        fixes: e.details.map((d) => d.message),
        code: e.code,
        correlationId,
      });
    logger.error({ correlationId, verb, err: safeError(e) }, 'card action failed');
    return renderError({
      message: 'Something went wrong on our side and nothing was changed. Please try again in a minute.',
      code: 'INTERNAL',
      correlationId,
    });
  }
}

export const verbsInOrder = (): readonly Verb[] => VERBS;
