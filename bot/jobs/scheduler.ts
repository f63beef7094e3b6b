/**
 * Scheduled work on pg-boss, on the same database: every instance may run this; pg-boss hands each
 * scheduled job to one of them.
 */
import type { PgBoss } from 'pg-boss';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/database.js';
import { openJobQueue } from '../store/job-queue.js';

export interface ScheduledJob {
  name: string;
  /** Cron in England's local time. */
  cron: string;
  run(): Promise<unknown>;
}

export async function startScheduler(store: Store, jobs: ScheduledJob[], logger: Logger): Promise<PgBoss> {
  const boss = await openJobQueue(store, {
    onError: (e) => logger.error({ err: safeError(e) }, 'job queue error'),
  });
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, null, { tz: 'Europe/London' });
    await boss.work(job.name, async () => {
      const result = await job.run();
      logger.info({ job: job.name, result }, 'scheduled job done');
    });
  }
  return boss;
}
