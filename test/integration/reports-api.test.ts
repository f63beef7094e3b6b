/** Agency reports over the real HTTP API: a conference on Thu 10 Dec 2026 at 10:00 (reports due Tue 8 Dec). */
import { invitationFlow, type Flow } from '../helpers/invitation-flow.js';

const COMPLETE = {
  agency: { name: 'Example Community Health', contactWithChild: 'Home visits every two weeks.' },
  workingWell: { strengths: 'Warm with her brother.', protectiveFactors: 'Grandparent nearby.' },
  worries: { harm: 'Missed health checks.', risks: 'Missed checks.', complicatingFactors: 'None known.' },
  child: {
    livedExperience: 'Mornings are loud.',
    views: 'Wants more time outside.',
    obtainedBy: ['mind-of-my-own'],
  },
  recommendations: [
    { what: 'Book the check', who: 'Hana', byWhen: 'within 2 weeks', howWeWillKnow: 'Check done' },
  ],
  safetyScale: { score: 6, reason: 'Mum engages well.' },
  sharedWithFamily: { sharedOn: '2026-12-07', how: 'in-person', familyResponse: 'Agreed with most of it.' },
};
const HOSTILE = '<script>alert(1)</script> <b>HTML</b> **Markdown** 👩‍👧 مرحبا  \n  spaces kept ';

let flow: Flow;
let base: string;
let inviteeId: string;
beforeAll(async () => {
  flow = await invitationFlow();
  base = `/api/conferences/${flow.conferenceId}`;
  const conference = (await (await flow.api(base)).json()) as { invitees: { id: string; role: string }[] };
  inviteeId = conference.invitees.find((i) => i.role === 'Health visitor')!.id;
}, 90_000);
afterAll(() => flow.close());

const send = async (method: string, path: string, body?: unknown) => {
  const res = await flow.api(`${base}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  // Answers are read loosely here; test/contract/reports-openapi.test.ts checks their shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
const at = (iso: string) => flow.app.clock.set(new Date(iso));

test('draft → submit → amend keeps every version; late, shared, read; the reading list shows it', async () => {
  at('2026-12-01T09:00:00Z');
  const created = await send('POST', '/reports', { kind: 'agency', inviteeId });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await send('POST', '/reports', { kind: 'agency', inviteeId })).status).toBe(409);

  const draft = await send('PUT', `/reports/${id}/draft`, {
    content: { worries: { harm: HOSTILE + ' The LAC team raised s47 concerns.' } },
    savedBy: 'Hana Healthvisitor (fictional)',
  });
  expect(draft.status).toBe(200);
  expect(draft.body.plainLanguage.summary.total).toBeGreaterThan(0);
  expect(draft.body.report.versions[0].content.worries.harm).toBe(
    HOSTILE + ' The LAC team raised s47 concerns.',
  );

  const tooLong = await send('PUT', `/reports/${id}/draft`, {
    content: { worries: { harm: 'x'.repeat(8001) } },
    savedBy: 'Hana',
  });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error.details).toContainEqual({
    path: 'content.worries.harm',
    message: '“What we are worried about: harm” can be at most 8000 characters.',
  });
  const unchanged = await send('GET', `/reports/${id}`);
  expect(unchanged.body.versions).toHaveLength(1);
  expect(unchanged.body.versions[0].content.worries.harm).toBe(
    draft.body.report.versions[0].content.worries.harm,
  );

  const incomplete = await send('POST', `/reports/${id}/submit`, { submittedBy: 'Hana' });
  expect(incomplete.status).toBe(422);
  expect(incomplete.body.error.details.length).toBeGreaterThan(10);

  at('2026-12-07T15:00:00Z');
  const shared = await send('POST', `/reports/${id}/shares`, {
    at: '2026-12-07T14:00:00Z',
    how: 'in-person',
    by: 'Hana Healthvisitor (fictional)',
    familyResponse: HOSTILE,
  });
  expect(shared.status).toBe(201);
  expect(shared.body.sharing).toMatchObject({ state: 'in-time' });
  expect(shared.body.shares[0].familyResponse).toBe(HOSTILE);

  at('2026-12-09T08:00:00Z'); // the day after the deadline: late, still accepted
  const submitted = await send('POST', `/reports/${id}/submit`, { content: COMPLETE, submittedBy: 'Hana' });
  expect(submitted.status).toBe(200);
  expect(submitted.body).toMatchObject({
    late: true,
    amendment: false,
    report: { status: 'submitted', currentVersion: 2 },
  });
  expect((await send('PUT', `/reports/${id}/draft`, { content: {}, savedBy: 'Hana' })).status).toBe(409);

  expect((await send('POST', `/reports/${id}/read`, { version: 1, reader: 'Casey Chair' })).status).toBe(409);
  expect((await send('POST', `/reports/${id}/read`, { version: 2, reader: 'Casey Chair' })).status).toBe(200);
  const amended = await send('POST', `/reports/${id}/submit`, {
    content: { ...COMPLETE, safetyScale: { score: 5, reason: HOSTILE } },
    submittedBy: 'Hana',
  });
  expect(amended.body).toMatchObject({ late: true, amendment: true, report: { currentVersion: 3 } });
  const full = await send('GET', `/reports/${id}`);
  expect(
    full.body.versions.map((v: { version: number; submitted: boolean }) => [v.version, v.submitted]),
  ).toEqual([
    [1, false],
    [2, true],
    [3, true],
  ]);
  expect(full.body.versions[2].content.safetyScale.reason).toBe(HOSTILE);

  const list = await send('GET', '/reports');
  expect(list.status).toBe(200);
  const entry = list.body.entries.find((e: { reportId: string | null }) => e.reportId === id);
  expect(entry).toMatchObject({
    state: 'amended-since-read',
    late: true,
    readVersion: 2,
    submittedVersion: 3,
  });
  expect(list.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
    'social-work',
    'agency',
    'agency',
    'agency',
  ]);
  expect(list.body.readiness).toMatchObject({ decisionNeeded: true, ready: false });
  expect(list.body.readiness.missing).toHaveLength(3);
  expect(list.body.deadlines.map((d: { sentence: string }) => d.sentence)).toContain(
    'Reports to the conference service due Tue 8 Dec 2026 (2 working days before the conference)',
  );
});

test('the chair postpones because the parents have not had the reports; too late a date needs the delay explained', async () => {
  at('2026-12-09T10:00:00Z');
  const late = await send('POST', '/readiness-decision', {
    decision: 'postpone',
    reason: 'The parents have not seen three reports.',
    newStart: '2026-12-15T10:00',
    by: 'Casey Chair (fictional)',
  });
  expect(late.status).toBe(400);
  expect(late.body.error.details[0].path).toBe('delayExplanation');
  const ok = await send('POST', '/readiness-decision', {
    decision: 'postpone',
    reason: 'The parents have not seen three reports.',
    newStart: '2026-12-14T10:00',
    by: 'Casey Chair (fictional)',
  });
  expect(ok.status).toBe(201);
  expect(ok.body).toMatchObject({ withinTimescale: true, newStart: '2026-12-14T10:00' });
  const conference = await send('GET', '');
  expect(conference.body.status).toBe('postponed');
  expect((await send('GET', '/reports')).body.decisions).toHaveLength(1);
});
