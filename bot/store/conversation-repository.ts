/** Where the bot can reach people and chats later: proactive messages need a stored reference. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface StoredReference {
  [key: string]: unknown;
  conversation?: { id: string; conversationType?: string; tenantId?: string };
  serviceUrl?: string;
}

export interface ConversationRepository {
  /** Keyed by the person's Entra object id for 1:1 chats, else by conversation id. */
  remember(key: string, reference: StoredReference, now: Date): Promise<void>;
  find(key: string): Promise<StoredReference | undefined>;
}

export function conversationRepository(db: Kysely<Database>): ConversationRepository {
  return {
    async remember(key, reference, now) {
      await db
        .insertInto('conversation_references')
        .values({ key, reference: JSON.stringify(reference), updated_at: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ reference: JSON.stringify(reference), updated_at: now }),
        )
        .execute();
    },
    async find(key) {
      const row = await db
        .selectFrom('conversation_references')
        .select('reference')
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.reference as StoredReference | undefined;
    },
  };
}
