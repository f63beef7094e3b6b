/**
 * Change notifications end to end on loopback: the notification route mounted on our real HTTP server,
 * the subscription job talking to the Graph fake, and the fake running Graph's validation handshake
 * against the route and delivering notifications to it. Every request to Graph is checked against the
 * contract subset (GET /subscriptions, outside it, by hand).
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createGraphClient } from '../../bot/graph/graph-client.js';
import {
  createGraphSubscriptions,
  SUBSCRIPTION_LIFETIME_MINUTES,
} from '../../bot/graph/graph-subscriptions.js';
import {
  coalesce,
  GRAPH_NOTIFICATION_PATH,
  graphNotificationRoute,
} from '../../bot/http/graph-notification-route.js';
import { createHttpServer } from '../../bot/http/server.js';
import type { RoundtableServer } from '../../bot/http/server.js';
import { createLogger } from '../../bot/logger.js';
import { FAKE_CLIENT_ID, FAKE_SECRET, FAKE_TENANT, startGraphServer } from '../fakes/graph-server.js';
import type { CapturedRequest, FakeGraphServer } from '../fakes/graph-server.js';
import { graphRequestProblems } from '../helpers/graph-contract.js';

const MAILBOX = 'roundtable@example.org';
const CLIENT_STATE = 'test-client-state-0123456789abcdef-not-a-real-secret';
const DEBOUNCE_MS = 60;
let graph: FakeGraphServer;
let http: RoundtableServer;
let notificationUrl: string;
let logs: string;
let syncs: number;
/** While set, a sync that starts waits for it: an answer that waited for the sync would never come. */
let gate: Promise<void> | undefined;
let now: Date;

const destination = new Writable({
  write(chunk: Buffer, _enc, done) {
    logs += chunk.toString();
    done();
  },
});
const logger = createLogger('debug', destination);

/** The list call is outside the contract subset: check its shape by hand. */
const isListing = (r: CapturedRequest) =>
  r.method === 'GET' && r.path === '/v1.0/subscriptions' && r.body === undefined;

beforeEach(async () => {
  graph = await startGraphServer();
  logs = '';
  syncs = 0;
  gate = undefined;
  now = new Date();
  http = createHttpServer({ logger, maxBodyBytes: 64_000, alwaysOpen: [] });
  http.mountRoutes(
    [],
    [
      graphNotificationRoute({
        clientState: CLIENT_STATE,
        onChange: async () => {
          syncs++;
          await gate;
        },
        logger,
        maxBodyBytes: 64_000,
        debounceMs: DEBOUNCE_MS,
      }),
    ],
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  notificationUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}${GRAPH_NOTIFICATION_PATH}`;
});

afterEach(async () => {
  try {
    for (const r of graph.graphRequests()) {
      if (isListing(r)) continue;
      expect({
        request: `${r.method} ${r.path}`,
        problems: graphRequestProblems(r.method, r.path, r.body),
      }).toEqual({
        request: `${r.method} ${r.path}`,
        problems: [],
      });
    }
    // Logs carry ids and counts: never the mailbox, the secret or a notification's content.
    expect(logs).not.toMatch(/example\.org|test-client-state|AAMk-fake|fake-token/);
  } finally {
    await graph.close();
    http.closeAllConnections?.();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  }
});

function subscriptions(overrides: { clientState?: string } = {}) {
  const client = createGraphClient({
    tenantId: FAKE_TENANT,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_SECRET,
    baseUrl: graph.baseUrl,
    authorityHost: graph.authorityHost,
    timeoutMs: 15_000,
    logger,
    sleep: async () => undefined,
  });
  return createGraphSubscriptions({
    client,
    organiserMailbox: MAILBOX,
    notificationUrl,
    clientState: overrides.clientState ?? CLIENT_STATE,
    logger,
    now: () => now,
  });
}

const post = (
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  query = '',
) => fetch(`${notificationUrl}${query}`, { method: 'POST', headers, body });
const notification = (clientState: string | undefined, extra: Record<string, unknown> = {}) => ({
  subscriptionId: 'b0a1c2d3-0000-4000-8000-000000000001',
  changeType: 'updated',
  resource: 'Users/fake-user-id/Events/AAMk-fake-event-9',
  clientState,
  tenantId: FAKE_TENANT,
  ...extra,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 3));
const sent = (method: string) => graph.graphRequests().filter((r) => r.method === method && !isListing(r));
const minutesFromNow = (iso: string) => (Date.parse(iso) - now.getTime()) / 60_000;

describe('the notification route', () => {
  it('answers the validation handshake with the decoded token as plain text, without sign-in', async () => {
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 1f2e';
    const res = await post(
      '',
      { 'content-type': 'text/plain' },
      `?validationToken=${encodeURIComponent(token)}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe(token);
    // Graph's own encoding writes spaces as "+".
    const plus = await post('', {}, '?validationToken=Validation%3a+Testing+1');
    expect(await plus.text()).toBe('Validation: Testing 1');
    expect((await post('', {}, '?validationToken=')).status).toBe(400);
    expect((await post('', {}, `?validationToken=${'x'.repeat(5000)}`)).status).toBe(400);
  });

  it('answers 202 at once and runs one sync for a burst of notifications with the right clientState', async () => {
    let release = () => {};
    gate = new Promise<void>((resolve) => (release = resolve));
    const statuses = await Promise.all(
      [1, 2, 3].map(() =>
        post(JSON.stringify({ value: [notification(CLIENT_STATE)] })).then((r) => r.status),
      ),
    );
    // Answered while the sync is held back (or not yet started): the answer does not wait for it.
    expect(statuses).toEqual([202, 202, 202]);
    expect(syncs).toBeLessThanOrEqual(1);
    release();
    gate = undefined;
    await settle();
    expect(syncs).toBe(1);
    // A later change gets its own sync.
    expect((await post(JSON.stringify({ value: [notification(CLIENT_STATE)] }))).status).toBe(202);
    await settle();
    expect(syncs).toBe(2);
  });

  it('ignores notifications with a wrong or missing clientState, answering 202 and logging only counts', async () => {
    for (const clientState of [`${CLIENT_STATE}x`, 'short', undefined]) {
      const res = await post(JSON.stringify({ value: [notification(clientState)] }));
      expect(res.status).toBe(202);
    }
    await settle();
    expect(syncs).toBe(0);
    expect(logs).toMatch(/wrong clientState ignored/);
    expect(logs).not.toMatch(/Users\/fake-user-id|b0a1c2d3/);
  });

  it('trusts only the items of a mixed batch that carry the right clientState', async () => {
    const res = await post(JSON.stringify({ value: [notification('forged'), notification(CLIENT_STATE)] }));
    expect(res.status).toBe(202);
    await settle();
    expect(syncs).toBe(1);
    expect(logs).toMatch(/"rejected":1,"accepted":1/);
  });

  it.each([
    ['an empty object', '{}'],
    ['an empty batch', '{"value":[]}'],
    ['items that are not notifications', '{"value":[{"hello":"world"}]}'],
    [
      'a notification without a change type',
      JSON.stringify({ value: [{ subscriptionId: 'x', clientState: CLIENT_STATE }] }),
    ],
    ['a list instead of a collection', JSON.stringify([notification(CLIENT_STATE)])],
    ['broken JSON', '{"value": ['],
    ['an empty body', ''],
  ])('refuses %s with 400', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    await settle();
    expect(syncs).toBe(0);
  });

  it('refuses a body that is not JSON (415) or too large (413)', async () => {
    expect((await post('value=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    const huge = JSON.stringify({ value: [notification(CLIENT_STATE, { padding: 'x'.repeat(70_000) })] });
    expect((await post(huge)).status).toBe(413);
    await settle();
    expect(syncs).toBe(0);
  });
  it('runs one more sync when a change arrives while a sync is running', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const trigger = coalesce(
      () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      10,
      logger,
    );
    trigger();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(1);
    trigger(); // during the run: its change may be too late for it
    trigger();
    release();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs).toBe(2);
    release();
  });
});

describe('the subscription job', () => {
  it('creates the subscription, which Graph validates against the route, and notifications then sync', async () => {
    const outcome = await subscriptions().maintain();
    expect(outcome).toMatchObject({ action: 'created', removed: 0 });
    const [create, ...more] = sent('POST');
    expect(more).toEqual([]);
    expect(create?.path).toBe('/v1.0/subscriptions');
    expect(create?.body).toEqual({
      changeType: 'created,updated,deleted',
      notificationUrl,
      resource: `/users/${MAILBOX}/events`,
      expirationDateTime: expect.any(String),
      clientState: CLIENT_STATE,
      latestSupportedTlsVersion: 'v1_2',
    });
    const lifetime = minutesFromNow((create?.body as { expirationDateTime: string }).expirationDateTime);
    expect(lifetime).toBeCloseTo(SUBSCRIPTION_LIFETIME_MINUTES, 0);
    expect(lifetime).toBeLessThan(4230);
    expect(graph.subscriptions).toHaveLength(1);

    expect(await graph.notify(outcome.subscriptionId, 'created')).toBe(202);
    expect(await graph.notify(outcome.subscriptionId, 'updated')).toBe(202);
    await settle();
    expect(syncs).toBe(1);
  });

  it('fails to create when the endpoint does not answer the handshake', async () => {
    notificationUrl = `${notificationUrl}-missing`;
    await expect(subscriptions().maintain()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(graph.subscriptions).toHaveLength(0);
  });

  it('keeps a subscription with time left, and renews it with PATCH once within a day of expiry', async () => {
    const job = subscriptions();
    const { subscriptionId } = await job.maintain();
    expect(await job.maintain()).toMatchObject({ action: 'kept', subscriptionId });
    expect(sent('PATCH')).toEqual([]);

    // 23 hours left (Graph's own clock decides the ceiling, so the expiry moves rather than the clock).
    graph.subscriptions[0]!.expirationDateTime = new Date(now.getTime() + 23 * 3600_000).toISOString();
    const renewed = await job.maintain();
    expect(renewed).toMatchObject({ action: 'renewed', subscriptionId });
    const [patch, ...more] = sent('PATCH');
    expect(more).toEqual([]);
    expect(patch?.path).toBe(`/v1.0/subscriptions/${subscriptionId}`);
    expect(Object.keys(patch?.body as object)).toEqual(['expirationDateTime']);
    expect(minutesFromNow(renewed.expiresAt)).toBeCloseTo(SUBSCRIPTION_LIFETIME_MINUTES, 0);
    expect(sent('POST')).toHaveLength(1);
  });

  it('recreates the subscription when Graph answers 404 to the renewal', async () => {
    const job = subscriptions();
    const first = await job.maintain();
    graph.subscriptions[0]!.expirationDateTime = new Date(now.getTime() + 3600_000).toISOString();
    graph.respond({ method: 'PATCH' }, [
      { status: 404, body: { error: { code: 'ResourceNotFound', message: 'gone' } } },
    ]);
    const outcome = await job.maintain();
    expect(outcome.action).toBe('recreated');
    expect(outcome.subscriptionId).not.toBe(first.subscriptionId);
    expect(sent('POST')).toHaveLength(2);
    expect(graph.subscriptions.map((s) => s.id)).toContain(outcome.subscriptionId);
  });

  it('creates a new subscription when Graph has dropped it (expired while the service was down)', async () => {
    const job = subscriptions();
    await job.maintain();
    graph.subscriptions.splice(0);
    expect(await job.maintain()).toMatchObject({ action: 'created' });
    expect(graph.subscriptions).toHaveLength(1);
  });

  it('deletes duplicates left by two instances starting at once, keeping the longest-lived', async () => {
    const job = subscriptions();
    await Promise.all([job.maintain(), job.maintain()]);
    expect(graph.subscriptions).toHaveLength(2);
    graph.subscriptions[0]!.expirationDateTime = new Date(now.getTime() + 30 * 3600_000).toISOString();
    const keep = graph.subscriptions[1]!.id;
    expect(await job.maintain()).toMatchObject({ action: 'kept', subscriptionId: keep, removed: 1 });
    expect(graph.subscriptions.map((s) => s.id)).toEqual([keep]);
    expect(sent('DELETE')).toHaveLength(1);
  });

  it('replaces a subscription made with an old clientState after the secret is rotated', async () => {
    await subscriptions({ clientState: 'an-old-client-state-0123456789abcdef-rotated' }).maintain();
    const outcome = await subscriptions().maintain();
    expect(outcome).toMatchObject({ action: 'created', removed: 1 });
    expect(graph.subscriptions.map((s) => s.clientState)).toEqual([CLIENT_STATE]);
  });
});
