/**
 * A core group meeting can be cancelled (illness, a family emergency) before it is held: when and why are
 * kept with it, so the review conference and oversight can see why the core group did not meet in time.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('core_group_meetings')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancelled_reason', 'text', (c) => c.check(sql`char_length(cancelled_reason) <= 500`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('core_group_meetings')
    .dropColumn('cancelled_at')
    .dropColumn('cancelled_reason')
    .execute();
}
