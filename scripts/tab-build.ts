/**
 * Builds the conference tab (Vite, tabs/ → tabs/dist) when its sources are newer than the last build,
 * so `npm start` and the browser tests always serve a current tab without paying for a build every time.
 * `tsx scripts/tab-build.ts` builds if stale; `--force` always builds.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.join(ROOT, 'tabs', 'dist');
const STAMP = path.join(DIST, '.built');
const LOCK = path.join(ROOT, 'tabs', '.building');

async function newestMtime(p: string): Promise<number> {
  const s = await stat(p).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(p);
  const times = await Promise.all(
    entries.filter((e) => e !== 'dist').map((e) => newestMtime(path.join(p, e))),
  );
  return Math.max(s.mtimeMs, ...times);
}

/** True when tabs/dist is missing or older than any source, the Vite config or the installed packages. */
export async function tabIsStale(): Promise<boolean> {
  const built = (await stat(STAMP).catch(() => undefined))?.mtimeMs ?? 0;
  const sources = Math.max(
    await newestMtime(path.join(ROOT, 'tabs')),
    await newestMtime(path.join(ROOT, 'vite.config.ts')),
    await newestMtime(path.join(ROOT, 'package-lock.json')),
  );
  return built < sources;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds once even when several test workers ask at the same moment: the first takes a lock directory,
 * the others wait for it to go and then find the build current.
 */
export async function ensureTabBuilt(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!opts.force && !(await tabIsStale())) return false;
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // Someone else is building; a lock older than the deadline is from a build that died.
      const age = Date.now() - ((await stat(LOCK).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age > 180_000) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Timed out waiting for another build of the tab.');
      await sleep(250);
    }
  }
  try {
    const started = Date.now();
    await run(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'vite.config.ts'], {
      cwd: ROOT,
      // Jest sets NODE_ENV=test, which would bundle React's development build: always the production one.
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
    await writeFile(STAMP, new Date().toISOString());
    if (!opts.quiet) console.log(`Built the conference tab into tabs/dist in ${Date.now() - started} ms.`);
    return true;
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureTabBuilt({ force: process.argv.includes('--force') }).catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
