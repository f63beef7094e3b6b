import { z } from 'zod';
import type { CoreGroupSlotDeps } from '../use-cases/core-group-slots.js';
import { proposeFirstCoreGroupSlots } from '../use-cases/core-group-slots.js';
import { conferenceIdParam, parseInput } from './route-input.js';
import type { HttpRoute } from './server.js';

const Time = z.string().regex(/^\d{2}:\d{2}$/, 'Use a time like 09:30.');
export const SlotQuery = z
  .object({
    durationMinutes: z.coerce.number().int().min(15).max(240).optional(),
    max: z.coerce.number().int().min(1).max(10).optional(),
    from: Time.optional(),
    to: Time.optional(),
  })
  .strict();

/** Proposed times for the first core group, from the members' free/busy (Graph) within the statutory window. */
export function coreGroupRoutes(deps: CoreGroupSlotDeps): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/conferences/:id/core-group-slots',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const query = Object.fromEntries(req.query);
        const { from, to, ...rest } = parseInput(SlotQuery, query, 'The query has problems.');
        const proposal = await proposeFirstCoreGroupSlots(deps, id, {
          ...rest,
          ...(from && to ? { workingHours: { start: from, end: to } } : {}),
        });
        return { status: 200, body: proposal };
      },
    },
  ];
}
