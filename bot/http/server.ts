import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import restify from 'restify';
import type { Server } from 'restify';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';
import { HttpError, newCorrelationId, sendError, sendJson, toHttpError } from './errors.js';
import { readJsonBody } from './json-body.js';

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Reads and parses the JSON body (size-limited); only routes that need a body call it. */
  body(): Promise<unknown>;
  correlationId: string;
  raw: IncomingMessage;
}
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sends `body` (a string) as it is with this content type, instead of as JSON (the report form's pages). */
  contentType?: string;
}

export interface HttpRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'del';
  path: string;
  handler: (req: RouteRequest) => Promise<RouteResult>;
}

/** A route that writes its own response (the Bot Framework endpoint, event streams, static files). */
export interface RawRoute {
  method: 'get' | 'post';
  path: string;
  handler: (
    req: IncomingMessage & { body?: unknown },
    res: ServerResponse,
    correlationId: string,
  ) => Promise<void>;
}

export interface ServerOptions {
  logger: Logger;
  maxBodyBytes: number;
  /** Routes that work before the database is open: /healthz and /readyz. */
  alwaysOpen: HttpRoute[];
}

export type RoundtableServer = Server & {
  /** Adds the routes that need the database and opens the gate to them. */
  mountRoutes(routes: HttpRoute[], rawRoutes?: RawRoute[]): void;
};

/**
 * The restify server. It listens before the database is open, so /healthz answers at once and other
 * paths say "starting" (503, Retry-After) until mountRoutes. Every failure becomes a JSON error with a
 * stable code, a readable message and a correlation id; never a stack trace or case data.
 */
export function createHttpServer(opts: ServerOptions): RoundtableServer {
  const server = restify.createServer({
    name: 'roundtable',
    handleUncaughtExceptions: false,
    // Passed on to the router (find-my-way), whose default of 100 is shorter than a report link's token.
    maxParamLength: 512,
  } as restify.ServerOptions) as RoundtableServer;
  const openPaths = new Set(opts.alwaysOpen.map((r) => r.path));
  let mounted = false;

  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (mounted || openPaths.has(req.getPath())) return next();
    res.setHeader('retry-after', '2');
    sendError(
      res,
      new HttpError(503, 'STARTING', 'Roundtable is starting; try again in a few seconds.'),
      newCorrelationId(),
    );
    return next(false);
  });

  const mountJson = (routes: HttpRoute[]) => {
    for (const route of routes)
      server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
        const correlationId = newCorrelationId();
        try {
          const result = await route.handler({
            params: (req.params ?? {}) as Record<string, string>,
            query: new URL(req.url ?? '/', 'http://localhost').searchParams,
            body: () => readJsonBody(req, opts.maxBodyBytes),
            correlationId,
            raw: req,
          });
          if (result.contentType) sendText(res, result);
          else sendJson(res, result.status, result.body, result.headers);
        } catch (e) {
          answerError(res, e, correlationId, opts.logger, route.path);
        }
      });
  };
  const mountRaw = (routes: RawRoute[]) => {
    for (const route of routes)
      server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
        const correlationId = newCorrelationId();
        try {
          await route.handler(req, res, correlationId);
        } catch (e) {
          answerError(res, e, correlationId, opts.logger, route.path);
        }
      });
  };

  mountJson(opts.alwaysOpen);
  server.mountRoutes = (routes, rawRoutes = []) => {
    mountJson(routes);
    mountRaw(rawRoutes);
    mounted = true;
  };

  // restify's own 404 and 405 get the same error shape as ours.
  const reformat =
    (code: string, message: (req: restify.Request) => string) =>
    (
      req: restify.Request,
      _res: restify.Response,
      err: Error & { toJSON?: () => unknown },
      cb: () => void,
    ) => {
      const body = { error: { code, message: message(req), details: [] }, correlationId: newCorrelationId() };
      err.toJSON = () => body;
      cb();
    };
  server.on(
    'NotFound',
    reformat('NOT_FOUND', (req) => `There is nothing at ${req.method} ${req.getPath()}.`),
  );
  server.on(
    'MethodNotAllowed',
    reformat('METHOD_NOT_ALLOWED', (req) => `${req.method} is not allowed on ${req.getPath()}.`),
  );
  server.server.on('clientError', answerUnparsable);
  return server;
}

function sendText(res: ServerResponse, result: RouteResult): void {
  const text = String(result.body);
  res.writeHead(result.status, {
    'content-type': result.contentType!,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...result.headers,
  });
  res.end(text);
}

/** Node's parser errors and our answer to each. */
const UNPARSABLE: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'HEADERS_TOO_LARGE',
    'The address or headers are too long; send less at a time.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive; try again.'],
  default: [400, 'MALFORMED_REQUEST', 'This is not a well-formed HTTP request.'],
};

/**
 * Node answers a request it cannot parse (a URL or headers over its 16 KB limit, broken HTTP) by itself,
 * with an empty body; this gives that answer our error shape too.
 */
function answerUnparsable(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = UNPARSABLE[err.code ?? ''] ?? UNPARSABLE.default!;
  const text = JSON.stringify({ error: { code, message, details: [] }, correlationId: newCorrelationId() });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${text}`,
  );
}

function answerError(
  res: ServerResponse,
  e: unknown,
  correlationId: string,
  logger: Logger,
  path: string,
): void {
  if (res.headersSent) {
    logger.error({ correlationId, path, err: safeError(e) }, 'failed after the response started');
    res.end();
    return;
  }
  const known = toHttpError(e);
  if (known) {
    if (known.status >= 500) logger.error({ correlationId, path, code: known.code }, 'request failed');
    sendError(res, known, correlationId);
    return;
  }
  logger.error({ correlationId, path, err: safeError(e) }, 'unexpected error');
  sendError(
    res,
    new HttpError(
      500,
      'INTERNAL',
      'Something went wrong on our side; nothing was changed. Please try again.',
    ),
    correlationId,
  );
}
