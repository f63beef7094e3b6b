/**
 * The audit trail of one conference: a paged JSON list for the tab, and a full export as CSV or
 * JSON. Both are themselves audited (bot/http/audited.ts), as a read and as an export.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import type { AuditLog, RecordedAuditEvent } from '../domain/ports.js';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';
import { toCsvLines } from './csv.js';
import { HttpError, newCorrelationId, sendError, sendJson, toHttpError } from './errors.js';
import { conferenceIdParam, parseInput } from './route-input.js';
import type { HttpRoute } from './server.js';

export const AuditPageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
  })
  .strict();
export const AuditExportQuery = z.object({ format: z.enum(['csv', 'json']).default('json') }).strict();

const Detail = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const AuditEventView = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  surface: z.enum(['api', 'card', 'job', 'external-link', 'tab']),
  action: z.enum(['read', 'create', 'update', 'delete', 'send', 'export']),
  entity: z.string(),
  entityId: z.string().nullable(),
  conferenceId: z.string().nullable(),
  correlationId: z.string(),
  detail: Detail,
});
export const AuditPage = z.object({
  events: z.array(AuditEventView),
  limit: z.number().int(),
  offset: z.number().int(),
});

const COLUMNS = ['id', 'at', 'actor', 'actorRole', 'surface', 'action', 'entity', 'entityId'] as const;

const view = (e: RecordedAuditEvent) => ({ ...e, at: e.at.toISOString() });

export function auditRoutes(audit: AuditLog): { json: HttpRoute[]; text: HttpRoute[] } {
  const page: HttpRoute = {
    method: 'get',
    path: '/api/conferences/:id/audit',
    handler: async (req) => {
      const id = conferenceIdParam(req);
      const { limit, offset } = parseInput(
        AuditPageQuery,
        Object.fromEntries(req.query),
        'The query has problems.',
      );
      const events = (await audit.forConference(id, { limit, offset })).map(view);
      return { status: 200, body: { events, limit, offset } };
    },
  };
  const exported: HttpRoute = {
    method: 'get',
    path: '/api/conferences/:id/audit/export',
    handler: async (req) => {
      const id = conferenceIdParam(req);
      const { format } = parseInput(
        AuditExportQuery,
        Object.fromEntries(req.query),
        'The query has problems.',
      );
      const events = (await audit.export(id)).map(view);
      const file = `audit-${id}.${format}`;
      return {
        status: 200,
        body: format === 'csv' ? toCsv(events) : JSON.stringify({ events }),
        headers: {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${file}"`,
        },
      };
    },
  };
  return { json: [page], text: [exported] };
}

/** RFC 4180 CSV, one event a line, detail as JSON in the last column. */
export function toCsv(events: ReturnType<typeof view>[]): string {
  return toCsvLines(
    [...COLUMNS, 'conferenceId', 'correlationId', 'detail'],
    events.map((e) => [
      ...COLUMNS.map((c) => e[c]),
      e.conferenceId,
      e.correlationId,
      JSON.stringify(e.detail),
    ]),
  );
}

/**
 * Mounts routes whose body is already text (the server's own routes always answer JSON), with the
 * same error answers. Give them the same wrappers (sign-in, audit) as the JSON routes.
 */
export function mountTextRoutes(server: Server, routes: HttpRoute[], logger: Logger): void {
  for (const route of routes)
    server[route.method](route.path, async (req, res) => {
      const correlationId = newCorrelationId();
      try {
        const result = await route.handler({
          params: (req.params ?? {}) as Record<string, string>,
          query: new URL(req.url ?? '/', 'http://localhost').searchParams,
          body: async () => undefined, // GET only: no body is read
          correlationId,
          raw: req,
        });
        if (typeof result.body !== 'string') return sendJson(res, result.status, result.body, result.headers);
        res.writeHead(result.status, {
          'content-length': Buffer.byteLength(result.body),
          'cache-control': 'no-store',
          ...result.headers,
        });
        res.end(result.body);
      } catch (e) {
        const known = toHttpError(e);
        if (!known) logger.error({ correlationId, path: route.path, err: safeError(e) }, 'unexpected error');
        else if (known.status >= 500)
          logger.error({ correlationId, path: route.path, code: known.code }, 'request failed');
        sendError(
          res,
          known ?? new HttpError(500, 'INTERNAL', 'Something went wrong on our side. Please try again.'),
          correlationId,
        );
      }
    });
}
