import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { openSse } from '../helpers/sse.js';
import { DEMO, devSignIn } from '../helpers/tab-api.js';
import type { TabCaller } from '../helpers/tab-api.js';

// The conference record through the real app, signed in with the developer sign-in (loopback, no app id).
let app: TestApp;
let conferenceId: string;
let chair: TabCaller;
let teacher: TabCaller;
beforeAll(async () => {
  app = await startTestApp({}, { now: new Date('2026-11-23T09:30:00Z') });
  await seedDemo(app.services);
  const list = (await (await fetch(`${app.url}/api/conferences`)).json()) as { items: { id: string }[] };
  conferenceId = list.items[0]!.id;
  chair = await devSignIn(app.url, DEMO.chair);
  teacher = await devSignIn(app.url, DEMO.teacher);
}, 90_000);
afterAll(() => app.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = async (res: Response) => (await res.json()) as Json;
const record = (who: TabCaller, view?: 'chair' | 'stage') =>
  who.get(`/api/conferences/${conferenceId}/record${view ? `?view=${view}` : ''}`);

describe('sign-in', () => {
  test('the tab API needs a signed-in person', async () => {
    for (const path of ['/api/me', `/api/conferences/${conferenceId}/record`, '/api/me/overview']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe('SIGN_IN_REQUIRED');
    }
  });

  test('the sign-in page lists the fictional people, escaped, and signs in with an HttpOnly, Lax cookie', async () => {
    const page = await (await fetch(`${app.url}/dev/sign-in?next=/tab/stage`)).text();
    expect(page).toContain('Casey Chair (fictional)');
    expect(page).toContain('Theo Teacher (fictional)');
    const res = await fetch(`${app.url}/dev/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `aadObjectId=${DEMO.chair}&next=${encodeURIComponent('/tab/stage?conferenceId=x')}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tab/stage?conferenceId=x');
    expect(res.headers.get('set-cookie')).toMatch(/^rt_dev=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });

  test('the next page must be on this service, and only listed people can be chosen', async () => {
    const offsite = await fetch(`${app.url}/dev/sign-in?as=${DEMO.chair}&next=//evil.example/x`, {
      redirect: 'manual',
    });
    expect(offsite.headers.get('location')).toBe('/tab/personal');
    const stranger = await fetch(`${app.url}/dev/sign-in?as=00000000-0000-4000-8000-00000000dead`, {
      redirect: 'manual',
    });
    expect(stranger.status).toBe(400);
  });

  test('a forged or altered cookie is not a sign-in', async () => {
    const [name, value] = chair.cookie.split('=') as [string, string];
    const [body, sig] = value.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ aadObjectId: DEMO.chair, name: 'x', tenantId: 'x', exp: Date.now() * 2 }),
    ).toString('base64url');
    for (const cookie of [`${name}=${forged}.${sig}`, `${name}=${body}.${sig.slice(0, -2)}AA`]) {
      const res = await fetch(`${app.url}/api/me`, { headers: { cookie } });
      expect(res.status).toBe(401);
    }
  });

  test('GET /api/me says who is signed in and that this is developer mode', async () => {
    expect(await json(await chair.get('/api/me'))).toEqual({
      aadObjectId: DEMO.chair,
      name: 'Casey Chair (fictional)',
      devMode: true,
    });
  });
});

describe('the record', () => {
  test('the chair sees the checklist, the outline agenda with prompts, the people and live quorum', async () => {
    const view = await json(await record(chair));
    expect(view.checklist).toHaveLength(9);
    expect(view.agenda.map((a: Json) => a.title)).toEqual([
      'Introductions',
      'What the conference can and cannot do',
      'Parents describe their child',
      'What is working well',
      'What we are worried about',
      'The child’s lived experience and views',
      'Danger statement',
      'Safety scaling',
      'The plan',
      'The decision',
      'Core group and next steps',
      'Close',
    ]);
    expect(view.people.find((p: Json) => p.id === 'chair')).toMatchObject({
      name: 'Casey Chair (fictional)',
    });
    expect(view.quorum.state).toBe('at-risk');
    expect(view.childFirstNames).toEqual(['Pip', 'Wren']);
  });

  test('attendance makes quorum live: quorate when enough agencies are present, amber when one leaves', async () => {
    const view = await json(await record(chair));
    const ids = (agency: string) =>
      view.people.filter((p: Json) => p.agency === agency).map((p: Json) => p.id);
    const present = [
      ...ids('Example Children’s Services'),
      ...ids('Example Community Health'),
      ...ids('Example Primary School'),
      ...ids('Example Police'),
    ];
    for (const personId of present)
      expect(
        (await chair.command(conferenceId, { type: 'attendance.set', personId, present: true })).status,
      ).toBe(200);
    expect((await json(await record(chair))).quorum.state).toBe('quorate');
    for (const personId of [...ids('Example Community Health'), ...ids('Example Primary School')])
      await chair.command(conferenceId, { type: 'attendance.set', personId, present: false });
    const after = await json(await record(chair));
    expect(after.quorum.state).not.toBe('quorate');
    expect(after.people.find((p: Json) => p.agency === 'Example Primary School')).toMatchObject({
      present: false,
      leftAt: expect.any(String),
    });
  });

  test('a professional may not run the chair’s commands nor read the chair’s view, but may score', async () => {
    const refused = await teacher.command(conferenceId, {
      type: 'grid.add',
      column: 'worries',
      text: 'A worry',
    });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('NOT_ALLOWED_FOR_ROLE');
    expect((await record(teacher, 'chair')).status).toBe(403);
    const stage = await json(await record(teacher));
    expect(stage).not.toHaveProperty('people');
    const scored = await teacher.command(conferenceId, {
      type: 'scaling.give',
      score: 4,
      reason: 'Some safety',
    });
    expect(scored.status).toBe(200);
    expect((await json(scored)).view).not.toHaveProperty('scaling');
  });

  test('the minute-taker may add grid items but not agree them', async () => {
    const minutes = await devSignIn(app.url, DEMO.minuteTaker);
    const added = await json(
      await minutes.command(conferenceId, {
        type: 'grid.add',
        column: 'working-well',
        text: 'School attendance is good',
      }),
    );
    const item = added.view.grid.find((g: Json) => g.text === 'School attendance is good');
    expect(item).toMatchObject({ agreed: false, restricted: false });
    expect(
      (await minutes.command(conferenceId, { type: 'grid.agree', itemId: item.id, agreed: true })).status,
    ).toBe(403);
  });

  test('someone from another conference gets 403 without a word of this one', async () => {
    const other = await fetch(`${app.url}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        strategyDiscussionDate: '2026-11-20',
        leadSocialWorker: { name: 'Olu Other (fictional)', email: 'olu.other@example.org' },
        children: [{ firstName: 'Ash', lastName: 'Example', dateOfBirth: '2019-01-01' }],
        invitees: [
          {
            name: 'Nia Nurse (fictional)',
            email: 'nia.nurse@example.org',
            role: 'School nurse',
            agency: 'Other Health',
            agencyKind: 'health',
            aadObjectId: '00000000-0000-4000-8000-000000003001',
          },
        ],
      }),
    });
    expect(other.status).toBe(201);
    const nurse = await devSignIn(app.url, '00000000-0000-4000-8000-000000003001');
    const res = await record(nurse, 'stage');
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.error.code).toBe('NOT_YOUR_CONFERENCE');
    expect(JSON.stringify(body)).not.toMatch(/Pip|Sample|Casey/);
    expect((await nurse.command(conferenceId, { type: 'scaling.give', score: 1, reason: 'x' })).status).toBe(
      403,
    );
  });

  test('a stale expectedVersion is refused with 409 and nothing changes', async () => {
    const before = await json(await record(chair));
    const res = await chair.command(
      conferenceId,
      { type: 'checklist.set', itemId: 'seating', done: true },
      before.version - 1,
    );
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe('VERSION_CONFLICT');
    expect((await json(await record(chair))).version).toBe(before.version);
    const ok = await chair.command(
      conferenceId,
      { type: 'checklist.set', itemId: 'seating', done: true, note: 'Beside her sister' },
      before.version,
    );
    expect(ok.status).toBe(200);
    expect((await json(ok)).version).toBe(before.version + 1);
  });

  test('bad input is a 400 naming the field; the decision before the plan is refused', async () => {
    const bad = await chair.command(conferenceId, { type: 'scaling.give', score: 11, reason: '' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details.map((d: Json) => d.path)).toEqual(
      expect.arrayContaining(['command.score', 'command.reason']),
    );
    const past = await chair.command(conferenceId, {
      type: 'plan.add',
      what: 'Take Pip to the dentist',
      who: 'Robin',
      byWhen: '2026-11-01',
      howWeWillKnow: 'The dentist confirms the visit',
    });
    expect(past.status).toBe(400);
    expect((await json(past)).error.details[0].path).toBe('command.byWhen');
    const early = await chair.command(conferenceId, {
      type: 'decision.record',
      outcome: 'child-in-need-plan',
      coreGroupPersonIds: [],
      dissent: [],
    });
    expect(early.status).toBe(409);
    expect((await json(early)).error.code).toBe('DECISION_BEFORE_PLAN');
    const noCategory = await chair.command(conferenceId, {
      type: 'decision.record',
      outcome: 'child-protection-plan',
      coreGroupPersonIds: [],
      dissent: [],
    });
    expect(noCategory.status).toBe(400);
  });
});

describe('live updates', () => {
  const streamUrl = (view: string) => `${app.url}/api/conferences/${conferenceId}/record/stream?view=${view}`;

  test('a second client sees an agreed grid item at once; the stage never carries a restricted item', async () => {
    const stage = await openSse(streamUrl('stage'), { cookie: teacher.cookie });
    expect(stage.status).toBe(200);
    expect(stage.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await stage.next();
    expect(first.event).toBe('record');
    const start = JSON.parse(first.data) as Json;
    expect(Number(first.id)).toBe(start.version);

    const started = await json(
      await chair.command(conferenceId, {
        type: 'restricted.start',
        reason: 'Third-party information',
        excludedPersonIds: [],
      }),
    );
    expect(started.view.restricted.active).toBe(true);
    const secret = await json(
      await chair.command(conferenceId, { type: 'grid.add', column: 'worries', text: 'RESTRICTED-WORRY' }),
    );
    const secretId = secret.view.grid.find((g: Json) => g.text === 'RESTRICTED-WORRY').id;
    expect(secret.view.grid.find((g: Json) => g.id === secretId).restricted).toBe(true);
    await chair.command(conferenceId, { type: 'grid.agree', itemId: secretId, agreed: true });
    await chair.command(conferenceId, { type: 'stage.showUnagreed', show: true });
    await chair.command(conferenceId, { type: 'restricted.end' });
    const added = await json(
      await chair.command(conferenceId, {
        type: 'grid.add',
        column: 'working-well',
        text: 'Robin walks Pip to school',
      }),
    );
    const itemId = added.view.grid.find((g: Json) => g.text === 'Robin walks Pip to school').id;
    await chair.command(conferenceId, { type: 'stage.showUnagreed', show: false });
    const agreed = await json(
      await chair.command(conferenceId, { type: 'grid.agree', itemId, agreed: true }),
    );

    const seen: Json[] = [];
    for (;;) {
      const e = await stage.next();
      const view = JSON.parse(e.data) as Json;
      seen.push(view);
      if (view.version === agreed.version) break;
    }
    expect(seen.at(-1)!.grid.map((g: Json) => g.text)).toContain('Robin walks Pip to school');
    for (const view of seen) expect(JSON.stringify(view)).not.toContain('RESTRICTED-WORRY');
    stage.close();
  });

  test('a client reconnecting with Last-Event-ID catches up at once, and gets nothing if already current', async () => {
    const chairStream = await openSse(streamUrl('chair'), { cookie: chair.cookie });
    const first = await chairStream.next();
    const version = Number(first.id);
    chairStream.close();
    await chair.command(conferenceId, {
      type: 'plan.contingency',
      text: 'Robin’s sister will look after Pip',
    });
    const again = await openSse(streamUrl('chair'), {
      cookie: chair.cookie,
      'last-event-id': String(version),
    });
    const caughtUp = await again.next();
    expect(Number(caughtUp.id)).toBe(version + 1);
    expect((JSON.parse(caughtUp.data) as Json).plan.contingency).toBe('Robin’s sister will look after Pip');
    again.close();
    const current = await openSse(streamUrl('chair'), {
      cookie: chair.cookie,
      'last-event-id': String(version + 1),
    });
    await expect(current.next(500)).rejects.toThrow(/no event/);
    current.close();
  });

  test('the stream needs a sign-in and a part in the conference', async () => {
    expect((await openSse(streamUrl('stage'))).status).toBe(401);
    expect((await openSse(streamUrl('chair'), { cookie: teacher.cookie })).status).toBe(403);
  });
});

describe('a whole conference, and the personal tab', () => {
  test('two changes against the same version: one wins, the other is told to reload; without a version both land', async () => {
    const { version } = await json(await record(chair));
    const [a, b] = await Promise.all([
      chair.command(conferenceId, { type: 'checklist.set', itemId: 'child-included', done: true }, version),
      chair.command(conferenceId, { type: 'checklist.set', itemId: 'parent-as-expert', done: true }, version),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [c, d] = await Promise.all([
      chair.command(conferenceId, { type: 'checklist.set', itemId: 'how-addressed', done: true }),
      chair.command(conferenceId, { type: 'checklist.set', itemId: 'process-explained', done: true }),
    ]);
    expect([c.status, d.status]).toEqual([200, 200]);
    const view = await json(await record(chair));
    expect(view.version).toBe(version + 3);
    const done = view.checklist.filter((i: Json) => i.done).map((i: Json) => i.id);
    expect(done).toEqual(expect.arrayContaining(['how-addressed', 'process-explained']));
  });

  test('from the agenda to the decision: the stage shows the plan and the decision, never who scored what', async () => {
    const go = async (command: object) => {
      const res = await chair.command(conferenceId, command);
      expect(res.status).toBe(200);
      return (await json(res)).view as Json;
    };
    await go({ type: 'agenda.start', itemId: 'worries' });
    const worried = await go({
      type: 'grid.add',
      column: 'worries',
      text: 'Pip has missed two dental appointments',
    });
    const worryId = worried.grid.find((g: Json) => g.text.startsWith('Pip has missed')).id;
    await go({ type: 'grid.agree', itemId: worryId, agreed: true });
    await go({ type: 'agenda.start', itemId: 'danger-statement' });
    const danger = await go({
      type: 'grid.add',
      column: 'danger-statement',
      text: 'We are worried Pip’s teeth will hurt and get worse.',
    });
    await go({ type: 'grid.agree', itemId: danger.grid.at(-1).id, agreed: true });
    await go({ type: 'agenda.start', itemId: 'scaling' });
    const hv = await devSignIn(app.url, DEMO.healthVisitor);
    await hv.command(conferenceId, { type: 'scaling.give', score: 3, reason: 'Missed appointments' });
    await chair.command(conferenceId, { type: 'scaling.give', score: 5, reason: 'Mother engages well' });
    await go({ type: 'scaling.share', shared: true });
    await go({ type: 'agenda.start', itemId: 'plan' });
    const planned = await go({
      type: 'plan.add',
      what: 'Take Pip to the dentist for a check-up',
      who: 'Hana Healthvisitor (fictional) with Robin',
      byWhen: '2026-12-18',
      howWeWillKnow: 'The dentist confirms the visit in a letter',
      worryItemId: worryId,
    });
    expect(planned.plan.actions[0].smart.every((f: Json) => f.ok)).toBe(true);
    await go({
      type: 'plan.contingency',
      text: 'If Pip misses the appointment, the health visitor visits at home.',
    });
    await go({ type: 'plan.network', text: 'Grandparents nearby', familyGroupConferenceOffered: true });
    const view = await json(await record(chair));
    const hvId = view.people.find(
      (p: Json) => p.agency === 'Example Community Health' && p.role === 'professional',
    ).id;
    const prompted = await go({ type: 'prompt.send', kind: 'camera', personIds: [hvId] });
    // No Teams meeting is linked here: the prompt is recorded, and says it was not sent.
    expect(prompted.prompts.at(-1)).toMatchObject({
      kind: 'camera',
      personIds: [hvId],
      delivered: [],
      notSent: 'no-meeting',
    });
    await go({ type: 'agenda.start', itemId: 'decision' });
    const decided = await go({
      type: 'decision.record',
      outcome: 'child-protection-plan',
      category: 'neglect',
      leadSocialWorkerName: 'Sam Socialworker (fictional)',
      coreGroupPersonIds: [hvId],
      dissent: [{ personId: hvId, reason: 'Thinks a child in need plan is enough' }],
    });
    expect(decided.decision).toMatchObject({ outcome: 'child-protection-plan', category: 'neglect' });

    const stage = await json(await record(teacher));
    expect(stage.currentAgendaItem).toEqual({ title: 'The decision' });
    expect(stage.decision).toEqual({ outcome: 'child-protection-plan', category: 'neglect' });
    expect(stage.plan.actions.map((a: Json) => a.what)).toContain('Take Pip to the dentist for a check-up');
    expect(stage.plan.contingency).toMatch(/health visitor visits/);
    expect(stage.scaling.count).toBeGreaterThanOrEqual(2);
    expect(stage.grid.map((g: Json) => g.column)).toEqual(
      expect.arrayContaining(['worries', 'danger-statement']),
    );
    const text = JSON.stringify(stage);
    for (const secret of [
      'Missed appointments',
      'Mother engages well',
      'Thinks a child in need',
      'Grandparents',
    ])
      expect(text).not.toContain(secret);
  });

  test('every read and change of the record is on the audit trail, with the person’s id', async () => {
    const { rows } = await app.store.executeSql(
      `select actor, action, entity from audit_events where conference_id = $1 and entity = 'conference-record'`,
      [conferenceId],
    );
    const events = rows as { actor: string; action: string }[];
    expect(events.some((e) => e.actor === DEMO.chair && e.action === 'update')).toBe(true);
    expect(events.some((e) => e.actor === DEMO.teacher && e.action === 'read')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/fictional|Pip/);
  });

  test('the personal tab lists my conferences, the report I owe and the plan actions given to me', async () => {
    const hv = await devSignIn(app.url, DEMO.healthVisitor);
    const overview = await json(await hv.get('/api/me/overview'));
    expect(overview.conferences).toEqual([
      expect.objectContaining({
        id: conferenceId,
        role: 'professional',
        kindLabel: 'Initial child protection conference',
        scheduledStart: '2026-12-07T10:00',
      }),
    ]);
    expect(overview.reportsDue).toEqual([
      { conferenceId, due: expect.stringMatching(/^2026-12-0\d$/), status: 'not-started' },
    ]);
    expect(overview.actions).toEqual([
      {
        conferenceId,
        actionId: expect.any(String),
        what: 'Take Pip to the dentist for a check-up',
        byWhen: '2026-12-18',
      },
    ]);
    const chairs = await json(await chair.get('/api/me/overview'));
    expect(chairs.conferences[0]).toMatchObject({ id: conferenceId, role: 'chair' });
    expect(chairs.reportsDue).toEqual([]);
  });
});
