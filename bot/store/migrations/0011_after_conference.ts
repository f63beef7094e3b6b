/**
 * After the conference (seed 003 §4): the chair's approval of the decision letter and of the minutes
 * (who was sent what, who was withheld and why), the follow-up tasks the lead social worker owes (telling
 * parents who were not there, delivering a letter by hand) and a plan ended without a review.
 * Everything cascades with its conference, so the retention purge removes it with the rest.
 */
import { sql, type Kysely } from 'kysely';

const conferenceRef = 'conferences.id';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decision_letters')
    .addColumn('conference_id', 'text', (c) => c.primaryKey().references(conferenceRef).onDelete('cascade'))
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
    /** [{ personId, reason }]: people the conference agreed should not be informed. */
    .addColumn('withheld', 'jsonb', (c) => c.notNull())
    /** Record person ids the letter went to by email, and those it goes to by hand. */
    .addColumn('sent_to', 'jsonb', (c) => c.notNull())
    .addColumn('by_hand', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('minutes_approvals')
    .addColumn('conference_id', 'text', (c) => c.primaryKey().references(conferenceRef).onDelete('cascade'))
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
    /** The restricted items the chair confirmed, by id. */
    .addColumn('confirmed', 'jsonb', (c) => c.notNull())
    .addColumn('sent_to', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('follow_up_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conference_id', 'text', (c) => c.notNull().references(conferenceRef).onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('tell-absent-parent', 'deliver-letter')`),
    )
    /** The family member the task is about (record person id). */
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addColumn('escalated_at', 'timestamptz')
    .addUniqueConstraint('follow_up_tasks_once', ['conference_id', 'kind', 'person_id'])
    .execute();
  await db.schema
    .createTable('plan_endings')
    .addColumn('conference_id', 'text', (c) => c.primaryKey().references(conferenceRef).onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['plan_endings', 'follow_up_tasks', 'minutes_approvals', 'decision_letters'])
    await db.schema.dropTable(t).execute();
}
