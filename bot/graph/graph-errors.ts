/**
 * Typed Graph failures (STYLE.md #7) and the rules that decide which of them may be tried again.
 * The one rule that matters most: a request that creates something (sendMail, a new event) and whose
 * fate is unknown is never repeated blindly; it surfaces as UNKNOWN_OUTCOME so the caller looks first.
 */
import { GraphClientError } from '@microsoft/microsoft-graph-client';

export type GraphErrorCode =
  'THROTTLED' | 'UNAVAILABLE' | 'UNKNOWN_OUTCOME' | 'UNAUTHORIZED' | 'BAD_REQUEST' | 'NOT_FOUND' | 'FAILED';

export interface GraphErrorDetails {
  status?: number | undefined;
  /** How long Graph asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number | undefined;
  /** True when repeating the same request cannot do harm and may succeed. */
  retryable: boolean;
  /** Graph's `request-id` response header: quote it to Microsoft support. */
  requestId?: string | undefined;
  /** Graph's own error code, e.g. ErrorAccessDenied; never its message, which can echo an address. */
  graphCode?: string | undefined;
}

/**
 * Extends the SDK's GraphClientError because GraphRequest.send rethrows those unchanged; any other
 * error thrown inside the middleware chain is rewrapped and loses its code.
 */
export class GraphError extends GraphClientError {
  readonly code: GraphErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly retryable: boolean;
  readonly requestId: string | undefined;
  readonly graphCode: string | undefined;

  constructor(code: GraphErrorCode, message: string, details: GraphErrorDetails) {
    super(message);
    // GraphClientError's constructor pins the prototype to its own; restore ours so instanceof works.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'GraphError';
    this.code = code;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.retryable = details.retryable;
    this.requestId = details.requestId;
    this.graphCode = details.graphCode;
  }
}

export const isGraphError = (e: unknown): e is GraphError => e instanceof GraphError;

interface StatusContext {
  idempotent: boolean;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  graphCode?: string | undefined;
}

/** Gateway errors: Graph or a proxy in front of it was briefly unable to answer. */
const TRANSIENT = new Set([502, 503, 504]);

/** The typed error for a non-2xx response, or undefined when the status is a success. */
export function errorForStatus(status: number, ctx: StatusContext): GraphError | undefined {
  if (status < 400) return undefined;
  const base = { status, requestId: ctx.requestId, graphCode: ctx.graphCode };
  if (status === 429)
    // Graph refuses a throttled request before acting on it, so repeating it is always safe.
    return new GraphError('THROTTLED', 'Microsoft Graph is throttling requests; try again later.', {
      ...base,
      retryAfterMs: ctx.retryAfterMs,
      retryable: true,
    });
  if (status === 401 || status === 403)
    return new GraphError('UNAUTHORIZED', `Microsoft Graph refused the service’s credentials (${status}).`, {
      ...base,
      retryable: false,
    });
  if (status === 404)
    return new GraphError('NOT_FOUND', 'Microsoft Graph did not find the mailbox or item.', {
      ...base,
      retryable: false,
    });
  if (status === 400 || status === 413 || status === 422)
    return new GraphError('BAD_REQUEST', `Microsoft Graph rejected the request (${status}).`, {
      ...base,
      retryable: false,
    });
  if (status >= 500 && !ctx.idempotent)
    return new GraphError(
      'UNKNOWN_OUTCOME',
      `Microsoft Graph answered ${status} after receiving the request: check whether it took effect before repeating it.`,
      { ...base, retryAfterMs: ctx.retryAfterMs, retryable: false },
    );
  if (TRANSIENT.has(status))
    return new GraphError('UNAVAILABLE', `Microsoft Graph is unavailable (${status}).`, {
      ...base,
      retryAfterMs: ctx.retryAfterMs,
      retryable: true,
    });
  return new GraphError('FAILED', `Microsoft Graph request failed (${status}).`, {
    ...base,
    retryable: false,
  });
}

/** Failures where no connection was made: the request cannot have reached Graph. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The typed error for a request that got no response: a timeout, a reset, a refused connection. */
export function errorForNetworkFailure(
  err: unknown,
  ctx: { idempotent: boolean; timedOut: boolean },
): GraphError {
  const code = causeCode(err);
  if (!ctx.timedOut && code && NOT_SENT.has(code))
    return new GraphError('UNAVAILABLE', 'Microsoft Graph could not be reached.', { retryable: true });
  const what = ctx.timedOut ? 'did not answer in time' : 'closed the connection';
  if (!ctx.idempotent)
    return new GraphError(
      'UNKNOWN_OUTCOME',
      `Microsoft Graph ${what}: check whether the request took effect before repeating it.`,
      { retryable: false },
    );
  return new GraphError('UNAVAILABLE', `Microsoft Graph ${what}.`, { retryable: true });
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential back-off with "equal jitter": half the ceiling fixed, half random, so several
 * instances retrying together spread out but none retries at once.
 */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, capMs = 8000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
