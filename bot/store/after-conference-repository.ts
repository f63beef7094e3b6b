/**
 * What happened after the conference, each approval stored with its outbox messages and follow-up tasks
 * in one transaction: a letter is never recorded as approved without its emails queued, and approving
 * twice is refused rather than sending twice.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { OutboxMessage } from '../domain/ports.js';
import { outboxRepository } from './outbox-repository.js';
import type { Database, FollowUpTasksTable } from './schema.js';

export const FollowUpKinds = ['tell-absent-parent', 'deliver-letter'] as const;
export type FollowUpKind = (typeof FollowUpKinds)[number];

export interface FollowUpTask {
  id: string;
  conferenceId: string;
  kind: FollowUpKind;
  /** The family member it is about. */
  personId: string;
  dueAt: string;
  createdAt: string;
  doneAt: string | null;
  doneBy: string | null;
  note: string | null;
  escalatedAt: string | null;
}

export interface LetterApproval {
  conferenceId: string;
  approvedBy: string;
  approvedAt: string;
  withheld: { personId: string; reason: string }[];
  sentTo: string[];
  byHand: string[];
}

export interface MinutesApproval {
  conferenceId: string;
  approvedBy: string;
  approvedAt: string;
  confirmed: string[];
  sentTo: string[];
}

export interface PlanEnding {
  conferenceId: string;
  reason: string;
  endedOn: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

/** Outbox messages these approvals queue: ids only, content rendered at send time. */
export type AfterConferenceMessage = Extract<
  OutboxMessage,
  {
    kind:
      | 'decision-letter'
      | 'minutes'
      | 'plan-ended'
      | 'follow-up-task'
      | 'follow-up-overdue'
      | 'minutes-overdue';
  }
>;

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

const toTask = (r: Selectable<FollowUpTasksTable>): FollowUpTask => ({
  id: r.id,
  conferenceId: r.conference_id,
  kind: r.kind as FollowUpKind,
  personId: r.person_id,
  dueAt: new Date(r.due_at).toISOString(),
  createdAt: new Date(r.created_at).toISOString(),
  doneAt: iso(r.done_at),
  doneBy: r.done_by,
  note: r.note,
  escalatedAt: iso(r.escalated_at),
});

const already = (what: string) =>
  new DomainError(ErrorCodes.ALREADY_APPROVED, `The ${what} has already been approved and sent.`);

export function afterConferenceRepository(db: Kysely<Database>) {
  const outbox = outboxRepository(db);
  type Trx = Parameters<Parameters<ReturnType<typeof db.transaction>['execute']>[0]>[0];
  const enqueueAll = async (trx: Trx, messages: readonly AfterConferenceMessage[], now: Date) => {
    for (const m of messages) await outbox.enqueue(trx, m, now);
  };

  return {
    async letter(conferenceId: string): Promise<LetterApproval | undefined> {
      const r = await db
        .selectFrom('decision_letters')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .executeTakeFirst();
      return (
        r && {
          conferenceId: r.conference_id,
          approvedBy: r.approved_by,
          approvedAt: new Date(r.approved_at).toISOString(),
          withheld: r.withheld,
          sentTo: r.sent_to,
          byHand: r.by_hand,
        }
      );
    },

    /** Stores the approval, its tasks and its messages; refuses a second approval. */
    async approveLetter(
      approval: LetterApproval,
      tasks: readonly Omit<FollowUpTask, 'doneAt' | 'doneBy' | 'note' | 'escalatedAt'>[],
      messages: (tasks: readonly { id: string }[]) => AfterConferenceMessage[],
      now: Date,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('decision_letters')
          .values({
            conference_id: approval.conferenceId,
            approved_by: approval.approvedBy,
            approved_at: approval.approvedAt,
            withheld: JSON.stringify(approval.withheld),
            sent_to: JSON.stringify(approval.sentTo),
            by_hand: JSON.stringify(approval.byHand),
          })
          .onConflict((oc) => oc.column('conference_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw already('decision letter');
        for (const t of tasks)
          await trx
            .insertInto('follow_up_tasks')
            .values({
              id: t.id,
              conference_id: t.conferenceId,
              kind: t.kind,
              person_id: t.personId,
              due_at: t.dueAt,
              created_at: t.createdAt,
            })
            .onConflict((oc) => oc.columns(['conference_id', 'kind', 'person_id']).doNothing())
            .execute();
        await enqueueAll(trx, messages(tasks), now);
      });
    },

    async minutes(conferenceId: string): Promise<MinutesApproval | undefined> {
      const r = await db
        .selectFrom('minutes_approvals')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .executeTakeFirst();
      return (
        r && {
          conferenceId: r.conference_id,
          approvedBy: r.approved_by,
          approvedAt: new Date(r.approved_at).toISOString(),
          confirmed: r.confirmed,
          sentTo: r.sent_to,
        }
      );
    },

    async approveMinutes(
      approval: MinutesApproval,
      messages: readonly AfterConferenceMessage[],
      now: Date,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('minutes_approvals')
          .values({
            conference_id: approval.conferenceId,
            approved_by: approval.approvedBy,
            approved_at: approval.approvedAt,
            confirmed: JSON.stringify(approval.confirmed),
            sent_to: JSON.stringify(approval.sentTo),
          })
          .onConflict((oc) => oc.column('conference_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw already('record of the conference');
        await enqueueAll(trx, messages, now);
      });
    },

    /** Oldest due first. */
    async tasks(conferenceId: string): Promise<FollowUpTask[]> {
      const rows = await db
        .selectFrom('follow_up_tasks')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .orderBy('due_at')
        .orderBy('id')
        .execute();
      return rows.map(toTask);
    },

    async task(id: string): Promise<FollowUpTask | undefined> {
      const r = await db.selectFrom('follow_up_tasks').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toTask(r);
    },

    /** Marks the task done once; a second "done" keeps the first. */
    async completeTask(id: string, by: string, at: Date, note: string): Promise<FollowUpTask | undefined> {
      await db
        .updateTable('follow_up_tasks')
        .set({ done_at: at, done_by: by, note })
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .execute();
      return this.task(id);
    },

    /** Overdue, not done and not yet escalated: each is escalated once, with its message queued. */
    async escalateOverdue(
      now: Date,
      message: (task: FollowUpTask) => AfterConferenceMessage,
    ): Promise<FollowUpTask[]> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .updateTable('follow_up_tasks')
          .set({ escalated_at: now })
          .where('done_at', 'is', null)
          .where('escalated_at', 'is', null)
          .where('due_at', '<', now)
          .returningAll()
          .execute();
        const tasks = rows.map(toTask);
        await enqueueAll(trx, tasks.map(message), now);
        return tasks;
      });
    },

    async planEnding(conferenceId: string): Promise<PlanEnding | undefined> {
      const r = await db
        .selectFrom('plan_endings')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .executeTakeFirst();
      return (
        r && {
          conferenceId: r.conference_id,
          reason: r.reason,
          endedOn: r.ended_on,
          note: r.note,
          recordedBy: r.recorded_by,
          recordedAt: new Date(r.recorded_at).toISOString(),
        }
      );
    },

    async endPlan(ending: PlanEnding, messages: readonly AfterConferenceMessage[], now: Date): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('plan_endings')
          .values({
            conference_id: ending.conferenceId,
            reason: ending.reason,
            ended_on: ending.endedOn,
            note: ending.note,
            recorded_by: ending.recordedBy,
            recorded_at: ending.recordedAt,
          })
          .onConflict((oc) => oc.column('conference_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
          throw new DomainError(ErrorCodes.PLAN_NOT_ACTIVE, 'This plan has already ended.');
        await enqueueAll(trx, messages, now);
      });
    },

    /** Enqueues messages outside an approval (the minutes-overdue chaser); true for each one added. */
    async enqueue(messages: readonly AfterConferenceMessage[], now: Date): Promise<number> {
      let added = 0;
      for (const m of messages) if (await outbox.enqueue(db, m, now)) added += 1;
      return added;
    },
  };
}

export type AfterConferenceRepository = ReturnType<typeof afterConferenceRepository>;
