/**
 * Core groups after a conference decides on a child protection plan (seeds 002, 003 §2.10-§2.11, 004):
 * the meetings (proposed with offered times, then scheduled, held or cancelled), each member's answer to
 * the offered times, and the progress updates per plan action. Progress updates are append-only like the
 * conference record (0007): the history over meetings is what the review conference reads, so the
 * database refuses UPDATE and DELETE, except for the retention job removing a whole conference (it sets
 * `roundtable.retention_purge` for its own transaction).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('core_group_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('proposed', 'scheduled', 'held', 'cancelled')`),
    )
    // The instant it starts, once scheduled (ISO with offset in the API; English local time on cards).
    .addColumn('starts_at', 'timestamptz')
    .addColumn('duration_minutes', 'integer', (c) =>
      c.notNull().check(sql`duration_minutes between 15 and 480`),
    )
    // The meeting's deadline (first within 10 working days, then about every 6 weeks): from timescales.
    .addColumn('due_on', 'date', (c) => c.notNull())
    // While proposed: [{ start, end, label }], the times members are asked about.
    .addColumn('offered_slots', 'jsonb', (c) => c.notNull())
    .addColumn('calendar_event_id', 'text')
    .addColumn('held_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('core_group_meetings_number', ['conference_id', 'number'])
    .execute();
  await db.schema
    .createTable('core_group_slot_answers')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('core_group_meetings.id').onDelete('cascade'),
    )
    // A record person id ('lead-social-worker', an invitee id, 'chair').
    .addColumn('person_id', 'text', (c) => c.notNull())
    // The starts of the offered times this person can come to; empty for "none of these".
    .addColumn('can_come', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('core_group_slot_answers_pk', ['meeting_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('core_group_progress_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('core_group_meetings.id').onDelete('cascade'),
    )
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('on-track', 'at-risk', 'not-done', 'done')`),
    )
    .addColumn('comment', 'text', (c) => c.notNull().check(sql`char_length(comment) <= 1000`))
    // Who gave it: their record person id and, when known, their Entra object id (never a name).
    .addColumn('by_person', 'text', (c) => c.notNull())
    .addColumn('by_aad', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('core_group_progress_updates_conference')
    .on('core_group_progress_updates')
    .columns(['conference_id', 'at'])
    .execute();
  await sql`
    create function core_group_progress_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('roundtable.retention_purge', true) = 'on' then
        return old;
      end if;
      raise exception 'core_group_progress_updates is append-only: % is not allowed', tg_op
        using errcode = 'P0001', hint = 'PROGRESS_APPEND_ONLY';
    end
    $$`.execute(db);
  await sql`
    create trigger core_group_progress_append_only before update or delete on core_group_progress_updates
    for each row execute function core_group_progress_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('core_group_progress_updates').execute();
  await db.schema.dropTable('core_group_slot_answers').execute();
  await db.schema.dropTable('core_group_meetings').execute();
  await sql`drop function if exists core_group_progress_refuse_change()`.execute(db);
}
