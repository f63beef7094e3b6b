/** Reading conferences: the whole record for one, summaries for lists. */
import { sql, type Kysely } from 'kysely';
import { initials } from '../domain/conference.js';
import type { ConferenceStatus } from '../domain/conference.js';
import { toConference, type StoredConference } from './conference-rows.js';
import type { ConferenceSummary } from '../domain/ports.js';
import type { Database } from './schema.js';

/** The list view is the domain port's (DESIGN.md §3: children by initials only). */
export type { ConferenceSummary } from '../domain/ports.js';

export interface ListConferencesOptions {
  status?: ConferenceStatus | undefined;
  limit: number;
  offset: number;
  /** Only conferences this person (Entra object id) chairs, leads, minutes or is invited to. */
  participant?: string | undefined;
}

/** Reads a whole conference; run inside a transaction so its parts come from one moment. */
export async function loadConference(
  trx: Kysely<Database>,
  by: 'id' | 'reference',
  value: string,
): Promise<StoredConference | undefined> {
  const conference = await trx.selectFrom('conferences').selectAll().where(by, '=', value).executeTakeFirst();
  if (!conference) return undefined;
  const id = conference.id;
  const children = await trx
    .selectFrom('children')
    .selectAll()
    .where('conference_id', '=', id)
    .orderBy('position')
    .execute();
  const familyMembers = await trx
    .selectFrom('family_members')
    .selectAll()
    .where('conference_id', '=', id)
    .orderBy('position')
    .execute();
  const invitees = await trx
    .selectFrom('invitees')
    .selectAll()
    .where('conference_id', '=', id)
    .orderBy('position')
    .execute();
  const history = await trx
    .selectFrom('conference_status_history')
    .selectAll()
    .where('conference_id', '=', id)
    .orderBy('seq')
    .execute();
  return toConference({ conference, children, familyMembers, invitees, history });
}

/** Newest first; children by initials only. */
export async function listConferenceSummaries(
  db: Kysely<Database>,
  { status, limit, offset, participant }: ListConferencesOptions,
): Promise<ConferenceSummary[]> {
  let query = db
    .selectFrom('conferences')
    .select(['id', 'reference', 'kind', 'status', 'format', 'strategy_discussion_date', 'scheduled_start'])
    .select(['created_at', 'version', sql<string | null>`chair->>'name'`.as('chair_name')])
    .orderBy('created_at', 'desc')
    .orderBy('reference', 'desc')
    .limit(limit)
    .offset(offset);
  if (status) query = query.where('status', '=', status);
  // "My conferences": the person chairs, leads, takes the minutes or is invited.
  if (participant)
    query = query.where((eb) =>
      eb.or([
        eb(sql`chair->>'aadObjectId'`, '=', participant),
        eb(sql`lead_social_worker->>'aadObjectId'`, '=', participant),
        eb(sql`minute_taker->>'aadObjectId'`, '=', participant),
        eb.exists(
          eb
            .selectFrom('invitees')
            .select('invitees.id')
            .whereRef('invitees.conference_id', '=', 'conferences.id')
            .where('invitees.aad_object_id', '=', participant),
        ),
      ]),
    );
  const rows = await query.execute();
  const children = rows.length
    ? await db
        .selectFrom('children')
        .select(['conference_id', 'first_name', 'last_name'])
        .where(
          'conference_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    status: r.status,
    format: r.format,
    strategyDiscussionDate: r.strategy_discussion_date,
    scheduledStart: r.scheduled_start ?? undefined,
    chairName: r.chair_name ?? undefined,
    childInitials: children
      .filter((c) => c.conference_id === r.id)
      .map((c) => initials({ firstName: c.first_name, lastName: c.last_name })),
    createdAt: r.created_at.toISOString(),
    version: r.version,
  }));
}
