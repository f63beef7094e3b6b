/**
 * Headless Chromium for browser tests (Playground, tabs, card screenshots): Debian's chromium package
 * driven by playwright-core. Nothing is ever downloaded; CI installs chromium and sets CHROMIUM_PATH.
 */
import { jest } from '@jest/globals';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, offline, container-friendly browser (shared/reference/teams-platform.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    timeout: 30_000,
    ...opts,
    executablePath: opts.executablePath ?? CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
}

/**
 * On CI a browser test that fails runs once more, with its first failure printed above the retry, so
 * a step that lost a race with a busy machine is seen without failing the run; a real fault fails twice.
 * Call at the top of a browser test file.
 */
export function retryOnceOnCi(): void {
  if (process.env.CI) jest.retryTimes(1, { logErrorsBeforeRetry: true });
}

/**
 * Waits until the page's finite animations have ended (a section opening, a button fading from its
 * disabled look); endless ones such as spinners are left running. Polled from here: page.waitForFunction
 * would evaluate the string in the page, which the tab's CSP (script-src 'self') forbids.
 */
export async function animationsSettled(page: Page, timeoutMs = 10_000): Promise<void> {
  const settled = `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)`;
  for (let waited = 0; waited < timeoutMs && !(await page.evaluate(settled)); waited += 50)
    await page.waitForTimeout(50);
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Aborts every request that leaves the machine (web fonts, CDN animations the Playground asks for), so
 * pages behave the same with or without a network and never wait on DNS.
 */
export async function blockNonLocalRequests(target: Page | BrowserContext): Promise<void> {
  await target.route(
    (url) =>
      (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') &&
      !LOCAL_HOSTS.has(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
}
