import { sql } from 'kysely';
import { AuditPage } from '../../bot/http/audit-routes.js';
import { cardAction } from '../fakes/activities.js';
import {
  CHAIR,
  FAMILY_NAMES,
  HEALTH_VISITOR,
  SOCIAL_WORKER,
  STRANGER,
  TEACHER,
  invitationFlow,
} from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

type Event = {
  id: string;
  actor: string;
  actorRole: string;
  surface: string;
  action: string;
  entity: string;
  entityId: string | null;
  conferenceId: string | null;
  correlationId: string;
  detail: Record<string, unknown>;
};
const pick = ({ actor, actorRole, surface, action, entity, entityId, conferenceId, detail }: Event) => ({
  actor,
  actorRole,
  surface,
  action,
  entity,
  entityId,
  conferenceId,
  detail,
});

describe('the audit trail through the real app', () => {
  let flow: Flow;
  let id: string;
  let invitationId: string;
  let invitationData: Record<string, unknown>;
  const trail = async (query = '') =>
    ((await (await flow.api(`/api/conferences/${id}/audit${query}`)).json()) as { events: Event[] }).events;
  const press = async (who: typeof CHAIR, verb: string, data: unknown) => {
    const res = await flow.post(cardAction(flow.connector.serviceUrl, who, verb, data));
    expect(res.status).toBe(200);
    return JSON.stringify(await res.json());
  };

  beforeAll(async () => {
    // Creates, schedules and sends invitations through the API.
    flow = await invitationFlow();
    id = flow.conferenceId;
    expect((await flow.api(`/api/conferences/${id}`)).status).toBe(200);
    const data = flow.buttonData(flow.cardsFor(HEALTH_VISITOR)[0]!, 'rsvp.attendInPerson');
    invitationId = data.invitationId as string;
    invitationData = data;
    await press(HEALTH_VISITOR, 'rsvp.attendInPerson', data);
    // Someone not invited tries to look at the health visitor's invitation.
    await press(STRANGER, 'rsvp.refresh', data);
  }, 90_000);
  afterAll(() => flow.close());

  test('each step left one event with its surface, action, actor and conference, in order', async () => {
    const api = { actor: 'local-developer', actorRole: 'developer', surface: 'api', conferenceId: id };
    const card = { actorRole: 'teams-user', surface: 'card', conferenceId: id };
    expect((await trail()).map(pick)).toEqual([
      {
        ...api,
        action: 'create',
        entity: 'conference',
        entityId: id,
        detail: { route: '/api/conferences', outcome: 'ok', status: 201 },
      },
      {
        ...api,
        action: 'update',
        entity: 'conference',
        entityId: id,
        detail: expect.objectContaining({ route: '/api/conferences/:id/schedule', outcome: 'ok' }),
      },
      {
        ...api,
        action: 'send',
        entity: 'conference',
        entityId: id,
        detail: expect.objectContaining({ route: '/api/conferences/:id/invitations', status: 202 }),
      },
      {
        ...api,
        action: 'read',
        entity: 'conference',
        entityId: id,
        detail: expect.objectContaining({ route: '/api/conferences/:id', status: 200 }),
      },
      {
        ...card,
        actor: HEALTH_VISITOR.aadObjectId,
        action: 'update',
        entity: 'invitation',
        entityId: invitationId,
        detail: { verb: 'rsvp.attendInPerson', outcome: 'ok' },
      },
      {
        ...card,
        actor: STRANGER.aadObjectId,
        action: 'read',
        entity: 'invitation',
        entityId: invitationId,
        detail: { verb: 'rsvp.refresh', outcome: 'RSVP_NOT_INVITED' },
      },
    ]);
  });

  test('a card that sends invitations and a readiness refresh are recorded as send and read', async () => {
    await press(CHAIR, 'readiness.refresh', { conferenceId: id });
    await press(CHAIR, 'invitations.send', { conferenceId: id });
    const [read, send] = (await trail()).filter((e) => e.surface === 'card' && e.actor === CHAIR.aadObjectId);
    expect(read).toMatchObject({
      action: 'read',
      entity: 'conference',
      entityId: id,
      detail: { outcome: 'ok' },
    });
    expect(send).toMatchObject({
      action: 'send',
      entity: 'conference',
      detail: { verb: 'invitations.send' },
    });
  });

  test('reading the trail is itself recorded, and the page parameters work', async () => {
    const all = await trail('?limit=500');
    const again = await trail('?limit=500');
    expect(again.slice(0, all.length)).toEqual(all);
    expect(again.at(-1)).toMatchObject({
      surface: 'api',
      action: 'read',
      entity: 'audit-trail',
      conferenceId: id,
      detail: { route: '/api/conferences/:id/audit', outcome: 'ok' },
    });
    const page = await trail(`?limit=2&offset=1`);
    // The answer has the documented shape (bot/http/openapi.ts uses the same schema).
    AuditPage.parse(await (await flow.api(`/api/conferences/${id}/audit`)).json());
    expect(page).toEqual(all.slice(1, 3));
    expect((await flow.api(`/api/conferences/${id}/audit?limit=0`)).status).toBe(400);
    expect((await flow.api(`/api/conferences/not-an-id/audit`)).status).toBe(404);
  });

  test('the export gives every event as CSV or JSON and is recorded as an export', async () => {
    const res = await flow.api(`/api/conferences/${id}/audit/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="audit-${id}.csv"`);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor,actorRole,surface,action,entity,entityId,conferenceId,correlationId,detail',
    );
    const json = (await (await flow.api(`/api/conferences/${id}/audit/export?format=json`)).json()) as {
      events: Event[];
    };
    // The JSON export came after the CSV one, which it therefore lists as its last event.
    expect(json.events.length).toBe(lines.length);
    expect(json.events.at(-1)).toMatchObject({
      action: 'export',
      entity: 'audit-trail',
      actor: 'local-developer',
    });
    expect(
      lines.some((l) => l.includes(`,${HEALTH_VISITOR.aadObjectId},teams-user,card,update,invitation,`)),
    ).toBe(true);
    expect(lines.find((l) => l.includes(',create,'))).toContain('"{""route"":""/api/conferences""');
    expect((await flow.api(`/api/conferences/${id}/audit/export?format=xml`)).status).toBe(400);
  });

  test('no row holds a name, an email address or free text', async () => {
    const { rows } = await flow.app.store.executeSql('select * from audit_events');
    const everything = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(8);
    for (const name of [...FAMILY_NAMES, CHAIR, SOCIAL_WORKER, HEALTH_VISITOR, TEACHER, STRANGER].map((p) =>
      typeof p === 'string' ? p : p.name.split(' ')[0]!,
    ))
      expect(everything).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(everything).not.toContain('@');
  });

  test('when the trail cannot be written, a read is refused and a change still goes through, logged', async () => {
    const db = flow.app.store.db;
    await sql`create function audit_down() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable (test)'; end $$`.execute(db);
    await sql`create trigger audit_down before insert on audit_events for each row execute function audit_down()`.execute(
      db,
    );
    try {
      const read = await flow.api(`/api/conferences/${id}`);
      expect(read.status).toBe(503);
      const body = JSON.stringify(await read.json());
      expect(body).toContain('AUDIT_UNAVAILABLE');
      expect(body).not.toContain('Pip');
      // A card read shows the "try again" card, not the invitation.
      const card = await press(HEALTH_VISITOR, 'rsvp.refresh', invitationData);
      expect(card).toContain('INTERNAL');
      expect(card).not.toContain('Attending in person');
      // A change has happened by the time the record fails: it is answered as done, and logged.
      const answered = await press(HEALTH_VISITOR, 'rsvp.reportOnly', invitationData);
      expect(answered).toContain('Cannot attend: sending my report');
      expect(flow.app.logs()).toMatch(/"action":"update".*"msg":"audit write failed"/);
    } finally {
      await sql`drop trigger audit_down on audit_events`.execute(db);
      await sql`drop function audit_down()`.execute(db);
    }
    expect((await flow.api(`/api/conferences/${id}`)).status).toBe(200);
  });
});
