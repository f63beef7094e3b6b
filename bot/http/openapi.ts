import { z } from 'zod';
import { ConferenceRequestInput } from '../domain/conference.js';
import { afterConferenceApiPaths } from './after-conference-routes.js';
import { oversightApiPaths } from './oversight-routes.js';
import { AuditPage, AuditPageQuery } from './audit-routes.js';
import { CaseSystemExportQuery } from './case-system-routes.js';
import { CaseSystemMessage } from '../domain/case-system.js';
import { ListQuery, StatusChangeRequest } from './conference-routes.js';
import { SlotQuery } from './core-group-routes.js';
import { coreGroupApiPaths } from './core-group-openapi.js';
import { AnswerRequest, ReadinessView, ScheduleRequest } from './invitation-views.js';
import { recordApiPaths } from './record-openapi.js';
import { reportLinkApiPaths } from './report-link-routes.js';
import { reportApiPaths } from './report-views.js';
import { ConferenceList, ConferenceView, ErrorBodyView, Health } from './views.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': {
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }),
  },
});
const error = (description: string) => ({ description, content: json(ErrorBodyView) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** The OpenAPI 3.0 description of the HTTP API, generated from the same zod schemas the routes use. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const doc = baseDocument(serverUrl);
  // Every tab API route needs sign-in outside local development.
  for (const [path, item] of Object.entries(doc.paths))
    if (path.startsWith('/api/conferences'))
      for (const op of Object.values(item))
        op.responses[401] = error('Sign-in required (outside local development)');
  return doc;
}

/** Query parameters from a zod object's shape, for the audit routes. */
const queryParams = (shape: Record<string, z.ZodType>) =>
  Object.entries(shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }),
  }));

type Operation = { responses: Record<string | number, unknown>; [key: string]: unknown };

function baseDocument(serverUrl: string): {
  paths: Record<string, Record<string, Operation>>;
  [key: string]: unknown;
} {
  const listParams = Object.entries(ListQuery.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }),
  }));
  return {
    openapi: '3.0.3',
    info: {
      title: 'Roundtable API',
      version: '0.1.0',
      description:
        'Child protection conferences: requests, deadlines and (for the Bot Connector) the bot endpoint.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/healthz': {
        get: {
          operationId: 'health',
          responses: { 200: { description: 'The service runs', content: json(Health) } },
        },
      },
      '/readyz': {
        get: {
          operationId: 'ready',
          responses: {
            200: { description: 'The database answers', content: json(Health) },
            503: { description: 'The database does not answer', content: json(Health) },
          },
        },
      },
      '/api/conferences': {
        post: {
          operationId: 'requestConference',
          summary: 'Request a conference after section 47 enquiries',
          requestBody: { required: true, content: json(ConferenceRequestInput, 'input') },
          responses: {
            201: {
              description: 'The conference with every computed deadline',
              content: json(ConferenceView),
            },
            400: error('The body has problems; each is listed with its field'),
            413: error('The body is too large'),
            415: error('The body is not JSON'),
            422: error('A date lies beyond the bank holiday data'),
          },
        },
        get: {
          operationId: 'listConferences',
          parameters: listParams,
          responses: {
            200: { description: 'Conferences, newest first', content: json(ConferenceList) },
            400: error('Bad query'),
          },
        },
      },
      '/api/conferences/{id}': {
        get: {
          operationId: 'getConference',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            200: { description: 'One conference with its deadlines', content: json(ConferenceView) },
            404: error('No such conference'),
          },
        },
      },
      '/api/conferences/{id}/status': {
        post: {
          operationId: 'changeStatus',
          summary: 'Move a conference along its lifecycle (postponed, inquorate and cancelled need a reason)',
          parameters: [idParam],
          requestBody: { required: true, content: json(StatusChangeRequest, 'input') },
          responses: {
            200: { description: 'The conference after the change', content: json(ConferenceView) },
            400: error('The body has problems, or a reason is missing'),
            404: error('No such conference'),
            409: error('Not allowed from the current status, or changed meanwhile'),
          },
        },
      },
      '/api/conferences/{id}/schedule': {
        post: {
          operationId: 'scheduleConference',
          summary: 'Set or move the date and time; everyone already invited gets a new invitation',
          parameters: [idParam],
          requestBody: { required: true, content: json(ScheduleRequest, 'input') },
          responses: {
            200: { description: 'The conference with its deadlines', content: json(ConferenceView) },
            400: error('The body has problems'),
            404: error('No such conference'),
            409: error('The conference cannot be given a date in its current status'),
            422: error('The date lies beyond the bank holiday data'),
          },
        },
      },
      '/api/conferences/{id}/invitations': {
        post: {
          operationId: 'sendInvitations',
          summary: 'Send every invitation not yet sent: cards in Teams, email to people without Teams',
          parameters: [idParam],
          responses: {
            202: { description: 'Queued for delivery', content: json(z.object({ sent: z.number().int() })) },
            404: error('No such conference'),
            409: error('The conference has no date yet, or is not open for invitations'),
          },
        },
      },
      '/api/conferences/{id}/readiness': {
        get: {
          operationId: 'readiness',
          summary: 'Who answered what, who has not, and whether the conference will be quorate',
          parameters: [idParam],
          responses: {
            200: { description: 'Readiness', content: json(ReadinessView) },
            404: error('No such conference'),
          },
        },
      },
      '/api/conferences/{id}/invitations/{invitationId}/answers': {
        post: {
          operationId: 'recordAnswer',
          summary: 'Record an answer given by phone or email (chair or business support)',
          parameters: [
            idParam,
            { name: 'invitationId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          requestBody: { required: true, content: json(AnswerRequest, 'input') },
          responses: {
            200: { description: 'Readiness after the answer', content: json(ReadinessView) },
            400: error('The body has problems'),
            403: error('The invitation is not part of this conference'),
            404: error('No such conference or invitation'),
            409: error('The conference no longer takes answers'),
          },
        },
      },
      '/api/conferences/{id}/core-group-slots': {
        get: {
          operationId: 'coreGroupSlots',
          summary:
            'Proposed times for the first core group, from free/busy, within 10 working days of the conference',
          parameters: [
            idParam,
            ...Object.entries(SlotQuery.shape).map(([name, schema]) => ({
              name,
              in: 'query',
              required: false,
              schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }),
            })),
          ],
          responses: {
            200: {
              description: 'The window, the deadline, who is asked and the best slots',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            400: error('Bad query'),
            404: error('No such conference'),
            409: error('The conference has no date, or no core group follows it'),
          },
        },
      },
      '/api/conferences/{id}/audit': {
        get: {
          operationId: 'auditTrail',
          summary:
            'Who read or changed this conference, when and from where (ids and codes only), oldest first',
          parameters: [idParam, ...queryParams(AuditPageQuery.shape)],
          responses: {
            200: { description: 'A page of audit events', content: json(AuditPage) },
            400: error('The query has problems'),
            404: error('Not a conference id'),
            503: error('The read could not be recorded, so it is not shown'),
          },
        },
      },
      '/api/conferences/{id}/audit/export': {
        get: {
          operationId: 'auditExport',
          summary: 'Every audit event of this conference as a file: CSV or JSON',
          parameters: [
            idParam,
            {
              name: 'format',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['csv', 'json'] },
            },
          ],
          responses: {
            200: {
              description: 'The audit trail (attachment)',
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/json': {
                  schema: z.toJSONSchema(AuditPage.pick({ events: true }), { target: 'openapi-3.0' }),
                },
              },
            },
            400: error('The query has problems'),
            404: error('Not a conference id'),
            503: error('The export could not be recorded, so it is not given'),
          },
        },
      },
      '/api/case-system/messages': {
        get: {
          operationId: 'caseSystemExport',
          summary:
            'Messages to the case-management system (plan started, changed, ended) from a date, as CSV (one line per child) or JSON',
          parameters: queryParams(CaseSystemExportQuery.shape),
          responses: {
            200: {
              description: 'The messages (attachment)',
              content: {
                'text/csv': { schema: { type: 'string' } },
                'application/json': {
                  schema: z.toJSONSchema(
                    z.object({
                      messages: z.array(CaseSystemMessage.extend({ acknowledgedAt: z.string().nullable() })),
                    }),
                    { target: 'openapi-3.0' },
                  ),
                },
              },
            },
            400: error('The query has problems'),
            503: error('The export could not be recorded, so it is not given'),
          },
        },
      },
      ...reportApiPaths(json, error),
      ...recordApiPaths(json, error),
      ...reportLinkApiPaths(json, error),
      ...afterConferenceApiPaths(json, error),
      ...oversightApiPaths(json, error),
      // Core groups after the conference.
      ...coreGroupApiPaths(json, error),
      '/api/messages': {
        post: {
          operationId: 'botMessages',
          summary: 'Bot Framework activities from the Bot Connector (or the Agents Playground on loopback)',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            200: { description: 'Processed; an invoke gets its invoke response' },
            201: { description: 'Processed' },
            202: { description: 'Accepted' },
            400: error('Not a Bot Framework activity'),
            401: { description: 'The caller is not the Bot Connector' },
            413: error('The body is too large'),
          },
        },
      },
      '/openapi.json': {
        get: { operationId: 'openApi', responses: { 200: { description: 'This document' } } },
      },
    },
  };
}
