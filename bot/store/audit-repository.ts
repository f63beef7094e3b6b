/**
 * The audit trail in audit_events (migration 0004_audit). Rows are only ever inserted; the database
 * refuses anything else, except a retention purge made through purgeBefore.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditLog, RecordedAuditEvent } from '../domain/ports.js';
import type { AuditEventsTable, Database } from './schema.js';

export interface AuditRepository extends AuditLog {
  /**
   * Retention: deletes events older than the cutoff and returns how many went. The database lets
   * the DELETE through only for this transaction and only below the cutoff, and writes an event
   * (who, cutoff, count, first and last id) in the same transaction, so a purge is itself on record.
   */
  purgeBefore(cutoff: Date, by: { actor: string; actorRole: string; correlationId: string }): Promise<number>;
}

/** Every read of audit_events is oldest first; a page of the log never skips or repeats a row. */
const MAX_PAGE = 500;

export function auditRepository(db: Kysely<Database>): AuditRepository {
  const select = (conferenceId: string) =>
    db
      .selectFrom('audit_events')
      .select([
        sql<string>`id::text`.as('id'),
        'at',
        'actor',
        'actor_role',
        'surface',
        'action',
        'entity',
        'entity_id',
        'conference_id',
        'correlation_id',
        'detail',
      ])
      .where('conference_id', '=', conferenceId)
      // Qualified: the bare name would be the text alias above, which sorts '10' before '2'.
      .orderBy('audit_events.id');

  return {
    record: async (event) => {
      await db
        .insertInto('audit_events')
        .values({
          actor: event.actor,
          actor_role: event.actorRole,
          surface: event.surface,
          action: event.action,
          entity: event.entity,
          entity_id: event.entityId,
          conference_id: event.conferenceId,
          correlation_id: event.correlationId,
          detail: JSON.stringify(event.detail ?? {}),
        })
        .execute();
    },
    forConference: async (conferenceId, { limit, offset }) => {
      const rows = await select(conferenceId)
        .limit(Math.min(Math.max(limit, 1), MAX_PAGE))
        .offset(Math.max(offset, 0))
        .execute();
      return rows.map(toEvent);
    },
    export: async (conferenceId) => (await select(conferenceId).execute()).map(toEvent),
    purgeBefore: (cutoff, by) =>
      db.transaction().execute(async (trx) => {
        // set_config(…, true) is SET LOCAL: the permission ends with this transaction.
        await sql`select set_config('roundtable.audit_retention', ${cutoff.toISOString()}, true),
          set_config('roundtable.audit_actor', ${by.actor}, true),
          set_config('roundtable.audit_actor_role', ${by.actorRole}, true),
          set_config('roundtable.correlation_id', ${by.correlationId}, true)`.execute(trx);
        const result = await trx.deleteFrom('audit_events').where('at', '<', cutoff).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}

type Row = Omit<Selectable<AuditEventsTable>, 'id'> & { id: string };

function toEvent(row: Row): RecordedAuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorRole: row.actor_role,
    surface: row.surface as RecordedAuditEvent['surface'],
    action: row.action as RecordedAuditEvent['action'],
    entity: row.entity,
    entityId: row.entity_id,
    conferenceId: row.conference_id,
    correlationId: row.correlation_id,
    detail: row.detail,
  };
}
