/**
 * The real-client loop: the real service (as `npm start` runs it), the Microsoft 365 Agents Playground
 * sending it real Bot Framework activities, and the Playground's page in Chromium, read like a user would.
 * UPDATE_SCREENSHOTS=1 refreshes docs/playground-welcome.png.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import { openPlayground, startPlayground } from '../helpers/playground.js';
import type { PlaygroundChat, RunningPlayground } from '../helpers/playground.js';
import { REPO_ROOT, startService } from '../helpers/service.js';
import type { RunningService } from '../helpers/service.js';

const SCREENSHOT = path.join(REPO_ROOT, 'docs', 'playground-welcome.png');

/** What a user must be able to read on the welcome card (cards/welcome.json and ROLE_GUIDE). */
const WELCOME_TEXT = [
  'Welcome to Roundtable',
  'Chairs',
  'Social workers',
  'Partner professionals',
  'Parents and family',
  'Type help at any time to see this again, my conferences for yours, or my reports for the reports you owe.',
];

function expectWelcome(text: string): void {
  for (const phrase of WELCOME_TEXT) expect(text).toContain(phrase);
}

retryOnceOnCi();

describe('Roundtable in the Agents Playground (personal chat)', () => {
  let service: RunningService | undefined;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let chat: PlaygroundChat | undefined;

  beforeAll(async () => {
    service = await startService();
    playground = await startPlayground({ botEndpoint: `${service.url}/api/messages` });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    // Each step on its own: one failing must not leave the others running.
    await chat?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await playground?.stop();
    await service?.stop();
  }, 30_000);

  const open = (): PlaygroundChat => {
    if (!chat) throw new Error('the Playground page is not open (an earlier test failed)');
    return chat;
  };

  test('the Playground runs as the fictional chair, with only fictional people', async () => {
    const config = await playground!.config();
    expect(config.currentUser.name).toBe('Casey Chair (fictional)');
    const people = [config.currentUser, ...config.users];
    expect(people).toHaveLength(6);
    for (const person of people) {
      expect(person.name).toMatch(/\(fictional\)$/);
      expect(person.email).toMatch(/@example\.org$/);
    }
  });

  test('installing the bot shows the welcome card, once', async () => {
    // Opening the page installs the app: the Playground sends conversationUpdate (bot added) and
    // installationUpdate to the bot.
    chat = await openPlayground(browser!, playground!, { viewport: { width: 1280, height: 1200 } });
    // Generous: the page loads a 9 MB bundle and the Playground polls the bot before it connects.
    const card = await chat.waitForCards(1, 40_000);
    await card.getByRole('button', { name: 'Show this guide again' }).waitFor();
    expectWelcome(await chat.lastCardText());

    // Both install activities have been answered once the log panel shows the installationUpdate.
    await chat.page.getByText(/installationUpdate\s*200/).waitFor();
    expect(await chat.cardCount()).toBe(1);

    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await chat.hideLogPanel();
      await chat.page.screenshot({ path: SCREENSHOT });
    }
  }, 60_000);

  test('typing "help" shows the welcome card again', async () => {
    const before = await open().cardCount();
    await open().sendAndWaitForCard('help');
    expect(await open().cardCount()).toBe(before + 1);
    expectWelcome(await open().lastCardText());
  });

  test('"Show this guide again" (Action.Execute) answers with the guide in place', async () => {
    const before = await open().cardCount();
    await open().clickCardButton('Show this guide again');
    await open().page.getByText('Your response was sent to the app').waitFor();
    // The card is replaced, not added.
    expect(await open().cardCount()).toBe(before);
    expectWelcome(await open().lastCardText());
  });

  test('adding the bot again through an injected conversationUpdate welcomes again', async () => {
    const before = await open().cardCount();
    await playground!.inject('botAdded');
    await open().waitForCards(before + 1);
    expectWelcome(await open().lastCardText());
  });
});
