/**
 * A local HTTP server standing in for Microsoft Graph (under /v1.0) and the Entra ID token endpoint
 * (/{tenant}/oauth2/v2.0/token). It records every request and, by default, behaves like a tiny
 * Graph: tokens it issued are required, sendMail stores the letter, and GET .../messages finds letters
 * by internetMessageId. Tests script responses per request with `respond`.
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

  function graph(req: CapturedRequest): Answer {
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
    return graphError(404, 'ResourceNotFound');
  }

  const defaultAnswer = (req: CapturedRequest) =>
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
      if (!script) return write(req, res, defaultAnswer(req));
      const acts = script.processed ?? (script.status === undefined && !script.reset);
      const fallback = acts ? defaultAnswer(req) : undefined;
      setTimeout(() => {
        if (script.reset) return void incoming.socket.destroy();
        const answer =
          script.status === undefined
            ? (fallback ?? defaultAnswer(req))
            : { status: script.status, body: script.body };
        write(req, res, { ...answer, headers: { ...answer.headers, ...script.headers } });
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
