/**
 * Removes what has passed its retention period. A purged conference takes its children, family,
 * invitees, invitations, answers and reports with it (the foreign keys cascade); each removal is
 * written to the audit trail in the same transaction, by id only, so a purge is on record or not done.
 */
import { sql, type Kysely } from 'kysely';
import { FINISHED_STATUSES } from '../domain/retention.js';
import type { Database } from './schema.js';

export interface PurgeActor {
  actor: string;
  actorRole: string;
  correlationId: string;
}

export interface RetentionRepository {
  /** Deletes finished conferences last changed before the cutoff; returns their ids. */
  purgeConferencesBefore(cutoff: Date, by: PurgeActor): Promise<string[]>;
  /** Deletes outbox rows delivered before the cutoff; returns how many. */
  purgeDeliveredOutboxBefore(cutoff: Date): Promise<number>;
}

/** At most this many conferences per transaction, so one run never holds a long lock. */
const BATCH = 100;

export function retentionRepository(db: Kysely<Database>): RetentionRepository {
  return {
    purgeConferencesBefore: async (cutoff, by) => {
      const purged: string[] = [];
      for (;;) {
        const batch = await db.transaction().execute(async (trx) => {
          const rows = await trx
            .selectFrom('conferences')
            .select(['id', 'status', 'updated_at'])
            .where('status', 'in', [...FINISHED_STATUSES])
            .where('updated_at', '<', cutoff)
            .orderBy('updated_at')
            .limit(BATCH)
            .forUpdate()
            .execute();
          if (rows.length === 0) return [];
          const ids = rows.map((r) => r.id);
          // The one permitted removal of append-only rows (the conference record), for this transaction only.
          await sql`select set_config('roundtable.retention_purge', 'on', true)`.execute(trx);
          await trx.deleteFrom('conferences').where('id', 'in', ids).execute();
          await trx
            .insertInto('audit_events')
            .values(
              rows.map((r) => ({
                actor: by.actor,
                actor_role: by.actorRole,
                surface: 'job' as const,
                action: 'delete' as const,
                entity: 'conference',
                entity_id: r.id,
                conference_id: r.id,
                correlation_id: by.correlationId,
                detail: JSON.stringify({
                  reason: 'retention',
                  status: r.status,
                  lastChanged: new Date(r.updated_at).toISOString(),
                  cutoff: cutoff.toISOString(),
                }),
              })),
            )
            .execute();
          return ids;
        });
        purged.push(...batch);
        if (batch.length < BATCH) return purged;
      }
    },
    purgeDeliveredOutboxBefore: async (cutoff) => {
      const result = await db
        .deleteFrom('outbox')
        .where('sent_at', 'is not', null)
        .where('sent_at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
