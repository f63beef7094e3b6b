/** Real answers of the reports API checked against the OpenAPI document (the approach of openapi.test.ts). */
import SwaggerParser from '@apidevtools/swagger-parser';
import { demoRequest } from '../../bot/demo-data.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { openApiConformance, type OpenApiDoc } from '../helpers/openapi-conformance.js';

let app: TestApp;
let doc: OpenApiDoc;
let conforms: ReturnType<typeof openApiConformance>;
beforeAll(async () => {
  app = await startTestApp({}, { now: new Date('2026-11-24T09:00:00Z') });
  doc = (await (await fetch(`${app.url}/openapi.json`)).json()) as OpenApiDoc;
  conforms = openApiConformance(app.url, doc);
}, 90_000);
afterAll(() => app.close());

test('the document with the reports paths is valid OpenAPI 3', async () => {
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
});

test('every reports route answers as documented, errors included', async () => {
  const created = (await (
    await fetch(`${app.url}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('2026-11-23', '2026-12-10T10:00')),
    })
  ).json()) as { id: string; status: string };
  const base = `/api/conferences/${created.id}`;
  const missing = `${base}/reports/00000000-0000-4000-8000-000000000000`;

  expect((await conforms('POST', `${base}/reports`, { kind: 'agency' })).status).toBe(400);
  const report = await conforms('POST', `${base}/reports`, { kind: 'social-work' });
  expect(report.status).toBe(201);
  const r = `${base}/reports/${report.body.id as string}`;
  expect((await conforms('POST', `${base}/reports`, { kind: 'social-work' })).status).toBe(409);
  expect((await conforms('GET', missing)).status).toBe(404);
  expect(
    (
      await conforms('PUT', `${r}/draft`, {
        content: { worries: { harm: 'The CIN plan and s47.' } },
        savedBy: 'Sam',
      })
    ).status,
  ).toBe(200);
  expect(
    (await conforms('PUT', `${r}/draft`, { content: { safetyScale: { score: 12 } }, savedBy: 'Sam' })).status,
  ).toBe(400);
  expect((await conforms('POST', `${r}/submit`, { submittedBy: 'Sam' })).status).toBe(422);
  expect((await conforms('POST', `${r}/read`, { version: 1, reader: 'Chair' })).status).toBe(409);
  expect(
    (await conforms('POST', `${r}/shares`, { at: '2026-11-24T08:00:00Z', how: 'phone', by: 'Sam' })).status,
  ).toBe(201);
  expect((await conforms('POST', `${r}/shares`, { how: 'pigeon' })).status).toBe(400);
  expect((await conforms('GET', r)).status).toBe(200);
  expect((await conforms('GET', `${base}/reports`)).status).toBe(200);
  // A conference still 'requested' cannot be postponed: the lifecycle refuses it.
  expect(created.status).toBe('requested');
  const decision = {
    decision: 'postpone',
    reason: 'Parents have no reports.',
    newStart: '2026-12-11T10:00',
    by: 'Chair',
  };
  expect((await conforms('POST', `${base}/readiness-decision`, decision)).status).toBe(
    created.status === 'requested' ? 409 : 201,
  );
  expect(
    (await conforms('POST', `${base}/readiness-decision`, { ...decision, decision: 'go-ahead' })).status,
  ).toBe(201);
  expect((await conforms('POST', `${base}/readiness-decision`, { decision: 'maybe' })).status).toBe(400);
});
