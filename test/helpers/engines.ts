/**
 * The database engines the storage suites run on: PGlite always, PostgreSQL too when
 * TEST_DATABASE_URL is set (.ci/run starts a throw-away cluster and sets it). Every test database
 * is private (a temp directory, or a PostgreSQL database of its own) so parallel jest workers
 * never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Engine, type Store } from '../../bot/store/database.js';

const postgresUrl = process.env.TEST_DATABASE_URL;

/**
 * For hooks and tests that open a database: PGlite's first start in a jest worker compiles its WASM
 * and runs initdb, which takes 5-10 s on the 2-core machines, more than a third of the default timeout.
 */
export const OPEN_TIMEOUT = 90_000;

/** For describe.each: `describe.each(engines)('%s', (engine) => …)`. */
export const engines: Engine[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  engine: Engine;
  /** The PostgreSQL database's address (PostgreSQL only), e.g. for a second app on the same data. */
  url?: string;
  /** Opens a store on this database (migrating it); may be called again after closing. */
  open(): Promise<Store>;
  /** Removes the database; close every store first. */
  dispose(): Promise<void>;
}

/**
 * A new empty database. PGlite keeps it in a temp directory so that it can be reopened; with
 * `inMemory`, each open() starts from nothing instead (faster, nothing on disk).
 */
export async function testDatabase(engine: Engine, { inMemory = false } = {}): Promise<TestDatabase> {
  if (engine === 'postgres') return postgresDatabase();
  if (inMemory) return { engine, open: () => openDatabase({}), dispose: async () => {} };
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-pglite-'));
  return {
    engine,
    open: () => openDatabase({ dataDir }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A migrated store on a new empty database; closing it removes the database. */
export async function freshStore(engine: Engine): Promise<Store> {
  const database = await testDatabase(engine, { inMemory: true });
  const store = await database.open();
  return {
    ...store,
    close: async () => {
      await store.close();
      await database.dispose();
    },
  };
}

async function postgresDatabase(): Promise<TestDatabase> {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set.');
  const name = `roundtable_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    url: url.toString(),
    open: () => openDatabase({ databaseUrl: url.toString() }),
    dispose: () => asAdmin(`drop database if exists ${name} with (force)`),
  };
}

/** CREATE/DROP DATABASE cannot run inside a transaction, so they get a client of their own. */
async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
