/**
 * The audit trail: every read of case data and every change, append-only. The database itself
 * refuses UPDATE, DELETE and TRUNCATE on audit_events, so neither a bug nor a hand-typed statement
 * can rewrite the record. Retention is the one way rows leave: a DELETE is let through only inside
 * a transaction that set `roundtable.audit_retention` to a cutoff, only for rows older than that
 * cutoff, and the database writes an event saying how many went (see audit-repository.ts).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Ids only (an Entra object id, 'local-developer'): a name would put personal data in the record.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('surface', 'text', (c) =>
      c.notNull().check(sql`surface in ('api', 'card', 'job', 'external-link', 'tab')`),
    )
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('read', 'create', 'update', 'delete', 'send', 'export')`),
    )
    .addColumn('entity', 'text', (c) => c.notNull())
    // Null for a list (no one entity was read).
    .addColumn('entity_id', 'text')
    // No foreign key: the record must outlive the conference and keep attempts on unknown ids.
    .addColumn('conference_id', 'text')
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('audit_events_conference')
    .on('audit_events')
    .columns(['conference_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();

  // plpgsql is built into PGlite as well as PostgreSQL.
  await sql`
    create function audit_events_refuse_change() returns trigger language plpgsql as $$
    declare
      cutoff text := nullif(current_setting('roundtable.audit_retention', true), '');
    begin
      if tg_op = 'DELETE' and cutoff is not null then
        if old.at < cutoff::timestamptz then
          return old;
        end if;
        raise exception 'audit_events % is newer than the retention cutoff %', old.id, cutoff
          using errcode = 'P0001', hint = 'AUDIT_APPEND_ONLY';
      end if;
      raise exception 'audit_events is append-only: % is not allowed', tg_op
        using errcode = 'P0001', hint = 'AUDIT_APPEND_ONLY';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_events_no_update_delete before update or delete on audit_events
    for each row execute function audit_events_refuse_change()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_refuse_change()`.execute(db);

  // Whatever a permitted purge removed is recorded by the database itself, in the same transaction,
  // so a purge cannot happen without leaving a trace even if the setting is used by hand.
  await sql`
    create function audit_events_record_purge() returns trigger language plpgsql as $$
    declare
      purged bigint;
      first_id bigint;
      last_id bigint;
    begin
      select count(*), min(id), max(id) into purged, first_id, last_id from purged_rows;
      if purged > 0 then
        insert into audit_events (actor, actor_role, surface, action, entity, entity_id, correlation_id, detail)
        values (
          coalesce(nullif(current_setting('roundtable.audit_actor', true), ''), session_user::text),
          coalesce(nullif(current_setting('roundtable.audit_actor_role', true), ''), 'database'),
          'job', 'delete', 'audit-events', null,
          coalesce(nullif(current_setting('roundtable.correlation_id', true), ''), 'none'),
          jsonb_build_object(
            'purged', purged, 'firstId', first_id, 'lastId', last_id,
            'cutoff', current_setting('roundtable.audit_retention', true)));
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_events_purge_recorded after delete on audit_events
    referencing old table as purged_rows
    for each statement execute function audit_events_record_purge()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function if exists audit_events_record_purge()`.execute(db);
  await sql`drop function if exists audit_events_refuse_change()`.execute(db);
}
