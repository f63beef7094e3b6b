/** The proactive sender against a fake Bot Connector over real HTTP, through a real CloudAdapter. */
import { FixedClock } from '../../bot/domain/clock.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { createAdapter } from '../../bot/teams/adapter.js';
import { createProactiveSender, ProactiveSendError } from '../../bot/teams/proactive-sender.js';
import type { ProactiveSender } from '../../bot/teams/proactive-sender.js';
import { BOT, TENANT_ID, user } from '../fakes/activities.js';
import { startFakeConnector } from '../fakes/connector.js';
import type { FakeConnector } from '../fakes/connector.js';

const START = new Date('2026-11-23T09:00:00Z');
let connector: FakeConnector;
let clock: FixedClock;
let sleeps: number[];
let logLines: string[];
let sender: ProactiveSender;
let mark: number;

/** Sleeping moves the simulated clock on (never back) once pending promise callbacks have run. */
const sleep = async (ms: number) => {
  sleeps.push(ms);
  const until = clock.now().getTime() + ms;
  await new Promise((resolve) => setImmediate(resolve));
  if (until > clock.now().getTime()) clock.set(new Date(until));
};

const config = loadConfig({ HOST: '127.0.0.1', PORT: '0' });
const makeSender = (overrides: { random?: () => number } = {}) => {
  const logger = createLogger('debug', {
    write: (chunk: string) => logLines.push(chunk) > 0,
  } as unknown as NodeJS.WritableStream);
  const adapter = createAdapter(config, logger);
  return createProactiveSender({
    adapter,
    botAppId: '',
    logger,
    clock,
    sleep,
    random: () => 0.5,
    ...overrides,
  });
};

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(() => connector.close());
beforeEach(() => {
  clock = new FixedClock(START);
  sleeps = [];
  logLines = [];
  sender = makeSender();
  mark = connector.received.length;
  connector.failNext(0, 200);
});

/** A reference as stored when the person last wrote to the bot. */
const reference = (conversationId = 'a:personal-1', serviceUrl = connector.serviceUrl) => ({
  activityId: 'last-incoming-activity',
  bot: BOT,
  user: user(1),
  channelId: 'msteams',
  locale: 'en-GB',
  serviceUrl,
  conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT_ID },
});
const cardContent = (text: string) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text }],
});
const card = (text: string) => ({
  type: 'message',
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cardContent(text) }],
});
const received = () => connector.received.slice(mark);
const statuses = () => received().map((r) => r.status);
const path = (conversationId: string, rest = '') =>
  `/v3/conversations/${encodeURIComponent(conversationId)}/activities${rest}`;
/** The error a call failed with (a success gives its result, which the assertions then reject). */
const failure = (p: Promise<unknown>) => p.catch((e: unknown) => e);

describe('delivering and updating', () => {
  test('a card goes to the conversation it was stored for, and its activity id comes back', async () => {
    const { activityId } = await sender.send(reference('a:chat;x'), card('Conference RCPC-0042'));
    expect(received()).toEqual([
      expect.objectContaining({ method: 'POST', path: path('a:chat;x'), status: 200 }),
    ]);
    const body = received()[0]!.body;
    expect(body.attachments).toEqual(card('Conference RCPC-0042').attachments);
    expect(body.conversation).toEqual(expect.objectContaining({ id: 'a:chat;x' }));
    // A new message, not a reply to the stored or the continuation activity.
    expect(body.replyToId).toBeUndefined();
    expect(activityId).toBe(`act-${connector.requests.length}`);
  });

  test('an update replaces the card in place with PUT …/activities/{id}', async () => {
    const { activityId } = await sender.send(reference(), card('Unanswered'));
    await sender.update(reference(), activityId, card('Answered'));
    const put = received()[1]!;
    expect(put).toEqual(
      expect.objectContaining({ method: 'PUT', path: path('a:personal-1', `/${activityId}`) }),
    );
    expect(put.body).toEqual(
      expect.objectContaining({ id: activityId, attachments: card('Answered').attachments }),
    );
  });
});

describe('retries', () => {
  test('429 with Retry-After: 1 waits one second, then succeeds (and botbuilder does not retry it too)', async () => {
    connector.failNext(1, 429, { 'Retry-After': '1' });
    const started = Date.now();
    await sender.send(reference(), card('Reminder'));
    expect(statuses()).toEqual([429, 200]);
    expect(sleeps).toEqual([1000]);
    // botbuilder's own retry would have slept a real second before answering.
    expect(Date.now() - started).toBeLessThan(900);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    connector.failNext(1, 429, { 'Retry-After': 'Mon, 23 Nov 2026 09:00:03 GMT' });
    await sender.send(reference(), card('Reminder'));
    expect(sleeps).toEqual([3000]);
  });

  test.each([502, 504, 412])('%i is retried with exponential back-off and full jitter', async (status) => {
    connector.failNext(2, status);
    const { activityId } = await sender.send(reference(), card('Reminder'));
    expect(statuses()).toEqual([status, status, 200]);
    expect(sleeps).toEqual([250, 500]); // random 0.5 × 500 ms, × 1,000 ms
    expect(activityId).toBe(`act-${connector.requests.length}`);
  });

  test('five 429s: gives up as THROTTLED, retryable, after 5 attempts', async () => {
    connector.failNext(5, 429);
    const error = await failure(sender.send(reference(), card('Reminder')));
    expect(error).toBeInstanceOf(ProactiveSendError);
    expect(error).toMatchObject({ code: 'THROTTLED', status: 429, retryable: true });
    expect(statuses()).toEqual([429, 429, 429, 429, 429]);
    expect(sleeps).toEqual([250, 500, 1000, 2000]);
  });

  test('a Retry-After beyond the back-off cap is left to the outbox', async () => {
    connector.failNext(1, 429, { 'Retry-After': '120' });
    const error = await failure(sender.send(reference(), card('Reminder')));
    expect(error).toMatchObject({ code: 'THROTTLED', retryable: true, retryAfterMs: 120_000 });
    expect(statuses()).toEqual([429]);
    expect(sleeps).toEqual([]);
  });

  test('the back-off never exceeds the cap', async () => {
    const patient = makeSender({ random: () => 0.999 });
    connector.failNext(9, 502);
    await failure(patient.send(reference(), card('Reminder')));
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(30_000);
  });

  test.each([
    [403, 'NOT_INSTALLED', false],
    [404, 'CONVERSATION_NOT_FOUND', false],
    [400, 'FAILED', false],
    [500, 'FAILED', true],
  ])('%i is not retried here and gives %s (retryable: %s)', async (status, code, retryable) => {
    connector.failNext(1, status);
    const error = await failure(sender.send(reference(), card('Invitation')));
    expect(error).toMatchObject({ code, status, retryable });
    expect(statuses()).toEqual([status]);
    expect(sleeps).toEqual([]);
  });

  test('no answer at all (connection refused) is retried, then FAILED and retryable', async () => {
    const error = await failure(sender.send(reference('a:c', 'http://127.0.0.1:9/'), card('Reminder')));
    expect(error).toMatchObject({ code: 'FAILED', status: undefined, retryable: true });
    expect(sleeps).toHaveLength(4);
  });

  test('an update that fails gives the same typed error', async () => {
    connector.failNext(1, 404);
    const error = await failure(sender.update(reference(), 'act-1', card('Answered')));
    expect(error).toMatchObject({ code: 'CONVERSATION_NOT_FOUND', status: 404 });
    expect(received()[0]).toMatchObject({ method: 'PUT', path: path('a:personal-1', '/act-1') });
  });

  test('logs carry ids and statuses, never the message', async () => {
    connector.failNext(1, 502);
    await sender.send(reference('a:chat-7'), card('Conference RCPC-0042 for A.B.'));
    const logs = logLines.join('');
    expect(logs).toContain('"conversationId":"a:chat-7"');
    expect(logs).toContain('"status":502');
    expect(logs).not.toContain('RCPC-0042');
    expect(logs).not.toContain(user(1).name);
  });

  test('a refused message is not also logged as a failed bot turn', async () => {
    connector.failNext(1, 403);
    await failure(sender.send(reference(), card('Invitation')));
    expect(logLines.join('')).toContain('"code":"NOT_INSTALLED"');
    expect(logLines.join('')).not.toContain('bot turn failed');
  });
});

describe('rate limits', () => {
  test('a burst of 20 to one conversation keeps 7 per 1 s and 8 per 2 s, in order', async () => {
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sender
          .send(reference(), card(`Reminder ${i}`))
          .then(() => times.push(clock.now().getTime() - START.getTime())),
      ),
    );
    expect(times).toEqual([
      ...Array<number>(7).fill(0),
      1000,
      ...Array<number>(7).fill(2000),
      3000,
      ...Array<number>(4).fill(4000),
    ]);
    expect(sleeps).toEqual([1000, 1000, 1000, 1000]);
    const texts = received().map((r) => JSON.stringify(r.body.attachments).match(/Reminder \d+/)?.[0]);
    expect(texts).toEqual(Array.from({ length: 20 }, (_, i) => `Reminder ${i}`));
  });

  test('another conversation is not held up by a busy one', async () => {
    const busy = Array.from({ length: 20 }, (_, i) => sender.send(reference('a:busy'), card(`Busy ${i}`)));
    await sender.send(reference('a:quiet'), card('Quiet'));
    await Promise.all(busy);
    const paths = received().map((r) => r.path);
    const quiet = paths.indexOf(path('a:quiet'));
    // The busy conversation's 8th message had to wait a (simulated) second; the quiet one did not.
    expect(quiet).toBeGreaterThanOrEqual(0);
    expect(quiet).toBeLessThan(8);
  });
});
