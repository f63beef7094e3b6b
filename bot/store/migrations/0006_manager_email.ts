/**
 * An invitee's manager contact: a late report is escalated to the manager as well as the chair (the
 * invitation does not change; the column is empty for anyone entered without one).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitees').addColumn('manager_email', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invitees').dropColumn('manager_email').execute();
}
