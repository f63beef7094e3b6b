/**
 * Agency reports: one row per report, its versions (append-only: an amendment adds a version, none is
 * ever rewritten), the chair's reads, the record of sharing with the family, and the chair's
 * go-ahead/postpone decisions (seed 003 §1.6). Text is stored exactly as written, inside jsonb.
 */
import { sql, type Kysely } from 'kysely';

const now = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    // Null for the social work report, the core group report and the family's own views.
    .addColumn('invitee_id', 'text', (c) => c.references('invitees.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('agency', 'social-work', 'core-group-progress', 'police', 'family-views')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  // One report per invitee and kind; a null invitee (social worker, family) counts once per conference.
  await sql`create unique index reports_one_per_author on reports (conference_id, kind, coalesce(invitee_id, ''))`.execute(
    db,
  );

  await db.schema
    .createTable('report_versions')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('plain_language', 'jsonb', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_versions_pk', ['report_id', 'version'])
    .execute();
  // plpgsql is built into PGlite as well as PostgreSQL. Deleting stays possible only with the conference.
  await sql`
    create function report_versions_refuse_update() returns trigger language plpgsql as $$
    begin
      raise exception 'report_versions is append-only: UPDATE is not allowed'
        using errcode = 'P0001', hint = 'REPORT_VERSIONS_APPEND_ONLY';
    end
    $$`.execute(db);
  await sql`
    create trigger report_versions_no_update before update on report_versions
    for each row execute function report_versions_refuse_update()`.execute(db);

  await db.schema
    .createTable('report_reads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_reads_report').on('report_reads').column('report_id').execute();

  await db.schema
    .createTable('report_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('how', 'text', (c) =>
      c.notNull().check(sql`how in ('in-person', 'phone', 'video', 'post', 'email')`),
    )
    .addColumn('shared_by', 'text', (c) => c.notNull())
    .addColumn('family_response', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('report_shares_report').on('report_shares').column('report_id').execute();

  await db.schema
    .createTable('readiness_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('go-ahead', 'postpone')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    // Local English time 'YYYY-MM-DDTHH:mm', like conferences.scheduled_start.
    .addColumn('new_start', 'text')
    .addColumn('within_timescale', 'boolean')
    .addColumn('timescale', 'text')
    .addColumn('delay_explanation', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('readiness_decisions_conference')
    .on('readiness_decisions')
    .columns(['conference_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['readiness_decisions', 'report_shares', 'report_reads', 'report_versions', 'reports'])
    await db.schema.dropTable(table).execute();
  await sql`drop function if exists report_versions_refuse_update()`.execute(db);
}
