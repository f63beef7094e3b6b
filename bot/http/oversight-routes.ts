/** The oversight figures: a manager sees every conference, anyone else those they have a part in. */
import type { z } from 'zod';
import { OversightQuery, oversight, type OversightDeps } from '../use-cases/oversight.js';
import { parseInput } from './route-input.js';
import type { HttpRoute, RouteRequest } from './server.js';

export function oversightRoutes(
  deps: OversightDeps,
  participantOf: (req: RouteRequest) => Promise<string | undefined>,
): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/oversight',
      handler: async (req) => {
        const query = parseInput(OversightQuery, Object.fromEntries(req.query), 'The query has problems.');
        return { status: 200, body: await oversight(deps, query, await participantOf(req)) };
      },
    },
  ];
}

type Json = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type Err = (description: string) => unknown;

export function oversightApiPaths(_json: Json, error: Err) {
  const date = { type: 'string', format: 'date' };
  return {
    '/api/oversight': {
      get: {
        operationId: 'oversight',
        summary:
          'Timeliness figures for a period (initial conferences, reports, letters, minutes, core groups, attendance), each with the conferences behind it',
        parameters: [
          { name: 'from', in: 'query', required: false, schema: date },
          { name: 'to', in: 'query', required: false, schema: date },
        ],
        responses: {
          200: {
            description: 'The figures; a person who is not a manager sees their own conferences only',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          400: error('The query has problems'),
        },
      },
    },
  };
}
