import { z } from 'zod';
import { HttpError, zodDetails } from './errors.js';
import type { RouteRequest } from './server.js';

/** Parses a body or query at the edge (STYLE.md #2): typed data, or 400 naming each field and why. */
export function parseInput<T>(
  schema: z.ZodType<T, unknown>,
  value: unknown,
  message = 'The request has problems; nothing was saved.',
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'VALIDATION_FAILED', message, zodDetails(r.error));
  return r.data;
}

export const Uuid = z.uuid();

/** A uuid path parameter; anything else cannot exist, so it is simply not found (404). */
export function pathId(req: RouteRequest, name: string, what: string, code = 'NOT_FOUND'): string {
  const r = Uuid.safeParse(req.params[name]);
  if (!r.success) throw new HttpError(404, code, `There is no ${what} with that id.`);
  return r.data;
}

/** The conference id of a /api/conferences/:id/… route. */
export const conferenceIdParam = (req: RouteRequest): string =>
  pathId(req, 'id', 'conference', 'CONFERENCE_NOT_FOUND');
