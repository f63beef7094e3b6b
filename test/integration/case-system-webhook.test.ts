/**
 * The case-management system hears about plan changes: signed JSON POSTs to a real local receiver that
 * checks the signature itself (HMAC-SHA256 over "<t>.<body>", 5-minute tolerance), retried with back-off
 * until it acknowledges; the same messages come out of the export as CSV and JSON.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaseSystemMessage } from '../../bot/domain/case-system.js';
import { requestConference } from '../../bot/use-cases/conferences.js';
import { notifyCaseSystem } from '../../bot/use-cases/case-system.js';
import { signBody } from '../../bot/jobs/case-system-webhook.js';
import { sampleRequest } from '../storage/sample-request.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { devSignIn } from '../helpers/tab-api.js';

const SECRET = 'a-fictional-shared-secret-of-at-least-32-characters';
const PLAN = {
  category: 'neglect' as const,
  leadSocialWorker: { name: 'Ciarán O’Sample', email: 'ciaran.osample@example.org' },
};

interface Received {
  body: string;
  signature: string | undefined;
  verified: boolean;
  messageId: string | undefined;
}

/** The council's side: verifies as its own documentation says, answering with the status it is told to. */
function receiver(answers: number[]) {
  const received: Received[] = [];
  let now = () => Date.now();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['roundtable-signature'] as string | undefined;
      const parts = Object.fromEntries(
        (signature ?? '').split(',').map((p) => p.split('=') as [string, string]),
      );
      const expected = createHmac('sha256', SECRET).update(`${parts.t}.${body}`).digest();
      const given = Buffer.from(parts.v1 ?? '', 'hex');
      const fresh = Math.abs(now() / 1000 - Number(parts.t)) <= 300;
      const verified = given.length === expected.length && timingSafeEqual(given, expected) && fresh;
      received.push({ body, signature, verified, messageId: req.headers['roundtable-message-id'] as string });
      const status = verified ? (answers.shift() ?? 200) : 401;
      res.writeHead(status, status === 503 ? { 'retry-after': '120' } : {});
      res.end();
    });
  });
  return {
    received,
    setNow: (f: () => number) => (now = f),
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/roundtable`,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/roundtable`),
        ),
      ),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('messages to the case-management system', () => {
  let app: TestApp;
  const council = receiver([500, 503]);

  beforeAll(async () => {
    const url = await council.listen();
    app = await startTestApp({ CASE_SYSTEM_WEBHOOK_URL: url, CASE_SYSTEM_WEBHOOK_SECRET: SECRET });
    council.setNow(() => app.clock.now().getTime());
  }, 90_000);
  afterAll(async () => {
    await app.close();
    await council.close();
  });

  test('a plan that starts is POSTed signed, retried after refusals with back-off, and acknowledged', async () => {
    const conference = await requestConference(app.services.conferences, sampleRequest());
    const message = await notifyCaseSystem(app.services.caseSystem, conference.id, {
      event: 'plan-started',
      plan: PLAN,
    });
    await app.services.outbox.idle();

    // First attempt refused with 500: kept for a later attempt, not lost.
    expect(council.received).toHaveLength(1);
    expect(council.received[0]).toMatchObject({ verified: true, messageId: message.id });
    const body = CaseSystemMessage.parse(JSON.parse(council.received[0]!.body));
    expect(body).toMatchObject({
      event: 'plan-started',
      conference: { id: conference.id, reference: conference.reference },
      plan: { category: 'neglect' },
      endReason: null,
    });
    expect(body.children.map((c) => c.firstName)).toEqual(['Pip', 'Zoë']);
    // Nothing of the conference's discussion travels: no reports, no family, no plan actions.
    expect(council.received[0]!.body).not.toMatch(/Siân|familyMembers|report/i);

    // Not before the back-off: the dispatcher leaves it alone a minute later… (1, 2, 4 … minutes)
    expect(await app.services.outbox.dispatchDue()).toBe(0);
    expect(council.received).toHaveLength(1);
    app.clock.advanceMs(61_000);
    expect(await app.services.outbox.dispatchDue()).toBe(0);
    // …the second attempt gets 503 with Retry-After: 120, which outweighs the 2-minute back-off.
    expect(council.received).toHaveLength(2);
    app.clock.advanceMs(119_000);
    expect(await app.services.outbox.dispatchDue()).toBe(0);
    expect(council.received).toHaveLength(2);
    app.clock.advanceMs(2_000);
    expect(await app.services.outbox.dispatchDue()).toBe(1);
    expect(council.received).toHaveLength(3);
    expect(council.received.every((r) => r.verified && r.messageId === message.id)).toBe(true);
    // The same body each time, so the receiver can ignore a repeat by its id.
    expect(new Set(council.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);

    // Acknowledged: the export says so, and a later sweep sends nothing more.
    app.clock.advanceMs(3600_000);
    expect(await app.services.outbox.dispatchDue()).toBe(0);
    const res = await fetch(`${app.url}/api/case-system/messages?format=json`);
    expect(res.status).toBe(200);
    const exported = (await res.json()) as { messages: { id: string; acknowledgedAt: string | null }[] };
    expect(exported.messages.find((m) => m.id === message.id)?.acknowledgedAt).toBe(
      new Date(app.clock.now().getTime() - 3600_000).toISOString(),
    );
  });

  test('the signature covers the body and the time: a changed body or an old timestamp is refused', async () => {
    const url = council.url();
    const body = JSON.stringify({ id: 'fictional' });
    const post = (b: string, signature: string) =>
      fetch(url, { method: 'POST', body: b, headers: { 'roundtable-signature': signature } });
    const now = app.clock.now();
    expect((await post(body, signBody(SECRET, body, now))).status).toBe(200);
    expect((await post(body.replace('fictional', 'altered'), signBody(SECRET, body, now))).status).toBe(401);
    expect((await post(body, signBody(SECRET, body, new Date(now.getTime() - 301_000)))).status).toBe(401);
    expect((await post(body, signBody('another-secret-of-at-least-32-characters!!', body, now))).status).toBe(
      401,
    );
  });

  test('a chair recording a child protection plan in the tab tells the case system once; no plan, no message', async () => {
    const conferenceId = (await requestConference(app.services.conferences, sampleRequest())).id;
    // Robin Sample (fictional) chairs the sample conference.
    const chair = await devSignIn(app.url, sampleRequest().chair!.aadObjectId!);
    const before = council.received.length;
    const plan = await chair.command(conferenceId, {
      type: 'plan.add',
      what: 'A fictional action: the family and the health visitor agree a night routine',
      who: 'Health visitor',
      byWhen: '2027-01-15',
      howWeWillKnow: 'The routine is written down and checked at two visits',
    });
    expect(plan.status).toBe(200);
    const decided = await chair.command(conferenceId, {
      type: 'decision.record',
      outcome: 'child-protection-plan',
      category: 'neglect',
      coreGroupPersonIds: [],
      dissent: [],
    });
    expect(decided.status).toBe(200);
    await app.services.outbox.idle();
    const sent = council.received.slice(before).map((r) => JSON.parse(r.body) as CaseSystemMessage);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ event: 'plan-started', plan: { category: 'neglect' } });
    expect(sent[0]!.conference.id).toBe(conferenceId);

    // The chair corrects the decision to a child in need plan: the plan that was started ends.
    const corrected = await chair.command(conferenceId, {
      type: 'decision.record',
      outcome: 'child-in-need-plan',
      coreGroupPersonIds: [],
      dissent: [],
    });
    expect(corrected.status).toBe(200);
    await app.services.outbox.idle();
    const next = council.received.slice(before + 1).map((r) => JSON.parse(r.body) as CaseSystemMessage);
    expect(next.map((m) => [m.event, m.plan, m.endReason])).toEqual([
      ['plan-ended', null, 'review-decision'],
    ]);
  });

  test('the export gives one CSV line per child, formula-safe, and refuses a malformed date', async () => {
    const conference = await requestConference(
      app.services.conferences,
      sampleRequest({
        children: [
          { firstName: '=HYPERLINK("x")', lastName: 'Sample', dateOfBirth: '2018-05-05' },
          { firstName: 'Ada', lastName: 'Sample', dateOfBirth: '2020-01-02' },
        ],
      }),
    );
    const conferenceMessage = await notifyCaseSystem(app.services.caseSystem, conference.id, {
      event: 'plan-ended',
      plan: null,
      endReason: 'moved-to-another-authority',
    });
    const csv = await (await fetch(`${app.url}/api/case-system/messages?format=csv&since=2026-01-01`)).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'messageId,event,occurredAt,conferenceReference,conferenceDate,childId,childFirstName,childLastName,childDateOfBirth,category,leadSocialWorkerEmail,endReason,acknowledgedAt',
    );
    const ended = lines.filter((l) => l.includes(`,${conference.reference},`));
    expect(ended).toHaveLength(2);
    expect(ended[0]).toContain(`'=HYPERLINK(""x"")`);
    expect(ended.every((l) => l.startsWith(`${conferenceMessage.id},plan-ended,`))).toBe(true);
    expect(ended.every((l) => l.includes(',moved-to-another-authority,'))).toBe(true);

    const bad = await fetch(`${app.url}/api/case-system/messages?since=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe(
      'since',
    );
  });
});
