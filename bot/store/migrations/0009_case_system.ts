/**
 * Messages to the council's case-management system (plan started, changed, ended). Each is kept as
 * sent, with when the receiver acknowledged it, so the same list serves the export for systems that
 * take no webhook. Delivery and retries go through the outbox (kind 'case-system').
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_system_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) =>
      c.notNull().check(sql`event in ('plan-started', 'plan-changed', 'plan-ended')`),
    )
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('last_status', 'integer')
    .execute();
  await db.schema
    .createIndex('case_system_messages_occurred')
    .on('case_system_messages')
    .columns(['occurred_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_system_messages').execute();
}
