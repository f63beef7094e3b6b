/** pg-boss on the store's own database, so jobs commit and survive restarts with the data. */
import { PgBoss, type ConstructorOptions } from 'pg-boss';
import type { Store } from './database.js';

export type JobQueueOptions = Omit<ConstructorOptions, 'db' | 'backend' | 'connectionString'> & {
  /** pg-boss reports background failures as 'error' events; unheard, they would end the process. */
  onError: (error: Error) => void;
};

/**
 * Starts pg-boss over `store.executeSql` (pg-boss creates or migrates its own schema, `pgboss` by
 * default). Stop it with `boss.stop()` before `store.close()`; create a queue before sending to it.
 */
export async function openJobQueue(store: Store, { onError, ...options }: JobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    ...options,
    db: { executeSql: (text, values) => store.executeSql(text, values) },
    // 'pglite' tells pg-boss it has one embedded session rather than a pool.
    backend: store.engine === 'pglite' ? 'pglite' : 'postgres',
  });
  boss.on('error', onError);
  await boss.start();
  return boss;
}
