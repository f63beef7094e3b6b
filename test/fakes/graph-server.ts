/**
 * A local HTTP server standing in for Microsoft Graph (under /v1.0) and the Entra ID token endpoint
 * (/{tenant}/oauth2/v2.0/token). It records every request and, by default, behaves like a tiny
 * Graph: tokens it issued are required, sendMail stores the letter, and GET .../messages finds letters
 * by internetMessageId. It also keeps events (found by our extended property, a repeated transactionId
 * answered with the event it already made, as Graph de-duplicates) and subscriptions (creating one runs
 * the validation handshake against a loopback notificationUrl; `notify` delivers a change notification).
 * Tests script responses per request with `respond`.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  /** Path without the query, as sent (still percent-encoded). */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, the raw text for other bodies, undefined when empty. */
  body: unknown;
  rawBody: string;
}

export type Matcher = { method?: string; path?: string | RegExp } | ((req: CapturedRequest) => boolean);

export interface ScriptedResponse {
  /** Omitted: the default handler's answer. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Let the default handler act first (the letter is sent), then answer with this anyway. */
  processed?: boolean;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Wait this long before answering or resetting. */
  delayMs?: number;
}

export interface StoredMessage {
  mailbox: string;
  message: Record<string, unknown>;
}

export interface StoredEvent {
  mailbox: string;
  event: Record<string, unknown> & { id: string; isCancelled: boolean };
}

export interface StoredSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  clientState?: string | undefined;
  expirationDateTime: string;
}

/** Graph's ceiling for Outlook event subscriptions without resource data. */
const MAX_SUBSCRIPTION_MINUTES = 10_080;

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const FAKE_TENANT = '00000000-0000-4000-8000-00000000feed';
export const FAKE_CLIENT_ID = '00000000-0000-4000-8000-0000000c11e7';
export const FAKE_SECRET = 'fake-secret-for-tests';

const graphError = (status: number, code: string): Answer => ({
  status,
  body: { error: { code, message: code, innerError: { date: new Date().toISOString() } } },
});

export async function startGraphServer() {
  const requests: CapturedRequest[] = [];
  const mail: StoredMessage[] = [];
  const events: StoredEvent[] = [];
  const subscriptions: StoredSubscription[] = [];
  let eventIds = 0;
  const scripts: { matches: (r: CapturedRequest) => boolean; queue: ScriptedResponse[] }[] = [];
  const validTokens = new Set<string>();
  let issued = 0;

  function token(req: CapturedRequest): Answer {
    const form = new URLSearchParams(req.rawBody);
    const ok =
      form.get('grant_type') === 'client_credentials' &&
      form.get('client_id') === FAKE_CLIENT_ID &&
      form.get('client_secret') === FAKE_SECRET &&
      form.get('scope') === 'https://graph.microsoft.com/.default';
    if (!ok)
      return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215 (fake)' } };
    const access = `fake-token-${++issued}`;
    validTokens.add(access);
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: access },
    };
  }

  function graph(req: CapturedRequest): Answer | Promise<Answer> {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !validTokens.has(bearer)) return graphError(401, 'InvalidAuthenticationToken');
    const send = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(req.path);
    if (send && req.method === 'POST') {
      const body = req.body as { message?: Record<string, unknown> } | undefined;
      if (!body?.message) return graphError(400, 'ErrorInvalidRequest');
      mail.push({ mailbox: decodeURIComponent(send[1]!), message: body.message });
      return { status: 202 };
    }
    const list = /^\/v1\.0\/users\/([^/]+)\/messages$/.exec(req.path);
    if (list && req.method === 'GET') {
      const wanted = /^internetMessageId eq '(.*)'$/.exec(req.query.$filter ?? '')?.[1]?.replace(/''/g, "'");
      const box = decodeURIComponent(list[1]!);
      const value = mail
        .filter((m) => m.mailbox === box && (wanted === undefined || m.message.internetMessageId === wanted))
        .slice(0, Number(req.query.$top ?? 10))
        .map((m, i) => ({ id: `AAMk-fake-${i}`, internetMessageId: m.message.internetMessageId }));
      return { status: 200, body: { '@odata.context': 'fake', value } };
    }
    return eventAnswer(req) ?? subscriptionAnswer(req) ?? graphError(404, 'ResourceNotFound');
  }

  type Props = { id: string; value: string }[];
  const propsOf = (e: Record<string, unknown>) => (e.singleValueExtendedProperties ?? []) as Props;

  /** Events as the calendar adapter uses them; undefined for other paths. */
  function eventAnswer(req: CapturedRequest): Answer | undefined {
    const m = /^\/v1\.0\/users\/([^/]+)\/events(?:\/([^/]+))?(\/cancel)?$/.exec(req.path);
    if (!m) return undefined;
    const box = decodeURIComponent(m[1]!);
    const id = m[2] && decodeURIComponent(m[2]);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const found = id ? events.find((e) => e.mailbox === box && e.event.id === id) : undefined;
    if (!id && req.method === 'POST') {
      const repeat = events.find(
        (e) => e.mailbox === box && body.transactionId && e.event.transactionId === body.transactionId,
      );
      if (repeat) return { status: 201, body: repeat.event };
      const newId = `AAMk-fake-event-${++eventIds}`;
      const event = {
        ...body,
        id: newId,
        isCancelled: false,
        ...(body.isOnlineMeeting ? { onlineMeeting: { joinUrl: `https://teams.example.org/${newId}` } } : {}),
      };
      events.push({ mailbox: box, event });
      return { status: 201, body: event };
    }
    if (!id && req.method === 'GET') {
      // The adapter's find: ...Any(ep: ep/id eq '<conferenceId property>' and ep/value eq '<id>').
      const f = /ep\/id eq '([^']*)' and ep\/value eq '([^']*)'/.exec(req.query.$filter ?? '');
      const expand = req.query.$expand ?? '';
      const value = events
        .filter(
          (e) => e.mailbox === box && (!f || propsOf(e.event).some((p) => p.id === f[1] && p.value === f[2])),
        )
        .map((e) => ({
          ...e.event,
          singleValueExtendedProperties: propsOf(e.event).filter((p) => expand.includes(p.id)),
        }));
      return { status: 200, body: { value } };
    }
    if (!found) return graphError(404, 'ErrorItemNotFound');
    if (m[3] && req.method === 'POST') {
      found.event.isCancelled = true;
      return { status: 202 };
    }
    if (req.method === 'PATCH') {
      const props = new Map(propsOf(found.event).map((p) => [p.id, p]));
      for (const p of propsOf(body)) props.set(p.id, p);
      Object.assign(found.event, body, { singleValueExtendedProperties: [...props.values()] });
      return { status: 200, body: found.event };
    }
    return undefined;
  }

  const isLoopbackUrl = (u: string) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u);

  /** Graph checks the endpoint before it answers a create: POST ?validationToken=…, the token echoed. */
  async function validateEndpoint(notificationUrl: string): Promise<boolean> {
    if (!isLoopbackUrl(notificationUrl)) return true; // nothing to reach from a test
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const url = `${notificationUrl}${notificationUrl.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        signal: AbortSignal.timeout(10_000),
      });
      return (
        res.status === 200 &&
        /^text\/plain/.test(res.headers.get('content-type') ?? '') &&
        (await res.text()) === token
      );
    } catch {
      return false;
    }
  }

  function expiryProblem(value: unknown): Answer | undefined {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(at) || at <= Date.now() || at > Date.now() + MAX_SUBSCRIPTION_MINUTES * 60_000)
      return graphError(400, 'ExtensionError');
    return undefined;
  }

  function subscriptionAnswer(req: CapturedRequest): Answer | Promise<Answer> | undefined {
    const m = /^\/v1\.0\/subscriptions(?:\/([^/]+))?$/.exec(req.path);
    if (!m) return undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!m[1] && req.method === 'GET') return { status: 200, body: { value: subscriptions } };
    if (!m[1] && req.method === 'POST')
      return (async (): Promise<Answer> => {
        const { changeType, notificationUrl, resource, clientState } = body;
        if (
          typeof changeType !== 'string' ||
          typeof notificationUrl !== 'string' ||
          typeof resource !== 'string'
        )
          return graphError(400, 'InvalidRequest');
        const bad = expiryProblem(body.expirationDateTime);
        if (bad) return bad;
        if (!(await validateEndpoint(notificationUrl))) return graphError(400, 'ValidationError');
        const created: StoredSubscription = {
          id: randomUUID(),
          resource,
          changeType,
          notificationUrl,
          clientState: typeof clientState === 'string' ? clientState : undefined,
          expirationDateTime: String(body.expirationDateTime),
        };
        subscriptions.push(created);
        return { status: 201, body: created };
      })();
    const index = subscriptions.findIndex((s) => s.id === decodeURIComponent(m[1] ?? ''));
    if (index < 0) return graphError(404, 'ResourceNotFound');
    if (req.method === 'PATCH') {
      const bad = expiryProblem(body.expirationDateTime);
      if (bad) return bad;
      subscriptions[index]!.expirationDateTime = String(body.expirationDateTime);
      return { status: 200, body: subscriptions[index] };
    }
    if (req.method === 'DELETE') {
      subscriptions.splice(index, 1);
      return { status: 204 };
    }
    return undefined;
  }

  const defaultAnswer = (req: CapturedRequest): Answer | Promise<Answer> =>
    /\/oauth2\/v2\.0\/token$/.test(req.path) ? token(req) : graph(req);

  function write(req: CapturedRequest, res: http.ServerResponse, answer: Answer): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up (a timeout)
    const json = answer.body === undefined ? undefined : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'request-id': randomUUID(),
      ...(req.headers['client-request-id']
        ? { 'client-request-id': String(req.headers['client-request-id']) }
        : {}),
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...answer.headers,
    });
    res.end(json);
  }

  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://fake');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown = rawBody || undefined;
      if (rawBody && /json/.test(incoming.headers['content-type'] ?? '')) body = JSON.parse(rawBody);
      const req: CapturedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: incoming.headers,
        body,
        rawBody,
      };
      requests.push(req);
      const script = scripts.find((s) => s.queue.length > 0 && s.matches(req))?.queue.shift();
      if (!script) return void Promise.resolve(defaultAnswer(req)).then((a) => write(req, res, a));
      const acts = script.processed ?? (script.status === undefined && !script.reset);
      const fallback = acts ? Promise.resolve(defaultAnswer(req)) : undefined;
      setTimeout(() => {
        if (script.reset) return void incoming.socket.destroy();
        void (async () => {
          const answer =
            script.status === undefined
              ? await (fallback ?? defaultAnswer(req))
              : { status: script.status, body: script.body };
          write(req, res, { ...answer, headers: { ...answer.headers, ...script.headers } });
        })();
      }, script.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const isToken = (r: CapturedRequest) => /\/oauth2\/v2\.0\/token$/.test(r.path);

  return {
    origin,
    /** For createGraphClient's baseUrl. */
    baseUrl: `${origin}/v1.0`,
    /** For createGraphClient's authorityHost. */
    authorityHost: origin,
    requests,
    /** Letters that Graph accepted, in order. */
    mail,
    /** Events Graph holds, in order of creation (cancelled ones stay, marked). */
    events,
    /** Live subscriptions. */
    subscriptions,
    /**
     * Delivers a change notification for a subscription the way Graph does (its clientState included,
     * unless `clientState` overrides it); resolves to the endpoint's status.
     */
    async notify(
      subscriptionId: string,
      changeType = 'updated',
      overrides: { clientState?: string } = {},
    ): Promise<number> {
      const s = subscriptions.find((x) => x.id === subscriptionId);
      if (!s) throw new Error(`no subscription ${subscriptionId}`);
      const res = await fetch(s.notificationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          value: [
            {
              subscriptionId: s.id,
              subscriptionExpirationDateTime: s.expirationDateTime,
              changeType,
              resource: `Users/fake-user-id/Events/AAMk-fake-event-1`,
              resourceData: { '@odata.type': '#Microsoft.Graph.Event', id: 'AAMk-fake-event-1' },
              clientState: overrides.clientState ?? s.clientState ?? null,
              tenantId: FAKE_TENANT,
            },
          ],
        }),
      });
      await res.arrayBuffer();
      return res.status;
    },
    graphRequests: () => requests.filter((r) => !isToken(r)),
    tokenRequests: () => requests.filter(isToken),
    /** Script the next answers to matching requests, in order; afterwards the default handler answers. */
    respond(matcher: Matcher, responses: ScriptedResponse[]): void {
      const matches =
        typeof matcher === 'function'
          ? matcher
          : (r: CapturedRequest) =>
              (!matcher.method || matcher.method === r.method) &&
              (!matcher.path ||
                (typeof matcher.path === 'string' ? r.path === matcher.path : matcher.path.test(r.path)));
      scripts.push({ matches, queue: [...responses] });
    },
    /** Every token issued so far stops working, as if it had expired. */
    expireTokens: () => validTokens.clear(),
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeGraphServer = Awaited<ReturnType<typeof startGraphServer>>;
