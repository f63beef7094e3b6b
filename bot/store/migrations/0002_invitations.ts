/**
 * Invitations in full: a deputy is an invitee sent in someone's place; an invitation can be withdrawn
 * (a deputy no longer needed); and every answer keeps who gave it, when it was recorded and whether
 * it won (an older answer that arrived late is kept but not applied).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('invitees')
    .addColumn('deputy_for', 'text', (c) => c.references('invitees.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('invitations').addColumn('withdrawn_at', 'timestamptz').execute();
  await db.schema
    .alterTable('rsvp_answers')
    .addColumn('actor_kind', 'text', (c) => c.notNull().defaultTo('invitee'))
    .execute();
  await db.schema
    .alterTable('rsvp_answers')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('rsvp_answers')
    .addColumn('applied', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('rsvp_answers')
    .dropColumn('applied')
    .dropColumn('recorded_at')
    .dropColumn('actor_kind')
    .execute();
  await db.schema.alterTable('invitations').dropColumn('withdrawn_at').execute();
  await db.schema.alterTable('invitees').dropColumn('deputy_for').execute();
}
