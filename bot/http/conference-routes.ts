import { z } from 'zod';
import { ConferenceRequestInput, ConferenceStatuses } from '../domain/conference.js';
import type { ConferenceDeps } from '../use-cases/conferences.js';
import { changeStatus, getConference, listConferences, requestConference } from '../use-cases/conferences.js';
import { conferenceIdParam, parseInput } from './route-input.js';
import type { HttpRoute, RouteRequest } from './server.js';

export const ListQuery = z
  .object({
    status: z.enum(ConferenceStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const StatusChangeRequest = z
  .object({
    to: z.enum(ConferenceStatuses),
    /** Needed for postponed, inquorate and cancelled. */
    reason: z.string().trim().max(1000).optional(),
    /** The version the caller saw; a change made meanwhile gets 409. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .strict();

/** The tab's JSON API for conferences (thin: parse, call the use case, answer). */
export function conferenceRoutes(
  deps: ConferenceDeps,
  /** Whose conferences the list shows (undefined: all); see bot/http/role-access.ts. */
  participantOf: (req: RouteRequest) => Promise<string | undefined> = async () => undefined,
): HttpRoute[] {
  return [
    {
      method: 'post',
      path: '/api/conferences',
      handler: async (req) => {
        const request = parseInput(
          ConferenceRequestInput,
          await req.body(),
          'The conference request has problems; nothing was saved.',
        );
        const view = await requestConference(deps, request);
        return { status: 201, body: view, headers: { location: `/api/conferences/${view.id}` } };
      },
    },
    {
      method: 'get',
      path: '/api/conferences',
      handler: async (req) => {
        const query = parseInput(
          ListQuery,
          Object.fromEntries(req.query),
          'The query has problems; nothing was saved.',
        );
        return {
          status: 200,
          body: await listConferences(deps, { ...query, participant: await participantOf(req) }),
        };
      },
    },
    {
      method: 'get',
      path: '/api/conferences/:id',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        return { status: 200, body: await getConference(deps, id) };
      },
    },
    {
      method: 'post',
      path: '/api/conferences/:id/status',
      handler: async (req) => {
        const id = conferenceIdParam(req);
        const body = parseInput(
          StatusChangeRequest,
          await req.body(),
          'The status change has problems; nothing was saved.',
        );
        return {
          status: 200,
          body: await changeStatus(deps, id, body.to, body.reason, body.expectedVersion),
        };
      },
    },
  ];
}
