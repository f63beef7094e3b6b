/**
 * The page a targeted meeting notification opens on a participant's meeting screen: a calm line for
 * each kind, no names and no case data beyond the current agenda item's title, in Teams' themes, and
 * no serious or critical accessibility problems.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import { PEOPLE, axeProblems, signedInContext, startTabService, waitForRender } from '../helpers/tab.js';
import type { TabService, Theme } from '../helpers/tab.js';

retryOnceOnCi();

describe('the in-meeting prompt page', () => {
  let service: TabService;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    service = await startTabService();
    browser = await launchChromium();
    await service.api(PEOPLE.chair, 'POST', `/api/conferences/${service.conferenceId}/record/commands`, {
      command: { type: 'agenda.start', itemId: 'worries' },
    });
    // The person prompted is a participant, not the chair: the page reads only the stage view.
    context = await signedInContext(browser, service, PEOPLE.teacher, { width: 400, height: 240 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await service?.stop();
  }, 30_000);

  const open = async (kind: string, theme: Theme): Promise<Page> => {
    const page = await context.newPage();
    const q = new URLSearchParams({ kind, conferenceId: service.conferenceId });
    if (theme !== 'default') q.set('theme', theme);
    await page.goto(`${service.url}/tab/prompt?${q.toString()}`);
    await waitForRender(page, 'prompt');
    return page;
  };

  for (const theme of ['default', 'dark', 'contrast'] as Theme[]) {
    test(`camera: asks kindly, names nobody, passes axe (${theme} theme)`, async () => {
      const page = await open('camera', theme);
      try {
        expect(await page.locator('main h1').innerText()).toBe('Please turn your camera on if you can');
        expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(theme);
        expect(await page.locator('main').innerText()).not.toMatch(/fictional|Pip|Wren|Sample/);
        expect(await axeProblems(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });

    test(`next item: shows the agenda item the conference moves on to, passes axe (${theme} theme)`, async () => {
      const page = await open('next-item', theme);
      try {
        await page
          .locator('main h1', { hasText: 'The conference is moving on to: What we are worried about' })
          .waitFor();
        expect(await page.locator('main').innerText()).not.toMatch(/fictional|Pip|Wren|Sample/);
        expect(await axeProblems(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  test('an unknown kind shows no prompt', async () => {
    const page = await open('<b>x</b>', 'default');
    try {
      expect(await page.locator('main h1').innerText()).toBe('This note is no longer available');
    } finally {
      await page.close();
    }
  });
});
