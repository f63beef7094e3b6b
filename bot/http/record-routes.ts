/**
 * The conference record over HTTP (the tab's contract): the view a person's part allows, and commands
 * that change the record. Each caller must be signed in; access is decided in the use case.
 */
import { z } from 'zod';
import { RecordCommandBody } from '../domain/conference-record/index.js';
import type { RecordDeps } from '../use-cases/conference-record.js';
import { loadRecord, runCommand, viewRecord } from '../use-cases/conference-record.js';
import { conferenceIdParam, parseInput } from './route-input.js';
import type { HttpRoute } from './server.js';
import { requirePrincipal } from './sign-in.js';
import type { SignIn } from './sign-in.js';

export const RecordViewQuery = z.object({ view: z.enum(['chair', 'stage']).optional() }).strict();

export function recordRoutes(deps: RecordDeps, signin: SignIn): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/conferences/:id/record',
      handler: async (req) => {
        const who = await requirePrincipal(signin, req);
        const id = conferenceIdParam(req);
        const { view } = parseInput(
          RecordViewQuery,
          Object.fromEntries(req.query),
          'The query has problems.',
        );
        const loaded = await loadRecord(deps, id, who);
        return { status: 200, body: await viewRecord(deps, loaded, who, view) };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/record/commands',
      handler: async (req) => {
        const who = await requirePrincipal(signin, req);
        const id = conferenceIdParam(req);
        const body = parseInput(RecordCommandBody, await req.body());
        return { status: 200, body: await runCommand(deps, id, who, body.command, body.expectedVersion) };
      },
    },
  ];
}
