/**
 * Opens the database: PGlite (Postgres in WASM, the embedded default) or PostgreSQL through a pg
 * Pool, with the same migrations applied on open (DESIGN.md §2, "Real components").
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { fromPglite } from 'pg-boss';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  /** Resolves when the database answers a trivial query; for health checks. */
  ping(): Promise<void>;
  /** Closes every connection; safe to call twice. Stop pg-boss on this store first. */
  close(): Promise<void>;
  /** Raw SQL in pg-boss's shape; a call without values may hold several statements. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface OpenDatabaseOptions {
  /** postgres://… to use PostgreSQL; without it the store is PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined keeps the database in memory (tests, demos). */
  dataDir?: string | undefined;
  /**
   * Told when PostgreSQL drops an idle pooled connection (a restart, a failover, an administrator);
   * the pool opens a new one on the next query. Without a listener node-postgres would throw and
   * end the process.
   */
  onConnectionLost?: (error: Error & { code?: string }) => void;
}

const DATE_OID = 1082;
/** Calendar dates stay 'YYYY-MM-DD' text: a Date would shift them across midnight by time zone. */
const keepDateAsText = (value: string): string => value;

/** Opens the store and brings its schema up to date. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Store> {
  const store = opts.databaseUrl
    ? openPostgres(opts.databaseUrl, opts.onConnectionLost)
    : await openPglite(opts.dataDir);
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openPglite(dataDir: string | undefined): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = new PGlite({ dataDir, parsers: { [DATE_OID]: keepDateAsText } });
  await pglite.waitReady;
  // Kysely's own PGlite dialect: its runtime serialises access to the single connection (a mutex
  // held from acquire to release), and it runs transactions through pglite.transaction(), which
  // locks the instance, so pg-boss statements sent through executeSql wait instead of landing
  // inside a Kysely transaction.
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  // pg-boss's adapter splits multi-statement text to exec() (concatenating the rows of every
  // statement) and rolls back a transaction a failed statement left open on the one session.
  const { executeSql } = fromPglite(pglite);
  return {
    db,
    engine: 'pglite',
    ping: () => ping(db),
    close: once(async () => {
      await db.destroy(); // closes the PGlite instance, flushing a dataDir to disk
    }),
    executeSql: async (text, values) => {
      const { rows } = await executeSql(text, values);
      return { rows };
    },
  };
}

function openPostgres(
  databaseUrl: string,
  onConnectionLost: OpenDatabaseOptions['onConnectionLost'] = () => {},
): Store {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === DATE_OID
          ? keepDateAsText
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', onConnectionLost);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    ping: () => ping(db),
    close: once(() => db.destroy()), // ends the pool
    executeSql: async (text, values) => {
      // node-postgres answers a multi-statement text with one result per statement.
      const result: pg.QueryResult | pg.QueryResult[] = await pool.query(text, values);
      return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows };
    },
  };
}

async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}

async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Runs fn the first time only; later calls get the same promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= fn());
}
