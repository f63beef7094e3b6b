/**
 * The role matrix: every role tries every route of the OpenAPI document and every card verb of
 * cards/verbs.ts, on its own conference and on another one, and each cell must be allowed or denied
 * as written out below (by hand, not read from bot/domain/access.ts).
 *
 * allowed: 2xx, or a 4xx other than 401/403 (a validation or state refusal: the person got through).
 * denied: 403 for the API; for a card, the invoke answers with a refusal card.
 * no sign-in: 401 (the external link holder presenting their link as a token: their door is /r/:token).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VERBS } from '../../cards/verbs.js';
import { cardAction, message, user } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import { startFakeConnector } from '../fakes/connector.js';
import type { FakeConnector } from '../fakes/connector.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { devSignIn } from '../helpers/tab-api.js';

const ROLES = [
  'chair',
  'lead social worker',
  'minute-taker',
  'professional',
  'manager',
  'link holder',
] as const;
type Role = (typeof ROLES)[number];
/** Roles with a Teams account, who can press card buttons (the link holder has none). */
const TEAMS_ROLES = ROLES.slice(0, 5);

// Cells, one letter per role in ROLES order: A allowed, D denied (403), U no sign-in (401).
// `own`: the role's own conference; `other`: a conference where they have no part (a manager oversees
// every conference, so their two cells agree).
const API: Record<string, { own: string; other: string }> = {
  'POST /api/conferences': { own: 'AAAAAU', other: 'AAAAAU' },
  'GET /api/conferences': { own: 'AAAAAU', other: 'AAAAAU' },
  'GET /api/conferences/{id}': { own: 'AAAAAU', other: 'DDDDAU' },
  'POST /api/conferences/{id}/status': { own: 'AAADDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/schedule': { own: 'AAADDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/invitations': { own: 'AAADDU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/readiness': { own: 'AAADAU', other: 'DDDDAU' },
  'POST /api/conferences/{id}/invitations/{invitationId}/answers': { own: 'AAAADU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/core-group-slots': { own: 'AAADDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/reports': { own: 'AAAADU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/reports': { own: 'AAADAU', other: 'DDDDAU' },
  'GET /api/conferences/{id}/reports/{reportId}': { own: 'AAAAAU', other: 'DDDDAU' },
  'PUT /api/conferences/{id}/reports/{reportId}/draft': { own: 'AAAADU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/reports/{reportId}/submit': { own: 'AAAADU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/reports/{reportId}/read': { own: 'AAADDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/reports/{reportId}/shares': { own: 'AAAADU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/readiness-decision': { own: 'ADDDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/report-links': { own: 'AAADDU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/report-links': { own: 'AAADAU', other: 'DDDDAU' },
  'POST /api/conferences/{id}/report-links/{linkId}/revoke': { own: 'AAADDU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/audit': { own: 'AAADAU', other: 'DDDDAU' },
  'GET /api/conferences/{id}/audit/export': { own: 'AAADAU', other: 'DDDDAU' },
  'GET /api/case-system/messages': { own: 'DDDDAU', other: 'DDDDAU' },
  'GET /api/conferences/{id}/record': { own: 'AAAAAU', other: 'DDDDAU' },
  'POST /api/conferences/{id}/record/commands': { own: 'AAAADU', other: 'DDDDDU' },
  // After the conference: approvals are the chair's, follow-ups the lead social worker's too.
  'GET /api/conferences/{id}/after': { own: 'AAADAU', other: 'DDDDAU' },
  'GET /api/conferences/{id}/letter': { own: 'AAADAU', other: 'DDDDAU' },
  'POST /api/conferences/{id}/letter/approve': { own: 'ADDDDU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/minutes': { own: 'AAADDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/minutes/approve': { own: 'ADDDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/tasks/{taskId}/done': { own: 'AADDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/plan-end': { own: 'AADDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/review': { own: 'AAADDU', other: 'DDDDDU' },
  'GET /api/oversight': { own: 'AAAAAU', other: 'AAAAAU' },
  // Core groups: those who run it and managers read, a professional their own actions; chair and lead change.
  'GET /api/conferences/{id}/core-group': { own: 'AADAAU', other: 'DDDDAU' },
  'POST /api/conferences/{id}/core-group/meetings': { own: 'AADDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/core-group/meetings/{meetingId}/schedule': { own: 'AADDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/core-group/meetings/{meetingId}/cancel': { own: 'AADDDU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/core-group/meetings/{meetingId}/progress': { own: 'AADADU', other: 'DDDDDU' },
  'POST /api/conferences/{id}/core-group/meetings/{meetingId}/held': { own: 'AADDDU', other: 'DDDDDU' },
  'GET /api/conferences/{id}/core-group/report': { own: 'AADAAU', other: 'DDDDAU' },
  'GET /api/me': { own: 'AAAAAU', other: 'AAAAAU' },
  'GET /api/me/overview': { own: 'AAAAAU', other: 'AAAAAU' },
};
/** Routes of the document that are not the tab's API: health, this document, and the Bot Connector's. */
const NOT_TAB_API = ['GET /healthz', 'GET /readyz', 'GET /openapi.json', 'POST /api/messages'];

// Card cells for the five Teams roles. The answers belong to the invitee (the professional's own
// invitation is pressed); readiness and sending are for those who run the conference.
const ORGANISERS = { own: 'AAADD', other: 'DDDDD' };
const INVITEE = { own: 'DDDAD', other: 'DDDDD' };
const ANYONE = { own: 'AAAAA', other: 'AAAAA' };
const CHAIR_ONLY = { own: 'ADDDD', other: 'DDDDD' };
const CARDS: Record<string, { own: string; other: string }> = {
  'welcome.show': ANYONE,
  'conferences.mine': ANYONE,
  'reports.mine': ANYONE,
  'rsvp.attendInPerson': INVITEE,
  'rsvp.attendVirtually': INVITEE,
  'rsvp.sendDeputy': INVITEE,
  'rsvp.reportOnly': INVITEE,
  'rsvp.change': INVITEE,
  'rsvp.refresh': INVITEE,
  'readiness.refresh': ORGANISERS,
  'rsvp.recordFor': ORGANISERS,
  'invitations.send': ORGANISERS,
  // Going ahead or postponing is the chair's call.
  'readiness.goAhead': CHAIR_ONLY,
  'readiness.postpone': CHAIR_ONLY,
  // Core group members answer the offered times; owners, the chair and the lead social worker update.
  'coreGroup.slots.answer': { own: 'DADAD', other: 'DDDDD' },
  'coreGroup.slots.none': { own: 'DADAD', other: 'DDDDD' },
  'coreGroup.slots.refresh': { own: 'DADAD', other: 'DDDDD' },
  'coreGroup.progress.send': { own: 'AADAD', other: 'DDDDD' },
  'coreGroup.progress.refresh': { own: 'AADAD', other: 'DDDDD' },
};
const CARD_REFUSALS = ['RSVP_NOT_INVITED', 'NOT_YOUR_CONFERENCE', 'NOT_ALLOWED_FOR_ROLE'];

/** A meeting id no conference has: those let through get a state refusal (no plan yet), never a 403. */
const NO_MEETING = '00000000-0000-4000-8000-00000000c0de';

const MANAGER = user(300, 'Morgan Manager (fictional)');

interface Side {
  id: string;
  people: Record<'chair' | 'lead social worker' | 'minute-taker' | 'professional', TeamsUser>;
  professionalInvitationId: string;
  professionalInviteeId: string;
  linkInviteeId: string;
  reportId: string;
  linkId: string;
  linkToken: string;
}

let app: TestApp;
let connector: FakeConnector;
const sides: Record<'a' | 'b', Side> = {} as never;
const cookies = new Map<string, string>();
let documented: string[];

const anonymous = (pathname: string, init: RequestInit = {}) =>
  fetch(`${app.url}${pathname}`, { ...init, headers: { 'content-type': 'application/json' } });
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

function request(n: number, p: Side['people']) {
  const staff = (u: TeamsUser, email: string) => ({ name: u.name, email, aadObjectId: u.aadObjectId });
  return {
    kind: 'initial',
    strategyDiscussionDate: '2026-11-23',
    format: 'virtual',
    chair: staff(p.chair, `chair${n}@example.org`),
    leadSocialWorker: staff(p['lead social worker'], `sw${n}@example.org`),
    minuteTaker: staff(p['minute-taker'], `minutes${n}@example.org`),
    children: [{ firstName: 'Kit', lastName: `Sample${n}`, dateOfBirth: '2016-03-01' }],
    familyMembers: [],
    invitees: [
      {
        name: p.professional.name,
        email: `prof${n}@example.org`,
        role: 'Health visitor',
        agency: 'Example Community Health',
        agencyKind: 'health',
        aadObjectId: p.professional.aadObjectId,
      },
      {
        name: `Lee Linkholder ${n} (fictional)`,
        email: `link${n}@example.org`,
        role: 'Police officer',
        agency: 'Example Police',
        agencyKind: 'police',
      },
    ],
  };
}

async function makeSide(n: number): Promise<Side> {
  const people = {
    chair: user(n * 100 + 1, `Casey Chair ${n} (fictional)`),
    'lead social worker': user(n * 100 + 2, `Sam Socialworker ${n} (fictional)`),
    'minute-taker': user(n * 100 + 3, `Mo Minutes ${n} (fictional)`),
    professional: user(n * 100 + 4, `Hana Healthvisitor ${n} (fictional)`),
  };
  for (const u of Object.values(people)) await post(message(connector.serviceUrl, u, 'help'));
  const { id } = await json<{ id: string }>(
    anonymous('/api/conferences', { method: 'POST', body: JSON.stringify(request(n, people)) }),
  );
  await anonymous(`/api/conferences/${id}/schedule`, {
    method: 'POST',
    body: JSON.stringify({
      scheduledStart: '2026-12-10T10:00',
      joinUrl: 'https://teams.example.org/l/meetup-join/fictional',
    }),
  });
  expect((await anonymous(`/api/conferences/${id}/invitations`, { method: 'POST' })).status).toBe(202);
  await app.services.outbox.idle();
  const conference = await json<{ invitees: { id: string; role: string }[] }>(
    anonymous(`/api/conferences/${id}`),
  );
  const readiness = await json<{ invitations: { id: string; name: string }[] }>(
    anonymous(`/api/conferences/${id}/readiness`),
  );
  const professionalInviteeId = conference.invitees.find((i) => i.role === 'Health visitor')!.id;
  const linkInviteeId = conference.invitees.find((i) => i.role === 'Police officer')!.id;
  const report = await json<{ id: string }>(
    anonymous(`/api/conferences/${id}/reports`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'agency', inviteeId: professionalInviteeId }),
    }),
  );
  const link = await json<{ id: string; url: string }>(
    anonymous(`/api/conferences/${id}/report-links`, {
      method: 'POST',
      body: JSON.stringify({ inviteeId: linkInviteeId }),
    }),
  );
  return {
    id,
    people,
    professionalInvitationId: readiness.invitations.find((i) => i.name === people.professional.name)!.id,
    professionalInviteeId,
    linkInviteeId,
    reportId: report.id,
    linkId: link.id,
    linkToken: link.url.split('/r/')[1]!,
  };
}

const post = (body: unknown) =>
  fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'roundtable-outbox-'));
  [app, connector] = await Promise.all([
    startTestApp(
      { MANAGER_IDS: MANAGER.aadObjectId, OUTBOX_DIR: outboxDir },
      { now: new Date('2026-11-24T09:00:00Z') },
    ),
    startFakeConnector(),
  ]);
  sides.a = await makeSide(1);
  sides.b = await makeSide(2);
  for (const u of [...Object.values(sides.a.people), MANAGER])
    cookies.set(u.aadObjectId, (await devSignIn(app.url, u.aadObjectId)).cookie);
  const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(
    fetch(`${app.url}/openapi.json`),
  );
  documented = Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${p}`),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all([app.close(), connector.close()]);
});

/** The person of a role in conference A (the manager oversees both). */
const personOf = (role: Role): TeamsUser | undefined =>
  role === 'manager' ? MANAGER : role === 'link holder' ? undefined : sides.a.people[role];

/** A valid example request for each operation, on a side's conference. */
function example(op: string, side: Side): { path: string; body?: unknown } {
  const [, template] = op.split(' ') as [string, string];
  const pathname = template
    .replace('{id}', side.id)
    .replace('{invitationId}', side.professionalInvitationId)
    .replace('{reportId}', side.reportId)
    .replace('{linkId}', side.linkId)
    // No task exists before a decision: those allowed get 404 for this one.
    .replace('{taskId}', '00000000-0000-4000-8000-000000000000')
    .replace('{meetingId}', NO_MEETING);
  const bodies: Record<string, unknown> = {
    'POST /api/conferences': request(9, sides.a.people),
    // An illegal transition: allowed people get 409 and the conference stays as it is.
    'POST /api/conferences/{id}/status': { to: 'requested', reason: 'Check (fictional)', expectedVersion: 1 },
    'POST /api/conferences/{id}/schedule': {
      scheduledStart: '2026-12-10T10:00',
      joinUrl: 'https://teams.example.org/l/meetup-join/fictional',
    },
    'POST /api/conferences/{id}/invitations': {},
    'POST /api/conferences/{id}/invitations/{invitationId}/answers': {
      answer: 'attending-virtually',
      recordedBy: { kind: 'business-support', name: 'Bea Support (fictional)' },
      answeredAt: '2026-11-24T08:00:00Z',
      idempotencyKey: 'matrix-fixed-key-0001',
    },
    'POST /api/conferences/{id}/reports': { kind: 'agency', inviteeId: side.professionalInviteeId },
    'PUT /api/conferences/{id}/reports/{reportId}/draft': { content: {}, savedBy: 'Hana (fictional)' },
    'POST /api/conferences/{id}/reports/{reportId}/submit': { submittedBy: 'Hana (fictional)' },
    'POST /api/conferences/{id}/reports/{reportId}/read': { version: 1, reader: 'Casey (fictional)' },
    'POST /api/conferences/{id}/reports/{reportId}/shares': {
      at: '2026-11-23T15:30:00Z',
      how: 'in-person',
      by: 'Hana (fictional)',
      familyResponse: '',
    },
    'POST /api/conferences/{id}/readiness-decision': {
      decision: 'go-ahead',
      reason: 'Check (fictional)',
      by: 'Casey (fictional)',
    },
    'POST /api/conferences/{id}/report-links': { inviteeId: side.linkInviteeId },
    'POST /api/conferences/{id}/report-links/{linkId}/revoke': { revokedBy: 'Casey (fictional)' },
    'POST /api/conferences/{id}/core-group/meetings/{meetingId}/schedule': {
      start: '2026-12-21T10:00:00+00:00',
    },
    'POST /api/conferences/{id}/core-group/meetings/{meetingId}/cancel': { reason: 'Unwell (fictional)' },
    'POST /api/conferences/{id}/core-group/meetings/{meetingId}/progress': {
      updates: [{ actionId: 'a1', status: 'on-track' }],
    },
    'POST /api/conferences/{id}/record/commands': {
      command: { type: 'scaling.give', score: 5, reason: 'Some safety (fictional)' },
    },
  };
  return { path: pathname, ...(op in bodies ? { body: bodies[op] } : {}) };
}

async function callApi(role: Role, op: string, side: Side): Promise<string> {
  const person = personOf(role);
  const { path: pathname, body } = example(op, side);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (person) headers.cookie = cookies.get(person.aadObjectId)!;
  // The link holder has no Entra sign-in: the only credential they hold is their link.
  else headers.authorization = `Bearer ${side.linkToken}`;
  const res = await fetch(`${app.url}${pathname}`, {
    method: op.split(' ')[0],
    headers,
    ...(op.startsWith('GET') ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  await res.arrayBuffer();
  await app.services.outbox.idle();
  if (res.status === 401) return 'U';
  if (res.status === 403) return 'D';
  if (res.status >= 500) return `5xx(${res.status})`;
  return 'A';
}

function cardData(verb: string, side: Side): Record<string, unknown> {
  const invitation = { invitationId: side.professionalInvitationId, conferenceId: side.id, cardVersion: 0 };
  if (verb.startsWith('rsvp.') && verb !== 'rsvp.recordFor')
    return verb === 'rsvp.sendDeputy'
      ? { ...invitation, deputyName: 'Dee Deputy (fictional)', deputyEmail: 'dee.deputy@example.org' }
      : invitation;
  if (verb === 'rsvp.recordFor')
    return { conferenceId: side.id, invitationId: side.professionalInvitationId, answer: 'report-only' };
  if (verb.startsWith('coreGroup.'))
    return { conferenceId: side.id, meetingId: NO_MEETING, actionIds: ['a1'], 'status-0': 'on-track' };
  return { conferenceId: side.id };
}

async function pressCard(role: Role, verb: string, side: Side): Promise<string> {
  const res = await post(cardAction(connector.serviceUrl, personOf(role)!, verb, cardData(verb, side)));
  const text = await res.text();
  await app.services.outbox.idle();
  if (res.status !== 200) return `status ${res.status}`;
  return CARD_REFUSALS.some((code) => text.includes(code)) ? 'D' : 'A';
}

const cellCount =
  Object.keys(API).length * ROLES.length * 2 + Object.keys(CARDS).length * TEAMS_ROLES.length * 2;

test('the matrix covers every route of the OpenAPI document and every card verb', () => {
  expect([...Object.keys(API), ...NOT_TAB_API].sort()).toEqual([...documented].sort());
  expect(Object.keys(CARDS).sort()).toEqual([...VERBS].sort());
});

describe(`role matrix (${cellCount} cells)`, () => {
  test.each(ROLES.map((role, i) => [role, i] as const))(
    '%s: every API route, own conference and another',
    async (role, i) => {
      const seen: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [op, cells] of Object.entries(API)) {
        seen[`${op} (own)`] = await callApi(role, op, sides.a);
        expected[`${op} (own)`] = cells.own[i]!;
        seen[`${op} (other)`] = await callApi(role, op, sides.b);
        expected[`${op} (other)`] = cells.other[i]!;
      }
      expect(seen).toEqual(expected);
    },
    120_000,
  );

  test.each(TEAMS_ROLES.map((role, i) => [role, i] as const))(
    '%s: every card verb, own conference and another',
    async (role, i) => {
      const seen: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [verb, cells] of Object.entries(CARDS)) {
        seen[`${verb} (own)`] = await pressCard(role, verb, sides.a);
        expected[`${verb} (own)`] = cells.own[i]!;
        seen[`${verb} (other)`] = await pressCard(role, verb, sides.b);
        expected[`${verb} (other)`] = cells.other[i]!;
      }
      expect(seen).toEqual(expected);
    },
    120_000,
  );
});

test('the conference list shows a person only the conferences they have a part in; a manager all', async () => {
  const ids = async (who: TeamsUser) =>
    (
      await json<{ items: { id: string }[] }>(
        fetch(`${app.url}/api/conferences`, { headers: { cookie: cookies.get(who.aadObjectId)! } }),
      )
    ).items.map((c) => c.id);
  const professional = await ids(sides.a.people.professional);
  expect(professional).toContain(sides.a.id);
  expect(professional).not.toContain(sides.b.id);
  expect(await ids(MANAGER)).toEqual(expect.arrayContaining([sides.a.id, sides.b.id]));
});

test('a refusal is kind, names no one and is on the audit trail', async () => {
  const res = await fetch(`${app.url}/api/conferences/${sides.b.id}`, {
    headers: { cookie: cookies.get(sides.a.people.chair.aadObjectId)! },
  });
  expect(res.status).toBe(403);
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe('NOT_YOUR_CONFERENCE');
  for (const p of Object.values(sides.b.people)) expect(error.message).not.toContain(p.name.split(' ')[0]);
  const audit = await json<{ events: { actor: string; detail: { outcome?: string } }[] }>(
    fetch(`${app.url}/api/conferences/${sides.b.id}/audit`, {
      headers: { cookie: cookies.get(MANAGER.aadObjectId)! },
    }),
  );
  expect(audit.events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        actor: sides.a.people.chair.aadObjectId,
        detail: expect.objectContaining({ outcome: 'NOT_YOUR_CONFERENCE' }),
      }),
    ]),
  );
});
