import type { HttpRoute } from './server.js';

export interface Readiness {
  /** Resolves when the database answers; rejects (or is absent) while it is still opening or down. */
  ping?: (() => Promise<void>) | undefined;
  engine: string;
}

/** /healthz: the process answers. /readyz: the database answers too (load balancers route on it). */
export function healthRoutes(readiness: Readiness): HttpRoute[] {
  return [
    { method: 'get', path: '/healthz', handler: async () => ({ status: 200, body: { status: 'ok' } }) },
    {
      method: 'get',
      path: '/readyz',
      handler: async () => {
        try {
          if (!readiness.ping) throw new Error('starting');
          await readiness.ping();
          return { status: 200, body: { status: 'ok', database: readiness.engine } };
        } catch {
          return { status: 503, body: { status: 'unavailable', database: readiness.engine } };
        }
      },
    },
  ];
}
