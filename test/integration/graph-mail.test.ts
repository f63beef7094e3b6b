/**
 * The Graph mail adapter through the real Graph SDK and real msal-node, against a local fake of Graph
 * and the token endpoint. Every request it makes is checked against the Graph contract subset, and
 * every case counts the sendMail POSTs: exactly one letter, never two.
 */
import { Writable } from 'node:stream';
import type { OutgoingMail } from '../../bot/domain/mail.js';
import { createGraphClient, GraphRequestPolicy } from '../../bot/graph/graph-client.js';
import { GraphError } from '../../bot/graph/graph-errors.js';
import { createGraphMail, KEY_HEADER } from '../../bot/graph/graph-mail.js';
import { messageIdFor } from '../../bot/graph/local-outbox-mail.js';
import { createLogger } from '../../bot/logger.js';
import { FAKE_CLIENT_ID, FAKE_SECRET, FAKE_TENANT, startGraphServer } from '../fakes/graph-server.js';
import type { CapturedRequest, FakeGraphServer } from '../fakes/graph-server.js';
import { graphRequestProblems, graphSchemaProblems } from '../helpers/graph-contract.js';

// Fictional people at example.org only.
const MAILBOX = 'roundtable@example.org';
const SEND_PATH = '/v1.0/users/roundtable%40example.org/sendMail';
const LIST_PATH = '/v1.0/users/roundtable%40example.org/messages';
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  Buffer.from([0, 0xff, 13, 10, 0x80]),
]);
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'METHOD:REQUEST',
  'SUMMARY:Conference RT-0001 – Siân',
  'END:VCALENDAR',
  '',
].join('\r\n');

const letter = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: [{ name: 'Siân Llwyd-Example', email: 'sian.llwyd@example.org' }],
  cc: [{ name: 'Chair (fictional)', email: 'chair@example.org' }],
  subject: 'Penderfyniad y gynhadledd – decision of conference RT-0001 ✅',
  text: 'Annwyl Siân,\n\nThe conference decided on a plan.\n',
  html: '<p>Annwyl Siân,</p><p>The conference decided on a plan. 🌻</p>',
  idempotencyKey: 'decision:RT-0001/letter',
  ...overrides,
});

let server: FakeGraphServer;
let sleeps: number[];
let logs: string;

beforeEach(async () => {
  server = await startGraphServer();
  sleeps = [];
  logs = '';
});

/** The sent-items check is outside the subset (no GET .../messages in it): check its shape by hand. */
function isSentCheck(r: CapturedRequest): boolean {
  return (
    r.method === 'GET' &&
    r.path === LIST_PATH &&
    /^internetMessageId eq '<[0-9a-f]{32}\.roundtable@example\.org>'$/.test(r.query.$filter ?? '') &&
    r.query.$select === 'id,internetMessageId' &&
    r.body === undefined
  );
}

afterEach(async () => {
  try {
    for (const r of server.graphRequests()) {
      if (isSentCheck(r)) continue;
      expect({
        request: `${r.method} ${r.path}`,
        problems: graphRequestProblems(r.method, r.path, r.body),
      }).toEqual({
        request: `${r.method} ${r.path}`,
        problems: [],
      });
    }
    // Logs carry statuses and request ids, never an address, the subject or a token.
    expect(logs).not.toMatch(/example\.org|Penderfyniad|fake-token|fake-secret/);
  } finally {
    await server.close();
  }
});

function graphClient(options: { timeoutMs?: number; clientSecret?: string } = {}) {
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  const logger = createLogger('debug', destination);
  const sleep = async (ms: number) => void sleeps.push(ms);
  const client = createGraphClient({
    tenantId: FAKE_TENANT,
    clientId: FAKE_CLIENT_ID,
    clientSecret: options.clientSecret ?? FAKE_SECRET,
    baseUrl: server.baseUrl,
    authorityHost: server.authorityHost,
    timeoutMs: options.timeoutMs ?? 5000,
    logger,
    sleep,
    random: () => 0.5,
  });
  return { client, logger, sleep };
}

function graphMail(options: { timeoutMs?: number; clientSecret?: string } = {}) {
  const { client, logger, sleep } = graphClient(options);
  return createGraphMail({ client, mailbox: MAILBOX, logger, sleep });
}

const sendMailPosts = () => server.graphRequests().filter((r) => r.method === 'POST' && r.path === SEND_PATH);
const sentChecks = () => server.graphRequests().filter(isSentCheck);
const onSendMail = { method: 'POST', path: SEND_PATH };

async function rejection(p: Promise<unknown>): Promise<GraphError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphError);
  return err as GraphError;
}

test('a letter goes as one sendMail with its HTML, a PDF, an .ics, a non-ASCII subject and its Message-ID', async () => {
  const result = await graphMail().send(
    letter({
      attachments: [
        { filename: 'decision-RT-0001.pdf', contentType: 'application/pdf', content: pdf },
        { filename: 'conference.ics', contentType: 'text/calendar; method=REQUEST', content: ics },
      ],
    }),
  );

  const messageId = messageIdFor('decision:RT-0001/letter', MAILBOX);
  expect(result).toEqual({ messageId });
  expect(sendMailPosts()).toHaveLength(1);
  expect(server.mail).toHaveLength(1);
  const [post] = sendMailPosts();
  expect(post!.headers.authorization).toBe('Bearer fake-token-1');
  expect(post!.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  const { message, saveToSentItems } = post!.body as {
    message: Record<string, unknown>;
    saveToSentItems: boolean;
  };
  expect(saveToSentItems).toBe(true);
  expect(message).toMatchObject({
    subject: 'Penderfyniad y gynhadledd – decision of conference RT-0001 ✅',
    body: { contentType: 'html', content: '<p>Annwyl Siân,</p><p>The conference decided on a plan. 🌻</p>' },
    toRecipients: [{ emailAddress: { address: 'sian.llwyd@example.org', name: 'Siân Llwyd-Example' } }],
    ccRecipients: [{ emailAddress: { address: 'chair@example.org', name: 'Chair (fictional)' } }],
    internetMessageId: messageId,
    internetMessageHeaders: [{ name: KEY_HEADER, value: 'decision:RT-0001/letter' }],
  });
  const attachments = message.attachments as { name: string; contentType: string; contentBytes: string }[];
  expect(attachments.map((a) => [a.name, a.contentType])).toEqual([
    ['decision-RT-0001.pdf', 'application/pdf'],
    ['conference.ics', 'text/calendar; method=REQUEST; charset=utf-8'],
  ]);
  expect(Buffer.from(attachments[0]!.contentBytes, 'base64').equals(pdf)).toBe(true);
  expect(Buffer.from(attachments[1]!.contentBytes, 'base64').toString('utf8')).toBe(ics);
  // One token for both requests (the check and the send): msal's cache is used.
  expect(server.tokenRequests()).toHaveLength(1);
  expect(sentChecks()).toHaveLength(1);
});

test('an excluded person is never addressed, in To or Cc', async () => {
  await graphMail().send(
    letter({
      to: [
        { email: 'sian.llwyd@example.org' },
        { name: 'Not Told (fictional)', email: 'not.told@example.org' },
      ],
      cc: [{ email: 'NOT.TOLD@example.org' }, { email: 'chair@example.org' }],
      excluded: ['not.told@example.org'],
    }),
  );
  expect(sendMailPosts()).toHaveLength(1);
  expect(sendMailPosts()[0]!.rawBody.toLowerCase()).not.toContain('not.told');
});

test('sending the same key again, or twice at once, sends one letter', async () => {
  const mail = graphMail();
  const [a, b] = await Promise.all([mail.send(letter()), mail.send(letter())]);
  const c = await mail.send(letter());
  expect(new Set([a.messageId, b.messageId, c.messageId]).size).toBe(1);
  expect(sendMailPosts()).toHaveLength(1);
  expect(server.mail).toHaveLength(1);
});

test('429 with Retry-After: waits as told, then one letter', async () => {
  server.respond(onSendMail, [{ status: 429, headers: { 'retry-after': '1' } }]);
  await graphMail().send(letter());
  expect(sleeps).toEqual([1000]);
  expect(sendMailPosts()).toHaveLength(2);
  expect(server.mail).toHaveLength(1);
  expect(logs).toMatch(/"status":429/);
  expect(logs).toMatch(/"requestId":"[0-9a-f-]{36}"/);
});

test('429 that does not stop: THROTTLED after four attempts, no letter', async () => {
  server.respond(onSendMail, Array(4).fill({ status: 429, headers: { 'retry-after': '2' } }));
  const err = await rejection(graphMail().send(letter()));
  expect(err).toMatchObject({ code: 'THROTTLED', status: 429, retryAfterMs: 2000, retryable: true });
  expect(sendMailPosts()).toHaveLength(4);
  expect(server.mail).toHaveLength(0);
});

test('a Retry-After longer than the service waits in-process goes back to the caller at once', async () => {
  server.respond(onSendMail, [{ status: 429, headers: { 'retry-after': '600' } }]);
  const err = await rejection(graphMail().send(letter()));
  expect(err).toMatchObject({ code: 'THROTTLED', retryAfterMs: 600_000 });
  expect(sleeps).toEqual([]);
  expect(sendMailPosts()).toHaveLength(1);
});

describe.each([503, 504])('%i on sendMail: the outcome is unknown, so the mailbox is checked', (status) => {
  test('the letter went: found, not sent again', async () => {
    server.respond(onSendMail, [{ status, processed: true }]);
    await graphMail().send(letter());
    expect(sendMailPosts()).toHaveLength(1);
    expect(server.mail).toHaveLength(1);
    expect(sentChecks()).toHaveLength(2); // before sending, and after the unknown outcome
  });

  test('the letter did not go: looked for three times, then sent once', async () => {
    server.respond(onSendMail, [{ status }]);
    await graphMail().send(letter());
    expect(sentChecks()).toHaveLength(1 + 3);
    expect(sleeps).toEqual([2000, 4000]);
    expect(sendMailPosts()).toHaveLength(2);
    expect(server.mail).toHaveLength(1);
  });
});

test('two unknown outcomes in a row go to the caller; the next attempt checks first and sends once', async () => {
  server.respond(onSendMail, [{ status: 503 }, { status: 503 }]);
  const mail = graphMail();
  const err = await rejection(mail.send(letter()));
  expect(err).toMatchObject({ code: 'UNKNOWN_OUTCOME', status: 503, retryable: false });
  expect(server.mail).toHaveLength(0);
  await mail.send(letter());
  expect(server.mail).toHaveLength(1);
  expect(sendMailPosts()).toHaveLength(3);
});

test('an expired token: Graph says 401, a fresh token is fetched once and the letter goes', async () => {
  const mail = graphMail();
  await mail.send(letter({ idempotencyKey: 'first' }));
  server.expireTokens();
  await mail.send(letter({ idempotencyKey: 'second' }));
  expect(server.tokenRequests()).toHaveLength(2);
  expect(server.mail.map((m) => m.message.internetMessageId)).toEqual([
    messageIdFor('first', MAILBOX),
    messageIdFor('second', MAILBOX),
  ]);
  expect(sendMailPosts()).toHaveLength(2);
});

test('a 401 on sendMail itself is safe to repeat once with a fresh token', async () => {
  server.respond(onSendMail, [{ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } }]);
  await graphMail().send(letter());
  expect(server.tokenRequests()).toHaveLength(2);
  expect(sendMailPosts()).toHaveLength(2);
  expect(server.mail).toHaveLength(1);
});

test.each([
  ['after Graph took the letter', true, 1],
  ['before Graph took the letter', false, 2],
])('a connection reset %s: one letter', async (_when, processed, posts) => {
  server.respond(onSendMail, [{ reset: true, processed }]);
  await graphMail().send(letter());
  expect(sendMailPosts()).toHaveLength(posts);
  expect(server.mail).toHaveLength(1);
});

test('a sendMail that times out is not repeated blindly: found in the mailbox, one letter', async () => {
  server.respond(onSendMail, [{ delayMs: 400, processed: true }]);
  await graphMail({ timeoutMs: 100 }).send(letter());
  expect(sendMailPosts()).toHaveLength(1);
  expect(server.mail).toHaveLength(1);
});

test('a mailbox check that times out or meets a 503 is retried (reading is safe), with back-off', async () => {
  server.respond({ method: 'GET' }, [{ delayMs: 400 }, { status: 503 }]);
  await graphMail({ timeoutMs: 100 }).send(letter());
  expect(sleeps).toEqual([375, 750]); // equal jitter with random() = 0.5: 250 + 125, then 500 + 250
  expect(sendMailPosts()).toHaveLength(1);
  expect(server.mail).toHaveLength(1);
});

test('a failing mailbox check means no letter: nothing is sent blind', async () => {
  server.respond({ method: 'GET' }, [{ status: 403, body: { error: { code: 'ErrorAccessDenied' } } }]);
  const err = await rejection(graphMail().send(letter()));
  expect(err).toMatchObject({ code: 'UNAUTHORIZED', status: 403, graphCode: 'ErrorAccessDenied' });
  expect(sendMailPosts()).toHaveLength(0);
});

test('400 is BAD_REQUEST and is not repeated', async () => {
  server.respond(onSendMail, [{ status: 400, body: { error: { code: 'ErrorInvalidRecipients' } } }]);
  const err = await rejection(graphMail().send(letter()));
  expect(err).toMatchObject({
    code: 'BAD_REQUEST',
    status: 400,
    retryable: false,
    graphCode: 'ErrorInvalidRecipients',
  });
  expect(err.message).not.toContain('example.org');
  expect(sendMailPosts()).toHaveLength(1);
});

test('wrong credentials: UNAUTHORIZED and Graph is never called', async () => {
  const err = await rejection(graphMail({ clientSecret: 'wrong' }).send(letter()));
  expect(err).toMatchObject({ code: 'UNAUTHORIZED', retryable: false });
  expect(server.graphRequests()).toHaveLength(0);
});

test('what the fake returns for the mailbox check is a valid Graph message', async () => {
  await graphMail().send(letter());
  const filter = encodeURIComponent(
    `internetMessageId eq '${messageIdFor('decision:RT-0001/letter', MAILBOX)}'`,
  );
  const query = `$filter=${filter}&$select=id,internetMessageId&$top=1`;
  const res = await fetch(`${server.baseUrl}/users/roundtable%40example.org/messages?${query}`, {
    headers: { authorization: 'Bearer fake-token-1' },
  });
  const { value } = (await res.json()) as { value: unknown[] };
  expect(value).toHaveLength(1);
  for (const m of value) expect(graphSchemaProblems('message', m)).toEqual([]);
});

describe('createGraphClient', () => {
  const EVENTS = '/users/roundtable%40example.org/events';
  const event = {
    subject: 'Conference RT-0001',
    start: { dateTime: '2026-03-10T10:00:00', timeZone: 'Europe/London' },
    end: { dateTime: '2026-03-10T11:30:00', timeZone: 'Europe/London' },
    transactionId: '7e163156-7762-4beb-a1c6-729ea81755a7',
  };

  test('a POST is not repeated after a 503, unless the caller marks it idempotent', async () => {
    server.respond({ method: 'POST', path: `/v1.0${EVENTS}` }, [
      { status: 503, body: { error: { code: 'ServiceUnavailable' } } },
      { status: 503, headers: { 'retry-after': '3' } },
      { status: 201, body: { id: 'AAMk-event' } },
    ]);
    const { client } = graphClient();
    const err = await rejection(client.api(EVENTS).post(event));
    expect(err).toMatchObject({ code: 'UNKNOWN_OUTCOME', status: 503, graphCode: 'ServiceUnavailable' });

    const created = (await client
      .api(EVENTS)
      .middlewareOptions([new GraphRequestPolicy({ idempotent: true })])
      .post(event)) as { id: string };
    expect(created.id).toBe('AAMk-event');
    expect(sleeps).toEqual([3000]);
    expect(server.graphRequests().filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  test('the token is never sent to another host', async () => {
    const { client } = graphClient();
    const err = await rejection(client.api('https://elsewhere.example.org/v1.0/users/x').get());
    expect(err).toMatchObject({ code: 'FAILED', retryable: false });
    expect(server.requests).toHaveLength(0);
  });
});
