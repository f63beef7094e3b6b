/**
 * An invitation through the real Teams-like client: the real service, the Microsoft 365 Agents Playground
 * and its page in Chromium. The Playground runs as the fictional health visitor (a copy of the config
 * with her as the current user; the chair stays one of the other users). The chair's side is the HTTP
 * API: request, schedule, send invitations. The invitation card arrives proactively in her personal
 * chat; she answers "I will attend online" on the card, it updates in place, and readiness has her answer.
 * UPDATE_SCREENSHOTS=1 refreshes docs/cards/playground-invitation-before.png and -after.png.
 */
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium, retryOnceOnCi } from '../helpers/browser.js';
import { normalise, openPlayground, playgroundConfigAs, startPlayground } from '../helpers/playground.js';
import type {
  PlaygroundChat,
  PlaygroundConfigCopy,
  PlaygroundUser,
  RunningPlayground,
} from '../helpers/playground.js';
import { REPO_ROOT, startService } from '../helpers/service.js';
import type { RunningService } from '../helpers/service.js';

const HEALTH_VISITOR = 'Hana Healthvisitor (fictional)';
const CHAIR = 'Casey Chair (fictional)';
const SOCIAL_WORKER = 'Sam Socialworker (fictional)';
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'cards');

/** Family details in the request: none may ever be visible in the chat (initials only). */
const FAMILY_NAMES = ['Pip', 'Wren', 'Sample', 'Robin'];

/** Calendar arithmetic on plain dates (UTC midnight stands for the London date). */
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

/** Today in England. */
function londonToday(): Date {
  return day(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()));
}

/** "Thursday 3 December 2026", as cards write a date (built from parts, whatever ICU's punctuation). */
function longDate(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

function person(people: PlaygroundUser[], name: string): PlaygroundUser {
  const found = people.find((p) => p.name === name);
  if (!found) throw new Error(`${name} is not in the Playground config`);
  return found;
}

/** A fictional initial conference, hybrid, with the Playground's people as chair and invitees. */
function conferenceRequest(people: PlaygroundUser[], strategyDiscussionDate: string) {
  const staff = (name: string) => {
    const p = person(people, name);
    return { name: p.name, email: p.email, aadObjectId: p.aadObjectId };
  };
  return {
    kind: 'initial',
    strategyDiscussionDate,
    format: 'hybrid',
    chair: staff(CHAIR),
    leadSocialWorker: staff(SOCIAL_WORKER),
    children: [
      { firstName: 'Pip', lastName: 'Sample', dateOfBirth: '2013-05-14' },
      { firstName: 'Wren', lastName: 'Sample', dateOfBirth: '2020-09-02' },
    ],
    familyMembers: [
      {
        key: 'robin',
        firstName: 'Robin',
        lastName: 'Sample',
        relationship: 'mother',
        parentalResponsibility: true,
        email: 'robin.sample@example.org',
      },
    ],
    invitees: [
      {
        ...staff(SOCIAL_WORKER),
        role: 'Social worker',
        agency: 'Example Children’s Services',
        agencyKind: 'childrens-social-care',
      },
      {
        ...staff(HEALTH_VISITOR),
        role: 'Health visitor',
        agency: 'Example Community Health',
        agencyKind: 'health',
      },
    ],
  };
}

/**
 * /healthz answers as soon as the process listens; the bot endpoint answers 503 until the database is
 * open, and the Playground holds its own API (config) until it has connected. So wait for /readyz.
 */
async function waitForReady(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${baseUrl}/readyz did not answer 200 within ${timeoutMs} ms (${last})`);
}

interface ReadinessBody {
  invitations: { name: string; answer: string | null; answerLabel: string }[];
}

retryOnceOnCi();

describe('An invitation in the Agents Playground (personal chat of an invitee)', () => {
  let configCopy: PlaygroundConfigCopy | undefined;
  let service: RunningService | undefined;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let chat: PlaygroundChat | undefined;
  let conferenceId = '';
  /** Set once invitations are sent: what the card must say. */
  let expected = { when: '', reportDueSentence: '', reportDue: '' };

  beforeAll(async () => {
    configCopy = await playgroundConfigAs(HEALTH_VISITOR);
    service = await startService();
    await waitForReady(service.url, 45_000);
    playground = await startPlayground({
      botEndpoint: `${service.url}/api/messages`,
      configPath: configCopy.path,
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    // Each step on its own: one failing must not leave the others running.
    await chat?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await playground?.stop().catch(() => undefined);
    await service?.stop().catch(() => undefined);
    await configCopy?.remove().catch(() => undefined);
  }, 30_000);

  const open = (): PlaygroundChat => {
    if (!chat) throw new Error('the Playground page is not open (an earlier test failed)');
    return chat;
  };
  const api = async (pathname: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${service!.url}${pathname}`, {
      ...init,
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  const json = async <T>(res: Response, status: number, what: string): Promise<T> => {
    const body = await res.text();
    if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${body}`);
    return JSON.parse(body) as T;
  };
  /** The whole page as a user reads it (chat, log panel, everything): no family name anywhere. */
  const expectNoFamilyNames = async (): Promise<string> => {
    const text = normalise(await open().page.locator('body').innerText());
    for (const name of FAMILY_NAMES) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
    return text;
  };
  const screenshot = async (name: string, card: Locator): Promise<void> => {
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    await open().hideLogPanel();
    await card.scrollIntoViewIfNeeded();
    await open().page.screenshot({ path: path.join(SCREENSHOTS, name) });
  };

  test('the Playground runs as the fictional health visitor; the chair is another user', async () => {
    const config = await playground!.config();
    expect(config.currentUser.name).toBe(HEALTH_VISITOR);
    const people = [config.currentUser, ...config.users];
    expect(people).toHaveLength(6);
    expect(config.users.map((u) => u.name)).toContain(CHAIR);
    for (const p of people) expect(p.name).toMatch(/\(fictional\)$/);
  });

  test('opening the page installs the bot (welcome card), so the bot can reach her later', async () => {
    chat = await openPlayground(browser!, playground!, { viewport: { width: 1280, height: 1400 } });
    // Generous: the page loads a 9 MB bundle and the Playground polls the bot before it connects.
    await chat.waitForCards(1, 40_000);
    expect(await chat.lastCardText()).toContain('Welcome to Roundtable');
    // The bot stores her conversation reference on each install activity (conversationUpdate, which the
    // welcome card answers, and installationUpdate): wait for both before the chair sends anything.
    await chat.page.getByText(/installationUpdate\s*200/).waitFor({ timeout: 20_000 });
    expect(await chat.cardCount()).toBe(1);
  }, 60_000);

  test('the chair requests, schedules and invites: the invitation card arrives in her chat', async () => {
    const today = londonToday();
    // A weekday ten or so days ahead: inside the 15 working days after the strategy discussion.
    let start = addDays(today, 10);
    while ([0, 6].includes(start.getUTCDay())) start = addDays(start, 1);

    const config = await playground!.config();
    const people = [config.currentUser, ...config.users];
    const created = await json<{ id: string }>(
      await api('/api/conferences', {
        method: 'POST',
        body: JSON.stringify(conferenceRequest(people, iso(today))),
      }),
      201,
      'requesting the conference',
    );
    conferenceId = created.id;
    const scheduled = await json<{ deadlines: { key: string; dueLabel: string; rule: string }[] }>(
      await api(`/api/conferences/${conferenceId}/schedule`, {
        method: 'POST',
        body: JSON.stringify({
          scheduledStart: `${iso(start)}T10:00`,
          joinUrl: 'https://teams.example.org/l/meetup-join/fictional',
        }),
      }),
      200,
      'scheduling the conference',
    );
    const reports = scheduled.deadlines.find((d) => d.key === 'reports-to-service');
    if (!reports) throw new Error('the schedule answer has no reports-to-service deadline');
    expect(reports.dueLabel).toMatch(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expected = {
      when: `${longDate(start)}, 10:00 to 12:00`,
      reportDue: reports.dueLabel,
      reportDueSentence: `Your report is due ${reports.dueLabel} (${reports.rule}).`,
    };

    const sent = await json<{ sent: number }>(
      await api(`/api/conferences/${conferenceId}/invitations`, { method: 'POST' }),
      202,
      'sending invitations',
    );
    expect(sent.sent).toBe(2);

    // Proactive: nothing was typed; the outbox delivers within a second or two.
    const card = await open().waitForCards(2, 20_000);
    await card.getByRole('button', { name: 'I will attend online', exact: true }).waitFor();
    const text = await open().lastCardText();
    expect(text).toContain('You are invited to an initial child protection conference');
    expect(text).toContain(expected.when);
    expect(text).toContain('Health visitor');
    expect(text).toContain('Initials PS, WS');
    expect(text).toContain(expected.reportDueSentence);
    expect(text).toContain('Will you come?');
    for (const title of [
      'I will attend in person',
      'I will send a colleague',
      'I cannot attend: report only',
    ])
      expect(await card.getByRole('button', { name: title, exact: true }).count()).toBe(1);
    expect(await open().cardCount()).toBe(2);
    await expectNoFamilyNames();
    await screenshot('playground-invitation-before.png', card);
  }, 60_000);

  test('"I will attend online" updates the card in place', async () => {
    const card = open().cards().last();
    await open().clickCardButton('I will attend online', card);
    await open().page.getByText('Your response was sent to the app').waitFor({ timeout: 15_000 });
    const answered = open().cards().last();
    await answered.getByText('Your answer: Attending online (Teams)').waitFor({ timeout: 15_000 });

    // Replaced, not added.
    expect(await open().cardCount()).toBe(2);
    const text = normalise(await answered.innerText());
    expect(text).toContain('You are invited to an initial child protection conference');
    expect(text).toContain(expected.when);
    expect(text).toContain(
      `Thank you. Join with the Teams link in your calendar or on this card. Please send your report by ${expected.reportDue}: reports are needed even when you attend.`,
    );
    expect(text).not.toContain('Will you come?');
    expect(await answered.getByRole('button', { name: 'Change my answer', exact: true }).count()).toBe(1);
    // Action.OpenUrl renders as a button with role "link".
    expect(await answered.getByRole('link', { name: 'Join the Teams meeting', exact: true }).count()).toBe(1);
    expect(await answered.getByRole('button', { name: 'I will attend online', exact: true }).count()).toBe(0);
    await expectNoFamilyNames();
    await screenshot('playground-invitation-after.png', answered);
  }, 45_000);

  test('readiness shows her stored answer', async () => {
    const readiness = await json<ReadinessBody>(
      await api(`/api/conferences/${conferenceId}/readiness`),
      200,
      'reading readiness',
    );
    const byName = Object.fromEntries(readiness.invitations.map((i) => [i.name, i]));
    expect(byName[HEALTH_VISITOR]).toMatchObject({
      answer: 'attending-virtually',
      answerLabel: 'Attending online (Teams)',
    });
    expect(byName[SOCIAL_WORKER]?.answer).toBeNull();
  });

  test('no family name is visible anywhere on the Playground page', async () => {
    const page = await expectNoFamilyNames();
    // The page really shows the conference (the check above is not vacuous).
    expect(page).toContain('Initials PS, WS');
    expect(page).toContain(HEALTH_VISITOR);
  });
});
