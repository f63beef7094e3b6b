/** Core group meetings, members' answers to offered times, and the append-only progress updates. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CoreGroupMeeting, ProgressUpdate } from '../domain/core-group/model.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { CoreGroupStore } from '../domain/ports.js';
import { outboxRepository } from './outbox-repository.js';
import type { CoreGroupMeetingsTable, CoreGroupSlotAnswersTable, Database } from './schema.js';

const toMeeting = (
  r: Selectable<CoreGroupMeetingsTable>,
  answers: Selectable<CoreGroupSlotAnswersTable>[],
): CoreGroupMeeting => ({
  id: r.id,
  conferenceId: r.conference_id,
  number: r.number,
  status: r.status,
  ...(r.starts_at ? { startsAt: new Date(r.starts_at).toISOString() } : {}),
  durationMinutes: r.duration_minutes,
  dueOn: r.due_on,
  offeredSlots: r.offered_slots,
  answers: answers
    .filter((a) => a.meeting_id === r.id)
    .map((a) => ({ personId: a.person_id, canCome: a.can_come, at: new Date(a.at).toISOString() })),
  ...(r.calendar_event_id ? { calendarEventId: r.calendar_event_id } : {}),
  ...(r.held_at ? { heldAt: new Date(r.held_at).toISOString() } : {}),
  ...(r.cancelled_at ? { cancelledAt: new Date(r.cancelled_at).toISOString() } : {}),
  ...(r.cancelled_reason ? { cancelledReason: r.cancelled_reason } : {}),
});

export function coreGroupRepository(db: Kysely<Database>): CoreGroupStore {
  const outbox = outboxRepository(db);

  const load = async (trx: Kysely<Database>, where: { conferenceId?: string; meetingId?: string }) => {
    let q = trx.selectFrom('core_group_meetings').selectAll();
    if (where.conferenceId) q = q.where('conference_id', '=', where.conferenceId);
    if (where.meetingId) q = q.where('id', '=', where.meetingId);
    const rows = await q.orderBy('number').execute();
    if (rows.length === 0) return [];
    const answers = await trx
      .selectFrom('core_group_slot_answers')
      .selectAll()
      .where(
        'meeting_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('at')
      .execute();
    return rows.map((r) => toMeeting(r, answers));
  };

  return {
    meetings: (conferenceId) => load(db, { conferenceId }),
    getMeeting: async (meetingId) => (await load(db, { meetingId }))[0],

    propose: ({ conferenceId, dueOn, durationMinutes, offeredSlots, messagesFor, now }) =>
      db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('core_group_meetings')
          .select(['number', 'status'])
          .where('conference_id', '=', conferenceId)
          .orderBy('number')
          .forUpdate()
          .execute();
        if (existing.some((m) => m.status === 'proposed' || m.status === 'scheduled'))
          throw new DomainError(
            ErrorCodes.ILLEGAL_TRANSITION,
            'The next core group meeting is already being arranged. Mark it held or wait for answers first.',
          );
        const id = randomUUID();
        await trx
          .insertInto('core_group_meetings')
          .values({
            id,
            conference_id: conferenceId,
            number: (existing.at(-1)?.number ?? 0) + 1,
            status: 'proposed',
            starts_at: null,
            duration_minutes: durationMinutes,
            due_on: dueOn,
            offered_slots: JSON.stringify(offeredSlots),
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const m of messagesFor(id)) await outbox.enqueue(trx, m, now);
        const [meeting] = await load(trx, { meetingId: id });
        return meeting as CoreGroupMeeting;
      }),

    answerSlots: async (meetingId, personId, canCome, at) => {
      await db
        .insertInto('core_group_slot_answers')
        .values({ meeting_id: meetingId, person_id: personId, can_come: JSON.stringify(canCome), at })
        .onConflict((oc) =>
          oc.columns(['meeting_id', 'person_id']).doUpdateSet({ can_come: JSON.stringify(canCome), at }),
        )
        .execute();
    },

    schedule: (meetingId, startsAt, messages, now) =>
      db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('core_group_meetings')
          .set({ status: 'scheduled', starts_at: startsAt, updated_at: now })
          .where('id', '=', meetingId)
          .where('status', '=', 'proposed')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        for (const m of messages) await outbox.enqueue(trx, m, now);
        return true;
      }),

    setCalendarEventId: async (meetingId, eventId) => {
      await db
        .updateTable('core_group_meetings')
        .set({ calendar_event_id: eventId })
        .where('id', '=', meetingId)
        .execute();
    },

    cancel: (meetingId, reason, messages, now) =>
      db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('core_group_meetings')
          .set({ status: 'cancelled', cancelled_at: now, cancelled_reason: reason, updated_at: now })
          .where('id', '=', meetingId)
          .where('status', 'in', ['proposed', 'scheduled'])
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        for (const m of messages) await outbox.enqueue(trx, m, now);
        return true;
      }),

    markHeld: async (meetingId, heldAt) => {
      const result = await db
        .updateTable('core_group_meetings')
        .set({ status: 'held', held_at: heldAt, updated_at: heldAt })
        .where('id', '=', meetingId)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    addUpdates: async (updates) => {
      if (updates.length === 0) return;
      await db
        .insertInto('core_group_progress_updates')
        .values(
          updates.map((u) => ({
            id: u.id,
            conference_id: u.conferenceId,
            meeting_id: u.meetingId,
            action_id: u.actionId,
            status: u.status,
            comment: u.comment,
            by_person: u.byPerson,
            by_aad: u.byAad ?? null,
            at: u.at,
          })),
        )
        .execute();
    },

    updates: async (conferenceId) => {
      const rows = await db
        .selectFrom('core_group_progress_updates')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((r): ProgressUpdate => ({
        id: r.id,
        conferenceId: r.conference_id,
        meetingId: r.meeting_id,
        actionId: r.action_id,
        status: r.status,
        comment: r.comment,
        byPerson: r.by_person,
        ...(r.by_aad ? { byAad: r.by_aad } : {}),
        at: new Date(r.at).toISOString(),
      }));
    },

    activeConferenceIds: async () => {
      const rows = await db
        .selectFrom('core_group_meetings')
        .select('conference_id')
        .distinct()
        .where('status', '!=', 'cancelled')
        .execute();
      return rows.map((r) => r.conference_id);
    },
  };
}
