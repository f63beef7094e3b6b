/**
 * POST /api/graph/notifications: where Microsoft Graph delivers change notifications for the organiser
 * mailbox's events. Graph cannot sign in, so the route is open; what it trusts is the clientState each
 * notification repeats. It never reads the notification's content: a valid one only brings the
 * calendar sync forward, and the sync reads Graph itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { HttpError, zodDetails } from './errors.js';
import { readJsonBody } from './json-body.js';
import type { RawRoute } from './server.js';

export const GRAPH_NOTIFICATION_PATH = '/api/graph/notifications';

export interface GraphNotificationRouteOptions {
  clientState: string;
  /** What a valid notification triggers (the calendar sync); coalesced, never awaited by the request. */
  onChange: () => Promise<unknown>;
  logger: Logger;
  maxBodyBytes: number;
  /** Notifications within this window share one sync; default 5 s. */
  debounceMs?: number;
}

/** Graph's tokens are a sentence and an id, far below this; a longer one is not Graph. */
const MAX_VALIDATION_TOKEN = 4096;
/** Graph batches notifications, but one batch of our events stays well within this. */
const MAX_BODY_BYTES = 1_000_000;

/** One change notification (or a lifecycle notification); only the fields we check are declared. */
const ChangeNotification = z
  .looseObject({
    subscriptionId: z.string().min(1).max(256),
    clientState: z.string().max(256).nullish(),
    changeType: z.string().max(64).optional(),
    lifecycleEvent: z.string().max(64).optional(),
  })
  .refine((n) => n.changeType !== undefined || n.lifecycleEvent !== undefined, {
    message: 'A notification has a changeType or a lifecycleEvent.',
  });
const NotificationBatch = z.looseObject({ value: z.array(ChangeNotification).min(1).max(1000) });

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Runs `run` once per burst: the first call starts a timer, calls until it fires join it, and a call
 * arriving while `run` is in progress schedules one more run afterwards (its change may have come too
 * late for the run in progress to see).
 */
export function coalesce(run: () => Promise<unknown>, waitMs: number, logger: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const fire = async () => {
    timer = undefined;
    running = true;
    try {
      await run();
    } catch (e) {
      // The scheduled poll catches up; the error's message may name a mailbox, so log its code only.
      logger.warn({ code: (e as { code?: unknown })?.code }, 'sync after a Graph notification failed');
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (running) again = true;
    else timer ??= setTimeout(() => void fire(), waitMs).unref();
  };
  return schedule;
}

function answer(res: ServerResponse, status: number, text = '', type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function graphNotificationRoute(options: GraphNotificationRouteOptions): RawRoute {
  const { logger } = options;
  const expected = digest(options.clientState);
  const maxBytes = Math.min(options.maxBodyBytes, MAX_BODY_BYTES);
  const onChange = coalesce(options.onChange, options.debounceMs ?? 5000, logger);
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  const trusted = (clientState: string | null | undefined) =>
    typeof clientState === 'string' && timingSafeEqual(digest(clientState), expected);

  return {
    method: 'post',
    path: GRAPH_NOTIFICATION_PATH,
    handler: async (req, res, correlationId) => {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const token = query.get('validationToken');
      if (token !== null) {
        // The handshake when a subscription is created: echo the decoded token, as plain text, at once.
        if (!token || token.length > MAX_VALIDATION_TOKEN)
          throw new HttpError(400, 'BAD_VALIDATION_TOKEN', 'The validationToken is empty or too long.');
        answer(res, 200, token);
        return;
      }
      const parsed = NotificationBatch.safeParse(await readJsonBody(req, maxBytes));
      if (!parsed.success)
        throw new HttpError(
          400,
          'NOT_A_NOTIFICATION',
          'The body is not a Microsoft Graph change notification collection.',
          zodDetails(parsed.error),
        );
      const items = parsed.data.value;
      const accepted = items.filter((n) => trusted(n.clientState)).length;
      const rejected = items.length - accepted;
      // Counts only: a forged body's content is not worth keeping and a real one's is not needed.
      if (rejected)
        logger.warn(
          { correlationId, rejected, accepted },
          'Graph notification with a wrong clientState ignored',
        );
      if (accepted) onChange();
      // 202 even when all were ignored: Graph retries any other answer for hours, and a forger learns nothing.
      answer(res, 202);
    },
  };
}
