/**
 * Cold start and idle memory, as `npm start` runs the service: time from spawn to /healthz and /readyz,
 * on a fresh data directory (first start: the database is created) and on a warm one (a restart);
 * then the resident memory (RSS) after 10 s idle. Prints the figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const RUNS = Number(process.argv[2] ?? 3);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function until(url: string, t0: number, limitMs = 120_000): Promise<number> {
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > limitMs) throw new Error(`${url} did not answer 200 within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function once(dataDir: string, idleMs: number) {
  const port = await freePort();
  const t0 = performance.now();
  // node --import tsx is what `tsx bot/main.ts` does, in one process, so its RSS is the service's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      OUTBOX_DIR: path.join(dataDir, 'outbox'),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    const health = await until(`http://127.0.0.1:${port}/healthz`, t0);
    const ready = await until(`http://127.0.0.1:${port}/readyz`, t0);
    let rss: number | undefined;
    if (idleMs) {
      await new Promise((r) => setTimeout(r, idleMs));
      rss = rssMb(child.pid!);
    }
    return { health, ready, rss };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(0)} ms (min ${s[0]!.toFixed(0)}, max ${s.at(-1)!.toFixed(0)})`;
};

const fresh: { health: number; ready: number }[] = [];
const warm: { health: number; ready: number; rss?: number | undefined }[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'roundtable-bench-'));
  try {
    fresh.push(await once(dir, 0));
    warm.push(await once(dir, 10_000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`Node ${process.version}, ${RUNS} runs each`);
console.log(
  `first start (new database):  /healthz ${fmt(fresh.map((r) => r.health))}; /readyz ${fmt(fresh.map((r) => r.ready))}`,
);
console.log(
  `restart (existing database): /healthz ${fmt(warm.map((r) => r.health))}; /readyz ${fmt(warm.map((r) => r.ready))}`,
);
console.log(`idle RSS after 10 s:         ${warm.map((r) => `${r.rss?.toFixed(0)} MB`).join(', ')}`);
