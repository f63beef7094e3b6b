/**
 * Headless Chromium for browser tests (Playground, tabs, card screenshots): Debian's chromium package
 * driven by playwright-core. Nothing is ever downloaded; CI installs chromium and sets CHROMIUM_PATH.
 */
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
