/**
 * The conference record's live path on the service alone: a command POSTed by the chair until the stage
 * stream of another signed-in client carries it (PGlite on disk, the embedded default). No browser; the
 * tab's own figures (bench/tab.ts) add the rendering. Prints median and p95.
 * Usage: npx tsx bench/record-stream.ts [updates=200] [stageClients=1] [memory]  (memory: PGlite in memory)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { systemClock } from '../bot/domain/clock.js';
import { seedDemo } from '../bot/demo-data.js';
import { createLogger } from '../bot/logger.js';
import { openDatabase } from '../bot/store/database.js';
import { openSse } from '../test/helpers/sse.js';
import { DEMO, devSignIn } from '../test/helpers/tab-api.js';
import { quantile } from './stats.js';

const N = Number(process.argv[2] ?? 200);
const CLIENTS = Number(process.argv[3] ?? 1);
const dir = mkdtempSync(path.join(tmpdir(), 'roundtable-stream-'));
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  JOBS: 'false',
  DATA_DIR: dir,
  OUTBOX_DIR: path.join(dir, 'outbox'),
});
const app = createApp(config, createLogger('warn'));
const { port } = await app.listen();
const store = await openDatabase({ dataDir: process.argv[4] === 'memory' ? undefined : config.dataDir });
const services = await app.attach({ store, clock: systemClock });
const url = `http://127.0.0.1:${port}`;
await seedDemo(services);
const [summary] = await services.conferences.conferences.listConferences({ limit: 1, offset: 0 });
const id = summary!.id;
const chair = await devSignIn(url, DEMO.chair);
const teacher = await devSignIn(url, DEMO.teacher);
const streams = await Promise.all(
  Array.from({ length: CLIENTS }, () =>
    openSse(`${url}/api/conferences/${id}/record/stream?view=stage`, { cookie: teacher.cookie }),
  ),
);
for (const s of streams) await s.next();

const post: number[] = [];
const seen: number[] = [];
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  const res = await chair.command(id, { type: 'plan.contingency', text: `Contingency ${i}` });
  const { version } = (await res.json()) as { version: number };
  post.push(performance.now() - t0);
  for (const s of streams) {
    let v = 0;
    while (v < version) v = (JSON.parse((await s.next(5000)).data) as { version: number }).version;
  }
  seen.push(performance.now() - t0);
}
const fmt = (xs: number[]) =>
  `median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
console.log(
  `${N} record changes, ${CLIENTS} stage client(s), PGlite ${process.argv[4] === 'memory' ? 'in memory' : 'on disk'}, loopback:`,
);
console.log(`  POST /record/commands answered:       ${fmt(post)}`);
console.log(`  change seen on every stage stream:    ${fmt(seen)}`);
for (const s of streams) s.close();
await app.close();
await services.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
