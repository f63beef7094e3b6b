/** Conferences and the people in them: the store port for the conference use cases. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { systemClock, type Clock } from '../domain/clock.js';
import type { ConferenceRequest, StatusChange } from '../domain/conference.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import {
  listConferenceSummaries,
  loadConference as load,
  type ConferenceSummary,
  type ListConferencesOptions,
} from './conference-reads.js';
import { newConferenceRows, type StoredConference } from './conference-rows.js';
import { VersionConflictError } from './errors.js';
import type { Database } from './schema.js';

export type { StoredConference } from './conference-rows.js';
export type { ConferenceSummary, ListConferencesOptions } from './conference-reads.js';

export interface ConferenceRepository {
  /** Stores a new request with status 'requested' and the next reference of `now`'s year. */
  createConference(request: ConferenceRequest, now: Date): Promise<StoredConference>;
  getConference(id: string): Promise<StoredConference | undefined>;
  getConferenceByReference(reference: string): Promise<StoredConference | undefined>;
  /** Newest first. */
  listConferences(options: ListConferencesOptions): Promise<ConferenceSummary[]>;
  /** Throws VersionConflictError when the conference changed since `expectedVersion` was read. */
  updateStatus(
    id: string,
    change: StatusChange,
    expectedVersion: number,
    trx?: Transaction<Database>,
  ): Promise<StoredConference>;
  /** Sets the agreed local start time; the join link is kept unless a new one is given. */
  setSchedule(
    id: string,
    scheduledStart: string,
    joinUrl?: string,
    trx?: Transaction<Database>,
  ): Promise<StoredConference>;
}

const notFound = () =>
  new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');

export function conferenceRepository(
  db: Kysely<Database>,
  deps: { clock?: Clock; newId?: () => string } = {},
): ConferenceRepository {
  const clock = deps.clock ?? systemClock;
  const newId = deps.newId ?? randomUUID;
  // Repeatable read: the parts of a conference are read from one snapshot on PostgreSQL.
  const read = <T>(fn: (trx: Kysely<Database>) => Promise<T>) =>
    db.transaction().setIsolationLevel('repeatable read').execute(fn);
  // Joins the caller's transaction when given one (a status change that must commit with other writes).
  const within = <T>(outer: Transaction<Database> | undefined, fn: (trx: Kysely<Database>) => Promise<T>) =>
    outer ? fn(outer) : db.transaction().execute(fn);

  return {
    createConference: (request, now) =>
      db.transaction().execute(async (trx) => {
        const reference = await nextReference(trx, now);
        const rows = newConferenceRows(request, reference, now, newId);
        await trx.insertInto('conferences').values(rows.conference).execute();
        if (rows.children.length) await trx.insertInto('children').values(rows.children).execute();
        if (rows.familyMembers.length)
          await trx.insertInto('family_members').values(rows.familyMembers).execute();
        if (rows.invitees.length) await trx.insertInto('invitees').values(rows.invitees).execute();
        await trx
          .insertInto('conference_status_history')
          .values({ conference_id: rows.conference.id, from_status: null, to_status: 'requested', at: now })
          .execute();
        return (await load(trx, 'id', rows.conference.id)) ?? fail(notFound());
      }),

    getConference: (id) => read((trx) => load(trx, 'id', id)),

    getConferenceByReference: (reference) => read((trx) => load(trx, 'reference', reference)),

    listConferences: (options) => listConferenceSummaries(db, options),

    updateStatus: (id, change, expectedVersion, outer) =>
      within(outer, async (trx) => {
        const current = await trx
          .selectFrom('conferences')
          .select(['status', 'version'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFound();
        if (current.version !== expectedVersion)
          throw new VersionConflictError('conference', id, expectedVersion, current.version);
        await trx
          .updateTable('conferences')
          .set({ status: change.to, updated_at: change.at, version: current.version + 1 })
          .where('id', '=', id)
          .execute();
        // History records the status that was really stored, which the version check vouches for.
        await trx
          .insertInto('conference_status_history')
          .values({
            conference_id: id,
            from_status: current.status,
            to_status: change.to,
            at: change.at,
            reason: change.reason ?? null,
          })
          .execute();
        return (await load(trx, 'id', id)) ?? fail(notFound());
      }),

    setSchedule: (id, scheduledStart, joinUrl, outer) =>
      within(outer, async (trx) => {
        const updated = await trx
          .updateTable('conferences')
          .set({ scheduled_start: scheduledStart, updated_at: clock.now(), version: sql`version + 1` })
          .$if(joinUrl !== undefined, (q) => q.set({ join_url: joinUrl ?? null }))
          .where('id', '=', id)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) throw notFound();
        return (await load(trx, 'id', id)) ?? fail(notFound());
      }),
  };
}

/**
 * Next reference for the year of `now`, e.g. RT-2026-0001. England's new year begins at midnight
 * GMT, so the UTC year is the English year. The counter row is locked until the transaction ends,
 * so references are unique, sequential and not used up by a request that fails.
 */
async function nextReference(trx: Kysely<Database>, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const { last_number } = await trx
    .insertInto('reference_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ last_number: sql`reference_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `RT-${year}-${String(last_number).padStart(4, '0')}`;
}

function fail(error: Error): never {
  throw error;
}
