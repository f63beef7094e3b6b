/**
 * Within one conference a professional writes, reads and shares only their own agency's report and
 * answers only their own invitation; those who run the conference enter them for others.
 */
import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DEMO, devSignIn, type TabCaller } from '../helpers/tab-api.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let app: TestApp;
let conferenceId: string;
let teacher: TabCaller;
let chair: TabCaller;
let invitees: Json[];
let invitations: Json[];

const send = async (who: TabCaller, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { cookie: who.cookie, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const inviteeOf = (role: string) => invitees.find((i) => i.role === role)!.id as string;

beforeAll(async () => {
  app = await startTestApp({}, { now: new Date('2026-11-23T09:30:00Z') });
  await seedDemo(app.services);
  const list = (await (await fetch(`${app.url}/api/conferences`)).json()) as Json;
  conferenceId = list.items[0].id;
  await fetch(`${app.url}/api/conferences/${conferenceId}/invitations`, { method: 'POST' });
  await app.services.outbox.idle();
  invitees = ((await (await fetch(`${app.url}/api/conferences/${conferenceId}`)).json()) as Json).invitees;
  invitations = ((await (await fetch(`${app.url}/api/conferences/${conferenceId}/readiness`)).json()) as Json)
    .invitations;
  teacher = await devSignIn(app.url, DEMO.teacher);
  chair = await devSignIn(app.url, DEMO.chair);
}, 90_000);
afterAll(() => app.close());

test('a professional cannot start, read, draft, submit or share another agency’s report', async () => {
  const base = `/api/conferences/${conferenceId}/reports`;
  const health = inviteeOf('Health visitor');
  expect((await send(teacher, 'POST', base, { kind: 'agency', inviteeId: health })).status).toBe(403);
  expect((await send(teacher, 'POST', base, { kind: 'social-work' })).status).toBe(403);
  // The chair enters the health visitor's report, which came by email.
  const theirs = await send(chair, 'POST', base, { kind: 'agency', inviteeId: health });
  expect(theirs.status).toBe(201);
  const other = `${base}/${theirs.body.id}`;
  const refused = [
    await send(teacher, 'GET', other),
    await send(teacher, 'PUT', `${other}/draft`, { content: {}, savedBy: 'Theo Teacher (fictional)' }),
    await send(teacher, 'POST', `${other}/submit`, { submittedBy: 'Theo Teacher (fictional)' }),
    await send(teacher, 'POST', `${other}/shares`, {
      at: '2026-11-23T09:00:00Z',
      how: 'in-person',
      by: 'Theo Teacher (fictional)',
      familyResponse: '',
    }),
  ];
  for (const r of refused) {
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('your own report');
  }
  // Their own report works as before.
  const mine = await send(teacher, 'POST', base, {
    kind: 'agency',
    inviteeId: inviteeOf('Designated safeguarding lead'),
  });
  expect(mine.status).toBe(201);
  const draft = await send(teacher, 'PUT', `${base}/${mine.body.id}/draft`, {
    content: {},
    savedBy: 'Theo Teacher (fictional)',
  });
  expect(draft.status).toBe(200);
  expect((await send(teacher, 'GET', `${base}/${mine.body.id}`)).status).toBe(200);
});

test('a professional answers only their own invitation', async () => {
  const answer = (idempotencyKey: string) => ({
    answer: 'attending-virtually',
    recordedBy: { kind: 'business-support', name: 'Theo Teacher (fictional)' },
    idempotencyKey,
  });
  const path = (name: string) =>
    `/api/conferences/${conferenceId}/invitations/${invitations.find((i) => i.name === name)!.id}/answers`;
  const other = await send(teacher, 'POST', path('Hana Healthvisitor (fictional)'), answer('ownership-0001'));
  expect(other.status).toBe(403);
  const own = await send(teacher, 'POST', path('Theo Teacher (fictional)'), answer('ownership-0002'));
  expect(own.status).toBe(200);
});

test('the audit trail records each attempt with the person’s part in the conference', async () => {
  const rows = await app.store.db
    .selectFrom('audit_events')
    .select(['actor', 'actor_role', 'detail'])
    .where('conference_id', '=', conferenceId)
    .where('actor', 'in', [DEMO.teacher, DEMO.chair])
    .execute();
  const roles = (actor: string) => new Set(rows.filter((r) => r.actor === actor).map((r) => r.actor_role));
  expect(roles(DEMO.teacher)).toEqual(new Set(['professional']));
  expect(roles(DEMO.chair)).toEqual(new Set(['chair']));
  // The refusals are on the record too.
  expect(
    rows.some((r) => r.actor === DEMO.teacher && JSON.stringify(r.detail).includes('NOT_ALLOWED_FOR_ROLE')),
  ).toBe(true);
});
