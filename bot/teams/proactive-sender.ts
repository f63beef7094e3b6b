/**
 * The one way the bot speaks first: invitations, reminders, chair warnings and card updates all go
 * through here, so Teams' rate limits and retry rules (DESIGN.md §3) are kept in one place.
 */
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { systemClock } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { StoredReference } from '../store/conversation-repository.js';
import { createRateLimiter, createSerialQueues } from './rate-limiter.js';
import { TEAMS_CONVERSATION_WINDOWS, TEAMS_TENANT_WINDOWS } from './rate-limiter.js';
import type { Lane, RateLimiter } from './rate-limiter.js';

export type ProactiveSendErrorCode = 'NOT_INSTALLED' | 'CONVERSATION_NOT_FOUND' | 'THROTTLED' | 'FAILED';

/** Why a proactive message was not delivered; `retryable` tells the outbox whether to keep the work. */
export class ProactiveSendError extends Error {
  override readonly name = 'ProactiveSendError';
  constructor(
    readonly code: ProactiveSendErrorCode,
    /** HTTP status from the Bot Connector; undefined when no response came (network error). */
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(`proactive message not delivered: ${code}${status ? ` (HTTP ${status})` : ''}`, options);
  }
}

/** Statuses Teams asks bots to retry (DESIGN.md §3); 412 is one of its throttling answers. */
const RETRIED = new Set([429, 412, 502, 504]);
/** No answer at all: botbuilder's pipeline retried these itself before we removed its policy. */
const NETWORK_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND']);

type HeaderLookup = { get?(name: string): unknown };

interface Failure {
  status?: number;
  retryAfterMs?: number;
  transient: boolean;
}

/** Reads a connector error: @azure/core-rest-pipeline's RestError has `statusCode` and `response.headers`. */
function describeFailure(error: unknown, nowMs: number): Failure {
  const e = error as { statusCode?: unknown; code?: unknown; response?: { headers?: HeaderLookup } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined) return { transient: typeof e?.code === 'string' && NETWORK_ERRORS.has(e.code) };
  const header = e.response?.headers?.get?.('retry-after');
  return { status, retryAfterMs: parseRetryAfter(header, nowMs), transient: RETRIED.has(status) };
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Exponential back-off with full jitter, unless the connector said how long to wait. */
function backoffMs(attempt: number, retryAfterMs: number | undefined, p: RetryPolicy, random: () => number) {
  return retryAfterMs ?? Math.floor(random() * Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (attempt - 1)));
}

function toSendError(failure: Failure, cause: unknown): ProactiveSendError {
  const { status, retryAfterMs } = failure;
  const refused = { 403: 'NOT_INSTALLED', 404: 'CONVERSATION_NOT_FOUND' } as const;
  if (status === 403 || status === 404)
    return new ProactiveSendError(refused[status], status, false, undefined, { cause });
  if (status === 429 || status === 412)
    return new ProactiveSendError('THROTTLED', status, true, retryAfterMs, { cause });
  // No response or a server error: the message may go through later. Other 4xx will not.
  const retryable = failure.transient || status === undefined || status >= 500;
  return new ProactiveSendError('FAILED', status, retryable, retryAfterMs, { cause });
}

/** Waits of up to 0.5, 1, 2 and 4 s; a Retry-After beyond 30 s is left to the caller's outbox. */
export const DEFAULT_RETRY = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
export type RetryPolicy = typeof DEFAULT_RETRY;

export interface ProactiveSenderOptions {
  adapter: CloudAdapter;
  /** The bot's Entra app id; '' in local development. */
  botAppId: string;
  logger: Logger;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); for the jitter. */
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  limiter?: RateLimiter;
}

/** botbuilder's reference, or the same read back from the store (saved from TurnContext.getConversationReference). */
type Reference = Partial<ConversationReference> | StoredReference;

export interface ProactiveSender {
  send(reference: Reference, activity: Partial<Activity>): Promise<{ activityId: string }>;
  update(reference: Reference, activityId: string, activity: Partial<Activity>): Promise<void>;
  /** Any other call in a proactive turn of the conversation, with the same rate limits and retries. */
  call<T>(reference: Reference, op: string, work: (ctx: TurnContext) => Promise<T>): Promise<T>;
}

export function createProactiveSender(options: ProactiveSenderOptions): ProactiveSender {
  const { adapter, botAppId, logger } = options;
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const limiter = options.limiter ?? createRateLimiter({ now: () => clock.now().getTime(), sleep });
  // One queue per conversation: messages arrive in the order they were sent, and a conversation that
  // Teams throttles pauses as a whole (retries included) while other conversations carry on.
  const inOrder = createSerialQueues();
  let warnedSdkRetries = false;

  /**
   * botbuilder's HTTP pipeline (@azure/core-rest-pipeline's defaultRetryPolicy) itself retries 5xx and
   * 429-with-Retry-After up to 3 times with real sleeps: that would multiply our attempts by four and
   * hide the statuses. Every proactive turn has a fresh ConnectorClient, so this affects this call alone.
   */
  const withoutSdkRetries = (ctx: TurnContext): void => {
    type Pipeline = { removePolicy(p: { name: string }): unknown[] };
    const connector = ctx.turnState.get(adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } };
    const removed = connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' }) ?? [];
    if (removed.length === 0 && !warnedSdkRetries) {
      warnedSdkRetries = true;
      logger.warn('botbuilder retry policy not found: connector calls may be retried twice over');
    }
  };

  /**
   * One attempt, in a proactive turn. A failure inside the turn would go to onTurnError, which logs a
   * failed turn and swallows it, so the turn only waits for the work and the caller gets its outcome.
   */
  const once = async <T>(reference: Reference, work: (ctx: TurnContext) => Promise<T>) => {
    let result: Promise<T> | undefined;
    await adapter.continueConversationAsync(
      botAppId,
      reference as Partial<ConversationReference>,
      async (ctx) => {
        withoutSdkRetries(ctx);
        // Otherwise sendActivity replies to the made-up id of the continuation event.
        delete (ctx.activity as Partial<Activity>).id;
        result = work(ctx);
        await result.catch(() => undefined);
      },
    );
    if (!result) throw new Error('the proactive turn did not run');
    return result;
  };

  const deliver = <T>(op: string, reference: Reference, work: (ctx: TurnContext) => Promise<T>) => {
    const conversationId = reference.conversation?.id ?? '';
    const lanes: Lane[] = [
      { key: `conversation:${conversationId}`, windows: TEAMS_CONVERSATION_WINDOWS },
      { key: `tenant:${reference.conversation?.tenantId ?? ''}`, windows: TEAMS_TENANT_WINDOWS },
    ];
    return inOrder(conversationId, async () => {
      for (let attempt = 1; ; attempt += 1) {
        // Every attempt is a request Teams counts, so retries take a slot too.
        await limiter.acquire(lanes);
        try {
          const value = await once(reference, work);
          logger.debug({ op, conversationId, attempt }, 'proactive message delivered');
          return value;
        } catch (error) {
          const failure = describeFailure(error, clock.now().getTime());
          const delayMs = backoffMs(attempt, failure.retryAfterMs, retry, random);
          const status = failure.status;
          if (!failure.transient || attempt >= retry.maxAttempts || delayMs > retry.maxDelayMs) {
            const given = toSendError(failure, error);
            const { code, retryable } = given;
            logger.warn(
              { op, conversationId, attempt, status, code, retryable },
              'proactive message not delivered',
            );
            throw given;
          }
          logger.info({ op, conversationId, attempt, status, delayMs }, 'proactive message retrying');
          await sleep(delayMs);
        }
      }
    });
  };

  return {
    async send(reference, activity) {
      const response = await deliver('send', reference, (ctx) => ctx.sendActivity(activity));
      // Teams always answers with the new activity's id; without it the card could never be updated.
      if (!response?.id) throw new ProactiveSendError('FAILED', 200, false);
      return { activityId: response.id };
    },
    async update(reference, activityId, activity) {
      await deliver('update', reference, (ctx) => ctx.updateActivity({ ...activity, id: activityId }));
    },
    call: (reference, op, work) => deliver(op, reference, work),
  };
}
