/** Row counts of every table, to prove that a refused request changed nothing in the database. */
import type { Store } from '../../bot/store/database.js';

export type RowCounts = Record<string, number>;

/** Every user table, found in information_schema so a table added by a new migration is counted too. */
export async function listTables(store: Store): Promise<string[]> {
  const { rows } = await store.executeSql(
    `select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by table_schema, table_name`,
  );
  return (rows as { table_schema: string; table_name: string }[]).map(
    (r) => `${quoteIdent(r.table_schema)}.${quoteIdent(r.table_name)}`,
  );
}

/** One query counting every table, so a snapshot costs one round trip. */
export async function rowCounts(store: Store, tables?: string[]): Promise<RowCounts> {
  const names = tables ?? (await listTables(store));
  if (names.length === 0) return {};
  const { rows } = await store.executeSql(
    names
      .map((t) => `select '${t.replaceAll("'", "''")}' as t, count(*)::int as n from ${t}`)
      .join(' union all '),
  );
  return Object.fromEntries((rows as { t: string; n: number }[]).map((r) => [r.t, Number(r.n)]));
}

/**
 * The append-only audit trail records refused attempts too, by design (bot/http/audited.ts: "a refused or
 * failed attempt is on the record too"): one request may add one event there and nothing else anywhere.
 */
const AUDIT_TABLES = new Set(['"public"."audit_events"']);

/**
 * Tables whose count differs, as "table: before → after"; empty when nothing changed except, at most,
 * the one audit event of the attempt.
 */
export function countChanges(before: RowCounts, after: RowCounts): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables]
    .filter((t) => {
      const b = before[t] ?? 0;
      const a = after[t] ?? 0;
      return AUDIT_TABLES.has(t) ? a < b || a > b + 1 : before[t] !== after[t];
    })
    .map((t) => `${t}: ${before[t] ?? 'absent'} → ${after[t] ?? 'absent'}`);
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
