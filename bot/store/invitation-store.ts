/** The InvitationStore port over Kysely: each operation is one transaction across the tables it touches. */
import type { Kysely } from 'kysely';
import type { InvitationStore, OutboxMessage } from '../domain/ports.js';
import type { ConferenceRepository } from './conference-repository.js';
import { loadConference } from './conference-reads.js';
import { invitationRepository } from './invitation-repository.js';
import { outboxRepository } from './outbox-repository.js';
import type { Database } from './schema.js';

export function invitationStore(db: Kysely<Database>, conferences: ConferenceRepository): InvitationStore {
  const invitations = invitationRepository(db);
  const outbox = outboxRepository(db);
  const enqueueAll = async (trx: Kysely<Database>, messages: OutboxMessage[], now: Date) => {
    let added = 0;
    for (const m of messages) if (await outbox.enqueue(trx, m, now)) added += 1;
    return added;
  };

  return {
    list: (conferenceId) => invitations.listForConference(conferenceId),
    get: (invitationId) => invitations.get(invitationId),
    setActivityId: (invitationId, activityId) => invitations.setActivityId(invitationId, activityId),
    pendingDeliveries: async (conferenceId) =>
      (await outbox.pendingForConference(conferenceId)).map((o) => ({
        kind: o.kind,
        attempts: o.attempts,
        lastError: o.lastError,
      })),
    enqueue: (messages, now) => db.transaction().execute((trx) => enqueueAll(trx, messages, now)),

    open: ({ conferenceId, expectedVersion, statusChange, messagesFor, now }) =>
      db.transaction().execute(async (trx) => {
        // Reads stay inside this transaction: PGlite has one connection, so a second one would wait forever.
        const conference = statusChange
          ? await conferences.updateStatus(conferenceId, statusChange, expectedVersion, trx)
          : await loadConference(trx, 'id', conferenceId);
        if (!conference) return [];
        const active = conference.invitees;
        const created = await invitations.createFor(trx, conferenceId, active, now);
        await enqueueAll(trx, created.flatMap(messagesFor), now);
        return created;
      }),

    saveAnswer: ({ conference, result, expectedVersion, messagesFor, now }) =>
      db.transaction().execute(async (trx) => {
        if (!result.historyEntry) return;
        await invitations.saveAnswer(trx, result.invitation, result.historyEntry, expectedVersion, now);
        const original = conference.invitees.find((i) => i.id === result.invitation.inviteeId);
        for (const effect of result.effects) {
          if (effect.kind === 'withdraw-deputy')
            await invitations.withdrawDeputy(trx, conference.id, effect.email, now);
          if (effect.kind === 'invite-deputy' && original) {
            const deputy = await invitations.addDeputy(trx, original, conference.id, effect);
            const created = await invitations.createFor(trx, conference.id, [deputy], now);
            await enqueueAll(trx, created.flatMap(messagesFor), now);
          }
        }
      }),
  };
}
