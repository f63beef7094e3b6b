/**
 * Hostile input against every way in: each route of the OpenAPI document (so a new route is fuzzed
 * without touching this file), /api/messages, and each card verb of cards/verbs.ts through Teams-shaped
 * invokes. Every answer must be below 500, JSON in our error shape (or a valid card), free of stack
 * traces, and a refused request must leave every table's row count as it was.
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> npm test -- test/fuzz
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import type { z } from 'zod';
import { PAYLOADS } from '../../cards/payloads.js';
import { VERBS } from '../../cards/verbs.js';
import type { Verb } from '../../cards/verbs.js';
import { cardAction, message } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import { countChanges, listTables, rowCounts } from '../helpers/db-snapshot.js';
import {
  CHAIR,
  HEALTH_VISITOR,
  STRANGER,
  conferenceRequest,
  invitationFlow,
} from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';
import { devSignIn } from '../helpers/tab-api.js';
import { closeClient, judge, send } from './client.js';
import type { RawRequest } from './client.js';
import { HOSTILE_STRINGS, hostileString } from './hostile.js';
import {
  applyMutation,
  deepNesting,
  hugeArray,
  mutation,
  printable,
  rawLiteral,
  rawValue,
  serialize,
  stringsIn,
  surelyInvalid,
  toRaw,
} from './raw-json.js';
import type { Raw } from './raw-json.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
// Each property runs over every route or verb, so its time grows with the API: well beyond jest’s default.
const ROUTE_WIDE_TIMEOUT = 180_000;
// Runs per property and per route or verb: enough to hit every field, bounded to keep the suite < 60 s.
const RUNS = { paths: 15, bodies: 30, mutations: 50, verbs: 35, messages: 80 };
const settings = (numRuns: number) => ({ seed: SEED, numRuns });
// Tests that loop over every route or verb get 120 s: they grow with the API, and the machine may be busy.

interface Operation {
  method: string;
  path: string;
  operationId: string;
  pathParams: string[];
  queryParams: string[];
  hasBody: boolean;
  /** Top-level body fields the OpenAPI schema leaves open to any JSON type (e.g. a draft's content). */
  anyTypeFields: string[];
}

let flow: Flow;
let tables: string[];
let operations: Operation[];
/** Ids of the fixture conference, for requests that should get past the path to the body. */
let fixture: {
  id: string;
  invitationId: string;
  hvInvitationId: string;
  cardVersion: number;
  reportId: string;
  policeInviteeId: string;
  linkId: string;
};

beforeAll(async () => {
  flow = await invitationFlow();
  tables = await listTables(flow.app.store);
  const doc = (await (await fetch(`${flow.app.url}/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          operationId: string;
          parameters?: { name: string; in: string }[];
          requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, object> } }> };
        }
      >
    >;
  };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      hasBody: op.requestBody !== undefined,
      anyTypeFields: Object.entries(op.requestBody?.content?.['application/json']?.schema?.properties ?? {})
        .filter(([, schema]) =>
          Object.keys(schema).every((k) => ['description', 'title', 'default'].includes(k)),
        )
        .map(([name]) => name),
    })),
  );
  const readiness = await flow.readiness();
  const hvCard = flow.cardsFor(HEALTH_VISITOR)[0]!;
  const hvButton = flow.buttonData(hvCard, 'rsvp.attendVirtually');
  const report = (await (
    await flow.api(`/api/conferences/${flow.conferenceId}/reports`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'social-work' }),
    })
  ).json()) as { id: string };
  const conference = (await (await flow.api(`/api/conferences/${flow.conferenceId}`)).json()) as {
    invitees: { id: string; role: string }[];
  };
  const policeInviteeId = conference.invitees.find((i) => i.role === 'Police officer')!.id;
  const link = (await (
    await flow.api(`/api/conferences/${flow.conferenceId}/report-links`, {
      method: 'POST',
      body: JSON.stringify({ inviteeId: policeInviteeId }),
    })
  ).json()) as { id: string };
  fixture = {
    id: flow.conferenceId,
    invitationId: readiness.invitations.find((i) => i.name.startsWith('PC Pat'))!.id,
    hvInvitationId: String(hvButton.invitationId),
    cardVersion: Number(hvButton.cardVersion),
    reportId: report.id,
    policeInviteeId,
    linkId: link.id,
  };
  // Every request carries the chair's developer sign-in, so the tab's record routes get past sign-in
  // to their bodies (the older routes answer either way in local development).
  Object.assign(JSON_HEADERS, { cookie: (await devSignIn(flow.app.url, CHAIR.aadObjectId)).cookie });
}, 90_000);

afterAll(async () => {
  closeClient();
  await flow.close();
});

/** Sends one hostile request and throws, with everything needed to reproduce it, if the answer fails. */
async function attempt(
  req: RawRequest,
  opts: { invoke?: boolean; hostile?: string[]; mustRefuse?: boolean; what?: string } = {},
): Promise<void> {
  const before = await rowCounts(flow.app.store, tables);
  const answer = await send(flow.app.url, req);
  const verdict = judge(answer, opts);
  const problems = [...verdict.problems];
  if (opts.mustRefuse && !verdict.refused) problems.push(`an invalid request was accepted`);
  if (verdict.refused) {
    const changes = countChanges(before, await rowCounts(flow.app.store, tables));
    if (changes.length) problems.push(`refused, but the database changed (${changes.join(', ')})`);
  } else {
    // A valid request may have queued deliveries: let them finish before the next snapshot.
    await flow.app.services.outbox.idle();
  }
  if (problems.length) {
    const body = Array.isArray(req.body) ? '(chunked)' : String(req.body ?? '').slice(0, 300);
    throw new Error(
      `${opts.what ?? ''} ${req.method} ${req.path.slice(0, 200)} ${body}\n→ ${answer.status} ${answer.contentType}: ` +
        `${answer.text.slice(0, 400)}\nproblems: ${problems.join('; ')}`,
    );
  }
}

const JSON_HEADERS: Record<string, string> = { 'content-type': 'application/json' };

/** A path segment for any string, lone surrogates included (encodeURIComponent refuses those). */
const encodeSegment = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

/** Path segments that are broken as URLs, not just as ids. */
const ODD_SEGMENTS = ['%ZZ', '%', '%00', '%E0%A4%A', '%C0%AF', '..', '.', '%2e%2e', '%2F', 'a%2Fb', ''];

const pathParam = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom(...ODD_SEGMENTS), hostileString().map(encodeSegment));

const NO_MEETING = '00000000-0000-4000-8000-00000000c0de';

function fixtureParam(name: string): string {
  const known: Record<string, string> = {
    id: fixture.id,
    invitationId: fixture.invitationId,
    reportId: fixture.reportId,
    linkId: fixture.linkId,
    // No task exists in the fixture: a well-formed id that names none.
    taskId: '00000000-0000-4000-8000-0000000000f1',
    // No core group meeting has this id: the routes answer with a kind refusal, never a 5xx.
    meetingId: NO_MEETING,
  };
  const value = known[name];
  if (!value) throw new Error(`Teach the fuzz suite a valid value for the path parameter "${name}".`);
  return value;
}

const fillPath = (op: Operation, values: Record<string, string>) =>
  op.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? fixtureParam(name));

/**
 * A valid body for every operation that takes one (keyed by operationId). A new operation with a body
 * fails the suite until it gets an example here. `strict`: a wrong type in any field must be refused.
 * Examples avoid moving the fixture conference on: the status change asks for an illegal transition.
 */
function validExample(op: Operation): { body: unknown; strict: boolean } {
  const examples: Record<string, { body: unknown; strict: boolean }> = {
    requestConference: { body: conferenceRequest(), strict: true },
    changeStatus: { body: { to: 'requested', reason: 'Fuzz (fictional)', expectedVersion: 1 }, strict: true },
    scheduleConference: {
      body: {
        scheduledStart: '2026-12-10T10:00',
        joinUrl: 'https://teams.example.org/l/meetup-join/fictional',
      },
      strict: true,
    },
    recordAnswer: {
      body: {
        answer: 'attending-virtually',
        recordedBy: { kind: 'business-support', name: 'Bea Support (fictional)' },
        answeredAt: '2026-11-24T08:00:00Z',
        idempotencyKey: 'fuzz-fixed-key-0001',
      },
      strict: true,
    },
    createReport: { body: { kind: 'agency', inviteeId: fixture.invitationId }, strict: true },
    saveReportDraft: { body: { content: {}, savedBy: 'Sam Socialworker (fictional)' }, strict: true },
    submitReport: { body: { submittedBy: 'Sam Socialworker (fictional)' }, strict: true },
    markReportRead: { body: { version: 1, reader: 'Casey Chair (fictional)' }, strict: true },
    shareReport: {
      body: {
        at: '2026-11-23T15:30:00Z',
        how: 'in-person',
        by: 'Sam Socialworker (fictional)',
        familyResponse: '',
      },
      strict: true,
    },
    readinessDecision: {
      body: { decision: 'go-ahead', reason: 'Fuzz (fictional)', by: 'Casey Chair (fictional)' },
      strict: true,
    },
    recordCommand: {
      body: { command: { type: 'grid.add', column: 'worries', text: 'Fuzz (fictional)' } },
      strict: true,
    },
    createReportLink: { body: { inviteeId: fixture.policeInviteeId }, strict: true },
    revokeReportLink: { body: { revokedBy: 'Casey Chair (fictional)' }, strict: true },
    // The fixture conference has no decision: valid bodies are refused with 409 and nothing is sent.
    approveDecisionLetter: { body: { withheld: [] }, strict: true },
    approveMinutes: { body: { confirmedItemIds: [] }, strict: true },
    completeFollowUpTask: { body: { note: 'Told by phone (fictional)' }, strict: true },
    endPlan: { body: { reason: 'turned-18', endedOn: '2026-11-23', note: '' }, strict: true },
    scheduleCoreGroupMeeting: { body: { start: '2026-12-21T10:00:00+00:00' }, strict: true },
    cancelCoreGroupMeeting: { body: { reason: 'Unwell (fictional)' }, strict: true },
    recordCoreGroupProgress: {
      body: { updates: [{ actionId: 'fuzz-action', status: 'on-track', comment: '' }] },
      strict: true,
    },
    // The activity schema lets unknown fields through, so a wrong type is not refused by itself.
    botMessages: { body: message(flow.connector.serviceUrl, STRANGER, 'help'), strict: false },
  };
  const example = examples[op.operationId];
  if (!example) throw new Error(`Teach the fuzz suite a valid body for the new operation ${op.operationId}.`);
  return example;
}

/** The valid body with invalid UTF-8 bytes at the start of its first string value. */
const withBadBytes = (valid: string) => {
  const at = valid.indexOf('":"') + 3;
  return Buffer.concat([
    Buffer.from(valid.slice(0, at)),
    Buffer.from([0xff, 0xc0, 0xaf]),
    Buffer.from(valid.slice(at)),
  ]);
};

const anyBody = (fieldNames: readonly string[]): fc.Arbitrary<Raw> =>
  fc
    .oneof(
      { arbitrary: rawValue(fieldNames), weight: 5 },
      { arbitrary: rawLiteral(), weight: 1 },
      { arbitrary: deepNesting(), weight: 1 },
      { arbitrary: hugeArray(), weight: 1 },
    )
    .map((raw) => printable({ ...raw }, () => serialize(raw)));

const keysOf = (value: unknown): string[] => {
  const keys = new Set<string>();
  JSON.stringify(value, (k: string, v: unknown) => {
    if (k) keys.add(k);
    return v;
  });
  return [...keys];
};

describe('every route in the OpenAPI document', () => {
  test('lists the routes this suite is meant to reach', () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids).toEqual(
      expect.arrayContaining(['requestConference', 'changeStatus', 'recordAnswer', 'botMessages']),
    );
    // Every operation with a body has a valid example (the call throws if one is missing).
    for (const op of operations.filter((o) => o.hasBody)) expect(validExample(op).body).toBeDefined();
  });

  test(
    'hostile path parameters and query strings',
    async () => {
      for (const op of operations) {
        const arb = fc.record({
          params: fc.record(
            Object.fromEntries(op.pathParams.map((p) => [p, fc.option(pathParam(), { nil: undefined })])),
          ),
          query: fc.array(
            fc.tuple(
              fc.oneof(fc.constantFrom(...op.queryParams, '__proto__'), hostileString()),
              hostileString(),
            ),
            {
              maxLength: 4,
            },
          ),
          body: fc.option(anyBody([]), { nil: undefined }),
        });
        await fc.assert(
          fc.asyncProperty(arb, async ({ params, query, body }) => {
            const hostileParam = Object.values(params).some((v) => v !== undefined);
            const search = query
              .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`)
              .join('&')
              .slice(0, 6000);
            const path = fillPath(op, params as Record<string, string>) + (search ? `?${search}` : '');
            await attempt(
              { method: op.method, path, headers: JSON_HEADERS, body: body && serialize(body) },
              { mustRefuse: hostileParam, what: op.operationId },
            );
          }),
          settings(RUNS.paths),
        );
      }
    },
    ROUTE_WIDE_TIMEOUT,
  );

  test(
    'arbitrary JSON bodies: deep, huge, odd numbers, pollution keys',
    async () => {
      for (const op of operations.filter((o) => o.hasBody)) {
        const names = keysOf(validExample(op).body);
        await fc.assert(
          fc.asyncProperty(anyBody(names), async (body) => {
            await attempt(
              { method: op.method, path: fillPath(op, {}), headers: JSON_HEADERS, body: serialize(body) },
              { what: op.operationId },
            );
          }),
          settings(RUNS.bodies),
        );
      }
    },
    ROUTE_WIDE_TIMEOUT,
  );

  test(
    'a valid body with one field of the wrong type, hostile, missing, repeated or added',
    async () => {
      for (const op of operations.filter((o) => o.hasBody)) {
        const { body, strict } = validExample(op);
        const valid = toRaw(body);
        await fc.assert(
          fc.asyncProperty(mutation(valid, keysOf(body)), async (m) => {
            await attempt(
              {
                method: op.method,
                path: fillPath(op, {}),
                headers: JSON_HEADERS,
                body: serialize(applyMutation(valid, m)),
              },
              {
                mustRefuse: strict && surelyInvalid(m) && !op.anyTypeFields.includes(String(m.at[0])),
                what: `${op.operationId} ${m.kind} at ${m.at.join('.')}`,
              },
            );
          }),
          settings(RUNS.mutations),
        );
      }
    },
    ROUTE_WIDE_TIMEOUT,
  );

  test('a fixed corpus of broken raw bodies and wrong content types', async () => {
    for (const op of operations.filter((o) => o.hasBody)) {
      const valid = JSON.stringify(validExample(op).body);
      const path = fillPath(op, {});
      const firstKey = Object.keys(validExample(op).body as object)[0] ?? 'a';
      const corpus: { what: string; req: Omit<RawRequest, 'method' | 'path'>; mustRefuse?: boolean }[] = [
        {
          what: 'invalid UTF-8 bytes',
          req: {
            headers: JSON_HEADERS,
            body: Buffer.concat([
              Buffer.from('{"a":"'),
              Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
              Buffer.from('"}'),
            ]),
          },
          mustRefuse: true,
        },
        {
          what: 'invalid UTF-8 inside a valid body',
          req: { headers: JSON_HEADERS, body: withBadBytes(valid) },
        },
        {
          what: 'a byte order mark',
          req: {
            headers: JSON_HEADERS,
            body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]),
          },
        },
        {
          what: 'UTF-16 text',
          req: { headers: JSON_HEADERS, body: Buffer.from(`\ufeff${valid}`, 'utf16le') },
          mustRefuse: true,
        },
        {
          what: 'duplicate keys, hostile last',
          req: {
            headers: JSON_HEADERS,
            body: `${valid.slice(0, -1)},${JSON.stringify(firstKey)}:{"__proto__":{"x":1}}}`,
          },
          mustRefuse: op.operationId !== 'botMessages',
        },
        {
          what: 'a __proto__ key',
          req: { headers: JSON_HEADERS, body: `{"__proto__":{"polluted":true},${valid.slice(1)}` },
        },
        {
          what: 'a constructor.prototype key',
          req: {
            headers: JSON_HEADERS,
            body: `{"constructor":{"prototype":{"polluted":true}},${valid.slice(1)}`,
          },
        },
        { what: 'NaN', req: { headers: JSON_HEADERS, body: `{"a":NaN}` }, mustRefuse: true },
        { what: 'Infinity', req: { headers: JSON_HEADERS, body: `[Infinity,-Infinity]` }, mustRefuse: true },
        {
          what: '1e309',
          req: { headers: JSON_HEADERS, body: `{"a":1e309,"b":-1e309,"c":1e-400}` },
          mustRefuse: true,
        },
        {
          what: 'truncated JSON',
          req: { headers: JSON_HEADERS, body: valid.slice(0, Math.floor(valid.length / 2)) },
          mustRefuse: true,
        },
        {
          what: 'trailing garbage',
          req: { headers: JSON_HEADERS, body: `${valid} <script>alert(1)</script>` },
          mustRefuse: true,
        },
        {
          what: 'an HTML body',
          req: { headers: JSON_HEADERS, body: '<html><script>alert(1)</script></html>' },
          mustRefuse: true,
        },
        { what: 'an empty body', req: { headers: JSON_HEADERS, body: '' }, mustRefuse: true },
        { what: 'whitespace', req: { headers: JSON_HEADERS, body: ' \r\n\t ' }, mustRefuse: true },
        ...['null', '[]', '"x"', '0', 'true', '{}'].map((b) => ({
          what: `the body ${b}`,
          req: { headers: JSON_HEADERS, body: b },
          mustRefuse: true,
        })),
        {
          what: 'nesting 100,000 deep',
          req: { headers: JSON_HEADERS, body: '['.repeat(100_000) + ']'.repeat(100_000) },
          mustRefuse: true,
        },
        {
          what: 'objects nested 30,000 deep',
          req: { headers: JSON_HEADERS, body: '{"a":'.repeat(30_000) + '1' + '}'.repeat(30_000) },
          mustRefuse: true,
        },
        {
          what: 'a huge array',
          req: { headers: JSON_HEADERS, body: `[${'0,'.repeat(100_000)}0]` },
          mustRefuse: true,
        },
        {
          what: 'a 10 MB body',
          req: { headers: JSON_HEADERS, body: Buffer.alloc(10 * 1024 * 1024, 0x20) },
          mustRefuse: true,
        },
        {
          what: '10 MB chunked without content-length',
          req: {
            headers: JSON_HEADERS,
            body: Array.from({ length: 160 }, () => Buffer.alloc(64 * 1024, 0x20)),
          },
          mustRefuse: true,
        },
        {
          what: 'a valid body chunked without content-length',
          req: { headers: JSON_HEADERS, body: [Buffer.from(valid.slice(0, 5)), Buffer.from(valid.slice(5))] },
        },
        ...[
          'text/plain',
          'text/html',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json-patch+json',
          'application/jsonx',
          '*/*',
          '',
        ].map((type) => ({
          what: `content-type ${type || '(none)'}`,
          req: { headers: (type ? { 'content-type': type } : {}) as Record<string, string>, body: valid },
          mustRefuse: true,
        })),
        {
          what: 'JSON declared as UTF-16',
          req: { headers: { 'content-type': 'application/json; charset=utf-16' }, body: valid },
        },
        {
          what: 'upper-case content type',
          req: { headers: { 'content-type': 'APPLICATION/JSON' }, body: valid },
        },
      ];
      for (const { what, req, mustRefuse } of corpus)
        await attempt(
          { method: op.method, path, ...req },
          { mustRefuse, what: `${op.operationId}: ${what}` },
        );
    }
  }, 60_000);
});

describe('every card verb, through Teams-shaped invokes', () => {
  const ACTORS: TeamsUser[] = [CHAIR, HEALTH_VISITOR, STRANGER];
  const invoke = (from: TeamsUser, verb: unknown, data: Raw | undefined) => {
    const activity = cardAction(flow.connector.serviceUrl, from, 'PLACEHOLDER', '__DATA__');
    const text = JSON.stringify({
      ...activity,
      value: { ...activity.value, action: { ...activity.value.action, verb } },
    });
    // The data goes in as raw text so it can hold NaN, 1e309, duplicate and __proto__ keys.
    return text.replace('"__DATA__"', data ? serialize(data) : 'null');
  };

  /** A valid action.data for a verb, built from its schema's field names. */
  function validData(verb: Verb): Record<string, unknown> {
    const known: Record<string, unknown> = {
      invitationId: fixture.hvInvitationId,
      conferenceId: fixture.id,
      cardVersion: fixture.cardVersion,
      deputyName: 'Dee Deputy (fictional)',
      deputyEmail: 'dee.deputy@example.org',
      answer: 'report-only',
      meetingId: NO_MEETING,
      actionIds: ['fuzz-action'],
    };
    const shape = (PAYLOADS[verb] as unknown as z.ZodObject).shape;
    const data = Object.fromEntries(Object.keys(shape).map((k) => [k, known[k]]));
    if (!PAYLOADS[verb].safeParse(data).success)
      throw new Error(`Teach the fuzz suite a valid action.data for the new verb ${verb}.`);
    return data;
  }

  test(
    'every verb of cards/verbs.ts has a valid example',
    () => {
      expect(VERBS.length).toBeGreaterThan(0);
      for (const verb of VERBS) expect(validData(verb)).toBeDefined();
    },
    ROUTE_WIDE_TIMEOUT,
  );

  test(
    'arbitrary action.data, from the chair, an invitee and a stranger',
    async () => {
      for (const verb of VERBS) {
        const names = Object.keys(validData(verb));
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...ACTORS), anyBody(names), async (from, data) => {
            await attempt(
              {
                method: 'POST',
                path: '/api/messages',
                headers: JSON_HEADERS,
                body: invoke(from, verb, data),
              },
              { invoke: true, hostile: stringsIn(data), what: verb },
            );
          }),
          settings(RUNS.verbs),
        );
      }
    },
    ROUTE_WIDE_TIMEOUT,
  );

  test(
    'valid action.data with one field of the wrong type, hostile, missing, repeated or added',
    async () => {
      for (const verb of VERBS) {
        const data = validData(verb);
        const valid = toRaw(data);
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...ACTORS),
            mutation(valid, Object.keys(data)),
            async (from, m) => {
              const mutated = applyMutation(valid, m);
              await attempt(
                {
                  method: 'POST',
                  path: '/api/messages',
                  headers: JSON_HEADERS,
                  body: invoke(from, verb, mutated),
                },
                {
                  invoke: true,
                  mustRefuse: surelyInvalid(m),
                  hostile: m.kind === 'remove' ? [] : stringsIn(m.value),
                  what: `${verb} ${m.kind} at ${m.at.join('.')}`,
                },
              );
            },
          ),
          settings(RUNS.verbs),
        );
      }
    },
    ROUTE_WIDE_TIMEOUT,
  );

  test(
    'unknown verbs and verbs of the wrong type',
    async () => {
      const verb = fc.oneof(
        hostileString(),
        rawLiteral().map((r) => JSON.parse(r.kind === 'token' ? '0' : r.text) as unknown),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ACTORS), verb, rawValue([], 2), async (from, v, data) => {
          await attempt(
            { method: 'POST', path: '/api/messages', headers: JSON_HEADERS, body: invoke(from, v, data) },
            {
              invoke: true,
              mustRefuse: !(VERBS as readonly unknown[]).includes(v),
              hostile: [...stringsIn(data), ...(typeof v === 'string' ? [v] : [])],
              what: 'verb',
            },
          );
        }),
        settings(RUNS.verbs * 2),
      );
    },
    ROUTE_WIDE_TIMEOUT,
  );
});

/** Whether a body is still an Action.Execute invoke (a mutation may have changed its type or name). */
function isCardInvoke(body: string): boolean {
  try {
    const a = JSON.parse(body) as { type?: unknown; name?: unknown };
    return a.type === 'invoke' && a.name === 'adaptiveCard/action';
  } catch {
    return false;
  }
}

describe('/api/messages', () => {
  const activities = () => ({
    message: message(flow.connector.serviceUrl, STRANGER, 'hello'),
    invoke: cardAction(flow.connector.serviceUrl, HEALTH_VISITOR, 'rsvp.refresh', {
      invitationId: fixture.hvInvitationId,
      conferenceId: fixture.id,
      cardVersion: fixture.cardVersion,
    }),
  });

  test('a Teams activity with any field, however deep, of the wrong type, hostile, missing or added', async () => {
    for (const [kind, activity] of Object.entries(activities())) {
      const valid = toRaw(activity);
      await fc.assert(
        fc.asyncProperty(mutation(valid, keysOf(activity)), async (m) => {
          const body = serialize(applyMutation(valid, m));
          await attempt(
            { method: 'POST', path: '/api/messages', headers: JSON_HEADERS, body },
            { invoke: isCardInvoke(body), what: `${kind} ${m.kind} at ${m.at.join('.')}` },
          );
        }),
        settings(RUNS.messages),
      );
    }
  });

  test('every hostile string as a message, a name and an invoke name', async () => {
    for (const s of HOSTILE_STRINGS) {
      const a = activities();
      for (const body of [
        { ...a.message, text: s },
        { ...a.message, from: { ...STRANGER, name: s } },
        { ...a.invoke, name: s },
        { ...a.invoke, name: 'adaptiveCard/action', value: { action: { type: s, verb: s, data: { s } } } },
      ])
        await attempt(
          { method: 'POST', path: '/api/messages', headers: JSON_HEADERS, body: JSON.stringify(body) },
          { what: 'hostile string' },
        );
    }
  });

  test('invokes Teams sends that Roundtable does not handle', async () => {
    for (const name of [
      'composeExtension/query',
      'task/fetch',
      'signin/verifyState',
      'config/fetch',
      'actionableMessage/executeAction',
      'application/search',
      'adaptiveCard/action ',
      '',
    ]) {
      const { invoke } = activities();
      await attempt(
        {
          method: 'POST',
          path: '/api/messages',
          headers: JSON_HEADERS,
          body: JSON.stringify({ ...invoke, name, value: {} }),
        },
        { what: `invoke ${name}` },
      );
    }
  });
});

describe('requests Node cannot parse', () => {
  /** Writes bytes on a bare socket and reads whatever comes back. */
  const rawExchange = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const { port } = new URL(flow.app.url);
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
    });

  test.each([
    ['not HTTP at all', '<script>alert(1)</script>\r\n\r\n'],
    ['a bad header line', 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'],
    ['headers over 16 KB', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
    ['a NUL in the request line', 'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('%s gets our JSON error, not an empty answer', async (_what, bytes) => {
    const answer = await rawExchange(bytes);
    const [head = '', text = ''] = answer.split('\r\n\r\n');
    const status = Number(head.split(' ')[1]);
    const contentType = /content-type: ([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const verdict = judge({ status, contentType, text });
    expect(verdict.problems).toEqual([]);
    expect(status).toBeGreaterThanOrEqual(400);
  });
});
