/**
 * The first schema: conferences and the people in them, their status history, and the tables the
 * invitations feature needs (conversation references, invitations, RSVP answers, outbox).
 * Migrations never import the current table types: they describe the schema as it was then.
 */
import { sql, type Kysely } from 'kysely';

const now = sql`now()`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conferences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('strategy_discussion_date', 'date', (c) => c.notNull())
    .addColumn('previous_conference_date', 'date')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('scheduled_start', 'text', (c) =>
      c.check(sql`scheduled_start ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$'`),
    )
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('join_url', 'text')
    .addColumn('chair', 'jsonb')
    .addColumn('lead_social_worker', 'jsonb', (c) => c.notNull())
    .addColumn('minute_taker', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The list screens show the newest first, optionally for one status.
  await db.schema
    .createIndex('conferences_status_created')
    .on('conferences')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema.createIndex('conferences_created').on('conferences').column('created_at').execute();

  // One counter per year gives gapless references (RT-2026-0001) that roll back with a failed request.
  await db.schema
    .createTable('reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('children')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date', (c) => c.notNull())
    .addUniqueConstraint('children_conference_position', ['conference_id', 'position'])
    .execute();

  await db.schema
    .createTable('family_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('parental_responsibility', 'boolean', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('communication_needs', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('may_not_attend_with', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addUniqueConstraint('family_members_conference_position', ['conference_id', 'position'])
    .execute();

  await db.schema
    .createTable('invitees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('agency_kind', 'text', (c) => c.notNull())
    .addColumn('direct_contact', 'boolean', (c) => c.notNull())
    .addColumn('aad_object_id', 'text')
    // The same person is invited once per conference (the request schema checks this too).
    .addUniqueConstraint('invitees_conference_email', ['conference_id', 'email'])
    .execute();
  await db.schema.createIndex('invitees_aad_object_id').on('invitees').column('aad_object_id').execute();

  // Append-only: rows are inserted, never updated or deleted by the application.
  await db.schema
    .createTable('conference_status_history')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('conference_status_history_conference')
    .on('conference_status_history')
    .columns(['conference_id', 'seq'])
    .execute();

  await db.schema
    .createTable('conversation_references')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('invitee_id', 'text', (c) =>
      c.notNull().unique().references('invitees.id').onDelete('cascade'),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('teams', 'email')`))
    .addColumn('answer', 'text')
    .addColumn('deputy_name', 'text')
    .addColumn('deputy_email', 'text')
    .addColumn('activity_id', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('invitations_conference').on('invitations').column('conference_id').execute();

  // Append-only history of every answer; the idempotency key makes a retried card submit a no-op.
  await db.schema
    .createTable('rsvp_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invitation_id', 'text', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('deputy_name', 'text')
    .addColumn('deputy_email', 'text')
    .addColumn('answered_by', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('card', 'api', 'calendar', 'chair')`),
    )
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('rsvp_answers_invitation')
    .on('rsvp_answers')
    .columns(['invitation_id', 'at'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  // The sender only ever scans what is still to send.
  await db.schema
    .createIndex('outbox_pending')
    .on('outbox')
    .column('next_attempt_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'rsvp_answers',
    'invitations',
    'conversation_references',
    'conference_status_history',
    'invitees',
    'family_members',
    'children',
    'reference_counters',
    'conferences',
  ])
    await db.schema.dropTable(table).execute();
}
