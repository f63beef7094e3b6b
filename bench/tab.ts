/**
 * Figures for the conference tab, against the real service on loopback and headless Chromium:
 *  1. gzipped JavaScript (and CSS) each surface loads, as the browser fetches it;
 *  2. time from navigation to the stage's first render (its heading in the DOM), median of N cold loads;
 *  3. update latency from one client to another: a command POSTed from Node to the stage's DOM showing
 *     it, median and p95 over U updates.
 * Usage: npm run bench:tab -- [loads=20] [updates=200]
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { REPO_ROOT } from '../test/helpers/service.js';
import {
  PEOPLE,
  fillDemoRecord,
  signedInContext,
  startTabService,
  surfacePath,
} from '../test/helpers/tab.js';
import type { Surface } from '../test/helpers/tab.js';
import { quantile } from './stats.js';

const LOADS = Number(process.argv[2] ?? 20);
const UPDATES = Number(process.argv[3] ?? 200);

const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Records, in the page, when the first `main h1` appears (ms since navigation start). */
const FIRST_RENDER = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('main h1')) { window.__firstRender = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true });
`;

/** Records when each "Update N" marker first shows in the stage's text (epoch ms, sub-ms precision). */
const UPDATE_SEEN = `
  window.__seen = {};
  new MutationObserver(() => {
    const m = document.body && document.body.innerText.match(/Update (\\d+) of the contingency/);
    if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = performance.timeOrigin + performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** When the stage showed update `i` (polled through the DevTools protocol: the page's CSP forbids eval). */
async function seenAt(stage: Page, i: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const at = (await stage.evaluate(`window.__seen[${i}]`)) as number | undefined;
    if (at !== undefined) return at;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the stage did not show update ${i} within 10 s`);
}

async function main(): Promise<void> {
  const service = await startTabService();
  const browser = await launchChromium();
  try {
    await fillDemoRecord(service);
    const out: string[] = [];

    // 1. What each surface loads.
    out.push('JavaScript and CSS each surface loads (gzip level 9 of each file, as fetched):');
    const loaded = new Set<string>();
    for (const surface of ['side-panel', 'stage', 'personal', 'config', 'after'] as Surface[]) {
      const context = await signedInContext(browser, service, PEOPLE.chair);
      const page = await context.newPage();
      const files: string[] = [];
      page.on('response', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/tab/assets/')) files.push(url.pathname.replace('/tab/assets/', ''));
      });
      await page.goto(`${service.url}${surfacePath(surface, service.conferenceId)}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      let js = 0;
      let css = 0;
      for (const f of files) {
        loaded.add(f);
        const size = gzipSync(await readFile(path.join(REPO_ROOT, 'tabs', 'dist', 'assets', f)), {
          level: 9,
        }).length;
        if (f.endsWith('.js')) js += size;
        else if (f.endsWith('.css')) css += size;
      }
      out.push(
        `  ${surface.padEnd(11)} JS ${kb(js)} gzipped in ${files.filter((f) => f.endsWith('.js')).length} files, CSS ${kb(css)}`,
      );
      await context.close();
    }
    const lazy = (await readdir(path.join(REPO_ROOT, 'tabs', 'dist', 'assets'))).filter(
      (f) => f.endsWith('.js') && !loaded.has(f),
    );
    for (const f of lazy) {
      const size = gzipSync(await readFile(path.join(REPO_ROOT, 'tabs', 'dist', 'assets', f)), {
        level: 9,
      }).length;
      out.push(`  not loaded by any page above (loaded on demand): ${f} ${kb(size)} gzipped`);
    }

    // 2. Navigation to first render of the stage, each load in a fresh context (empty cache).
    const firstRender: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await signedInContext(browser, service, PEOPLE.healthVisitor);
      await context.addInitScript(FIRST_RENDER);
      const page = await context.newPage();
      await page.goto(`${service.url}${surfacePath('stage', service.conferenceId)}`);
      await page.locator('main h1').first().waitFor();
      firstRender.push((await page.evaluate('window.__firstRender')) as number);
      await context.close();
    }
    out.push(
      `Stage, navigation to first render (cold cache, ${LOADS} loads): median ${ms(quantile(firstRender, 0.5))}, p95 ${ms(quantile(firstRender, 0.95))}`,
    );

    // 3. One client's command to another client's DOM.
    const context = await signedInContext(browser, service, PEOPLE.healthVisitor);
    await context.addInitScript(UPDATE_SEEN);
    const stage: Page = await context.newPage();
    await stage.goto(`${service.url}${surfacePath('stage', service.conferenceId)}`);
    await stage.locator('main h1').first().waitFor();
    const cookie = await service.cookieFor(PEOPLE.chair);
    const url = `${service.url}/api/conferences/${service.conferenceId}/record/commands`;
    const latencies: number[] = [];
    const posts: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const sent = performance.timeOrigin + performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          command: { type: 'plan.contingency', text: `Update ${i} of the contingency plan.` },
        }),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`the command answered ${res.status}`);
      posts.push(performance.timeOrigin + performance.now() - sent);
      latencies.push((await seenAt(stage, i)) - sent);
    }
    out.push(
      `Update latency, command POST to the stage's DOM (${UPDATES} updates): median ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}, max ${ms(Math.max(...latencies))}`,
      `  (the POST alone: median ${ms(quantile(posts, 0.5))}, p95 ${ms(quantile(posts, 0.95))})`,
    );
    console.log(out.join('\n'));
  } finally {
    await browser.close();
    await service.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
