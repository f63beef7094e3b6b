/**
 * Links to the report form for people without Teams (an external professional, a family member). The
 * token itself is never stored: only the link id it carries, so a leaked table reveals no usable link.
 * Family members each get their own views report, so one parent never sees what the other wrote.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('invitee_id', 'text', (c) => c.references('invitees.id').onDelete('cascade'))
    .addColumn('family_member_id', 'text', (c) => c.references('family_members.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('agency-report', 'family-views')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addColumn('last_used_at', 'timestamptz')
    // Exactly one holder, and the one the purpose needs.
    .addCheckConstraint(
      'report_links_holder',
      sql`(purpose = 'agency-report' and invitee_id is not null and family_member_id is null)
        or (purpose = 'family-views' and family_member_id is not null and invitee_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex('report_links_conference')
    .on('report_links')
    .columns(['conference_id', 'created_at'])
    .execute();

  await db.schema
    .alterTable('reports')
    .addColumn('family_member_id', 'text', (c) => c.references('family_members.id'))
    .execute();
  await sql`drop index reports_one_per_author`.execute(db);
  // One report per author and kind: an invitee, a family member, or (neither) the conference itself.
  await sql`create unique index reports_one_per_author on reports
    (conference_id, kind, coalesce(invitee_id, ''), coalesce(family_member_id, ''))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index reports_one_per_author`.execute(db);
  await db.schema.alterTable('reports').dropColumn('family_member_id').execute();
  await sql`create unique index reports_one_per_author on reports (conference_id, kind, coalesce(invitee_id, ''))`.execute(
    db,
  );
  await db.schema.dropTable('report_links').execute();
}
