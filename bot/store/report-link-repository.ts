/** The ReportLinkStore port over Kysely: report links and the email that carries each one. */
import type { Kysely, Selectable } from 'kysely';
import type { ReportLinkStore } from '../domain/ports.js';
import type { ReportLink } from '../domain/report-links.js';
import { outboxRepository } from './outbox-repository.js';
import type { Database, ReportLinksTable } from './schema.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const toLink = (r: Selectable<ReportLinksTable>): ReportLink => ({
  id: r.id,
  conferenceId: r.conference_id,
  purpose: r.purpose,
  inviteeId: r.invitee_id,
  familyMemberId: r.family_member_id,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  revokedAt: iso(r.revoked_at),
  revokedBy: r.revoked_by,
  lastUsedAt: iso(r.last_used_at),
});

export function reportLinkRepository(db: Kysely<Database>): ReportLinkStore {
  const outbox = outboxRepository(db);
  return {
    create: (link, mail, now) =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('report_links')
          .values({
            id: link.id,
            conference_id: link.conferenceId,
            invitee_id: link.inviteeId,
            family_member_id: link.familyMemberId,
            purpose: link.purpose,
            created_by: link.createdBy,
            created_at: link.createdAt,
            expires_at: link.expiresAt,
          })
          .execute();
        await outbox.enqueue(trx, mail, now);
        return toLink(
          await trx
            .selectFrom('report_links')
            .selectAll()
            .where('id', '=', link.id)
            .executeTakeFirstOrThrow(),
        );
      }),

    get: async (linkId) => {
      const row = await db.selectFrom('report_links').selectAll().where('id', '=', linkId).executeTakeFirst();
      return row && toLink(row);
    },

    list: async (conferenceId) =>
      (
        await db
          .selectFrom('report_links')
          .selectAll()
          .where('conference_id', '=', conferenceId)
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .execute()
      ).map(toLink),

    revoke: (linkId, by, at) =>
      db.transaction().execute(async (trx) => {
        // Only the first revocation counts: who revoked it and when stay as they were.
        await trx
          .updateTable('report_links')
          .set({ revoked_at: at, revoked_by: by })
          .where('id', '=', linkId)
          .where('revoked_at', 'is', null)
          .execute();
        const row = await trx
          .selectFrom('report_links')
          .selectAll()
          .where('id', '=', linkId)
          .executeTakeFirst();
        return row && toLink(row);
      }),

    touch: async (linkId, at) => {
      await db.updateTable('report_links').set({ last_used_at: at }).where('id', '=', linkId).execute();
    },
  };
}
