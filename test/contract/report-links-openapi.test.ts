/** Real answers of the report links API checked against the OpenAPI document. */
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

test('the document with the report link paths is valid OpenAPI 3', async () => {
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
});

test('make, list and revoke answer as documented', async () => {
  const created = await conforms('POST', '/api/conferences', demoRequest('2026-11-23', '2026-12-10T10:00'));
  const base = `/api/conferences/${created.body.id as string}/report-links`;
  const inviteeId = (created.body.invitees as { id: string; aadObjectId?: string }[])[1]!.id;
  expect((await conforms('POST', base, { inviteeId: 'not-an-id' })).status).toBe(400);
  expect((await conforms('POST', `${base}/00000000-0000-4000-8000-000000000000/revoke`, {})).status).toBe(
    400,
  );
  expect((await conforms('POST', base, { inviteeId: '00000000-0000-4000-8000-000000000000' })).status).toBe(
    400,
  );
  const link = await conforms('POST', base, { inviteeId });
  expect(link.status).toBe(201);
  expect((await conforms('GET', base)).body.links).toHaveLength(1);
  const page = `/r/${(link.body.url as string).split('/r/')[1]!}`;
  expect((await fetch(`${app.url}${page}`)).status).toBe(200);
  expect(
    (await conforms('POST', `${base}/00000000-0000-4000-8000-000000000000/revoke`, { revokedBy: 'Casey' }))
      .status,
  ).toBe(404);
  expect(
    (await conforms('POST', `${base}/${link.body.id as string}/revoke`, { revokedBy: 'Casey' })).status,
  ).toBe(200);
  expect((await fetch(`${app.url}${page}`)).status).toBe(410);
  // The form's pages are for people, not part of the API.
  expect(Object.keys(doc.paths).filter((p) => p.startsWith('/r/'))).toEqual([]);
});
