/**
 * The conference record (the tab's side panel and stage): an append-only list of events per
 * conference. The version is the event's place in the list; the primary key (conference_id, version)
 * is what makes two racing writers unable to both win: the second insert of the same version fails.
 * The database refuses UPDATE and DELETE, so what was recorded in the meeting cannot be rewritten; the
 * one exception is the retention job removing a whole conference past its period (it sets
 * `roundtable.retention_purge` for its own transaction; see bot/store/retention-repository.ts).
 * Each insert is announced on the channel `conference_record` (payload: the conference id), so every
 * instance of the service can send the change to the live views it holds (LISTEN/NOTIFY).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conference_record_events')
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('type', 'text', (c) => c.notNull())
    // An Entra object id, never a name.
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('conference_record_events_pk', ['conference_id', 'version'])
    .execute();
  await sql`
    create function conference_record_events_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('roundtable.retention_purge', true) = 'on' then
        return old;
      end if;
      raise exception 'conference_record_events is append-only: % is not allowed', tg_op
        using errcode = 'P0001', hint = 'RECORD_APPEND_ONLY';
    end
    $$`.execute(db);
  await sql`
    create trigger conference_record_events_append_only before update or delete on conference_record_events
    for each row execute function conference_record_events_refuse_change()`.execute(db);
  await sql`
    create function conference_record_events_announce() returns trigger language plpgsql as $$
    begin
      perform pg_notify('conference_record', new.conference_id);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger conference_record_events_announced after insert on conference_record_events
    for each row execute function conference_record_events_announce()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conference_record_events').execute();
  await sql`drop function if exists conference_record_events_refuse_change()`.execute(db);
  await sql`drop function if exists conference_record_events_announce()`.execute(db);
}
