import { renderWelcome } from '../../cards/welcome.js';
import { cardProblems } from '../helpers/contracts.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { startFakeConnector } from '../fakes/connector.js';
import type { FakeConnector } from '../fakes/connector.js';
import { botInstalled, cardAction, message, user } from '../fakes/activities.js';

let app: TestApp;
let connector: FakeConnector;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
});
afterAll(async () => {
  await Promise.all([app.close(), connector.close()]);
});
beforeEach(() => {
  connector.requests.length = 0;
});

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Attachment = { contentType: string; content: Record<string, unknown> };
const repliedCards = () =>
  connector.requests.flatMap((r) =>
    ((r.body.attachments ?? []) as Attachment[]).map((a) => ({ path: r.path, ...a })),
  );

describe('the welcome card', () => {
  test.each(['help', 'Help ', 'HELP'])(
    'typing %j replies with the welcome card, valid Adaptive Card 1.5',
    async (text) => {
      const res = await post(message(connector.serviceUrl, user(1), text));
      expect(res.status).toBe(200);
      const cards = repliedCards();
      expect(cards).toHaveLength(1);
      expect(cards[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(cards[0]?.path).toMatch(/^\/v3\/conversations\/a%3Apersonal-29%3Auser-1\/activities\//);
      expect(cardProblems(cards[0]?.content)).toEqual([]);
      expect(JSON.stringify(cards[0]?.content)).toContain('Welcome to Roundtable');
    },
  );

  test('installing the app in a personal chat sends the welcome card once', async () => {
    const res = await post(botInstalled(connector.serviceUrl, user(2)));
    expect(res.status).toBe(200);
    expect(repliedCards()).toHaveLength(1);
    expect(JSON.stringify(repliedCards()[0]?.content)).toContain('Partner professionals');
  });

  test('anything else gets a kind pointer to help, not silence', async () => {
    await post(message(connector.serviceUrl, user(3), 'when is my conference?'));
    expect(connector.requests).toHaveLength(1);
    expect(connector.requests[0]?.body.text).toMatch(/Type \*\*help\*\*/);
  });

  test('the "Show this guide again" button answers with the welcome card in the invoke response', async () => {
    const res = await post(cardAction(connector.serviceUrl, user(1), 'welcome.show', {}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value).toEqual(renderWelcome());
  });

  test('the bot remembers where to reach the person for later proactive messages', async () => {
    await post(message(connector.serviceUrl, user(4), 'help'));
    const row = await app.store.db
      .selectFrom('conversation_references')
      .select(['reference'])
      .where('key', '=', user(4).aadObjectId)
      .executeTakeFirst();
    expect((row?.reference as { serviceUrl?: string }).serviceUrl).toBe(connector.serviceUrl);
  });
});

describe('card actions that cannot be carried out get an error card', () => {
  test('an unknown verb', async () => {
    const res = await post(cardAction(connector.serviceUrl, user(1), 'conference.delete', { id: 'x' }));
    const body = (await res.json()) as { statusCode: number; value: Record<string, unknown> };
    expect(body.statusCode).toBe(200);
    expect(cardProblems(body.value)).toEqual([]);
    expect(JSON.stringify(body.value)).toContain('This button is not recognised');
    expect(JSON.stringify(body.value)).toContain('UNKNOWN_VERB');
  });
});

describe('bad input to /api/messages gets a 4xx with a reason and changes nothing', () => {
  const countRefs = async () =>
    Number(
      (
        await app.store.db
          .selectFrom('conversation_references')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test.each([
    ['not JSON', '{"type": "message",', 400, /not valid JSON/],
    ['an empty body', '', 400, /empty/],
    ['JSON that is not an activity', { hello: 'world' }, 400, /not a Bot Framework activity/],
    [
      'an activity without a serviceUrl',
      {
        type: 'message',
        channelId: 'msteams',
        from: { id: 'a' },
        recipient: { id: 'b' },
        conversation: { id: 'c' },
      },
      400,
      /activity/,
    ],
    [
      'an Action.Execute invoke with no action',
      {
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: 'a' },
        recipient: { id: 'b' },
        conversation: { id: 'c' },
        value: {},
      },
      400,
      /value\.action/,
    ],
  ])('%s', async (_what, body, status, reason) => {
    const before = await countRefs();
    const res = await post(body as never);
    expect(res.status).toBe(status);
    const json = (await res.json()) as {
      error: { message: string; details: { path: string; message: string }[] };
    };
    expect(JSON.stringify(json.error)).toMatch(reason);
    expect(JSON.stringify(json)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await countRefs()).toBe(before);
  });

  test('a body over the size limit gets 413 with the limit', async () => {
    const huge = message(connector.serviceUrl, user(1), 'x'.repeat(27_000));
    const padded = { ...huge, channelData: { padding: 'y'.repeat(300_000) } };
    const res = await post(padded);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than 250 KB/,
    );
  });

  test('a body that is not declared as JSON gets 415', async () => {
    const res = await post(message(connector.serviceUrl, user(1), 'help'), { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
  });
});
