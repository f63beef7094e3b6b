import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import { demoRequest } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import { addFormats } from '../helpers/contracts.js';
import type { TestApp } from '../helpers/app.js';

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
};

let app: TestApp;
let doc: Doc;
beforeAll(async () => {
  app = await startTestApp();
  doc = (await (await fetch(`${app.url}/openapi.json`)).json()) as Doc;
}, 90_000); // PGlite's first start in a worker is slow on a busy machine (as in the other suites)
afterAll(() => app.close());

test('the OpenAPI document is valid OpenAPI 3', async () => {
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
});

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

/** Checks one real response against the document: the path, the method, the status and the body schema. */
async function conforms(
  method: string,
  docPath: string,
  url: string,
  init: RequestInit = {},
): Promise<number> {
  const res = await fetch(`${app.url}${url}`, {
    method,
    ...init,
    headers: { 'content-type': 'application/json' },
  });
  const op = doc.paths[docPath]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${docPath} is not in the OpenAPI document`);
  const response = op.responses[String(res.status)];
  if (!response)
    throw new Error(`${method} ${docPath} answered ${res.status}, which the document does not list`);
  const schema = response.content?.['application/json']?.schema;
  if (schema) {
    const body: unknown = await res.json();
    const validate = ajv.compile(schema);
    if (!validate(body))
      throw new Error(`${method} ${docPath} ${res.status}: ${ajv.errorsText(validate.errors)}`);
  }
  return res.status;
}

test.each([
  ['GET', '/healthz', '/healthz', undefined, 200],
  ['GET', '/readyz', '/readyz', undefined, 200],
  ['POST', '/api/conferences', '/api/conferences', demoRequest('2026-11-23', '2026-12-10T10:00'), 201],
  ['POST', '/api/conferences', '/api/conferences', { strategyDiscussionDate: 'soon' }, 400],
  ['POST', '/api/conferences', '/api/conferences', demoRequest('2031-02-03'), 422],
  ['GET', '/api/conferences', '/api/conferences', undefined, 200],
  ['GET', '/api/conferences', '/api/conferences?offset=-1', undefined, 400],
  ['GET', '/api/conferences/{id}', '/api/conferences/00000000-0000-4000-8000-000000000000', undefined, 404],
  ['POST', '/api/messages', '/api/messages', { not: 'an activity' }, 400],
])('%s %s (%s) answers as documented', async (method, docPath, url, body, status) => {
  expect(await conforms(method, docPath, url, body ? { body: JSON.stringify(body) } : {})).toBe(status);
});

test('scheduling, inviting, readiness, answers and status changes answer as documented', async () => {
  const post = (url: string, body?: unknown) =>
    conforms(
      'POST',
      url.replace(/[0-9a-f-]{36}/g, '{id}').replace(/\/answers$/, '/answers'),
      url,
      body ? { body: JSON.stringify(body) } : {},
    );
  const created = (await (
    await fetch(`${app.url}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('2026-11-23')),
    })
  ).json()) as { id: string };
  const id = created.id;
  expect(await post(`/api/conferences/${id}/invitations`)).toBe(409);
  expect(await post(`/api/conferences/${id}/schedule`, { scheduledStart: 'next week' })).toBe(400);
  expect(await post(`/api/conferences/${id}/schedule`, { scheduledStart: '2026-12-10T10:00' })).toBe(200);
  expect(await post(`/api/conferences/${id}/invitations`)).toBe(202);
  expect(await conforms('GET', '/api/conferences/{id}/readiness', `/api/conferences/${id}/readiness`)).toBe(
    200,
  );
  const readiness = (await (await fetch(`${app.url}/api/conferences/${id}/readiness`)).json()) as {
    invitations: { id: string }[];
  };
  const invitationId = readiness.invitations[0]!.id;
  const answerPath = '/api/conferences/{id}/invitations/{invitationId}/answers';
  const answer = (body: unknown) =>
    conforms('POST', answerPath, `/api/conferences/${id}/invitations/${invitationId}/answers`, {
      body: JSON.stringify(body),
    });
  expect(
    await answer({
      answer: 'attending-virtually',
      recordedBy: { kind: 'chair', name: 'Casey Chair (fictional)' },
    }),
  ).toBe(200);
  expect(await answer({ answer: 'maybe' })).toBe(400);
  expect(await post(`/api/conferences/${id}/status`, { to: 'cancelled' })).toBe(400);
  expect(await post(`/api/conferences/${id}/status`, { to: 'cancelled', reason: 'Family moved away' })).toBe(
    200,
  );
  expect(
    await answer({
      answer: 'attending-virtually',
      recordedBy: { kind: 'chair', name: 'Casey Chair (fictional)' },
    }),
  ).toBe(409);
  expect(await post(`/api/conferences/${id}/status`, { to: 'scheduled' })).toBe(409);
});

test('a created conference read back by id matches the document', async () => {
  const created = (await (
    await fetch(`${app.url}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('2026-11-23')),
    })
  ).json()) as { id: string };
  expect(await conforms('GET', '/api/conferences/{id}', `/api/conferences/${created.id}`)).toBe(200);
});
