import type { PgBoss } from 'pg-boss';
import { openJobQueue, type JobQueueOptions } from '../../bot/store/job-queue.js';
import type { Store } from '../../bot/store/database.js';
import { OPEN_TIMEOUT, engines, freshStore, testDatabase } from '../helpers/engines.js';

interface Reminder {
  reference: string;
  note: string;
}

describe.each(engines)('pg-boss on the %s store', (engine) => {
  const errors: Error[] = [];
  // No background maintenance in tests: only the calls a test makes touch the queue.
  const options: JobQueueOptions = { onError: (e) => errors.push(e), supervise: false, schedule: false };
  let store: Store;
  let boss: PgBoss;

  beforeAll(async () => {
    store = await freshStore(engine);
    boss = await openJobQueue(store, options);
    await boss.createQueue('reminders');
  }, OPEN_TIMEOUT);
  afterAll(async () => {
    await boss.stop();
    await store.close();
    expect(errors).toEqual([]);
  });

  test('a job that is sent can be fetched, completed and looked up', async () => {
    const data: Reminder = { reference: 'RT-2026-0001', note: "Chase Dee Sample's report" };
    const id = await boss.send('reminders', data);
    expect(id).toEqual(expect.any(String));

    const [job, ...others] = await boss.fetch<Reminder>('reminders');
    expect(others).toEqual([]);
    expect(job).toMatchObject({ id, name: 'reminders', data });
    await boss.complete('reminders', id!);
    expect(await boss.getJobById('reminders', id!)).toMatchObject({ state: 'completed', data });
    expect(await boss.fetch('reminders')).toEqual([]);
  });

  test('a worker is handed each job once', async () => {
    await boss.createQueue('letters');
    const seen: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await boss.work<Reminder>('letters', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job!.data.reference);
      if (seen.length === 2) done();
    });
    await boss.send('letters', { reference: 'RT-2026-0002', note: 'Send the outcome letter' });
    await boss.send('letters', { reference: 'RT-2026-0003', note: 'Send the outcome letter' });
    await finished;
    await boss.offWork('letters', { wait: true });
    expect(seen.sort()).toEqual(['RT-2026-0002', 'RT-2026-0003']);
  });
});

describe.each(engines)('pg-boss jobs on %s after a restart', (engine) => {
  test(
    'a job sent before the restart is still waiting after it',
    async () => {
      const errors: Error[] = [];
      const options: JobQueueOptions = { onError: (e) => errors.push(e), supervise: false, schedule: false };
      const database = await testDatabase(engine);
      try {
        const before = await database.open();
        const bossBefore = await openJobQueue(before, options);
        await bossBefore.createQueue('reminders');
        const id = await bossBefore.send('reminders', {
          reference: 'RT-2026-0009',
          note: 'Chair reads reports',
        });
        await bossBefore.stop();
        await before.close();

        const after = await database.open();
        const bossAfter = await openJobQueue(after, options);
        const [job] = await bossAfter.fetch<Reminder>('reminders');
        expect(job).toMatchObject({ id, data: { reference: 'RT-2026-0009', note: 'Chair reads reports' } });
        await bossAfter.stop();
        await after.close();
        expect(errors).toEqual([]);
      } finally {
        await database.dispose();
      }
    },
    2 * OPEN_TIMEOUT,
  );
});
