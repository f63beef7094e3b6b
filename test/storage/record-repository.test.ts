import { sql } from 'kysely';
import { FixedClock } from '../../bot/domain/clock.js';
import type { RecordEvent } from '../../bot/domain/conference-record/index.js';
import { conferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { isVersionConflict } from '../../bot/store/errors.js';
import { recordRepository } from '../../bot/store/record-repository.js';
import type { RecordRepository } from '../../bot/store/record-repository.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

const event = (version: number, text = `Item ${version}`): RecordEvent => ({
  version,
  actor: '00000000-0000-4000-8000-000000000001',
  at: `2026-03-05T10:${String(version).padStart(2, '0')}:00.000Z`,
  type: 'grid.add',
  data: { column: 'worries', text, id: `g${version}` },
});

describe.each(engines)('conference record events on %s', (engine) => {
  let store: Store;
  let records: RecordRepository;
  let conferenceId: string;

  beforeAll(async () => {
    store = await freshStore(engine);
    records = recordRepository(store.db);
    const conferences = conferenceRepository(store.db, {
      clock: new FixedClock(new Date('2026-03-01T09:00:00Z')),
    });
    conferenceId = (await conferences.createConference(sampleRequest(), new Date('2026-03-01T09:00:00Z'))).id;
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  test('events come back in order, whole, with text as typed', async () => {
    await records.append(conferenceId, event(1, 'Pip’s “bedtime” <routine> & 🙂'));
    await records.append(conferenceId, event(2));
    expect(await records.events(conferenceId)).toEqual([
      event(1, 'Pip’s “bedtime” <routine> & 🙂'),
      event(2),
    ]);
  });

  test('a version already taken is a version conflict, and the first writer’s event stays', async () => {
    const e = await records.append(conferenceId, event(2, 'Late writer')).catch((x: unknown) => x);
    expect(isVersionConflict(e)).toBe(true);
    expect((await records.events(conferenceId)).map((x) => x.data.text)).toEqual([
      'Pip’s “bedtime” <routine> & 🙂',
      'Item 2',
    ]);
  });

  test('of two writers racing for the same version exactly one wins', async () => {
    const results = await Promise.allSettled([
      records.append(conferenceId, event(3, 'Writer A')),
      records.append(conferenceId, event(3, 'Writer B')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isVersionConflict(rejected.reason)).toBe(true);
    expect((await records.events(conferenceId)).filter((x) => x.version === 3)).toHaveLength(1);
  });

  test('the database refuses to change or delete what was recorded', async () => {
    await expect(
      sql`update conference_record_events set data = '{}'::jsonb where conference_id = ${conferenceId}`.execute(
        store.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from conference_record_events where conference_id = ${conferenceId}`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    expect(await records.events(conferenceId)).toHaveLength(3);
  });

  test('events belong to a stored conference', async () => {
    await expect(records.append('00000000-0000-4000-8000-00000000dead', event(1))).rejects.toThrow();
    expect(await records.events('00000000-0000-4000-8000-00000000dead')).toEqual([]);
  });
});
