/**
 * The Microsoft Graph client (DESIGN.md §2, "Real components"): @microsoft/microsoft-graph-client with
 * our own middleware chain, outermost first: retry (429, 502–504, never a blind repeat of a create
 * whose fate is unknown) → auth (app-only token from msal-node; one fresh token on a 401) → fetch
 * (per-attempt timeout). Failures surface as GraphError (graph-errors.ts).
 */
import { randomUUID } from 'node:crypto';
import { AuthError, ConfidentialClientApplication, LogLevel, ServerError } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../logger.js';
import {
  backoffMs,
  errorForNetworkFailure,
  errorForStatus,
  GraphError,
  parseRetryAfter,
} from './graph-errors.js';

export interface GraphClientOptions {
  tenantId: string;
  clientId: string;
  /** One of clientSecret or clientCertificate. */
  clientSecret?: string | undefined;
  clientCertificate?: { thumbprintSha256: string; privateKey: string } | undefined;
  /** Default https://graph.microsoft.com/v1.0. */
  baseUrl?: string;
  /** Where the token endpoint lives; default https://login.microsoftonline.com. Tests use a local fake. */
  authorityHost?: string;
  /** Per attempt, default 30 s. */
  timeoutMs?: number;
  /** Attempts per request, including the first; default 4. */
  maxAttempts?: number;
  /** A longer Retry-After is not waited out in-process: the caller gets THROTTLED and reschedules. */
  maxRetryWaitMs?: number;
  fetch?: typeof fetch;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Per-request policy, e.g. `client.api(path).middlewareOptions([new GraphRequestPolicy({ idempotent: true })])`
 * for a POST that Graph de-duplicates itself (an event create carrying a transactionId).
 */
export class GraphRequestPolicy implements MiddlewareOptions {
  readonly idempotent: boolean;
  constructor(options: { idempotent: boolean }) {
    this.idempotent = options.idempotent;
  }
}

/** Returns an app-only Graph token; `fresh` skips msal's cache (after Graph refused the cached one). */
type TokenSource = (fresh: boolean) => Promise<string>;

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** msal errors that mean the token endpoint was unreachable, not that the credentials are wrong. */
const TOKEN_NETWORK_CODES = new Set(['network_error', 'no_network_connectivity', 'temporarily_unavailable']);

/**
 * msal's authority stays the real cloud instance (its cache key and issuer); the endpoints are pinned
 * with authorityMetadata, so msal never fetches discovery documents and, in tests, sends the token
 * request to a local fake through its own HTTP client (msal refuses an http:// authority).
 */
function createTokenSource(options: GraphClientOptions): TokenSource {
  const { tenantId, clientId, clientSecret, clientCertificate, logger } = options;
  if (!clientSecret === !clientCertificate)
    throw new Error('Graph needs exactly one of a client secret or a client certificate.');
  const host = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const issuerHost = 'https://login.microsoftonline.com';
  const app = new ConfidentialClientApplication({
    auth: {
      clientId,
      authority: `${issuerHost}/${tenantId}`,
      ...(clientSecret ? { clientSecret } : { clientCertificate }),
      authorityMetadata: JSON.stringify({
        token_endpoint: `${host}/${tenantId}/oauth2/v2.0/token`,
        authorization_endpoint: `${host}/${tenantId}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${host}/${tenantId}/oauth2/v2.0/logout`,
        jwks_uri: `${host}/${tenantId}/discovery/v2.0/keys`,
        issuer: `${issuerHost}/${tenantId}/v2.0`,
      }),
    },
    system: {
      loggerOptions: {
        // Warning would log "No client info in response" for every app-only token.
        logLevel: LogLevel.Error,
        piiLoggingEnabled: false,
        loggerCallback: (_level, message, containsPii) => {
          if (!containsPii) logger.warn({ msal: true }, message);
        },
      },
    },
  });
  return async (fresh) => {
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE], skipCache: fresh });
      if (!result?.accessToken) throw new Error('msal returned no access token');
      return result.accessToken;
    } catch (err) {
      // The token request never reached Graph, so an unreachable token endpoint is safe to retry.
      const code = err instanceof AuthError ? err.errorCode : undefined;
      const status = err instanceof ServerError ? err.status : undefined;
      if ((code && TOKEN_NETWORK_CODES.has(code)) || (status !== undefined && status >= 500))
        throw new GraphError('UNAVAILABLE', 'The Microsoft sign-in service could not be reached.', {
          retryable: true,
        });
      const message = `The service could not get a Graph token (${code ?? 'unknown'}).`;
      throw new GraphError('UNAUTHORIZED', message, { retryable: false });
    }
  };
}

/** Methods where a second identical request leaves Graph as the first did. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

const methodOf = (ctx: Context) => (ctx.options?.method ?? 'GET').toUpperCase();
const urlOf = (ctx: Context) => (typeof ctx.request === 'string' ? ctx.request : ctx.request.url);

function isIdempotent(ctx: Context): boolean {
  const policy = ctx.middlewareControl?.getMiddlewareOptions(GraphRequestPolicy) as
    GraphRequestPolicy | undefined;
  return policy?.idempotent ?? IDEMPOTENT_METHODS.has(methodOf(ctx));
}

function setHeader(ctx: Context, name: string, value: string): void {
  const headers = new Headers(ctx.options?.headers);
  headers.set(name, value);
  ctx.options = { ...ctx.options, headers };
}

/** Bodies are read here, inside the timeout, so a response that stalls mid-body also times out. */
class FetchHandler implements Middleware {
  constructor(
    private readonly fetchFn: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  async execute(ctx: Context): Promise<void> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const signal = ctx.options?.signal
      ? AbortSignal.any([ctx.options.signal, timeout.signal])
      : timeout.signal;
    try {
      const res = await this.fetchFn(urlOf(ctx), { ...ctx.options, signal });
      const body = [204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
      ctx.response = new Response(body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    } catch (err) {
      throw errorForNetworkFailure(err, { idempotent: isIdempotent(ctx), timedOut: timeout.signal.aborted });
    } finally {
      clearTimeout(timer);
    }
  }
}

class AuthHandler implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly tokens: TokenSource,
    private readonly graphOrigin: string,
    private readonly logger: Logger,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(ctx: Context): Promise<void> {
    // The token is for Graph alone: never hand it to another host (an absolute nextLink, say).
    if (new URL(urlOf(ctx)).origin !== this.graphOrigin)
      throw new GraphError('FAILED', 'Refusing to send the Graph token to another host.', {
        retryable: false,
      });
    await this.send(ctx, false);
    if (ctx.response?.status === 401) {
      // A 401 means Graph refused the token before acting, so one repeat with a fresh token is safe.
      this.logger.info(
        { graph: { status: 401, requestId: requestIdOf(ctx.response) } },
        'Graph token refused; renewing',
      );
      await this.send(ctx, true);
    }
  }

  private async send(ctx: Context, fresh: boolean): Promise<void> {
    setHeader(ctx, 'Authorization', `Bearer ${await this.tokens(fresh)}`);
    await this.next!.execute(ctx);
  }
}

const requestIdOf = (res: Response) => res.headers.get('request-id') ?? undefined;

async function graphCodeOf(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

interface RetryPolicy {
  maxAttempts: number;
  maxRetryWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger: Logger;
}

class RetryHandler implements Middleware {
  private next?: Middleware;
  constructor(private readonly policy: RetryPolicy) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(ctx: Context): Promise<void> {
    const { maxAttempts, maxRetryWaitMs, sleep, random, logger } = this.policy;
    // One client-request-id across every attempt, so Graph's logs tie the attempts together.
    if (!new Headers(ctx.options?.headers).has('client-request-id'))
      setHeader(ctx, 'client-request-id', randomUUID());
    const method = methodOf(ctx);
    for (let attempt = 1; ; attempt++) {
      const error = await this.attempt(ctx);
      if (!error) return;
      const waitMs = error.retryAfterMs ?? backoffMs(attempt, random);
      const log = { method, status: error.status, requestId: error.requestId, code: error.code, attempt };
      if (!error.retryable || attempt >= maxAttempts || waitMs > maxRetryWaitMs) {
        logger.warn({ graph: log }, 'Graph request failed');
        throw error;
      }
      logger.info({ graph: { ...log, waitMs } }, 'Graph request will be retried');
      await sleep(waitMs);
    }
  }

  private async attempt(ctx: Context): Promise<GraphError | undefined> {
    try {
      await this.next!.execute(ctx);
    } catch (err) {
      if (err instanceof GraphError) return err;
      throw err;
    }
    const res = ctx.response!;
    const status = res.status;
    if (status < 400) {
      this.policy.logger.debug(
        { graph: { method: methodOf(ctx), status, requestId: requestIdOf(res) } },
        'Graph',
      );
      return undefined;
    }
    return errorForStatus(status, {
      idempotent: isIdempotent(ctx),
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      requestId: requestIdOf(res),
      graphCode: await graphCodeOf(res),
    });
  }
}

/** A Graph client for app-only calls; every failure reaches the caller as a GraphError. */
export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.baseUrl ?? 'https://graph.microsoft.com/v1.0');
  // The SDK joins baseUrl + version + path: split ".../v1.0" into its two parts.
  const segments = base.pathname.split('/').filter(Boolean);
  const version = segments.pop() ?? 'v1.0';
  const tokens = createTokenSource(options);
  return Client.initWithMiddleware({
    baseUrl: `${base.origin}/${segments.join('/')}`,
    defaultVersion: version,
    middleware: [
      new RetryHandler({
        maxAttempts: options.maxAttempts ?? 4,
        maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
        sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        random: options.random ?? Math.random,
        logger: options.logger,
      }),
      new AuthHandler(tokens, base.origin, options.logger),
      new FetchHandler(options.fetch ?? fetch, options.timeoutMs ?? 30_000),
    ],
  });
}
