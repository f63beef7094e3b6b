import { sql } from 'kysely';
import { FixedClock } from '../../bot/domain/clock.js';
import type { ProgressUpdate } from '../../bot/domain/core-group/index.js';
import type { CoreGroupStore } from '../../bot/domain/ports.js';
import { conferenceRepository } from '../../bot/store/conference-repository.js';
import { coreGroupRepository } from '../../bot/store/core-group-repository.js';
import type { Store } from '../../bot/store/database.js';
import { retentionRepository } from '../../bot/store/retention-repository.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

const NOW = new Date('2026-03-06T09:00:00Z');
const SLOTS = [
  {
    start: '2026-03-10T10:00:00+00:00',
    end: '2026-03-10T11:00:00+00:00',
    label: 'Tue 10 Mar 2026, 10:00 to 11:00',
  },
  {
    start: '2026-03-11T14:00:00+00:00',
    end: '2026-03-11T15:00:00+00:00',
    label: 'Wed 11 Mar 2026, 14:00 to 15:00',
  },
];

describe.each(engines)('core group meetings and progress on %s', (engine) => {
  let store: Store;
  let groups: CoreGroupStore;
  let conferenceId: string;

  beforeAll(async () => {
    store = await freshStore(engine);
    groups = coreGroupRepository(store.db);
    const conferences = conferenceRepository(store.db, { clock: new FixedClock(NOW) });
    conferenceId = (await conferences.createConference(sampleRequest(), NOW)).id;
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  const update = (meetingId: string, n: number, status: ProgressUpdate['status']): ProgressUpdate => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    conferenceId,
    meetingId,
    actionId: 'action-1',
    status,
    comment: `Update ${n}: “quoted” <as typed> & 🙂`,
    byPerson: 'lead-social-worker',
    byAad: '00000000-0000-4000-8000-000000000abc',
    at: `2026-03-0${n}T10:00:00.000Z`,
  });

  test('a meeting is proposed with its messages, numbered, and only one is arranged at a time', async () => {
    const meeting = await groups.propose({
      conferenceId,
      dueOn: '2026-03-19',
      durationMinutes: 60,
      offeredSlots: SLOTS,
      messagesFor: (id) => [
        {
          kind: 'core-group-slots',
          payload: { meetingId: id, personId: 'lead-social-worker' },
          dedupeKey: `s:${id}`,
        },
      ],
      now: NOW,
    });
    expect(meeting).toMatchObject({
      number: 1,
      status: 'proposed',
      dueOn: '2026-03-19',
      offeredSlots: SLOTS,
      answers: [],
    });
    const queued = await sql<{
      kind: string;
    }>`select kind from outbox where dedupe_key = ${`s:${meeting.id}`}`.execute(store.db);
    expect(queued.rows).toEqual([{ kind: 'core-group-slots' }]);
    await expect(
      groups.propose({
        conferenceId,
        dueOn: '2026-03-19',
        durationMinutes: 60,
        offeredSlots: SLOTS,
        messagesFor: () => [],
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  test('answers are kept per person, a second answer replaces the first; scheduling happens once', async () => {
    const [meeting] = await groups.meetings(conferenceId);
    const id = meeting!.id;
    await groups.answerSlots(id, 'lead-social-worker', [SLOTS[0]!.start], NOW);
    await groups.answerSlots(id, 'invitee-1', [], NOW);
    await groups.answerSlots(id, 'invitee-1', [SLOTS[0]!.start, SLOTS[1]!.start], NOW);
    expect((await groups.getMeeting(id))?.answers.map((a) => [a.personId, a.canCome.length])).toEqual([
      ['lead-social-worker', 1],
      ['invitee-1', 2],
    ]);
    expect(await groups.schedule(id, SLOTS[0]!.start, [], NOW)).toBe(true);
    expect(await groups.schedule(id, SLOTS[1]!.start, [], NOW)).toBe(false);
    const scheduled = await groups.getMeeting(id);
    expect(scheduled).toMatchObject({ status: 'scheduled', startsAt: '2026-03-10T10:00:00.000Z' });
    expect(await groups.markHeld(id, new Date('2026-03-10T11:00:00Z'))).toBe(true);
    expect(await groups.markHeld(id, new Date('2026-03-10T11:00:00Z'))).toBe(false);
    expect(await groups.activeConferenceIds()).toContain(conferenceId);
  });

  test('a meeting not yet held is cancelled once, with its reason and message; a held one never', async () => {
    const [held] = await groups.meetings(conferenceId);
    expect(await groups.cancel(held!.id, 'Too late', [], NOW)).toBe(false);
    const next = await groups.propose({
      conferenceId,
      dueOn: '2026-04-21',
      durationMinutes: 60,
      offeredSlots: SLOTS,
      messagesFor: () => [],
      now: NOW,
    });
    const reason = 'Hana Healthvisitor (fictional) is unwell <today> & 🙂';
    const message = {
      kind: 'core-group-cancelled' as const,
      payload: { meetingId: next.id },
      dedupeKey: `c:${next.id}`,
    };
    expect(await groups.cancel(next.id, reason, [message], NOW)).toBe(true);
    expect(await groups.cancel(next.id, 'Again', [message], NOW)).toBe(false);
    expect(await groups.getMeeting(next.id)).toMatchObject({
      number: 2,
      status: 'cancelled',
      cancelledReason: reason,
      cancelledAt: NOW.toISOString(),
    });
    const queued = await sql<{
      kind: string;
    }>`select kind from outbox where dedupe_key = ${`c:${next.id}`}`.execute(store.db);
    expect(queued.rows).toEqual([{ kind: 'core-group-cancelled' }]);
    // A reason longer than the API allows is refused by the database too.
    const third = await groups.propose({
      conferenceId,
      dueOn: '2026-04-21',
      durationMinutes: 60,
      offeredSlots: SLOTS,
      messagesFor: () => [],
      now: NOW,
    });
    await expect(groups.cancel(third.id, 'x'.repeat(501), [], NOW)).rejects.toThrow();
    expect(await groups.getMeeting(third.id)).toMatchObject({ status: 'proposed' });
  });

  test('progress updates come back whole, oldest first; the database refuses to change or delete them', async () => {
    const [meeting] = await groups.meetings(conferenceId);
    await groups.addUpdates([update(meeting!.id, 2, 'at-risk'), update(meeting!.id, 1, 'on-track')]);
    const stored = await groups.updates(conferenceId);
    expect(stored.map((u) => u.status)).toEqual(['on-track', 'at-risk']);
    expect(stored[0]).toEqual(update(meeting!.id, 1, 'on-track'));
    await expect(
      sql`update core_group_progress_updates set status = 'done' where conference_id = ${conferenceId}`.execute(
        store.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from core_group_progress_updates where conference_id = ${conferenceId}`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    // Deleting the meeting would take its updates with it: refused too.
    await expect(
      sql`delete from core_group_meetings where id = ${meeting!.id}`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    expect(await groups.updates(conferenceId)).toHaveLength(2);
  });

  test('a comment over 1000 characters is refused by the database too', async () => {
    const [meeting] = await groups.meetings(conferenceId);
    const long = { ...update(meeting!.id, 3, 'done'), comment: 'x'.repeat(1001) };
    await expect(groups.addUpdates([long])).rejects.toThrow();
  });

  test('the retention purge removes a finished conference with its core group', async () => {
    await sql`update conferences set status = 'closed', updated_at = '2019-01-01T00:00:00Z' where id = ${conferenceId}`.execute(
      store.db,
    );
    const purged = await retentionRepository(store.db).purgeConferencesBefore(
      new Date('2020-01-01T00:00:00Z'),
      {
        actor: 'retention-job',
        actorRole: 'job',
        correlationId: 'test',
      },
    );
    expect(purged).toEqual([conferenceId]);
    expect(await groups.updates(conferenceId)).toEqual([]);
    expect(await groups.meetings(conferenceId)).toEqual([]);
  });
});
