import { z } from 'zod';
import { ConferenceRequestInput, ConferenceStatuses } from '../domain/conference.js';
import type { ConferenceDeps } from '../use-cases/conferences.js';
import { changeStatus, getConference, listConferences, requestConference } from '../use-cases/conferences.js';
import { HttpError, zodDetails } from './errors.js';
import type { HttpRoute } from './server.js';

export const ListQuery = z
  .object({
    status: z.enum(ConferenceStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

const ConferenceId = z.string().uuid('A conference id looks like 3f0c…-…; this one is not valid.');

export const StatusChangeRequest = z
  .object({
    to: z.enum(ConferenceStatuses),
    /** Needed for postponed, inquorate and cancelled. */
    reason: z.string().trim().max(1000).optional(),
    /** The version the caller saw; a change made meanwhile gets 409. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();

const parse = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `The ${what} has problems; nothing was saved.`,
      zodDetails(r.error),
    );
  return r.data;
};

/** The tab's JSON API for conferences (thin: parse, call the use case, answer). */
export function conferenceRoutes(deps: ConferenceDeps): HttpRoute[] {
  return [
    {
      method: 'post',
      path: '/api/conferences',
      handler: async (req) => {
        const request = parse(ConferenceRequestInput, await req.body(), 'conference request');
        const view = await requestConference(deps, request);
        return { status: 201, body: view, headers: { location: `/api/conferences/${view.id}` } };
      },
    },
    {
      method: 'get',
      path: '/api/conferences',
      handler: async (req) => ({
        status: 200,
        body: await listConferences(deps, parse(ListQuery, Object.fromEntries(req.query), 'query')),
      }),
    },
    {
      method: 'get',
      path: '/api/conferences/:id',
      handler: async (req) => {
        const id = ConferenceId.safeParse(req.params.id);
        if (!id.success)
          throw new HttpError(404, 'CONFERENCE_NOT_FOUND', 'There is no conference with that id.');
        return { status: 200, body: await getConference(deps, id.data) };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/status',
      handler: async (req) => {
        const id = ConferenceId.safeParse(req.params.id);
        if (!id.success)
          throw new HttpError(404, 'CONFERENCE_NOT_FOUND', 'There is no conference with that id.');
        const body = parse(StatusChangeRequest, await req.body(), 'status change');
        return {
          status: 200,
          body: await changeStatus(deps, id.data, body.to, body.reason, body.expectedVersion),
        };
      },
    },
  ];
}
