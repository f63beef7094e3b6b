/**
 * Starts the real Roundtable service as a child process, the way `npm start` does, for tests that need a
 * live HTTP endpoint (the Playground e2e test, tab tests, card screenshots). Also the small process
 * utilities the Playground helper shares: free ports, bounded output capture, group-wide stop.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever jest or tsx was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const OUTPUT_LIMIT = 256_000;

/** A port nobody listens on right now (the OS picks it; a tiny race remains, as with any such helper). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ManagedProcess {
  child: ChildProcess;
  /** stdout and stderr interleaved (the last 256 kB). */
  output(): string;
  /** Resolves when the process has exited (immediately if it already has). */
  exited(): Promise<void>;
  hasExited(): boolean;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** Last resort: a test runner that exits without afterAll must not leave servers behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of live) signalGroup(p.child, 'SIGKILL');
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the group we created with `detached`, so tsx's own node child goes too.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Copy the child's output to this process's stdout/stderr as well (scripts, not tests). */
  forwardOutput?: boolean;
}

/** Spawns a command in its own process group and captures its output. */
export function spawnManaged(command: string, args: string[], opts: SpawnOptions): ManagedProcess {
  installExitHook();
  // detached: its own process group, so stop() reaches grandchildren and Ctrl-C in a terminal reaches
  // only the parent, which then shuts the children down in order.
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', (c: Buffer) => {
    append(c);
    if (opts.forwardOutput) process.stdout.write(c);
  });
  child.stderr?.on('data', (c: Buffer) => {
    append(c);
    if (opts.forwardOutput) process.stderr.write(c);
  });
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (err) => {
      append(Buffer.from(`\n[spawn error] ${err.message}\n`));
      resolve();
    });
  });
  let gone = false;
  void exitPromise.then(() => {
    gone = true;
    live.delete(managed);
  });

  const managed: ManagedProcess = {
    child,
    output: () => output,
    exited: () => exitPromise,
    hasExited: () => gone,
    async stop(graceMs = 5000) {
      if (gone) return;
      signalGroup(child, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exitPromise.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        signalGroup(child, 'SIGKILL');
        await exitPromise;
      }
    },
  };
  live.add(managed);
  return managed;
}

/** Fails with a clear message when something already listens on `port` (it would answer our health check). */
export async function assertPortFree(port: number, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Port ${port} on ${host} is already in use (${err.code ?? err.message}); stop whatever runs there first.`,
        ),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` until `ok(status)` or the deadline; fails early if the process exits. Each request is
 * bounded too, so a server that accepts but never answers cannot hang the caller.
 */
export async function waitForHttp(
  url: string,
  proc: ManagedProcess,
  what: string,
  timeoutMs: number,
  ok: (status: number) => boolean = (s) => s === 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.hasExited())
      throw new Error(
        `${what} exited before ${url} answered (code ${proc.child.exitCode}).\n--- output ---\n${proc.output()}`,
      );
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(150);
  }
  throw new Error(
    `${what}: ${url} did not answer within ${timeoutMs} ms (${last}).\n--- output ---\n${proc.output()}`,
  );
}

export interface RunningService {
  /** Base URL, e.g. http://127.0.0.1:41234 (the bot endpoint is `${url}/api/messages`). */
  url: string;
  port: number;
  stop(): Promise<void>;
  output(): string;
  /** Resolves if the process ends (for whatever reason). */
  exited(): Promise<void>;
}

export interface StartServiceOptions {
  /** Extra or overriding environment variables (e.g. DATABASE_URL, DEMO_DATA). */
  env?: Record<string, string>;
  /** Port to listen on; a free loopback port by default. */
  port?: number;
  /** Data and outbox directories; fresh temporary ones (removed on stop) by default. */
  dataDir?: string;
  outboxDir?: string;
  /** Copy the service's output to this process's output (for scripts). */
  forwardOutput?: boolean;
  /** Milliseconds to wait for /readyz (30 s by default). */
  timeoutMs?: number;
}

/**
 * Starts `tsx bot/main.ts` (what `npm start` runs) on loopback with its own data and outbox
 * directories, and resolves once GET /readyz answers 200 (the database is open, so every route works).
 */
export async function startService(opts: StartServiceOptions = {}): Promise<RunningService> {
  if (opts.port !== undefined) await assertPortFree(opts.port);
  const port = opts.port ?? (await freePort());
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'roundtable-service-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // A developer's shell may hold real settings; a test service must not pick them up. Empty means
    // unset to bot/config.ts, so this keeps the unauthenticated loopback mode and the local outbox.
    MICROSOFT_APP_ID: '',
    MICROSOFT_APP_PASSWORD: '',
    MICROSOFT_APP_TENANT_ID: '',
    PUBLIC_URL: '',
    DATABASE_URL: '',
    GRAPH_TENANT_ID: '',
    GRAPH_CLIENT_ID: '',
    GRAPH_CLIENT_SECRET: '',
    GRAPH_ORGANISER_MAILBOX: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir ?? path.join(tmp, 'data'),
    OUTBOX_DIR: opts.outboxDir ?? path.join(tmp, 'outbox'),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const proc = spawnManaged(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bot/main.ts'], {
    cwd: REPO_ROOT,
    env,
    forwardOutput: opts.forwardOutput ?? false,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/readyz`, proc, 'The Roundtable service', opts.timeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, stop, output: proc.output, exited: proc.exited };
}
