/**
 * After the conference through the real tab and the real service: the chair previews the decision letter,
 * leaves one person out with a reason and approves it after a confirmation step; the lead social worker
 * marks a follow-up done; the chair confirms each restricted item and approves the minutes; the personal
 * tab's figures count the letter and lead back to the conference.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import { PEOPLE, openSurface, recordCommand, signedInContext, startTabService } from '../helpers/tab.js';
import type { TabService } from '../helpers/tab.js';

interface Overview {
  reference: string;
  letter: { withheld: { personId: string; reason: string }[]; sentTo: string[]; byHand: string[] } | null;
  minutes: { confirmed: string[] } | null;
  tasks: { id: string; kind: string; personName: string; doneAt: string | null; note: string | null }[];
}

const inAMonth = (): string => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const inTwoMonths = (): string => new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const yesterday = (): string => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const WITHHELD_REASON = 'The conference agreed the teacher is told by the school’s safeguarding lead.';
const SECRET = 'Kit’s new address is known only to the police <restricted>.';

retryOnceOnCi();

describe('the tab after the conference: letter, follow-ups, minutes and the figures', () => {
  let service: TabService;
  let browser: Browser;
  let chairContext: BrowserContext;
  let page: Page;
  let restrictedCount = 0;

  const overview = () =>
    service.api<Overview>(PEOPLE.chair, 'GET', `/api/conferences/${service.conferenceId}/after`);

  /** The demo conference run to its decision through the record API: Robin came, Kit did not. */
  async function decide(): Promise<void> {
    const chair = (c: object) => recordCommand(service, PEOPLE.chair, c);
    const view = await service.api<{ people: { id: string; name: string; role: string }[] }>(
      PEOPLE.chair,
      'GET',
      `/api/conferences/${service.conferenceId}/record?view=chair`,
    );
    for (const p of view.people)
      if (!p.name.startsWith('Kit')) await chair({ type: 'attendance.set', personId: p.id, present: true });
    const robin = view.people.find((p) => p.name.startsWith('Robin'))!;
    await chair({ type: 'grid.add', column: 'worries', text: 'Wren has missed three health visits.' });
    await chair({ type: 'restricted.start', reason: 'Police information', excludedPersonIds: [robin.id] });
    await chair({ type: 'grid.add', column: 'worries', text: SECRET });
    await chair({ type: 'restricted.end' });
    const after = (
      await chair({ type: 'plan.add', what: 'x', who: 'x', byWhen: inAMonth(), howWeWillKnow: 'x' })
    ).view as { grid: { id: string }[]; plan: { actions: { id: string }[] } };
    for (const g of after.grid) await chair({ type: 'grid.agree', itemId: g.id, agreed: true });
    await chair({
      type: 'plan.edit',
      actionId: after.plan.actions[0]!.id,
      what: 'Robin takes Wren to every health visit this term',
      who: 'Robin Sample',
      byWhen: inAMonth(),
      howWeWillKnow: 'The health visitor records 3 visits',
    });
    await chair({
      type: 'decision.record',
      outcome: 'child-protection-plan',
      category: 'neglect',
      coreGroupPersonIds: [],
      dissent: [],
    });
  }

  beforeAll(async () => {
    service = await startTabService();
    browser = await launchChromium();
    await decide();
    chairContext = await signedInContext(browser, service, PEOPLE.chair);
    page = await openSurface(chairContext, service, 'after');
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await service?.stop();
  }, 30_000);

  const letterSection = () => page.getByRole('region', { name: 'Decision letter' });

  test('the chair previews the letter in a frame where nothing can run, with its deadline and recipients', async () => {
    const { reference } = await overview();
    await page.getByRole('heading', { level: 1, name: `After the conference ${reference}` }).waitFor();
    const letter = letterSection();
    const frame = letter.locator('iframe[title="The decision letter as it will be sent"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain(reference);
    await letter
      .locator('[data-deadline="decision-letter"]')
      .getByText(/^Decision letter.*: due /)
      .waitFor();
    // Kit has no email address: the letter goes to him by hand.
    await letter
      .getByRole('list', { name: /^By hand or post/ })
      .getByText(/^Kit Sample/)
      .waitFor();
    await letter
      .getByRole('list', { name: 'By email' })
      .getByText(/^Theo Teacher/)
      .waitFor();
  });

  test('withholding needs a reason; the person moves to "Not told" and the chair approves after confirming', async () => {
    const letter = letterSection();
    await letter
      .getByLabel('Person not to be told')
      .selectOption({ label: 'Theo Teacher (fictional) (professional)' });
    await letter.getByRole('button', { name: 'Leave out of the letter' }).click();
    await letter.getByText('Say why this person is not to be told.').waitFor();
    await letter.getByLabel(/^Why they are not to be told/).fill(WITHHELD_REASON);
    await letter.getByRole('button', { name: 'Leave out of the letter' }).click();
    const notTold = letter.getByRole('list', { name: 'Not told' });
    await notTold.getByText(WITHHELD_REASON, { exact: false }).waitFor();
    expect(await letter.getByRole('list', { name: 'By email' }).innerText()).not.toContain('Theo Teacher');

    await letter.getByRole('button', { name: 'Approve and send' }).click();
    // Nothing is sent before the confirmation.
    expect((await overview()).letter).toBeNull();
    await letter.getByRole('button', { name: 'Yes, approve and send' }).click();
    await letter.getByText(/^Approved and sent /).waitFor();
    await page
      .getByRole('status')
      .getByText(/decision letter was approved and sent/)
      .waitFor();

    const after = await overview();
    expect(after.letter!.withheld).toEqual([{ personId: expect.any(String), reason: WITHHELD_REASON }]);
    expect(after.letter!.sentTo).not.toContain(after.letter!.withheld[0]!.personId);
    await letter
      .getByRole('list', { name: 'Not told' })
      .getByText(/^Theo Teacher/)
      .waitFor();
  });

  test('the lead social worker sees the follow-ups, no approval buttons, and marks one done with a note', async () => {
    const context = await signedInContext(browser, service, PEOPLE.socialWorker);
    try {
      const sw = await openSurface(context, service, 'after');
      const tasks = sw.getByRole('list', { name: 'Follow-ups' });
      const tell = tasks.getByRole('listitem').filter({ hasText: 'Tell Kit Sample the decision' });
      await tell.waitFor();
      expect(await tasks.getByRole('listitem').count()).toBe(2);
      await sw
        .getByRole('region', { name: 'Minutes' })
        .getByText('The chair approves and sends the minutes.')
        .waitFor();
      expect(await sw.getByRole('button', { name: /Approve and send/ }).count()).toBe(0);

      await tell.getByRole('button', { name: 'Mark done' }).click();
      await tell.getByLabel('What happened (optional)').fill('Phoned Kit at 4pm; he understood the plan.');
      await tell.getByRole('button', { name: 'Save as done' }).click();
      await tell.getByText('Done', { exact: true }).waitFor();
      await sw
        .getByRole('status')
        .getByText(/^Marked done: Tell Kit Sample/)
        .waitFor();
      const done = (await overview()).tasks.find((t) => t.kind === 'tell-absent-parent');
      expect(done).toMatchObject({
        doneAt: expect.any(String),
        note: 'Phoned Kit at 4pm; he understood the plan.',
      });
    } finally {
      await context.close();
    }
  });

  test('the chair ticks each restricted item before the minutes can be approved', async () => {
    await page.reload();
    const minutes = page.getByRole('region', { name: 'Minutes' });
    await minutes.locator('iframe[title="The draft minutes"]').waitFor();
    const items = minutes.getByRole('list', { name: 'Restricted items' });
    await items.getByText(SECRET).waitFor();
    const boxes = items.getByRole('checkbox', { name: 'I have checked this restricted item' });
    restrictedCount = await boxes.count();
    expect(restrictedCount).toBeGreaterThan(0);
    const approve = minutes.getByRole('button', { name: 'Approve and send the minutes' });
    for (let i = 0; i < restrictedCount; i++) {
      expect(await approve.isDisabled()).toBe(true);
      await boxes.nth(i).check();
    }
    expect(await approve.isDisabled()).toBe(false);
    await approve.click();
    await minutes.getByRole('button', { name: 'Yes, approve and send the minutes' }).click();
    await minutes.getByText(/^Approved and sent /).waitFor();
    expect((await overview()).minutes!.confirmed).toHaveLength(restrictedCount);
  });

  test('the personal tab shows the letter figure for a chosen period and links to the conference', async () => {
    const personal = await openSurface(chairContext, service, 'personal');
    const figures = personal.getByRole('region', { name: 'Timeliness figures' });
    const status = figures.getByRole('status');
    // By default the past year and the three months ahead, so the demo conference (scheduled ahead) shows.
    await status.getByText(/^Figures for .*: 1 conference\.$/).waitFor();
    // A period that ends before it leaves it out; one that reaches it brings it back.
    await figures.getByLabel('To', { exact: true }).fill(yesterday());
    await figures.getByRole('button', { name: 'Show the figures' }).click();
    await status.getByText(/: 0 conferences\.$/).waitFor();
    await figures.getByLabel('To', { exact: true }).fill(inTwoMonths());
    await figures.getByRole('button', { name: 'Show the figures' }).click();
    await status.getByText(/: 1 conference\.$/).waitFor();
    const card = figures.locator('[data-figure="letters-on-time"]');
    await card.getByRole('heading', { name: 'Decision letters sent in time' }).waitFor();
    await card.getByText('1 of 1', { exact: true }).waitFor();
    await card.getByText('100%', { exact: true }).waitFor();
    await card.getByText(/^The 1 conference behind this figure$/).click();
    const { reference } = await overview();
    const link = card.getByRole('link', { name: reference });
    expect(await link.getAttribute('href')).toBe(`/tab/after?conferenceId=${service.conferenceId}`);
    await personal.close();
  });
});
