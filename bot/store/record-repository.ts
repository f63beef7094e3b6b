/** The conference record's events: read in order, appended one version at a time. */
import type { Kysely } from 'kysely';
import type { RecordEvent } from '../domain/conference-record/index.js';
import { VersionConflictError } from './errors.js';
import type { Database } from './schema.js';

export interface RecordRepository {
  /** Every event of the conference's record, oldest first (none for a record not yet started). */
  events(conferenceId: string): Promise<RecordEvent[]>;
  /**
   * Stores the event at its version. Throws VersionConflictError when that version is taken: someone
   * else changed the record since it was read (the primary key decides, so only one writer wins).
   */
  append(conferenceId: string, event: RecordEvent): Promise<void>;
}

const UNIQUE_VIOLATION = '23505';

export function recordRepository(db: Kysely<Database>): RecordRepository {
  return {
    events: async (conferenceId) => {
      const rows = await db
        .selectFrom('conference_record_events')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({
        version: r.version,
        actor: r.actor,
        at: r.at.toISOString(),
        type: r.type as RecordEvent['type'],
        data: r.data,
      }));
    },
    append: async (conferenceId, event) => {
      try {
        await db
          .insertInto('conference_record_events')
          .values({
            conference_id: conferenceId,
            version: event.version,
            type: event.type,
            actor: event.actor,
            at: event.at,
            data: JSON.stringify(event.data),
          })
          .execute();
      } catch (e) {
        if ((e as { code?: string })?.code === UNIQUE_VIOLATION)
          throw new VersionConflictError('conference record', conferenceId, event.version - 1, -1);
        throw e;
      }
    },
  };
}
