import { migrationProvider } from '../../bot/store/migrations/index.js';
import { sql } from 'kysely';
import { conferenceRepository } from '../../bot/store/conference-repository.js';
import { openDatabase, type Store } from '../../bot/store/database.js';
import { OPEN_TIMEOUT, engines, freshStore, testDatabase } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

const march = new Date('2026-03-02T09:15:00Z');

const count = async (
  store: Store,
  table: 'conferences' | 'children' | 'family_members' | 'invitees' | 'outbox',
) => {
  const { n } = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
};

describe.each(engines)('database on %s', (engine) => {
  test(
    'opening the same database twice migrates once and keeps the data (a restart)',
    async () => {
      const database = await testDatabase(engine);
      try {
        const first = await database.open();
        const created = await conferenceRepository(first.db).createConference(sampleRequest(), march);
        await first.close();
        await first.close(); // closing twice is harmless

        const second = await database.open();
        try {
          const { rows } = await second.executeSql('select name from kysely_migration order by name');
          // Every migration recorded exactly once.
          const all = Object.keys(await migrationProvider.getMigrations()).sort();
          expect(rows).toEqual(all.map((name) => ({ name })));
          const reread = await conferenceRepository(second.db).getConferenceByReference('RT-2026-0001');
          expect(reread).toEqual(created);
          expect(reread?.familyMembers[0]?.lastName).toBe("O'Sample-Jones");
        } finally {
          await second.close();
        }
      } finally {
        await database.dispose();
      }
    },
    2 * OPEN_TIMEOUT,
  );

  describe('on one store', () => {
    let store: Store;
    beforeAll(async () => {
      store = await freshStore(engine);
    }, OPEN_TIMEOUT);
    afterAll(() => store.close());

    test('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    test('executeSql returns the rows of every statement, and passes parameters', async () => {
      expect((await store.executeSql('select 1 as n; select 2 as n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
      expect((await store.executeSql('select $1::text as name', ["Robin O'Sample"])).rows).toEqual([
        { name: "Robin O'Sample" },
      ]);
    });

    test('a request that fails part-way leaves nothing behind and uses up no reference', async () => {
      const repo = conferenceRepository(store.db);
      const before = await Promise.all(
        (['conferences', 'children', 'family_members'] as const).map((t) => count(store, t)),
      );
      // The same person twice breaks the unique (conference, email) rule after the other rows went in.
      const request = sampleRequest();
      const twice = { ...request, invitees: [...request.invitees, request.invitees[0]!] };
      await expect(repo.createConference(twice, new Date('2040-05-01T09:00:00Z'))).rejects.toThrow(/unique/i);

      const after = await Promise.all(
        (['conferences', 'children', 'family_members'] as const).map((t) => count(store, t)),
      );
      expect(after).toEqual(before);
      const next = await repo.createConference(request, new Date('2040-05-02T09:00:00Z'));
      expect(next.reference).toBe('RT-2040-0001');
    });

    test('queries from elsewhere never see inside an open transaction', async () => {
      let inserted!: () => void;
      const insertedRow = new Promise<void>((resolve) => (inserted = resolve));
      const rolledBack = store.db.transaction().execute(async (trx) => {
        await trx.insertInto('outbox').values({ id: 'tx-probe', kind: 'probe', payload: '{}' }).execute();
        inserted();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('roll back on purpose');
      });
      await insertedRow;
      // On PGlite these wait for the transaction; on PostgreSQL they run beside it. Either way: nothing.
      const [viaKysely, viaExecuteSql] = await Promise.all([
        count(store, 'outbox'),
        store.executeSql(`select count(*)::int as n from outbox where id = 'tx-probe'`),
      ]);
      await expect(rolledBack).rejects.toThrow('roll back on purpose');
      expect(viaKysely).toBe(0);
      expect(viaExecuteSql.rows).toEqual([{ n: 0 }]);
      expect(await count(store, 'outbox')).toBe(0);
    });

    test('many requests at once each get their own children and a distinct reference', async () => {
      const repo = conferenceRepository(store.db);
      const at = new Date('2041-01-15T10:00:00Z');
      const requests = Array.from({ length: 12 }, (_, i) =>
        sampleRequest({
          children: [{ firstName: `Pip${i}`, lastName: 'Sample', dateOfBirth: '2020-01-01' }],
        }),
      );
      const created = await Promise.all([
        ...requests.map((r) => repo.createConference(r, at)),
        ...requests.map(() => store.executeSql('select count(*) from conferences')),
      ]);
      const conferences = created.filter((c) => 'reference' in c);
      expect(new Set(conferences.map((c) => c.reference)).size).toBe(12);
      for (const [i, c] of conferences.entries())
        expect(c.children.map((k) => k.firstName)).toEqual([`Pip${i}`]);
      expect(
        await sql<{ n: number }>`select count(*)::int as n from conferences where reference like 'RT-2041-%'`
          .execute(store.db)
          .then((r) => r.rows[0]?.n),
      ).toBe(12);
    });
  });
});

const postgresOnly = engines.includes('postgres') ? describe : describe.skip;

postgresOnly('database on postgres, when the server drops a connection', () => {
  test(
    'an idle connection ended by the server is reported, not thrown, and the next query still works',
    async () => {
      const database = await testDatabase('postgres');
      const lost: (string | undefined)[] = [];
      const store = await openDatabase({
        databaseUrl: database.url,
        onConnectionLost: (e) => lost.push(e.code),
      });
      try {
        const { rows } = await store.executeSql('select pg_backend_pid() as pid');
        const { pid } = rows[0] as { pid: number };
        // As a restart or an administrator would: end that backend while it sits idle in the pool.
        const admin = await openDatabase({ databaseUrl: database.url });
        try {
          await admin.executeSql('select pg_terminate_backend($1)', [pid]);
        } finally {
          await admin.close();
        }
        for (let i = 0; i < 50 && lost.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect(lost).toEqual(['57P01']);
        await expect(store.ping()).resolves.toBeUndefined();
      } finally {
        await store.close();
        await database.dispose();
      }
    },
    OPEN_TIMEOUT,
  );
});
