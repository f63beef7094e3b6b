import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { DEMO } from '../helpers/tab-api.js';
import { APP_ID, OTHER_TENANT, TENANT, startFakeEntra } from '../fakes/entra.js';
import type { FakeEntra } from '../fakes/entra.js';

// A deployed service: Teams SSO tokens are the only sign-in; the developer sign-in does not exist.
let app: TestApp;
let entra: FakeEntra;
let conferenceId: string;
beforeAll(async () => {
  entra = await startFakeEntra(`api://roundtable.example.org/${APP_ID}`);
  app = await startTestApp({
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'fictional-secret',
    MICROSOFT_APP_TYPE: 'MultiTenant',
    PUBLIC_URL: 'https://roundtable.example.org',
    ALLOWED_TENANT_IDS: TENANT,
    TAB_SSO_JWKS_URL: entra.jwksUrl,
    REPORT_LINK_SECRET: 'a-fictional-report-link-secret-of-48-characters!',
  });
  await seedDemo(app.services);
  const [summary] = await app.services.conferences.conferences.listConferences({ limit: 1, offset: 0 });
  conferenceId = summary!.id;
}, 90_000);
afterAll(async () => {
  await app.close();
  await entra.close();
});

const me = (token: string) => fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

test('a valid Teams SSO token signs the person in', async () => {
  const res = await me(await entra.token({ oid: DEMO.chair }));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    aadObjectId: DEMO.chair,
    name: 'Casey Chair (fictional)',
    devMode: false,
  });
  const bare = await entra.token({ oid: DEMO.chair, aud: APP_ID });
  expect((await me(bare)).status).toBe(200);
});

test.each([
  ['expired', () => entra.token({ oid: DEMO.chair }, { expiresIn: -600 })],
  ['for another audience', () => entra.token({ oid: DEMO.chair, aud: 'api://elsewhere.example.org/other' })],
  ['from a tenant not allowed', () => entra.token({ oid: DEMO.chair, tid: OTHER_TENANT })],
  [
    'with an issuer of another tenant',
    () => entra.token({ oid: DEMO.chair, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
  ],
  ['signed with a key Entra never published', () => entra.token({ oid: DEMO.chair }, { key: 'other' })],
  [
    'tampered after signing',
    async () => {
      const [h, p, s] = (await entra.token({ oid: DEMO.teacher })).split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, oid: DEMO.chair })).toString('base64url');
      return `${h}.${forged}.${s}`;
    },
  ],
  ['not a token at all', async () => 'not-a-token'],
])('a token %s gets 401 and nothing', async (_what, make) => {
  const res = await me(await make());
  expect(res.status).toBe(401);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SIGN_IN_REQUIRED');
});

test('the signed-in person gets their own part of a conference, and 403 for one they are not in', async () => {
  const chair = await entra.token({ oid: DEMO.chair });
  const view = await fetch(`${app.url}/api/conferences/${conferenceId}/record`, {
    headers: { authorization: `Bearer ${chair}` },
  });
  expect(view.status).toBe(200);
  expect(((await view.json()) as { checklist: unknown[] }).checklist).toHaveLength(9);
  const stranger = await entra.token({ oid: '00000000-0000-4000-8000-00000000beef' });
  const refused = await fetch(`${app.url}/api/conferences/${conferenceId}/record?view=stage`, {
    headers: { authorization: `Bearer ${stranger}` },
  });
  expect(refused.status).toBe(403);
});

test('the older API routes answer a signed-in person, and record them as the actor', async () => {
  const token = await entra.token({ oid: DEMO.socialWorker });
  const res = await fetch(`${app.url}/api/conferences`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const { rows } = await app.store.executeSql(
    `select actor from audit_events where detail->>'route' = '/api/conferences' order by id desc limit 1`,
  );
  expect(rows).toEqual([{ actor: DEMO.socialWorker }]);
});

test('the developer sign-in does not exist here, and a developer cookie is ignored', async () => {
  expect((await fetch(`${app.url}/dev/sign-in`)).status).toBe(404);
  const post = await fetch(`${app.url}/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `aadObjectId=${DEMO.chair}`,
  });
  expect(post.status).toBe(404);
  expect(post.headers.get('set-cookie')).toBeNull();
  expect((await fetch(`${app.url}/api/me`, { headers: { cookie: 'rt_dev=abc.def' } })).status).toBe(401);
});
