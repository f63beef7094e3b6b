/**
 * The outbox: messages to send, written in the same transaction as the decision to send them, so a
 * crash neither loses one nor (thanks to the dedupe key) records one twice.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, OutboxTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OutboxItem<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  dedupeKey: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** One row as the dispatcher and the chair's view see it (only unsent rows are ever read). */
const toItem = (r: Selectable<OutboxTable>): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  payload: r.payload,
  dedupeKey: r.dedupe_key,
  attempts: r.attempts,
  createdAt: r.created_at.toISOString(),
  sentAt: null,
  lastError: r.last_error,
});

export function outboxRepository(db: Kysely<Database>) {
  return {
    /** Adds a message unless one with the same dedupe key exists; returns whether it was added. */
    async enqueue(
      trx: Db,
      item: { kind: string; payload: unknown; dedupeKey: string },
      now: Date,
    ): Promise<boolean> {
      const result = await trx
        .insertInto('outbox')
        .values({
          id: randomUUID(),
          kind: item.kind,
          payload: JSON.stringify(item.payload),
          dedupe_key: item.dedupeKey,
          created_at: now,
          next_attempt_at: now,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /**
     * Claims up to `limit` due messages by pushing their next attempt into the future, so another
     * instance does not take them while this one sends (SKIP LOCKED on PostgreSQL).
     */
    async claimDue(now: Date, limit: number, leaseMs = 60_000): Promise<OutboxItem[]> {
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('next_attempt_at', '<=', now)
          .orderBy('created_at')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        if (due.length === 0) return [];
        const rows = await trx
          .updateTable('outbox')
          .set({ next_attempt_at: new Date(now.getTime() + leaseMs), attempts: sql`attempts + 1` })
          .where(
            'id',
            'in',
            due.map((d) => d.id),
          )
          .returningAll()
          .execute();
        return rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime()).map(toItem);
      });
    },

    async markSent(id: string, now: Date): Promise<void> {
      await db.updateTable('outbox').set({ sent_at: now, last_error: null }).where('id', '=', id).execute();
    },

    /** Keeps the message for a later attempt; `error` is a code and status, never message content. */
    async markFailed(id: string, error: string, retryAt: Date): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ last_error: error.slice(0, 300), next_attempt_at: retryAt })
        .where('id', '=', id)
        .execute();
    },

    /** What is still waiting or failing for one conference (its own messages and its invitations'). */
    async pendingForConference(conferenceId: string): Promise<OutboxItem[]> {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb(sql`payload->>'conferenceId'`, '=', conferenceId),
            eb(
              sql`payload->>'invitationId'`,
              'in',
              eb.selectFrom('invitations').select('id').where('conference_id', '=', conferenceId),
            ),
          ]),
        )
        .orderBy('created_at')
        .execute();
      return rows.map(toItem);
    },

    /** What is still waiting or failing, for the chair and for tests. */
    async pending(): Promise<OutboxItem[]> {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .orderBy('created_at')
        .execute();
      return rows.map(toItem);
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
