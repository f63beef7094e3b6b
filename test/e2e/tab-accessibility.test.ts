/**
 * The conference tab is usable without a mouse and without seeing colour: axe-core finds no serious or
 * critical violations on the side panel, the stage, the personal tab (with its figures) and the page after
 * the conference (with the core group's offered times and report) in Teams' three themes (light, dark,
 * high contrast), and the chair's main controls work with Tab, Enter and Space alone.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import { PEOPLE, axeProblems, openSurface, signedInContext, startTabService } from '../helpers/tab.js';
import type { Surface, TabService, Theme } from '../helpers/tab.js';

const SURFACES: Surface[] = ['side-panel', 'stage', 'personal'];
const THEMES: Theme[] = ['default', 'dark', 'contrast'];
const SECTIONS = ['Before', 'Agenda', 'People', 'Restricted part', 'Grid', 'Scaling', 'Plan', 'Decision'];

retryOnceOnCi();

describe('the conference tab: accessibility', () => {
  let service: TabService;
  let browser: Browser;
  let context: BrowserContext;

  const command = (command: object) =>
    service.api(PEOPLE.chair, 'POST', `/api/conferences/${service.conferenceId}/record/commands`, {
      command,
    });

  beforeAll(async () => {
    service = await startTabService();
    browser = await launchChromium();
    // Something on every part of every page: grid items (agreed and not), a plan action, shared scores.
    await command({ type: 'grid.add', column: 'working-well', text: 'Pip goes to school every day.' });
    await command({ type: 'grid.add', column: 'worries', text: 'Wren has missed three health visits.' });
    await command({ type: 'grid.add', column: 'danger-statement', text: 'Wren could be hurt at night.' });
    const view = await service.api<{ grid: { id: string }[] }>(
      PEOPLE.chair,
      'GET',
      `/api/conferences/${service.conferenceId}/record?view=chair`,
    );
    for (const item of view.grid.slice(0, 2))
      await command({ type: 'grid.agree', itemId: item.id, agreed: true });
    await command({ type: 'scaling.give', score: 6, reason: 'School is going well.' });
    await command({ type: 'scaling.share', shared: true });
    await command({
      type: 'plan.add',
      what: 'Robin takes Wren to every health visit this term',
      who: 'Robin Sample',
      byWhen: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      howWeWillKnow: 'The health visitor records 3 visits',
    });
    context = await signedInContext(browser, service, PEOPLE.chair);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await service?.stop();
  }, 30_000);

  const openAllSections = async (page: Page): Promise<void> => {
    for (const title of SECTIONS) {
      const header = page.getByRole('button', { name: title, exact: true });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    }
    await page.getByRole('button', { name: 'Record the decision' }).waitFor();
  };

  for (const theme of THEMES)
    for (const surface of SURFACES)
      test(`axe: no serious or critical violations on the ${surface} (${theme} theme)`, async () => {
        const page = await openSurface(context, service, surface, theme);
        try {
          if (surface === 'side-panel') await openAllSections(page);
          // The personal tab's figures load after its heading; check the page they complete.
          if (surface === 'personal') await page.getByRole('list', { name: 'Figures' }).waitFor();
          expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(theme);
          expect(await axeProblems(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });

  test('the check itself finds a planted violation (a button without a name)', async () => {
    const page = await openSurface(context, service, 'stage');
    try {
      await page.evaluate('document.querySelector("main").appendChild(document.createElement("button"))');
      expect((await axeProblems(page)).join('\n')).toMatch(/critical button-name/);
    } finally {
      await page.close();
    }
  });

  describe('keyboard only', () => {
    let page: Page;

    /** Presses Tab until `target` has the focus (at most `max` times). */
    const tabTo = async (target: Locator, max = 120): Promise<void> => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if ((await target.and(page.locator(':focus')).count()) === 1) return;
      }
      throw new Error(`Tab never reached ${target.toString()}`);
    };

    beforeAll(async () => {
      const narrow = await signedInContext(browser, service, PEOPLE.chair, { width: 320, height: 900 });
      page = await openSurface(narrow, service, 'side-panel');
    });

    test('start the agenda with Enter', async () => {
      await tabTo(page.getByRole('button', { name: /^Start: / }));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /^Now: 1\. / }).waitFor();
    });

    test('open the grid, choose a column, type, add with Enter and agree with Space', async () => {
      await tabTo(page.getByRole('button', { name: 'Grid', exact: true }));
      await page.keyboard.press('Enter');
      await tabTo(page.getByLabel('Column'));
      await page.keyboard.press('ArrowDown');
      expect(await page.getByLabel('Column').inputValue()).toBe('worries');
      await tabTo(page.getByLabel('What was said'));
      await page.keyboard.type('Nobody was awake when Wren cried at night.');
      await tabTo(page.getByRole('button', { name: 'Add to the grid' }));
      await page.keyboard.press('Enter');
      const item = page.locator('li[data-grid-item]', { hasText: 'Nobody was awake when Wren cried' });
      await item.waitFor();
      await tabTo(item.getByRole('button', { name: 'Agree', exact: true }));
      await page.keyboard.press('Space');
      await item.getByText('Agreed', { exact: true }).waitFor();
    });

    test('open People and tick attendance with Space', async () => {
      await tabTo(page.getByRole('button', { name: 'People', exact: true }));
      await page.keyboard.press('Space');
      const first = page.getByRole('list', { name: 'Attendance' }).getByRole('checkbox').first();
      await tabTo(first);
      await page.keyboard.press('Space');
      expect(await first.isChecked()).toBe(true);
    });
  });

  describe('after the conference', () => {
    let page: Page;

    beforeAll(async () => {
      // The decision (the plan action above exists), so the letter, minutes and plan sections show.
      await command({
        type: 'decision.record',
        outcome: 'child-protection-plan',
        category: 'neglect',
        coreGroupPersonIds: [],
        dissent: [],
      });
      // The core group with a meeting whose times are offered, so its times, counts and buttons show.
      await service.api(
        PEOPLE.chair,
        'POST',
        `/api/conferences/${service.conferenceId}/core-group/meetings`,
        {},
      );
    });

    for (const theme of THEMES) {
      test(`axe: no serious or critical violations after the conference (${theme} theme)`, async () => {
        const after = await openSurface(context, service, 'after', theme);
        try {
          await after.getByRole('button', { name: 'Approve and send', exact: true }).waitFor();
          await after.locator('iframe[title="The draft minutes"]').waitFor();
          const coreGroup = after.getByRole('region', { name: 'Core group' });
          await coreGroup.getByRole('list', { name: 'Times offered for meeting 1' }).waitFor();
          await coreGroup.getByRole('button', { name: 'Show the text report' }).click();
          await coreGroup.getByLabel('The core group progress report as text').waitFor();
          expect(await axeProblems(after)).toEqual([]);
        } finally {
          await after.close();
        }
      });

      test(`axe: no serious or critical violations in the figures, opened (${theme} theme)`, async () => {
        const personal = await openSurface(context, service, 'personal', theme);
        try {
          const figures = personal.getByRole('region', { name: 'Timeliness figures' });
          await figures
            .getByRole('status')
            .getByText(/^Figures for /)
            .waitFor();
          // The demo conference is scheduled ahead of today: a period that reaches it.
          await figures
            .getByLabel('To', { exact: true })
            .fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
          await figures.getByRole('button', { name: 'Show the figures' }).click();
          await figures
            .getByRole('status')
            .getByText(/: 1 conference\.$/)
            .waitFor();
          await figures.locator('summary').first().click();
          expect(await axeProblems(personal)).toEqual([]);
        } finally {
          await personal.close();
        }
      });
    }

    test('approve with the keyboard: the question takes the focus and "Not yet" sends nothing', async () => {
      page = await openSurface(context, service, 'after');
      const approve = page.getByRole('button', { name: 'Approve and send', exact: true });
      await approve.waitFor();
      await approve.focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Send the decision letter now?');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Not yet');
      await page.keyboard.press('Enter');
      await approve.waitFor();
      const overview = await service.api<{ letter: unknown }>(
        PEOPLE.chair,
        'GET',
        `/api/conferences/${service.conferenceId}/after`,
      );
      expect(overview.letter).toBeNull();
      await page.close();
    });

    test('fix a core group time with the keyboard: the question takes the focus and "Not yet" fixes nothing', async () => {
      page = await openSurface(context, service, 'after');
      const fix = page.getByRole('button', { name: /^Fix this time: / }).first();
      await fix.waitFor();
      await fix.focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^Fix meeting 1 for .+\?$/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toBe('Not yet');
      await page.keyboard.press('Enter');
      await fix.waitFor();
      const group = await service.api<{ meetings: { status: string }[] }>(
        PEOPLE.chair,
        'GET',
        `/api/conferences/${service.conferenceId}/core-group`,
      );
      expect(group.meetings.map((m) => m.status)).toEqual(['proposed']);
      await page.close();
    });
  });
});
