import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { openSse } from '../helpers/sse.js';
import { DEMO, devSignIn } from '../helpers/tab-api.js';

// The built tab, served from a folder laid out as Vite writes it.
let dist: string;
let app: TestApp;
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'roundtable-tab-'));
  await mkdir(path.join(dist, 'assets'));
  for (const page of ['side-panel', 'stage', 'personal', 'config', 'prompt', 'after'])
    await writeFile(
      path.join(dist, `${page}.html`),
      `<!doctype html><title>${page}</title><script type="module" src="/tab/assets/${page}-AbCd1234.js"></script>`,
    );
  await writeFile(path.join(dist, 'assets', 'stage-AbCd1234.js'), 'console.log("stage")');
  await writeFile(path.join(dist, 'assets', 'stage-AbCd1234.css'), 'body{}');
  await writeFile(path.join(dist, 'secret.txt'), 'not for the tab');
  await writeFile(path.join(path.dirname(dist), 'roundtable-outside.txt'), 'OUTSIDE-CONTENT');
  app = await startTestApp({ TAB_DIST_DIR: dist });
}, 90_000);
afterAll(async () => {
  await app.close();
  await rm(dist, { recursive: true, force: true });
  await rm(path.join(path.dirname(dist), 'roundtable-outside.txt'), { force: true });
});

test.each(['side-panel', 'stage', 'personal', 'config', 'prompt', 'after'])(
  '/tab/%s is its page, never cached, framed only by Teams',
  async (page) => {
    const res = await fetch(`${app.url}/tab/${page}?conferenceId=00000000-0000-4000-8000-000000000001`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(
      /frame-ancestors https:\/\/teams\.microsoft\.com https:\/\/\*\.teams\.microsoft\.com .*https:\/\/\*\.cloud\.microsoft/,
    );
    expect(csp).not.toMatch(/frame-ancestors[^;]*('self'|\*(?!\.))/);
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http on loopback
    expect(await res.text()).toContain(`<title>${page}</title>`);
  },
);

test('hashed assets are immutable, with their content type', async () => {
  const js = await fetch(`${app.url}/tab/assets/stage-AbCd1234.js`);
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const css = await fetch(`${app.url}/tab/assets/stage-AbCd1234.css`);
  expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
});

test.each([
  '/tab/assets/missing-AbCd1234.js',
  '/tab/..%2froundtable-outside.txt',
  '/tab/%2e%2e/roundtable-outside.txt',
  '/tab/assets/%ZZ',
  '/tab/stage.html',
])('%s is not found, and nothing outside the build is served', async (p) => {
  const res = await fetch(`${app.url}${p}`);
  expect(res.status).toBe(404);
  expect(await res.text()).not.toContain('OUTSIDE-CONTENT');
});

test('a raw ../ in the path (sent as is, not normalised by a client) stays inside the build', async () => {
  for (const p of [
    '/tab/../roundtable-outside.txt',
    '/tab/assets/../../roundtable-outside.txt',
    '/tab/..%2f..%2froundtable-outside.txt',
  ]) {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${app.url}${p}`, { path: p }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
    expect(text).not.toContain('OUTSIDE-CONTENT');
  }
});

test('HSTS is sent when the public address is https; a missing build says how to build it', async () => {
  const other = await startTestApp({
    TAB_DIST_DIR: path.join(dist, 'not-built'),
    PUBLIC_URL: 'https://roundtable.example.org',
  });
  try {
    const res = await fetch(`${other.url}/tab/stage`);
    expect(res.status).toBe(503);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('TAB_NOT_BUILT');
    expect(body.error.message).toMatch(/build/);
  } finally {
    await other.close();
  }
});

test('closing the service ends open event streams instead of waiting on them', async () => {
  const other = await startTestApp();
  await seedDemo(other.services);
  const [summary] = await other.services.conferences.conferences.listConferences({ limit: 1, offset: 0 });
  const chair = await devSignIn(other.url, DEMO.chair);
  const stream = await openSse(`${other.url}/api/conferences/${summary!.id}/record/stream?view=stage`, {
    cookie: chair.cookie,
  });
  await stream.next();
  const started = Date.now();
  await other.close();
  expect(Date.now() - started).toBeLessThan(5000);
  stream.close();
  // Starting a second service opens another PGlite (its WASM start is slow on a busy 2-core machine).
}, 120_000);
