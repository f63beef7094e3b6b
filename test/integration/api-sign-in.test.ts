import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';

// A deployed service (bot app id set) must not hand case data to anyone who asks.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    MICROSOFT_APP_ID: '00000000-0000-4000-8000-0000000000a1',
    MICROSOFT_APP_PASSWORD: 'fictional-secret',
    MICROSOFT_APP_TYPE: 'MultiTenant',
    REPORT_LINK_SECRET: 'a-fictional-report-link-secret-of-48-characters!',
  });
}, 90_000);
afterAll(() => app.close());

test.each([
  ['GET', '/api/conferences'],
  ['POST', '/api/conferences'],
  ['GET', '/api/conferences/00000000-0000-4000-8000-000000000001'],
  ['GET', '/api/conferences/00000000-0000-4000-8000-000000000001/readiness'],
  ['POST', '/api/conferences/00000000-0000-4000-8000-000000000001/invitations'],
])('%s %s is refused with 401 outside local development', async (method, path) => {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'POST' ? '{}' : undefined,
  });
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_REQUIRED');
});

test('health and readiness still answer', async () => {
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
});
