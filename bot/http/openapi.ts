import { z } from 'zod';
import { ConferenceRequestInput } from '../domain/conference.js';
import { ListQuery } from './conference-routes.js';
import { ConferenceList, ConferenceView, ErrorBodyView, Health } from './views.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': {
    schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }),
  },
});
const error = (description: string) => ({ description, content: json(ErrorBodyView) });

/** The OpenAPI 3.0 description of the HTTP API, generated from the same zod schemas the routes use. */
export function openApiDocument(serverUrl: string): Record<string, unknown> {
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
