/**
 * Messages to the case-management system: recorded together with their outbox row in one transaction
 * (a decision is never recorded without its message queued), acknowledged when the receiver says 2xx,
 * and listed oldest first for the export.
 */
import type { Kysely, Selectable } from 'kysely';
import type { CaseSystemMessage } from '../domain/case-system.js';
import { outboxRepository } from './outbox-repository.js';
import type { CaseSystemMessagesTable, Database } from './schema.js';

export interface StoredCaseSystemMessage {
  id: string;
  conferenceId: string;
  body: CaseSystemMessage;
  acknowledgedAt: string | null;
  lastStatus: number | null;
}

export interface CaseSystemRepository {
  /** Keeps the message; with `deliver`, also queues it for the webhook. False when it was already kept. */
  record(message: CaseSystemMessage, opts: { deliver: boolean; now: Date }): Promise<boolean>;
  get(id: string): Promise<StoredCaseSystemMessage | undefined>;
  /** Records the receiver's answer; `acknowledged` only for a 2xx. */
  noteAttempt(id: string, status: number, acknowledgedAt: Date | null): Promise<void>;
  /** Everything from `since` (inclusive), oldest first, at most `limit`. */
  list(since: Date, limit: number): Promise<StoredCaseSystemMessage[]>;
}

const toStored = (r: Selectable<CaseSystemMessagesTable>): StoredCaseSystemMessage => ({
  id: r.id,
  conferenceId: r.conference_id,
  body: r.body as CaseSystemMessage,
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
  lastStatus: r.last_status,
});

export function caseSystemRepository(db: Kysely<Database>): CaseSystemRepository {
  const outbox = outboxRepository(db);
  return {
    record: (message, { deliver, now }) =>
      db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('case_system_messages')
          .values({
            id: message.id,
            conference_id: message.conference.id,
            event: message.event,
            occurred_at: message.occurredAt,
            body: JSON.stringify(message),
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        const added = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
        if (added && deliver)
          await outbox.enqueue(
            trx,
            {
              kind: 'case-system',
              payload: { messageId: message.id, conferenceId: message.conference.id },
              dedupeKey: `case-system:${message.id}`,
            },
            now,
          );
        return added;
      }),
    get: async (id) => {
      const row = await db
        .selectFrom('case_system_messages')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toStored(row);
    },
    noteAttempt: async (id, status, acknowledgedAt) => {
      await db
        .updateTable('case_system_messages')
        .set({ last_status: status, ...(acknowledgedAt ? { acknowledged_at: acknowledgedAt } : {}) })
        .where('id', '=', id)
        .execute();
    },
    list: async (since, limit) =>
      (
        await db
          .selectFrom('case_system_messages')
          .selectAll()
          .where('occurred_at', '>=', since)
          .orderBy('occurred_at')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map(toStored),
  };
}
