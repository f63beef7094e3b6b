/** Invitations, their answer history and the deputies they bring in. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Invitee } from '../domain/conference.js';
import type { AnswerHistoryEntry, Invitation, RsvpAnswer } from '../domain/rsvp.js';
import { VersionConflictError } from './errors.js';
import type { Database, InvitationsTable, RsvpAnswersTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const toHistory = (r: Selectable<RsvpAnswersTable>): AnswerHistoryEntry => ({
  answer: r.answer as RsvpAnswer,
  deputy: r.deputy_name && r.deputy_email ? { name: r.deputy_name, email: r.deputy_email } : null,
  actor: { kind: r.actor_kind as AnswerHistoryEntry['actor']['kind'], id: r.answered_by },
  via: r.channel,
  idempotencyKey: r.idempotency_key,
  answeredAt: r.at.toISOString(),
  recordedAt: r.recorded_at.toISOString(),
  applied: r.applied,
});

const toInvitation = (r: Selectable<InvitationsTable>, history: AnswerHistoryEntry[]): Invitation => ({
  id: r.id,
  conferenceId: r.conference_id,
  inviteeId: r.invitee_id,
  channel: r.channel,
  answer: r.answer as RsvpAnswer | null,
  deputy: r.deputy_name && r.deputy_email ? { name: r.deputy_name, email: r.deputy_email } : null,
  answeredAt: r.answered_at?.toISOString() ?? null,
  version: r.version,
  history,
});

export interface InvitationRecord extends Invitation {
  activityId: string | null;
  withdrawn: boolean;
}

async function load(db: Db, rows: Selectable<InvitationsTable>[]): Promise<InvitationRecord[]> {
  if (rows.length === 0) return [];
  const answers = await db
    .selectFrom('rsvp_answers')
    .selectAll()
    .where(
      'invitation_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...toInvitation(r, answers.filter((a) => a.invitation_id === r.id).map(toHistory)),
    activityId: r.activity_id,
    withdrawn: r.withdrawn_at !== null,
  }));
}

export function invitationRepository(db: Kysely<Database>) {
  return {
    /** Invitations of a conference (withdrawn ones included, marked), in invitee order. */
    async listForConference(conferenceId: string, trx: Db = db): Promise<InvitationRecord[]> {
      const rows = await trx
        .selectFrom('invitations')
        .innerJoin('invitees', 'invitees.id', 'invitations.invitee_id')
        .selectAll('invitations')
        .where('invitations.conference_id', '=', conferenceId)
        .orderBy('invitees.position')
        .execute();
      return load(trx, rows);
    },

    async get(invitationId: string, trx: Db = db): Promise<InvitationRecord | undefined> {
      const row = await trx
        .selectFrom('invitations')
        .selectAll()
        .where('id', '=', invitationId)
        .executeTakeFirst();
      return row ? (await load(trx, [row]))[0] : undefined;
    },

    /** Creates one invitation per invitee who has none yet; returns the new ones. */
    async createFor(
      trx: Db,
      conferenceId: string,
      invitees: readonly Invitee[],
      now: Date,
    ): Promise<InvitationRecord[]> {
      const existing = new Set(
        (
          await trx
            .selectFrom('invitations')
            .select('invitee_id')
            .where('conference_id', '=', conferenceId)
            .execute()
        ).map((r) => r.invitee_id),
      );
      const fresh = invitees.filter((i) => !existing.has(i.id));
      if (fresh.length === 0) return [];
      const rows = await trx
        .insertInto('invitations')
        .values(
          fresh.map((i) => ({
            id: randomUUID(),
            conference_id: conferenceId,
            invitee_id: i.id,
            // In the council's tenant (an Entra id is known): a card in Teams; otherwise email.
            channel: i.aadObjectId ? ('teams' as const) : ('email' as const),
            created_at: now,
            updated_at: now,
          })),
        )
        .returningAll()
        .execute();
      return load(trx, rows);
    },

    /**
     * Stores the outcome of recordAnswer: the invitation's new state (only if nobody changed it since
     * `expectedVersion`) and the history entry. Throws VersionConflictError on a lost race.
     */
    async saveAnswer(
      trx: Db,
      next: Invitation,
      entry: AnswerHistoryEntry,
      expectedVersion: number,
      now: Date,
    ): Promise<void> {
      const updated = await trx
        .updateTable('invitations')
        .set({
          answer: next.answer,
          deputy_name: next.deputy?.name ?? null,
          deputy_email: next.deputy?.email ?? null,
          answered_at: next.answeredAt,
          version: next.version,
          updated_at: now,
        })
        .where('id', '=', next.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new VersionConflictError('invitation', next.id, expectedVersion, -1);
      await trx
        .insertInto('rsvp_answers')
        .values({
          id: randomUUID(),
          invitation_id: next.id,
          answer: entry.answer,
          deputy_name: entry.deputy?.name ?? null,
          deputy_email: entry.deputy?.email ?? null,
          answered_by: entry.actor.id,
          actor_kind: entry.actor.kind,
          channel: entry.via,
          at: entry.answeredAt,
          recorded_at: entry.recordedAt,
          applied: entry.applied,
          idempotency_key: entry.idempotencyKey,
        })
        .execute();
    },

    /** Adds a deputy as an invitee of the same agency, sent in `original`'s place; returns the new invitee. */
    async addDeputy(
      trx: Db,
      original: Invitee,
      conferenceId: string,
      deputy: { name: string; email: string },
    ): Promise<Invitee> {
      const existing = await trx
        .selectFrom('invitees')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .where('email', '=', deputy.email)
        .executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('invitations')
          .set({ withdrawn_at: null })
          .where('invitee_id', '=', existing.id)
          .execute();
        return {
          ...original,
          id: existing.id,
          name: existing.name,
          email: existing.email,
          aadObjectId: undefined,
          deputyFor: original.id,
        };
      }
      const last = await trx
        .selectFrom('invitees')
        .select((e) => e.fn.max('position').as('p'))
        .where('conference_id', '=', conferenceId)
        .executeTakeFirst();
      const id = randomUUID();
      const role = `${original.role} (in place of ${original.name})`.slice(0, 80);
      await trx
        .insertInto('invitees')
        .values({
          id,
          conference_id: conferenceId,
          position: Number(last?.p ?? 0) + 1,
          name: deputy.name,
          email: deputy.email,
          role,
          agency: original.agency,
          agency_kind: original.agencyKind,
          direct_contact: original.directContact,
          aad_object_id: null,
          deputy_for: original.id,
        })
        .execute();
      return {
        ...original,
        id,
        name: deputy.name,
        email: deputy.email,
        role,
        aadObjectId: undefined,
        deputyFor: original.id,
      };
    },

    /** A deputy no longer needed: their invitation is withdrawn (kept, marked). */
    async withdrawDeputy(trx: Db, conferenceId: string, deputyEmail: string, now: Date): Promise<void> {
      const invitee = await trx
        .selectFrom('invitees')
        .select('id')
        .where('conference_id', '=', conferenceId)
        .where('email', '=', deputyEmail)
        .where('deputy_for', 'is not', null)
        .executeTakeFirst();
      if (invitee)
        await trx
          .updateTable('invitations')
          .set({ withdrawn_at: now })
          .where('invitee_id', '=', invitee.id)
          .execute();
    },

    async setActivityId(invitationId: string, activityId: string): Promise<void> {
      await db
        .updateTable('invitations')
        .set({ activity_id: activityId })
        .where('id', '=', invitationId)
        .execute();
    },
  };
}

export type InvitationRepository = ReturnType<typeof invitationRepository>;
