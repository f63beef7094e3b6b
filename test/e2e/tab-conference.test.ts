/**
 * A whole conference through the real tab and the real service, as the chair and the family would see
 * it: the chair's side panel (320 px wide, as in Teams) from the checklist to the decision, and in a
 * second browser context the meeting stage, which shows each agreed grid item within a second and never
 * shows an unagreed or restricted one, not even for a moment.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { animationsSettled, launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import {
  PEOPLE,
  openSurface,
  recordCommand,
  signIn,
  signedInContext,
  startTabService,
} from '../helpers/tab.js';
import type { TabService } from '../helpers/tab.js';

interface ChairView {
  version: number;
  people: { id: string; name: string; role: string; present: boolean }[];
  checklist: { id: string; label: string; done: boolean; note: string }[];
  agenda: { id: string; title: string; startedAt?: string; endedAt?: string }[];
  currentAgendaItemId?: string;
  restricted: { active: boolean; parts: { reason: string; endedAt?: string; excludedPersonIds: string[] }[] };
  grid: { id: string; column: string; text: string; agreed: boolean; restricted: boolean }[];
  scaling: { count: number; distribution: number[]; shared: boolean; mine?: { score: number } };
  plan: {
    actions: { what: string; who: string; byWhen: string }[];
    contingency: string;
    network: string;
    familyGroupConferenceOffered: boolean;
  };
  decision?: { outcome: string; category?: string; coreGroupPersonIds: string[]; dissent: unknown[] };
  prompts: { kind: string; personIds: string[]; delivered: string[]; notSent?: string }[];
}

/** Every text the stage page has ever shown, recorded on each DOM change (not only at the end). */
const RECORD_EVERYTHING_SHOWN = `
  window.__shown = [];
  new MutationObserver(() => { if (document.body) window.__shown.push(document.body.innerText); })
    .observe(document, { subtree: true, childList: true, characterData: true });
`;

const inAMonth = (): string => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

retryOnceOnCi();

describe('the conference tab: a chair runs a conference while the stage shows it', () => {
  let service: TabService;
  let browser: Browser;
  let chairContext: BrowserContext;
  let stageContext: BrowserContext;
  let side: Page;
  let stage: Page;
  let people: ChairView['people'];

  const chairView = () =>
    service.api<ChairView>(PEOPLE.chair, 'GET', `/api/conferences/${service.conferenceId}/record?view=chair`);

  /** Opens a section of the side panel's accordion (a click on a closed header; an open one stays). */
  const section = async (title: string): Promise<void> => {
    const header = side.getByRole('button', { name: title, exact: true });
    if ((await header.getAttribute('aria-expanded')) === 'true') return;
    await header.click();
    // As the chair would, work in the section once it has opened, not while it slides open.
    await animationsSettled(side);
  };

  const shownOnStage = async (): Promise<string> =>
    ((await stage.evaluate('window.__shown.join("\\n")')) as string) + (await stage.innerText('body'));

  /** Adds a grid item through the side panel and returns its card there. */
  const addGridItem = async (column: string, text: string): Promise<Locator> => {
    await section('Grid');
    await side.getByLabel('Column').selectOption(column);
    await side.getByLabel('What was said').fill(text);
    await side.getByRole('button', { name: 'Add to the grid' }).click();
    const item = side.locator('li[data-grid-item]', { hasText: text });
    await item.waitFor();
    return item;
  };

  /** Agrees an item and checks the stage shows it within a second of the click. */
  const agreeAndSeeOnStage = async (item: Locator, text: string): Promise<number> => {
    const started = Date.now();
    await item.getByRole('button', { name: 'Agree', exact: true }).click();
    await stage.getByText(text).waitFor({ timeout: 1000 });
    return Date.now() - started;
  };

  beforeAll(async () => {
    service = await startTabService();
    browser = await launchChromium();
    people = (await chairView()).people;
    stageContext = await signedInContext(browser, service, PEOPLE.healthVisitor);
    await stageContext.addInitScript(RECORD_EVERYTHING_SHOWN);
    stage = await openSurface(stageContext, service, 'stage');
    chairContext = await signedInContext(browser, service, PEOPLE.chair, { width: 320, height: 900 });
    side = await openSurface(chairContext, service, 'side-panel');
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await service?.stop();
  }, 30_000);

  test('before: the chair ticks a checklist item with a note and sees readiness', async () => {
    await section('Before');
    const first = side
      .getByRole('list', { name: 'Checklist with the parents' })
      .getByRole('listitem')
      .first();
    await first.getByRole('textbox').fill('Robin would like to be called Robin; <b>not</b> "Ms Sample".');
    await first.getByRole('button', { name: 'Save note' }).click();
    await first.getByRole('checkbox').check();
    await side.getByRole('list', { name: 'Readiness' }).waitFor();
    const view = await chairView();
    expect(view.checklist[0]).toMatchObject({
      done: true,
      note: 'Robin would like to be called Robin; <b>not</b> "Ms Sample".',
    });
    // What the chair typed is shown as text, markup and all.
    await expect(first.getByRole('textbox').inputValue()).resolves.toContain('<b>not</b>');
  });

  test('agenda: the camera reminder, the first item with its prompts and a running timer, then the next', async () => {
    await section('Agenda');
    await side.getByText('Keep your camera on for the whole conference').waitFor();
    await side.getByRole('button', { name: /^Start: / }).click();
    const current = side.getByRole('region', { name: 'Current agenda item' });
    await current.getByRole('heading', { name: /^Now: 1\. / }).waitFor();
    expect(await current.getByRole('listitem').count()).toBeGreaterThan(0);
    await current.getByText(/^0:0[1-9]$/).waitFor({ timeout: 5000 });
    await side.getByRole('button', { name: /^Next: / }).click();
    await current.getByRole('heading', { name: /^Now: 2\. / }).waitFor();
    const view = await chairView();
    expect(view.agenda[0]!.endedAt).toBeDefined();
    expect(view.currentAgendaItemId).toBe(view.agenda[1]!.id);
    const title = view.agenda[1]!.title;
    await stage.getByText(`Now: ${title}`).waitFor({ timeout: 1000 });
  });

  test('people: attendance ticks, the live quorum, and a camera prompt that says it was not sent', async () => {
    await section('People');
    for (const p of people) await side.getByRole('checkbox', { name: `${p.name} is here` }).check();
    await side
      .getByRole('status')
      .filter({ hasText: /Quorate|Quorum at risk|Not quorate/ })
      .first()
      .waitFor();
    const invitee = people.find((p) => p.role === 'professional')!;
    await side.getByRole('checkbox', { name: `Choose ${invitee.name} for a prompt` }).check();
    await side.getByRole('button', { name: 'Ask to turn cameras on' }).click();
    // Outside Teams no meeting is linked: the prompt is recorded, and the panel does not claim it arrived.
    await side
      .getByRole('list', { name: 'Prompts sent' })
      .getByText('recorded, not sent: this conference is not linked to its Teams meeting yet')
      .waitFor();
    const view = await chairView();
    expect(view.people.every((p) => p.present)).toBe(true);
    expect(view.prompts).toEqual([
      expect.objectContaining({
        kind: 'camera',
        personIds: [invitee.id],
        delivered: [],
        notSent: 'no-meeting',
      }),
    ]);
  });

  test('grid: each agreed item reaches the stage within a second; unagreed ones never do', async () => {
    const items: [string, string][] = [
      ['working-well', 'Pip goes to school every day and enjoys football.'],
      ['worries', 'Wren has missed three health visits since March.'],
      ['lived-experience', 'Pip says home is noisy at night and it is hard to sleep.'],
      ['next-steps', 'A safe sleeping plan for Wren, agreed with Robin.'],
      [
        'danger-statement',
        'We are worried that Wren could be hurt if nobody is awake to look after her at night.',
      ],
      ['safety-goal', 'Wren is always looked after by a sober adult at night.'],
    ];
    const latencies: number[] = [];
    for (const [column, text] of items) {
      const item = await addGridItem(column, text);
      await item.getByText('Not agreed yet').waitFor();
      latencies.push(await agreeAndSeeOnStage(item, text));
    }
    expect(Math.max(...latencies)).toBeLessThan(1000);
    const pending = 'Kit has said he will stop drinking (not yet agreed).';
    await addGridItem('worries', pending);
    // Typed markup stays text on both screens.
    const markup = '<img src=x onerror=alert(1)> Robin & Kit "share" the school run.';
    await agreeAndSeeOnStage(await addGridItem('working-well', markup), markup);
    expect(await stage.locator('img').count()).toBe(0);
    await stage.waitForTimeout(300);
    expect(await shownOnStage()).not.toContain(pending);
  });

  test('restricted part: items written during it are marked and never reach the stage, even agreed', async () => {
    await section('Restricted part');
    const family = people.find((p) => p.role === 'family')!;
    await side
      .getByLabel('Why is this part restricted?')
      .fill('Confidential information from a third party.');
    await side
      .getByRole('group', { name: 'Who is excluded from it?' })
      .getByRole('checkbox', { name: family.name })
      .check();
    await side.getByRole('button', { name: 'Start a restricted part' }).click();
    await side.getByText('Restricted part in progress.').first().waitFor();

    const secret = 'A neighbour reported shouting on 2 November (restricted).';
    const item = await addGridItem('worries', secret);
    await item.getByText('Restricted', { exact: true }).waitFor();
    await item.getByRole('button', { name: 'Agree', exact: true }).click();
    await item.getByText('Agreed', { exact: true }).waitFor();

    await section('Restricted part');
    await side.getByRole('button', { name: 'End the restricted part' }).click();
    await side.getByRole('button', { name: 'Start a restricted part' }).waitFor();
    expect(await side.getByText('Restricted part in progress.').count()).toBe(0);

    // A later change reaches the stage; the restricted item still does not.
    const after = 'Robin has asked for help with the night routine.';
    await agreeAndSeeOnStage(await addGridItem('working-well', after), after);
    expect(await shownOnStage()).not.toContain(secret);
    const view = await chairView();
    expect(view.restricted.parts).toEqual([
      expect.objectContaining({ excludedPersonIds: [family.id], endedAt: expect.any(String) }),
    ]);
    expect(view.grid.find((g) => g.text === secret)).toMatchObject({ restricted: true, agreed: true });
  });

  test('scaling: the chair gives a score; the stage shows the distribution only once shared', async () => {
    await section('Scaling');
    await side.getByLabel(/How safe is the child/).selectOption('4');
    await side.getByLabel('Why this score?').fill('Night care is not safe yet; school is going well.');
    await side.getByRole('button', { name: 'Give my score' }).click();
    await side.getByText('Your score: 4.').waitFor();
    expect(await stage.getByRole('region', { name: 'Safety scaling' }).count()).toBe(0);
    await side.getByRole('switch', { name: 'Show the scores on the stage, without names' }).check();
    const chart = stage.getByRole('region', { name: 'Safety scaling' });
    await chart.getByRole('listitem', { name: 'Score 4: 1 person' }).waitFor({ timeout: 1000 });
    expect(await chart.innerText()).not.toContain('Night care is not safe yet');
  });

  test('a professional who opens the panel may only give their own score', async () => {
    const context = await signedInContext(browser, service, PEOPLE.teacher, { width: 320, height: 900 });
    try {
      const panel = await openSurface(context, service, 'side-panel');
      await panel.getByRole('heading', { name: 'Safety scaling' }).waitFor();
      expect(await panel.getByRole('button', { name: 'Grid', exact: true }).count()).toBe(0);
      await panel.getByLabel(/How safe is the child/).selectOption('7');
      await panel.getByLabel('Why this score?').fill('Pip is settled at school.');
      await panel.getByRole('button', { name: 'Give my score' }).click();
      await panel.getByText('Thank you: your score has been given.').waitFor();
      await stage
        .getByRole('region', { name: 'Safety scaling' })
        .getByRole('listitem', { name: 'Score 7: 1 person' })
        .waitFor({ timeout: 1000 });
      expect((await chairView()).scaling.count).toBe(2);
    } finally {
      await context.close();
    }
  });

  test('plan and decision: the decision waits for a plan action, then is recorded', async () => {
    await section('Decision');
    await side.getByText('add at least one plan action first').waitFor();
    expect(await side.getByRole('button', { name: 'Record the decision' }).count()).toBe(0);

    await section('Plan');
    // The SMART check advises while the chair types, before anything is saved.
    await side.getByLabel('What will be done').fill('Support Robin');
    await side.getByText(/^Say exactly what will be done/).waitFor();
    await side
      .getByLabel('What will be done')
      .fill('Robin and Kit agree a night-time routine for Wren with the social worker');
    await side.getByLabel('Who will do it').fill('Sam Socialworker (fictional) with Robin and Kit');
    await side.getByLabel('By when').fill(inAMonth());
    await side
      .getByLabel('How we will know it has happened')
      .fill('The routine is written down and checked at 2 home visits');
    await side
      .getByLabel('Which worry it answers')
      .selectOption({ label: 'Wren has missed three health visits since March.' });
    expect(await side.getByText(/^Say exactly what will be done/).count()).toBe(0);
    await side.getByRole('button', { name: 'Add the action' }).click();
    const action = side.getByRole('list', { name: 'Plan actions' }).getByRole('listitem').first();
    await action.getByText('Robin and Kit agree a night-time routine').waitFor();
    await stage.getByText('Robin and Kit agree a night-time routine').waitFor({ timeout: 1000 });

    await side
      .getByLabel('Contingency plan')
      .fill('If the routine is not kept, a review conference is brought forward.');
    await side.getByRole('button', { name: 'Save the contingency plan' }).click();
    await stage.getByText('a review conference is brought forward').waitFor({ timeout: 1000 });
    await side
      .getByLabel('Who in the family and friends will help, and how')
      .fill('Grandparent visits twice a week.');
    await side.getByRole('checkbox', { name: 'A Family Group Conference has been offered' }).check();
    await side.getByRole('button', { name: 'Save the family network' }).click();
    await side
      .getByRole('button', { name: 'Save the family network' })
      .and(side.locator('[disabled]'))
      .waitFor();

    await section('Decision');
    await side.getByRole('radio', { name: 'Child Protection Plan' }).check();
    await side.getByLabel('Category of the plan').selectOption('neglect');
    const lead = people.find((p) => p.role === 'lead-social-worker')!;
    const police = people.find((p) => /Police/.test(p.name))!;
    await side
      .getByRole('group', { name: 'Core group members' })
      .getByRole('checkbox', { name: lead.name })
      .check();
    await side.getByLabel('Who disagrees').selectOption(police.id);
    await side.getByLabel('Their reason').fill('The category should be physical abuse.');
    await side.getByRole('button', { name: 'Add the dissent' }).click();
    await side.getByRole('button', { name: 'Record the decision' }).click();
    await side.getByText(/^Recorded .*Child Protection Plan \(Neglect\)\.$/).waitFor();
    await stage.getByText('Child Protection Plan (Neglect)').waitFor({ timeout: 1000 });

    // Everything fits the side panel's 320 px: nothing scrolls sideways.
    expect(await side.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);

    const view = await chairView();
    expect(view.plan).toMatchObject({
      contingency: 'If the routine is not kept, a review conference is brought forward.',
      network: 'Grandparent visits twice a week.',
      familyGroupConferenceOffered: true,
    });
    expect(view.decision).toMatchObject({
      outcome: 'child-protection-plan',
      category: 'neglect',
      coreGroupPersonIds: [lead.id],
      dissent: [{ personId: police.id, reason: 'The category should be physical abuse.' }],
    });
  });

  test('the personal tab shows the lead social worker their conference, report due and plan action', async () => {
    const context = await signedInContext(browser, service, PEOPLE.socialWorker);
    try {
      const page = await openSurface(context, service, 'personal');
      await page.getByText('You are the lead social worker').waitFor();
      const reports = page.getByRole('region', { name: 'Reports due' });
      expect(await reports.getByRole('listitem').count()).toBeGreaterThan(0);
      await reports
        .getByText(/^Due \w{3}, \d{1,2} \w{3} \d{4}$/)
        .first()
        .waitFor();
      await page
        .getByRole('region', { name: 'My plan actions' })
        .getByText('Robin and Kit agree a night-time routine for Wren with the social worker')
        .waitFor();
    } finally {
      await context.close();
    }
  });

  test('a stage whose service restarts catches up without reloading', async () => {
    const text = 'Kit walks Pip to school on Mondays.';
    await service.restart({
      // The stage notices the lost stream (its live region says so).
      whileDown: () =>
        stage.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ state: 'attached' }),
    });
    // The family's browser signs in again (a restart ends developer sign-ins); the page stays as it was.
    await signIn(stageContext, service, PEOPLE.healthVisitor);
    // Changed the moment the service is back, before the stage's next attempt (seconds later).
    const added = await recordCommand(service, PEOPLE.chair, {
      type: 'grid.add',
      column: 'working-well',
      text,
    });
    const item = (added.view as ChairView).grid.find((g) => g.text === text)!;
    await recordCommand(service, PEOPLE.chair, { type: 'grid.agree', itemId: item.id, agreed: true });
    await stage.getByText(text).waitFor({ timeout: 20_000 });
    expect(await stage.evaluate('performance.getEntriesByType("navigation").length')).toBe(1);
    expect(await stage.evaluate('location.href')).toContain('/tab/stage');
  }, 90_000);
});
