/**
 * Live updates of the conference record as server-sent events. Each connection gets its own
 * projection, computed on the server (the stage stream never carries what the stage may not show).
 *
 * Fan-out is in process: one set of connections per conference. Several instances behind a load
 * balancer hear each other's changes through PostgreSQL LISTEN/NOTIFY (bot/store/record-notifications.ts),
 * which calls the same `changed`; a change seen twice sends nothing new (each viewer's last version).
 */
import type { ServerResponse } from 'node:http';
import type { Principal } from '../domain/access.js';
import type { AuditLog } from '../domain/ports.js';
import type { Logger } from '../logger.js';
import type { LoadedRecord, RecordDeps, ViewName } from '../use-cases/conference-record.js';
import {
  asViewer,
  loadRecord,
  loadShared,
  readinessFor,
  viewRecord,
} from '../use-cases/conference-record.js';
import type { Readiness } from '../domain/conference-record/index.js';
import { HttpError } from './errors.js';
import { parseInput, pathId } from './route-input.js';
import { RecordViewQuery } from './record-routes.js';
import type { RawRoute, RouteRequest } from './server.js';
import { requirePrincipal } from './sign-in.js';
import type { SignIn } from './sign-in.js';

interface Viewer {
  res: ServerResponse;
  who: Principal;
  view?: ViewName | undefined;
  lastSent: number;
}

export interface RecordStreams {
  /** Sends every viewer of the conference its view of the newest record. */
  changed(conferenceId: string): void;
  route(deps: RecordDeps, signin: SignIn, audit: AuditLog): RawRoute;
  /** Ends every open stream (shutdown), so the server's close does not wait on them. */
  closeAll(): void;
  /** Open streams, for tests and health. */
  count(): number;
}

export function recordStreams(opts: { logger: Logger; heartbeatMs?: number }): RecordStreams {
  const viewers = new Map<string, Set<Viewer>>();
  const busy = new Map<string, Promise<void>>();
  const dirty = new Set<string>();
  let deps: RecordDeps | undefined;

  const heartbeat = setInterval(() => {
    for (const set of viewers.values()) for (const v of set) v.res.write(': keep-alive\n\n');
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();

  const send = (v: Viewer, version: number, body: unknown) => {
    if (version <= v.lastSent) return;
    v.lastSent = version;
    v.res.write(`id: ${version}\nevent: record\ndata: ${JSON.stringify(body)}\n\n`);
  };

  /** One load of the record for all viewers; each gets its own projection, or is closed if no longer allowed. */
  const broadcast = async (conferenceId: string) => {
    const set = viewers.get(conferenceId);
    if (!set?.size || !deps) return;
    const d = deps;
    let shared: Awaited<ReturnType<typeof loadShared>>;
    try {
      shared = await loadShared(d, conferenceId);
    } catch (e) {
      opts.logger.warn(
        { conferenceId, code: (e as { code?: string })?.code },
        'record not readable for streams',
      );
      return;
    }
    let readiness: Promise<Readiness> | undefined;
    const readinessOf = () => (readiness ??= readinessFor(d, shared.conference));
    for (const v of [...set]) {
      try {
        if (v.lastSent >= shared.state.version) continue;
        const loaded: LoadedRecord = asViewer(d, shared, v.who);
        send(v, shared.state.version, await viewRecord(d, loaded, v.who, v.view, readinessOf));
      } catch (e) {
        // Access withdrawn meanwhile, or the record unreadable: this viewer's stream ends.
        opts.logger.warn({ conferenceId, code: (e as { code?: string })?.code }, 'record stream ended');
        v.res.end();
        set.delete(v);
      }
    }
  };

  /** Changes are sent in order; a burst while sending is coalesced into one more round. */
  const changed = (conferenceId: string) => {
    if (busy.has(conferenceId)) {
      dirty.add(conferenceId);
      return;
    }
    const run = (async () => {
      do {
        dirty.delete(conferenceId);
        await broadcast(conferenceId);
      } while (dirty.has(conferenceId));
    })().finally(() => busy.delete(conferenceId));
    busy.set(conferenceId, run);
  };

  return {
    changed,
    count: () => [...viewers.values()].reduce((n, s) => n + s.size, 0),
    closeAll: () => {
      clearInterval(heartbeat);
      for (const set of viewers.values()) for (const v of set) v.res.end();
      viewers.clear();
    },
    route: (recordDeps, signin, audit) => {
      deps = recordDeps;
      return {
        method: 'get',
        path: '/api/conferences/:id/record/stream',
        handler: async (req, res, correlationId) => {
          const request: RouteRequest = {
            params: ((req as { params?: Record<string, string> }).params ?? {}) as Record<string, string>,
            query: new URL(req.url ?? '/', 'http://localhost').searchParams,
            body: async () => undefined,
            correlationId,
            raw: req,
          };
          const who = await requirePrincipal(signin, req);
          const id = pathId(request, 'id', 'conference', 'CONFERENCE_NOT_FOUND');
          const { view } = parseInput(
            RecordViewQuery,
            Object.fromEntries(request.query),
            'The query has problems.',
          );
          const event = (outcome: string) => ({
            actor: who.aadObjectId,
            actorRole: 'signed-in',
            surface: 'tab' as const,
            action: 'read' as const,
            entity: 'conference-record',
            entityId: id,
            conferenceId: id,
            correlationId,
            detail: { route: '/api/conferences/:id/record/stream', outcome, view: view ?? 'default' },
          });
          let loaded: LoadedRecord;
          let first: unknown;
          try {
            loaded = await loadRecord(recordDeps, id, who);
            first = await viewRecord(recordDeps, loaded, who, view);
          } catch (e) {
            await audit.record(event((e as { code?: string })?.code ?? 'INTERNAL')).catch(() => undefined);
            throw e;
          }
          // No one watches case data without a record that they did.
          try {
            await audit.record(event('ok'));
          } catch {
            throw new HttpError(
              503,
              'AUDIT_UNAVAILABLE',
              'This cannot be shown just now because Roundtable could not record who looked at it. Please try again in a minute.',
            );
          }
          res.writeHead(200, {
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-store',
            connection: 'keep-alive',
            'x-accel-buffering': 'no',
          });
          res.write('retry: 2000\n\n');
          const lastEventId = Number(req.headers['last-event-id']);
          const viewer: Viewer = {
            res,
            who,
            view,
            // A reconnecting client that already has this version gets nothing until the next change.
            lastSent:
              Number.isInteger(lastEventId) && lastEventId >= 0 && lastEventId <= loaded.state.version
                ? lastEventId
                : -1,
          };
          send(viewer, loaded.state.version, first);
          const set = viewers.get(id) ?? new Set<Viewer>();
          set.add(viewer);
          viewers.set(id, set);
          req.socket.setTimeout(0);
          res.on('close', () => {
            set.delete(viewer);
            if (!set.size) viewers.delete(id);
          });
          // A change stored between loading and joining is not missed.
          changed(id);
        },
      };
    },
  };
}
