/**
 * Only the Bot Connector may call /api/messages. The app runs with an app id and the BOT_* settings
 * pointed at a local OpenID configuration + JWKS and login endpoint, so validation runs offline.
 */
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { ConfigError, loadConfig } from '../../bot/config.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { startFakeConnector } from '../fakes/connector.js';
import type { FakeConnector } from '../fakes/connector.js';
import { startFakeBotFrameworkLogin, OAUTH_SCOPE } from '../fakes/openid.js';
import type { FakeBotFrameworkLogin } from '../fakes/openid.js';
import { cardAction, message, user } from '../fakes/activities.js';

const APP_ID = randomUUID();

let app: TestApp;
let connector: FakeConnector;
let login: FakeBotFrameworkLogin;

beforeAll(async () => {
  // botbuilder prints every rejected token's error (and the signing key) to the console; our log has the reason.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  [connector, login] = await Promise.all([startFakeConnector(), startFakeBotFrameworkLogin()]);
  app = await startTestApp({
    HOST: '127.0.0.1',
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'fictional-secret',
    MICROSOFT_APP_TYPE: 'MultiTenant',
    REPORT_LINK_SECRET: 'a-fictional-report-link-secret-of-48-characters!',
    ...login.env,
  });
});
afterAll(async () => {
  await Promise.all([app?.close(), connector?.close(), login?.close()]);
});
beforeEach(() => {
  connector.requests.length = 0;
  connector.received.length = 0;
  login.tokenRequests.length = 0;
});

const post = (body: unknown, authorization?: string) =>
  fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

const countRefs = async () =>
  Number(
    (
      await app.store.db
        .selectFrom('conversation_references')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** The claims the Bot Connector puts in a token for this bot and this activity. */
const good = () => ({ aud: APP_ID, serviceurl: connector.serviceUrl });

/** [what, the Authorization header, botbuilder's reason as logged (so each case fails for its own reason)]. */
type Case = [string, () => Promise<string | undefined>, RegExp];
const refused: Case[] = [
  ['no Authorization header', async () => undefined, /Request is not authorized/],
  [
    'a header that is not a bearer token',
    async () => `Basic ${Buffer.from('bot:secret').toString('base64')}`,
    /No valid identity/,
  ],
  ['a bearer token that is not a JWT', async () => 'Bearer not-a-token', /No valid identity/],
  [
    'an unsigned token (alg none)',
    async () =>
      `Bearer ${b64({ alg: 'none', typ: 'JWT', kid: 'roundtable-test-key' })}.${b64({
        ...good(),
        iss: login.env.BOT_TOKEN_ISSUER,
        nbf: now() - 60,
        exp: now() + 3600,
      })}.`,
    /jwt signature is required/,
  ],
  [
    'a token signed by another key',
    async () => `Bearer ${await login.sign(good(), { key: 'other' })}`,
    /invalid signature/,
  ],
  [
    'a tampered token (payload changed after signing)',
    async () => {
      const [header, payload, signature] = (await login.sign({ ...good(), aud: randomUUID() })).split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
      return `Bearer ${header}.${b64({ ...claims, aud: APP_ID })}.${signature}`;
    },
    /invalid signature/,
  ],
  // Beyond botbuilder's five minutes' clock tolerance.
  [
    'an expired token',
    async () => `Bearer ${await login.sign({ ...good(), exp: now() - 600 })}`,
    /token has expired/,
  ],
  [
    'a token not yet valid',
    async () => `Bearer ${await login.sign({ ...good(), nbf: now() + 600 })}`,
    /jwt not active/,
  ],
  [
    'a token for another bot',
    async () => `Bearer ${await login.sign({ ...good(), aud: randomUUID() })}`,
    /Invalid AppId/,
  ],
  [
    'a token from another issuer',
    async () => `Bearer ${await login.sign({ ...good(), iss: 'https://issuer.example.org' })}`,
    /No valid identity/,
  ],
  [
    'a token for another serviceUrl',
    async () => `Bearer ${await login.sign({ ...good(), serviceurl: 'https://smba.example.org/emea/' })}`,
    /ServiceUrl claim do not match/,
  ],
];

describe('a request that does not prove it comes from the Bot Connector gets 401 and changes nothing', () => {
  test.each(refused)('%s', async (_what, authorization, reason) => {
    const before = await countRefs();
    const logged = app.logs().length;
    const res = await post(message(connector.serviceUrl, user(1), 'help'), await authorization());
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: unknown; correlationId: string };
    expect(body.error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'The request is not from the Bot Connector.',
      details: [],
    });
    expect(body.correlationId).toEqual(expect.any(String));
    expect(await countRefs()).toBe(before);
    expect(connector.received).toEqual([]);
    expect(login.tokenRequests).toEqual([]);
    const rejection = app
      .logs()
      .slice(logged)
      .split('\n')
      .find((l) => l.includes('rejected a request that is not from the Bot Connector'));
    expect(rejection).toMatch(reason);
  });

  test('an invoke with a bad token gets no invoke response either', async () => {
    const res = await post(
      cardAction(connector.serviceUrl, user(1), 'welcome.show', {}),
      `Bearer ${await login.sign(good(), { key: 'other' })}`,
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  test('the reason is logged for operators, the token is not', async () => {
    const token = await login.sign({ ...good(), aud: randomUUID() });
    await post(message(connector.serviceUrl, user(1), 'help'), `Bearer ${token}`);
    expect(app.logs()).toMatch(/rejected a request that is not from the Bot Connector/);
    expect(app.logs()).not.toContain(token);
  });
});

// Runs before any accepted request, while the bot holds no outgoing token yet.
describe('a failure of ours after authentication', () => {
  test('is a 500 with the generic message, not a 401', async () => {
    login.failNextToken(10, 503);
    const res = await post(
      message(connector.serviceUrl, user(7), 'help'),
      `Bearer ${await login.sign(good())}`,
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toMatch(/Something went wrong on our side/);
    expect(login.tokenRequests.length).toBeGreaterThan(0);
    login.failNextToken(0, 200);
  });
});

describe('a genuine Bot Connector request', () => {
  test('is processed: the bot gets its own token from the login endpoint and the welcome card reaches the connector', async () => {
    const before = await countRefs();
    const res = await post(
      message(connector.serviceUrl, user(2), 'help'),
      `Bearer ${await login.sign(good())}`,
    );
    expect(res.status).toBe(200);
    expect(connector.requests).toHaveLength(1);
    expect(JSON.stringify(connector.requests[0]?.body)).toContain('Welcome to Roundtable');
    expect(await countRefs()).toBe(before + 1);
    // The outgoing token came from the configured login endpoint, for this app and scope.
    expect(login.tokenRequests).toEqual([
      {
        path: '/botframework.com/oauth2/v2.0/token',
        form: {
          grant_type: 'client_credentials',
          client_id: APP_ID,
          client_secret: 'fictional-secret',
          scope: `${OAUTH_SCOPE}/.default`,
        },
      },
    ]);
  });

  test('an invoke gets its invoke response', async () => {
    const res = await post(
      cardAction(connector.serviceUrl, user(2), 'welcome.show', {}),
      `Bearer ${await login.sign(good())}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  });
});

describe('the BOT_* settings', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
  };

  test('unset means botbuilder’s public cloud', () => {
    expect(
      loadConfig({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'x',
        MICROSOFT_APP_TYPE: 'MultiTenant',
        REPORT_LINK_SECRET: 'x'.repeat(32),
      }).bot.cloud,
    ).toBeUndefined();
  });

  test('are all or none', () => {
    expect(
      problemsOf({ BOT_OPENID_METADATA_URL: 'https://login.example.org/.well-known/openidconfiguration' }),
    ).toEqual([
      expect.stringMatching(
        /set all of BOT_OPENID_METADATA_URL, BOT_TOKEN_ISSUER, BOT_LOGIN_URL and BOT_OAUTH_SCOPE/,
      ),
    ]);
  });

  test('use https except to a loopback address', () => {
    const env = { ...login.env, BOT_LOGIN_URL: 'http://login.example.org/botframework.com' };
    expect(problemsOf(env)).toEqual([expect.stringMatching(/BOT_LOGIN_URL must use https/)]);
    expect(problemsOf({ ...login.env, BOT_OPENID_METADATA_URL: 'http://[::1]:9/x' })).toEqual([]);
  });
});
