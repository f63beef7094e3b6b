/**
 * After-conference storage on both engines: an approval is stored with its messages and tasks in one
 * transaction, a second approval is refused without queuing anything, an overdue task is escalated
 * exactly once, and everything goes with its conference.
 */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../bot/domain/clock.js';
import { afterConferenceRepository } from '../../bot/store/after-conference-repository.js';
import type { AfterConferenceRepository } from '../../bot/store/after-conference-repository.js';
import { conferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { outboxRepository } from '../../bot/store/outbox-repository.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

const at = new Date('2026-03-05T14:00:00Z');

describe.each(engines)('after the conference on %s', (engine) => {
  let store: Store;
  let after: AfterConferenceRepository;
  let conferenceId: string;

  beforeAll(async () => {
    store = await freshStore(engine);
    after = afterConferenceRepository(store.db);
    const conferences = conferenceRepository(store.db, { clock: new FixedClock(at) });
    conferenceId = (await conferences.createConference(sampleRequest(), at)).id;
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  const pendingKinds = async () => (await outboxRepository(store.db).pending()).map((m) => m.kind).sort();

  test('the letter approval, its tasks and its messages are stored together; approving again sends nothing', async () => {
    const task = {
      id: randomUUID(),
      conferenceId,
      kind: 'tell-absent-parent' as const,
      personId: 'dad-id',
      dueAt: '2026-03-06T10:00:00.000Z',
      createdAt: at.toISOString(),
    };
    const approval = {
      conferenceId,
      approvedBy: 'chair-aad',
      approvedAt: at.toISOString(),
      withheld: [{ personId: 'nan-id', reason: 'Agreed at conference (fictional)' }],
      sentTo: ['chair', 'mum-id'],
      byHand: [],
    };
    const messages = (tasks: readonly { id: string }[]) => [
      ...approval.sentTo.map((personId) => ({
        kind: 'decision-letter' as const,
        payload: { conferenceId, personId },
        dedupeKey: `decision-letter:${conferenceId}:${personId}`,
      })),
      ...tasks.map((t) => ({
        kind: 'follow-up-task' as const,
        payload: { conferenceId, taskId: t.id },
        dedupeKey: `follow-up-task:${t.id}`,
      })),
    ];
    await after.approveLetter(approval, [task], messages, at);
    expect(await after.letter(conferenceId)).toEqual(approval);
    expect(await after.tasks(conferenceId)).toEqual([
      expect.objectContaining({ id: task.id, kind: 'tell-absent-parent', doneAt: null, escalatedAt: null }),
    ]);
    expect(await pendingKinds()).toEqual(['decision-letter', 'decision-letter', 'follow-up-task']);

    await expect(
      after.approveLetter(
        { ...approval, sentTo: ['someone-else'] },
        [{ ...task, id: randomUUID() }],
        messages,
        at,
      ),
    ).rejects.toMatchObject({ code: 'ALREADY_APPROVED' });
    expect(await after.letter(conferenceId)).toEqual(approval);
    expect(await after.tasks(conferenceId)).toHaveLength(1);
    expect(await pendingKinds()).toEqual(['decision-letter', 'decision-letter', 'follow-up-task']);
  });

  test('an overdue task is escalated once; a done task never', async () => {
    const [task] = await after.tasks(conferenceId);
    const message = (t: { id: string; conferenceId: string }) => ({
      kind: 'follow-up-overdue' as const,
      payload: { conferenceId: t.conferenceId, taskId: t.id },
      dedupeKey: `follow-up-overdue:${t.id}`,
    });
    expect(await after.escalateOverdue(new Date('2026-03-06T09:59:00Z'), message)).toEqual([]);
    const first = await after.escalateOverdue(new Date('2026-03-06T10:01:00Z'), message);
    expect(first.map((t) => t.id)).toEqual([task!.id]);
    expect(await after.escalateOverdue(new Date('2026-03-07T10:01:00Z'), message)).toEqual([]);
    const done = await after.completeTask(
      task!.id,
      'sw-aad',
      new Date('2026-03-07T11:00:00Z'),
      'Told by phone',
    );
    expect(done).toMatchObject({ doneBy: 'sw-aad', note: 'Told by phone' });
    // Done twice keeps the first.
    await after.completeTask(task!.id, 'someone', new Date('2026-03-08T11:00:00Z'), 'Again');
    expect(await after.task(task!.id)).toMatchObject({ doneBy: 'sw-aad', note: 'Told by phone' });
  });

  test('minutes and a plan ending are approved or recorded once', async () => {
    const minutes = {
      conferenceId,
      approvedBy: 'chair-aad',
      approvedAt: at.toISOString(),
      confirmed: ['g1'],
      sentTo: ['chair'],
    };
    await after.approveMinutes(minutes, [], at);
    await expect(after.approveMinutes(minutes, [], at)).rejects.toMatchObject({ code: 'ALREADY_APPROVED' });
    expect(await after.minutes(conferenceId)).toEqual(minutes);
    const ending = {
      conferenceId,
      reason: 'turned-18',
      endedOn: '2026-04-01',
      note: '',
      recordedBy: 'chair-aad',
      recordedAt: at.toISOString(),
    };
    await after.endPlan(ending, [], at);
    await expect(after.endPlan(ending, [], at)).rejects.toMatchObject({ code: 'PLAN_NOT_ACTIVE' });
    expect(await after.planEnding(conferenceId)).toEqual(ending);
  });

  test('everything after the conference goes with the conference', async () => {
    await store.db.deleteFrom('outbox').execute();
    await store.db.deleteFrom('conferences').where('id', '=', conferenceId).execute();
    expect(await after.letter(conferenceId)).toBeUndefined();
    expect(await after.tasks(conferenceId)).toEqual([]);
    expect(await after.minutes(conferenceId)).toBeUndefined();
    expect(await after.planEnding(conferenceId)).toBeUndefined();
  });
});
