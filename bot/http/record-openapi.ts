/**
 * The conference tab's API in the OpenAPI document. The event stream (GET …/record/stream) is left
 * out on purpose: it never ends, so it is described in the tab's contract and tested on its own.
 */
import type { z } from 'zod';
import { RecordCommandBody } from '../domain/conference-record/index.js';
import { RecordViewQuery } from './record-routes.js';

type Json = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type Err = (description: string) => Record<string, unknown>;
type Operation = { responses: Record<string | number, unknown>; [key: string]: unknown };

export function recordApiPaths(json: Json, error: Err): Record<string, Record<string, Operation>> {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const object = { 'application/json': { schema: { type: 'object' } } };
  const signIn = { 401: error('Sign in first (Teams SSO token, or the developer sign-in on loopback)') };
  const refused = { 403: error('Not a participant in this conference, or not allowed for this part') };
  return {
    '/api/me': {
      get: {
        operationId: 'me',
        summary: 'Who is signed in, and whether this is the developer mode',
        responses: { 200: { description: 'The signed-in person', content: object }, ...signIn },
      },
    },
    '/api/me/overview': {
      get: {
        operationId: 'myOverview',
        summary: 'The personal tab: my conferences, my reports due, my plan actions',
        responses: { 200: { description: 'The overview', content: object }, ...signIn },
      },
    },
    '/api/conferences/{id}/record': {
      get: {
        operationId: 'conferenceRecord',
        summary: 'The conference record as the chair’s view or the stage view (what everyone sees)',
        parameters: [
          id,
          {
            name: 'view',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: RecordViewQuery.shape.view.unwrap().options },
          },
        ],
        responses: {
          200: { description: 'The view', content: object },
          400: error('The query has problems'),
          ...signIn,
          ...refused,
          404: error('No such conference'),
        },
      },
    },
    '/api/conferences/{id}/record/commands': {
      post: {
        operationId: 'recordCommand',
        summary:
          'Change the record: checklist, agenda, attendance, restricted parts, grid, scaling, plan, decision, prompts, the Teams meeting link',
        parameters: [id],
        requestBody: { required: true, content: json(RecordCommandBody, 'input') },
        responses: {
          200: { description: 'The new version and the caller’s view', content: object },
          400: error('The command has problems; each is listed with its field'),
          ...signIn,
          ...refused,
          404: error('No such conference, or no such item in its record'),
          409: error('Changed meanwhile (VERSION_CONFLICT), or the decision before the plan'),
        },
      },
    },
  };
}
