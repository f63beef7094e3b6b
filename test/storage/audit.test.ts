import { sql } from 'kysely';
import { auditRepository, type AuditRepository } from '../../bot/store/audit-repository.js';
import type { Store } from '../../bot/store/database.js';
import type { AuditEvent } from '../../bot/domain/ports.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';

const CONFERENCE = '0b7f2a52-4c1e-4f3a-9d59-0c6a3f1e2b10';
const OTHER = '7d1c9e0a-2b8f-4c61-8e3a-5f4b2a1c0d99';

const event = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  actor: '00000000-0000-0000-0000-00000000000a',
  actorRole: 'chair',
  surface: 'api',
  action: 'read',
  entity: 'conference',
  entityId: CONFERENCE,
  conferenceId: CONFERENCE,
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  ...over,
});

const refused = /audit_events is append-only/;

describe.each(engines)('audit trail on %s', (engine) => {
  let store: Store;
  let audit: AuditRepository;
  beforeAll(async () => {
    store = await freshStore(engine);
    audit = auditRepository(store.db);
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('records events and reads a conference back oldest first, paged, with ids as text', async () => {
    await audit.record(event({ detail: { route: '/api/conferences/:id', status: 200 } }));
    await audit.record(event({ action: 'update', surface: 'card', entity: 'invitation', entityId: 'i-1' }));
    await audit.record(event({ conferenceId: OTHER, entityId: OTHER }));
    const all = await audit.export(CONFERENCE);
    expect(all.map((e) => [e.surface, e.action, e.entity])).toEqual([
      ['api', 'read', 'conference'],
      ['card', 'update', 'invitation'],
    ]);
    expect(all[0]).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      at: expect.any(Date),
      actor: '00000000-0000-0000-0000-00000000000a',
      actorRole: 'chair',
      detail: { route: '/api/conferences/:id', status: 200 },
    });
    expect(all[1]!.detail).toEqual({});
    expect(await audit.forConference(CONFERENCE, { limit: 1, offset: 1 })).toEqual([all[1]]);
  });

  test('events come back in the order they were recorded, past ten (ids sort as numbers)', async () => {
    const many = '5e0d7c1a-0000-4000-8000-000000000012';
    for (let i = 0; i < 12; i++) await audit.record(event({ conferenceId: many, detail: { n: i } }));
    expect((await audit.export(many)).map((e) => e.detail.n)).toEqual([...Array(12).keys()]);
  });

  test.each([
    ['UPDATE', sql`update audit_events set actor = 'someone-else'`],
    ['DELETE', sql`delete from audit_events`],
    ['TRUNCATE', sql`truncate audit_events`],
  ])('the database refuses a plain %s', async (_op, statement) => {
    await audit.record(event());
    const before = await count();
    await expect(statement.execute(store.db)).rejects.toThrow(refused);
    expect(await count()).toBe(before);
  });

  test('the query builder is refused too, even for one row', async () => {
    await expect(
      store.db
        .deleteFrom('audit_events')
        .where(sql`id`, '=', 1)
        .execute(),
    ).rejects.toThrow(refused);
    await expect(
      store.db
        .updateTable('audit_events')
        .set({ actor_role: 'x' })
        .where(sql`id`, '=', 1)
        .execute(),
    ).rejects.toThrow(refused);
  });

  test('the retention setting allows neither UPDATE nor TRUNCATE, nor deleting recent events', async () => {
    const inRetention = (statement: ReturnType<typeof sql>) =>
      store.db.transaction().execute(async (trx) => {
        await sql`select set_config('roundtable.audit_retention', '2000-01-01T00:00:00Z', true)`.execute(trx);
        await statement.execute(trx);
      });
    await expect(inRetention(sql`update audit_events set actor = 'x'`)).rejects.toThrow(refused);
    await expect(inRetention(sql`truncate audit_events`)).rejects.toThrow(refused);
    await expect(inRetention(sql`delete from audit_events`)).rejects.toThrow(
      /newer than the retention cutoff/,
    );
  });

  test('a purge removes only events before the cutoff, records itself, and leaves the table locked', async () => {
    const old = '3c5a1f00-0000-4000-8000-0000000000aa';
    for (const at of ['2019-01-05T10:00:00Z', '2019-06-01T10:00:00Z'])
      await store.db
        .insertInto('audit_events')
        .values({
          at,
          actor: 'a',
          actor_role: 'chair',
          surface: 'api',
          action: 'read',
          entity: 'conference',
          entity_id: old,
          conference_id: old,
          correlation_id: 'c',
          detail: '{}',
        })
        .execute();
    const before = await count();

    const purged = await audit.purgeBefore(new Date('2020-01-01T00:00:00Z'), {
      actor: 'retention-job',
      actorRole: 'system',
      correlationId: 'purge-1',
    });

    expect(purged).toBe(2);
    expect(await audit.export(old)).toEqual([]);
    // The two old rows went, and the purge's own event came in.
    expect(await count()).toBe(before - 2 + 1);
    const record = await store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity', '=', 'audit-events')
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      actor: 'retention-job',
      actor_role: 'system',
      surface: 'job',
      action: 'delete',
      entity_id: null,
      conference_id: null,
      correlation_id: 'purge-1',
      detail: { purged: 2, cutoff: '2020-01-01T00:00:00.000Z', firstId: expect.any(Number) },
    });
    // The permission ended with the purge's transaction.
    await expect(sql`delete from audit_events`.execute(store.db)).rejects.toThrow(refused);
  });

  test('a purge with nothing to remove changes nothing and records nothing', async () => {
    const before = await count();
    expect(
      await audit.purgeBefore(new Date('2001-01-01T00:00:00Z'), {
        actor: 'r',
        actorRole: 's',
        correlationId: 'p',
      }),
    ).toBe(0);
    expect(await count()).toBe(before);
  });
});
