/**
 * The Microsoft 365 Agents Playground (`agentsplayground`) as a test client: start it against a bot
 * endpoint, drive its web page in Chromium like a user would, and inject activities Teams would send.
 *
 * DOM facts relied on (Playground 0.2.28, learned from its rendered page):
 * - the composer is the only element with role "textbox" (a contenteditable editor); Enter sends;
 * - every rendered Adaptive Card root has the class `ac-adaptiveCard` (the Adaptive Cards renderer's own
 *   class, stable across hosts); card buttons have role "button" and the action title as their name;
 * - opening the page (each load) makes the Playground send conversationUpdate (bot and user added) and
 *   installationUpdate (add) to the bot in the personal chat, and shows a fresh, empty personal chat;
 * - an answered Action.Execute replaces the card in place and shows "Your response was sent to the app"
 *   under it (aria-label "Display Invoked Message");
 * - an Action.OpenUrl renders as a button element with role "link" (name: its title), not role "button";
 * - a card with `refresh.userIds` renders as sent, with the note "User specific view is not supported yet
 *   in Microsoft 365 Agents playground" under it (the refresh is never invoked);
 * - a proactive message (continueConversation) appears in the open personal chat without a reload;
 * - the log panel can be closed with the button titled "Hide log panel".
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { blockNonLocalRequests } from './browser.js';
import { REPO_ROOT, freePort, spawnManaged, waitForHttp } from './service.js';

const CLI = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
export const PLAYGROUND_CONFIG = path.join(REPO_ROOT, '.m365agentsplayground.yml');

/** Template names the Playground's custom-activity endpoint knows. */
export type CustomActivityType =
  | 'install'
  | 'uninstall'
  | 'botAdded'
  | 'botRemoved'
  | 'userAdded'
  | 'userRemoved'
  | 'channelCreated'
  | 'channelRenamed'
  | 'channelDeleted'
  | 'teamRenamed'
  | 'teamDeleted';

export type Activity = Record<string, unknown>;

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
}

export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChats: { id: string; name: string }[];
  teams: { id: string; name: string; channels: { id: string; name: string }[] }[];
}

export interface RunningPlayground {
  /** The web page to open, e.g. http://127.0.0.1:56150 */
  url: string;
  port: number;
  /** The configuration the Playground loaded (from the yml). */
  config(): Promise<PlaygroundConfig>;
  /** The Playground's template for an activity in a conversation (the personal chat by default). */
  activityTemplate(type?: CustomActivityType, conversationId?: string): Promise<Activity>;
  /**
   * Sends any activity to the bot as if Teams had (e.g. a meeting-start event). The Playground answers
   * before delivering it, so wait for its visible effect afterwards.
   */
  sendCustomActivity(activity: Activity): Promise<void>;
  /** Template + overrides + send, in one call. */
  inject(type: CustomActivityType, opts?: { conversationId?: string; overrides?: Activity }): Promise<void>;
  stop(): Promise<void>;
  output(): string;
  /** Resolves if the process ends (for whatever reason). */
  exited(): Promise<void>;
}

export interface StartPlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `${service.url}/api/messages`. */
  botEndpoint: string;
  /** Port for the web page; a free one by default. */
  port?: number;
  /** The config yml; the repo's .m365agentsplayground.yml by default. */
  configPath?: string;
  env?: Record<string, string>;
  forwardOutput?: boolean;
  timeoutMs?: number;
}

export async function startPlayground(opts: StartPlaygroundOptions): Promise<RunningPlayground> {
  const requestedPort = opts.port ?? (await freePort());
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-playground-'));
  const proc = spawnManaged(
    process.execPath,
    [
      CLI,
      '--disable-telemetry',
      '--app-endpoint',
      opts.botEndpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(requestedPort),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        BOT_ENDPOINT: opts.botEndpoint,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: opts.configPath ?? PLAYGROUND_CONFIG,
        // Its log would otherwise land in ./devTools of the checkout.
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(logDir, 'playground.log'),
        ...opts.env,
      },
      forwardOutput: opts.forwardOutput ?? false,
    },
  );
  const stop = async (): Promise<void> => {
    await proc.stop();
    await rm(logDir, { recursive: true, force: true });
  };
  let port = requestedPort;
  try {
    // It falls back to a random port when the requested one is taken, and says which.
    port = await waitForListening(proc, opts.timeoutMs ?? 30_000);
    await waitForHttp(`http://127.0.0.1:${port}/`, proc, 'The Agents Playground', opts.timeoutMs ?? 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = `http://127.0.0.1:${port}`;

  const call = async (pathAndQuery: string, init?: RequestInit): Promise<Response> => {
    const res = await fetch(`${url}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(10_000) });
    if (!res.ok)
      throw new Error(
        `Playground ${init?.method ?? 'GET'} ${pathAndQuery}: HTTP ${res.status} ${await res.text()}`,
      );
    return res;
  };
  let configCache: PlaygroundConfig | undefined;
  const config = async (): Promise<PlaygroundConfig> => {
    configCache ??= ((await (await call('/_internal/v1/config')).json()) as { config: PlaygroundConfig })
      .config;
    return configCache;
  };
  const activityTemplate = async (type?: CustomActivityType, conversationId?: string): Promise<Activity> => {
    const query = new URLSearchParams({ conversationId: conversationId ?? (await config()).personalChat.id });
    if (type) query.set('type', type);
    return (await (await call(`/_internal/v1/customActivities/template?${query}`)).json()) as Activity;
  };
  const sendCustomActivity = async (activity: Activity): Promise<void> => {
    await call('/_internal/v1/customActivities', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
  };
  return {
    url,
    port,
    config,
    activityTemplate,
    sendCustomActivity,
    async inject(type, injectOpts = {}) {
      const template = await activityTemplate(type, injectOpts.conversationId);
      await sendCustomActivity({ ...template, ...injectOpts.overrides });
    },
    stop,
    output: proc.output,
    exited: proc.exited,
  };
}

async function waitForListening(proc: ReturnType<typeof spawnManaged>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /Listening on (\d+)/.exec(proc.output());
    if (match) return Number(match[1]);
    if (proc.hasExited()) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `The Agents Playground did not start listening within ${timeoutMs} ms.\n--- output ---\n${proc.output()}`,
  );
}

/** A temporary copy of the Playground config; `remove()` deletes it. */
export interface PlaygroundConfigCopy {
  path: string;
  remove(): Promise<void>;
}

/**
 * Writes a copy of the Playground config in which the user called `name` (one of its `users`) is the
 * current user and the configured current user takes their place among the `users`, so a test can use
 * the Playground as someone else while everybody else stays as configured. Works on the yml's text (the
 * layout of .m365agentsplayground.yml: a `currentUser:` mapping, then `users:` items starting `  - `);
 * check the outcome with `RunningPlayground.config()`.
 */
export async function playgroundConfigAs(
  name: string,
  source: string = PLAYGROUND_CONFIG,
): Promise<PlaygroundConfigCopy> {
  const lines = (await readFile(source, 'utf8')).split('\n');
  const blockEnd = (from: number, isBody: (line: string) => boolean): number => {
    let end = from;
    while (end < lines.length && isBody(lines[end]!)) end++;
    return end;
  };
  const current = lines.indexOf('currentUser:');
  const users = lines.indexOf('users:');
  if (current < 0 || users < 0) throw new Error(`${source} has no top-level currentUser: and users: keys`);
  const currentEnd = blockEnd(current + 1, (l) => l.startsWith('  ') && !l.startsWith('  - '));
  const currentBody = lines.slice(current + 1, currentEnd);

  // The users' items: each starts with "  - " and goes on with lines indented by four spaces.
  const usersEnd = blockEnd(users + 1, (l) => l.startsWith('  - ') || l.startsWith('    '));
  const items: string[][] = [];
  for (const line of lines.slice(users + 1, usersEnd)) {
    if (line.startsWith('  - ')) items.push([line]);
    else items.at(-1)?.push(line);
  }
  const chosen = items.findIndex((item) => item.some((l) => l.trim() === `name: ${name}`));
  if (chosen < 0) throw new Error(`${source} has no user named "${name}" among its users`);

  const asCurrent = items[chosen]!.map((l) => `  ${l.slice(4)}`);
  const asItem = currentBody.map((l, i) => `${i === 0 ? '  - ' : '    '}${l.slice(2)}`);
  items[chosen] = asItem;
  const text = [
    ...lines.slice(0, current + 1),
    ...asCurrent,
    ...lines.slice(currentEnd, users + 1),
    ...items.flat(),
    ...lines.slice(usersEnd),
  ].join('\n');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-playground-config-'));
  const file = path.join(dir, '.m365agentsplayground.yml');
  await writeFile(file, text, 'utf8');
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The Playground's page in a browser, seen as the configured current user. */
export interface PlaygroundChat {
  page: Page;
  /** Every Adaptive Card in the open conversation, oldest first. */
  cards(): Locator;
  cardCount(): Promise<number>;
  /** Waits until at least `count` cards are shown; returns the last one. */
  waitForCards(count: number, timeoutMs?: number): Promise<Locator>;
  /** The text of the last card, as a user reads it. */
  lastCardText(): Promise<string>;
  /** Types a message in the composer and sends it. */
  send(text: string): Promise<void>;
  /** Sends a message and waits for the card the bot answers with. */
  sendAndWaitForCard(text: string, timeoutMs?: number): Promise<Locator>;
  /** Clicks the button with this title on the last card (or on `card`). */
  clickCardButton(title: string, card?: Locator): Promise<void>;
  hideLogPanel(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the Playground in a new browser context. The page load itself installs the bot in the personal
 * chat; pass `waitForFirstCard` to wait for the card the bot answers that with.
 */
export async function openPlayground(
  browser: Browser,
  playground: Pick<RunningPlayground, 'url'>,
  opts: { viewport?: { width: number; height: number }; timeoutMs?: number } = {},
): Promise<PlaygroundChat> {
  const timeout = opts.timeoutMs ?? 20_000;
  const context: BrowserContext = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(timeout);
  await blockNonLocalRequests(context);
  const page = await context.newPage();
  await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
  const composer = page.getByRole('textbox');
  await composer.waitFor({ state: 'visible' });

  const cards = (): Locator => page.locator('.ac-adaptiveCard');
  const waitForCards = async (count: number, timeoutMs = timeout): Promise<Locator> => {
    await cards()
      .nth(count - 1)
      .waitFor({ state: 'attached', timeout: timeoutMs });
    return cards().last();
  };
  const send = async (text: string): Promise<void> => {
    await composer.click();
    await composer.pressSequentially(text);
    await composer.press('Enter');
    // The composer empties once the message is posted.
    await until(
      async () => !((await composer.textContent()) ?? '').includes(text),
      timeout,
      `"${text}" to be sent`,
    );
  };
  return {
    page,
    cards,
    cardCount: () => cards().count(),
    waitForCards,
    lastCardText: async () => normalise(await cards().last().innerText()),
    send,
    async sendAndWaitForCard(text, timeoutMs = timeout) {
      const before = await cards().count();
      await send(text);
      return waitForCards(before + 1, timeoutMs);
    },
    async clickCardButton(title, card) {
      await (card ?? cards().last()).getByRole('button', { name: title, exact: true }).click();
    },
    async hideLogPanel() {
      const hide = page.getByTitle('Hide log panel');
      if (await hide.isVisible()) await hide.click();
    },
    close: () => context.close(),
  };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Collapses the renderer's line breaks and spacing so assertions read like the card. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
