/**
 * The conference tab against the real service: a built tab (tabs/dist, rebuilt when stale), the service
 * started as `npm run demo` starts it (PGlite in a temporary directory, the fictional demo conference),
 * developer sign-in as one of its fictional people, and small page utilities the tab's browser tests,
 * screenshots and benchmark share.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureTabBuilt } from '../../scripts/tab-build.js';
import { animationsSettled, blockNonLocalRequests } from './browser.js';
import { freePort, startService } from './service.js';
import type { RunningService, StartServiceOptions } from './service.js';

/** Entra object ids of the demo conference's fictional people (bot/demo-data.ts). */
export const PEOPLE = {
  chair: '00000000-0000-4000-8000-000000002001',
  socialWorker: '00000000-0000-4000-8000-000000002002',
  healthVisitor: '00000000-0000-4000-8000-000000002003',
  teacher: '00000000-0000-4000-8000-000000002004',
  police: '00000000-0000-4000-8000-000000002005',
} as const;

export type Surface = 'side-panel' | 'stage' | 'personal' | 'config' | 'prompt' | 'after';
export type Theme = 'default' | 'dark' | 'contrast';

export interface TabService extends RunningService {
  /** The demo conference's id. */
  conferenceId: string;
  /** A cookie header signed in as `aadObjectId` (developer sign-in), for API calls from Node. */
  cookieFor(aadObjectId: string): Promise<string>;
  /** JSON from the tab API as that person; throws with the body on a non-2xx answer. */
  api<T>(aadObjectId: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /**
   * Stops the service and starts it again on the same port with the same data (a restart or deploy);
   * developer sign-ins end with it (signIn again).
   */
  restart(opts?: { whileDown?: () => Promise<void> }): Promise<void>;
}

/** Builds the tab if its sources changed, then starts the service with the demo conference. */
export async function startTabService(opts: StartServiceOptions = {}): Promise<TabService> {
  await ensureTabBuilt({ quiet: true });
  // Our own data directory, so a restart finds the same database.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-tab-'));
  const port = opts.port ?? (await freePort());
  const serviceOptions: StartServiceOptions = {
    ...opts,
    port,
    dataDir: path.join(dir, 'data'),
    outboxDir: path.join(dir, 'outbox'),
    env: { DEMO_DATA: 'true', ...opts.env },
  };
  let service = await startService(serviceOptions);
  const url = service.url;
  const cookies = new Map<string, string>();
  const cookieFor = async (aadObjectId: string): Promise<string> => {
    const known = cookies.get(aadObjectId);
    if (known) return known;
    const res = await fetch(
      `${url}/dev/sign-in?as=${encodeURIComponent(aadObjectId)}&next=${encodeURIComponent('/tab/personal')}`,
      { redirect: 'manual' },
    );
    const setCookie = res.headers.get('set-cookie');
    if (res.status !== 303 && res.status !== 302) throw new Error(`dev sign-in answered ${res.status}`);
    if (!setCookie) throw new Error('dev sign-in set no cookie');
    const cookie = setCookie.split(';')[0]!;
    cookies.set(aadObjectId, cookie);
    return cookie;
  };
  const api = async <T>(
    aadObjectId: string,
    method: 'GET' | 'POST',
    route: string,
    body?: unknown,
  ): Promise<T> => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: {
        cookie: await cookieFor(aadObjectId),
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const stop = async (): Promise<void> => {
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  };
  const restart = async (r: { whileDown?: () => Promise<void> } = {}): Promise<void> => {
    await service.stop();
    await r.whileDown?.();
    service = await startService(serviceOptions);
    // Developer sign-in keys are made at start-up: everyone signs in again after a restart.
    cookies.clear();
  };
  try {
    const overview = await api<{ conferences: { id: string; role: string }[] }>(
      PEOPLE.chair,
      'GET',
      '/api/me/overview',
    );
    const chaired = overview.conferences.find((c) => c.role === 'chair');
    if (!chaired) throw new Error(`the demo chair has no conference: ${JSON.stringify(overview)}`);
    return {
      url,
      port,
      output: () => service.output(),
      exited: () => service.exited(),
      stop,
      restart,
      conferenceId: chaired.id,
      cookieFor,
      api,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The page's path for a surface (with the conference, the theme override when not the default). */
export function surfacePath(surface: Surface, conferenceId?: string, theme: Theme = 'default'): string {
  const q = new URLSearchParams();
  if (conferenceId && (surface === 'side-panel' || surface === 'stage' || surface === 'after'))
    q.set('conferenceId', conferenceId);
  if (theme !== 'default') q.set('theme', theme);
  const query = q.toString();
  return `/tab/${surface}${query ? `?${query}` : ''}`;
}

/** A browser context signed in as `aadObjectId` (the dev cookie), offline apart from loopback. */
export async function signedInContext(
  browser: Browser,
  service: TabService,
  aadObjectId: string,
  opts: { width?: number; height?: number; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    ...(opts.bypassCSP ? { bypassCSP: true } : {}),
  });
  await blockNonLocalRequests(context);
  await signIn(context, service, aadObjectId);
  return context;
}

/** Gives a browser context the developer sign-in cookie of `aadObjectId`. */
export async function signIn(
  context: BrowserContext,
  service: TabService,
  aadObjectId: string,
): Promise<void> {
  const [name, value] = (await service.cookieFor(aadObjectId)).split('=');
  await context.addCookies([{ name: name!, value: value ?? '', url: service.url }]);
}

/** Opens a surface and waits until it has rendered its data (not the loading spinner). */
export async function openSurface(
  context: BrowserContext,
  service: TabService,
  surface: Surface,
  theme: Theme = 'default',
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${service.url}${surfacePath(surface, service.conferenceId, theme)}`);
  await waitForRender(page, surface);
  return page;
}

/** The first heading of each surface is shown only once its data has arrived. */
export async function waitForRender(page: Page, _surface: Surface, timeout = 15_000): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout });
}

const require = createRequire(import.meta.url);

/** Runs axe-core in the page; returns the serious and critical violations (id, impact, targets). */
export async function axeProblems(page: Page): Promise<string[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  await page.evaluate(source);
  // Colours are checked as they settle, not half-way through a transition.
  await animationsSettled(page);
  // A string, not a function: this project's Node types have no DOM.
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A command to the demo conference's record as `aadObjectId`; resolves to the service's answer. */
export function recordCommand(
  service: TabService,
  aadObjectId: string,
  command: object,
): Promise<{ version: number; view: unknown }> {
  return service.api(aadObjectId, 'POST', `/api/conferences/${service.conferenceId}/record/commands`, {
    command,
  });
}

/**
 * A conference part-way through, for screenshots and page checks: a checklist tick, the agenda at the
 * plan, everyone present, grid items (most agreed), shared scores from five people, a plan action with
 * its contingency. Every name and detail is fictional.
 */
export async function fillDemoRecord(service: TabService): Promise<void> {
  const chair = (c: object) => recordCommand(service, PEOPLE.chair, c);
  const view = await service.api<{
    checklist: { id: string }[];
    agenda: { id: string }[];
    people: { id: string }[];
  }>(PEOPLE.chair, 'GET', `/api/conferences/${service.conferenceId}/record?view=chair`);
  for (const item of view.checklist.slice(0, 3))
    await chair({ type: 'checklist.set', itemId: item.id, done: true, note: 'Talked through with Robin.' });
  for (const p of view.people) await chair({ type: 'attendance.set', personId: p.id, present: true });
  const grid: [string, string, boolean][] = [
    ['working-well', 'Pip goes to school every day and enjoys football.', true],
    ['working-well', 'Robin has asked for help with the night routine.', true],
    ['worries', 'Wren has missed three health visits since March.', true],
    ['worries', 'Nobody was awake when Wren cried at night in October.', true],
    ['lived-experience', 'Pip says home is noisy at night and it is hard to sleep.', true],
    ['next-steps', 'A safe sleeping plan for Wren, agreed with Robin and Kit.', true],
    [
      'danger-statement',
      'We are worried that Wren could be hurt if nobody is awake to look after her at night.',
      true,
    ],
    ['safety-goal', 'Wren is always looked after by a sober adult at night.', true],
    ['worries', 'Kit has said he will stop drinking, but nobody has seen this yet.', false],
  ];
  for (const [column, text, agreed] of grid) {
    const res = (await chair({ type: 'grid.add', column, text })) as {
      view: { grid: { id: string; text: string }[] };
    };
    const item = res.view.grid.find((g) => g.text === text);
    if (agreed && item) await chair({ type: 'grid.agree', itemId: item.id, agreed: true });
  }
  const scores: [string, number, string][] = [
    [PEOPLE.chair, 4, 'Night care is not safe yet; school is going well.'],
    [PEOPLE.socialWorker, 3, 'The night routine has not started.'],
    [PEOPLE.healthVisitor, 4, 'Missed visits, but Robin is now asking for help.'],
    [PEOPLE.teacher, 6, 'Pip is settled and attends every day.'],
    [PEOPLE.police, 4, 'No new incidents since October.'],
  ];
  for (const [who, score, reason] of scores)
    await recordCommand(service, who, { type: 'scaling.give', score, reason });
  await chair({ type: 'scaling.share', shared: true });
  await chair({
    type: 'plan.add',
    what: 'Robin and Kit agree a night-time routine for Wren with the social worker',
    who: 'Sam Socialworker (fictional)',
    byWhen: new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10),
    howWeWillKnow: 'The routine is written down and checked at 2 home visits',
  });
  await chair({
    type: 'plan.contingency',
    text: 'If the routine is not kept, a review conference is brought forward.',
  });
  const planItem = view.agenda[8] ?? view.agenda[view.agenda.length - 1];
  if (planItem) await chair({ type: 'agenda.start', itemId: planItem.id });
}
