/**
 * Report links over real HTTP: the API makes and emails a link, the holder uses the web form (a
 * conference on Thu 10 Dec 2026 at 10:00; reports due Tue 8 Dec), and a bad link reveals nothing.
 */
import { invitationFlow, type Flow } from '../helpers/invitation-flow.js';

const COMPLETE: Record<string, string | string[]> = {
  'agency.name': 'Example Police',
  'agency.contactWithChild': 'Two callouts this year.',
  'workingWell.strengths': 'Mum called us herself.',
  'workingWell.protectiveFactors': 'Grandparent nearby.',
  'worries.harm': 'Shouting heard by neighbours.',
  'worries.risks': 'It may happen again.',
  'worries.complicatingFactors': 'None known.',
  'child.livedExperience': 'Evenings are loud.',
  'child.views': 'Wants it to be calm.',
  'child.obtainedBy': 'spoke-with-child',
  'recommendations.0.what': 'Safety plan',
  'recommendations.0.who': 'Pat',
  'recommendations.0.byWhen': 'within 2 weeks',
  'recommendations.0.howWeWillKnow': 'Plan signed',
  'safetyScale.score': '6',
  'safetyScale.reason': 'Mum engages well.',
  'sharedWithFamily.sharedOn': '2026-12-07',
  'sharedWithFamily.how': 'phone',
  'sharedWithFamily.familyResponse': 'Agreed with most of it.',
};
const HOSTILE = '<script>alert(1)</script> <b>HTML</b> **Markdown** 👩‍👧 مرحبا\r\n  spaces kept ';

let flow: Flow;
let base: string;
let policeId: string;
let robinId: string;
beforeAll(async () => {
  flow = await invitationFlow();
  base = `/api/conferences/${flow.conferenceId}`;
  const c = (await (await flow.api(base)).json()) as {
    invitees: { id: string; role: string }[];
    familyMembers: { id: string }[];
  };
  policeId = c.invitees.find((i) => i.role === 'Police officer')!.id;
  robinId = c.familyMembers[0]!.id;
}, 90_000);
afterAll(() => flow.close());

const at = (iso: string) => flow.app.clock.set(new Date(iso));
/** A minute later each time: the request limit is per minute, on the app's clock. */
let minute = 0;
const nextMinute = (day = '2026-12-01') => at(`${day}T09:${String(minute++ % 60).padStart(2, '0')}:30Z`);

const api = async (method: string, path: string, body?: unknown) => {
  const res = await flow.api(`${base}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};
/** Links carry PUBLIC_URL; this app listens on a port chosen at start. */
const local = (url: string) => url.replace(flow.app.config.publicUrl, flow.app.url);
const open = async (url: string) => {
  const res = await fetch(local(url));
  return { status: res.status, headers: res.headers, html: await res.text() };
};
const post = async (url: string, fields: Record<string, string | string[]>) => {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  const res = await fetch(local(url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return { status: res.status, html: await res.text() };
};
const makeLink = async (holder: Record<string, string>) => {
  const made = await api('POST', '/report-links', holder);
  expect(made.status).toBe(201);
  await flow.app.services.outbox.idle();
  return made.body as { id: string; url: string; expiresAt: string; purpose: string };
};
/** Quoted-printable soft breaks and escapes undone, so the mail reads as written. */
const decoded = (eml: string) =>
  eml
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
const reportOf = async (reportId: string) => (await api('GET', `/reports/${reportId}`)).body;
const textareaOf = (html: string, name: string) =>
  new RegExp(`<textarea[^>]*name="${name.replace('.', '\\.')}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];

test('a link is made, listed without its token and emailed to its holder only, with no report content', async () => {
  nextMinute();
  const before = flow.emails().length;
  const link = await makeLink({ inviteeId: policeId });
  expect(link).toMatchObject({ purpose: 'agency-report', expiresAt: '2026-12-15T09:00:30.000Z' });
  expect(link.url).toMatch(new RegExp(`^${flow.app.config.publicUrl}/r/[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));

  const list = await api('GET', '/report-links');
  expect(list.body.links[0]).toMatchObject({
    id: link.id,
    holder: 'PC Pat Police (fictional)',
    state: 'active',
  });
  expect(JSON.stringify(list.body)).not.toContain(link.url.split('/r/')[1]);

  const mails = flow.emails().slice(before).map(decoded);
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail).toMatch(/^To: .*pat\.police@example\.org/m);
  expect(mail).not.toMatch(/hana|theo|robin\.sample|casey/i);
  expect(mail).toContain(link.url);
  expect(mail).toContain('Your report is due Tue 8 Dec 2026');
  expect(mail).toMatch(/works until Tue 15 Dec 2026/);
  // No child's surname, no family name at all.
  expect(mail).not.toMatch(/Sample|Pip|Wren/);
});

test('the form: open, save a draft with hostile text, come back, too long, incomplete, submit late, amend', async () => {
  nextMinute();
  const { url } = await makeLink({ inviteeId: policeId });
  const first = await open(url);
  expect(first.status).toBe(200);
  expect(first.headers.get('content-security-policy')).toBe(
    "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
  );
  expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(first.html).toContain('PC Pat Police (fictional)');
  expect(first.html).toContain('Example Police');
  expect(first.html).toContain('Your report is due Tue 8 Dec 2026');
  expect(first.html).not.toMatch(/late now/);
  // Nothing about other people or other reports.
  expect(first.html).not.toMatch(/Hana|Theo|Casey|Sample|Robin|Pip|Wren/);
  expect(first.html).not.toMatch(/<script/i);

  const saved = await post(`${url}/draft`, {
    'worries.harm': `${HOSTILE} The LAC team raised s47 concerns.`,
  });
  expect(saved.status).toBe(200);
  expect(saved.html).toContain('Draft saved');
  expect(saved.html).toContain('Plain language');
  expect(saved.html).not.toContain('<script>alert(1)</script>');
  expect(saved.html).not.toContain('<b>HTML</b>');
  expect(saved.html).toContain(
    '&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;HTML&lt;/b&gt; **Markdown** 👩‍👧 مرحبا',
  );

  const back = await open(url);
  expect(textareaOf(back.html, 'worries.harm')).toBe(
    `${HOSTILE} The LAC team raised s47 concerns.`.replace(
      /[&<>"']/g,
      (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
    ),
  );
  const links = await api('GET', '/reports');
  const reportId = links.body.entries.find((e: { inviteeId: string }) => e.inviteeId === policeId).reportId;
  const stored = await reportOf(reportId);
  expect(stored.versions).toHaveLength(1);
  // Browsers send line breaks as CRLF; the text is kept byte for byte as sent.
  expect(stored.versions[0].content.worries.harm).toBe(`${HOSTILE} The LAC team raised s47 concerns.`);
  expect(stored.versions[0].savedBy).toBe('PC Pat Police (fictional)');

  const kept = 'Still here. '.repeat(700); // 8400 characters: over the 8000 limit
  const tooLong = await post(`${url}/draft`, { 'worries.harm': kept, 'worries.risks': 'Also kept' });
  expect(tooLong.status).toBe(400);
  expect(tooLong.html).toMatch(
    /<p class="problem" id="p-worries-harm">“What we are worried about: harm” can be at most 8000 characters\.<\/p>/,
  );
  expect(textareaOf(tooLong.html, 'worries.harm')).toBe(kept);
  expect(textareaOf(tooLong.html, 'worries.risks')).toBe('Also kept');
  expect((await reportOf(reportId)).versions).toHaveLength(1);

  const incomplete = await post(`${url}/submit`, { 'worries.harm': 'Only this so far' });
  expect(incomplete.status).toBe(422);
  expect(incomplete.html).toContain('The report is not complete');
  expect(incomplete.html).toMatch(/id="p-agency-name">Fill in “Agency”\./);
  expect(textareaOf(incomplete.html, 'worries.harm')).toBe('Only this so far');
  const afterIncomplete = await reportOf(reportId);
  expect(afterIncomplete.status).toBe('draft');
  expect(afterIncomplete.versions.at(-1).content.worries.harm).toBe('Only this so far');

  nextMinute('2026-12-09'); // the day after the deadline
  const late = await open(url);
  expect(late.html).toMatch(/It is late now/);
  const submitted = await post(`${url}/submit`, COMPLETE);
  expect(submitted.status).toBe(200);
  expect(submitted.html).toContain('it is marked late');
  expect(submitted.html).toContain('Submit the changes');
  expect(submitted.html).not.toContain('Save draft');

  const amended = await post(`${url}/submit`, { ...COMPLETE, 'safetyScale.score': '5' });
  expect(amended.status).toBe(200);
  expect(amended.html).toContain('Your changes are submitted');
  const full = await reportOf(reportId);
  expect(full).toMatchObject({ status: 'submitted', late: true });
  expect(full.versions.map((v: { submitted: boolean }) => v.submitted)).toEqual([false, false, true, true]);
  expect(full.versions[3].content.safetyScale.score).toBe(5);
  expect(full.versions[2].content.safetyScale.score).toBe(6);
  // An amendment that leaves a field out is refused and the submitted report stands.
  const broken = await post(`${url}/submit`, { ...COMPLETE, 'agency.name': '' });
  expect(broken.status).toBe(422);
  expect(broken.html).toContain('Your submitted report is unchanged');
  expect((await reportOf(reportId)).versions).toHaveLength(4);
});

test('revoked, expired, tampered, unknown and other-conference links get a kind page that reveals nothing', async () => {
  nextMinute();
  const { id, url } = await makeLink({ inviteeId: policeId });
  expect((await open(url)).status).toBe(200);
  const [head, payload, sig] = url.split('/r/')[1]!.split('.') as [string, string, string];
  const tampered = await open(`${flow.app.url}/r/${head}.${payload}.${sig.slice(0, -3)}abc`);
  const unknown = await open(`${flow.app.url}/r/not-a-link`);
  for (const page of [tampered, unknown]) {
    expect(page.status).toBe(404);
    expect(page.html).toContain('This link does not work');
  }
  // Another conference cannot see or revoke this link.
  const other = (await (
    await flow.api('/api/conferences', {
      method: 'POST',
      body: JSON.stringify({ ...(await otherRequest()) }),
    })
  ).json()) as { id: string };
  const wrong = await flow.api(`/api/conferences/${other.id}/report-links/${id}/revoke`, {
    method: 'POST',
    body: JSON.stringify({ revokedBy: 'Casey Chair (fictional)' }),
  });
  expect(wrong.status).toBe(404);
  expect((await open(url)).status).toBe(200);

  const revoked = await api('POST', `/report-links/${id}/revoke`, { revokedBy: 'Casey Chair (fictional)' });
  expect(revoked.body).toMatchObject({ state: 'revoked', revokedBy: 'Casey Chair (fictional)' });
  const gone = await open(url);
  expect(gone.status).toBe(410);
  expect(gone.html).toContain('This link no longer works');
  expect((await post(`${url}/draft`, { 'worries.harm': 'after revoking' })).status).toBe(410);

  const fresh = await makeLink({ inviteeId: policeId });
  at('2026-12-16T09:00:00Z'); // 15 days on: expired
  const expired = await open(fresh.url);
  expect(expired.status).toBe(410);
  for (const page of [tampered, unknown, gone, expired]) {
    expect(page.html).not.toMatch(/Pat|Police|Sample|Pip|Wren|Robin|Dec 2026|CP-/);
    expect(page.html).not.toMatch(/<script/i);
  }
  expect(
    (await api('GET', '/report-links')).body.links.find((l: { id: string }) => l.id === fresh.id).state,
  ).toBe('expired');
});

test('more than 20 requests a minute on one link are refused with a kind page and Retry-After', async () => {
  nextMinute();
  const { url } = await makeLink({ inviteeId: policeId });
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await fetch(local(url))).status);
  expect(statuses.every((s) => s === 200)).toBe(true);
  const refused = await fetch(local(url));
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await refused.text()).toContain('Please wait a moment');
  nextMinute();
  expect((await fetch(local(url))).status).toBe(200);
});

test('the family writes their own views; the chair’s reading list shows them first', async () => {
  nextMinute();
  const before = flow.emails().length;
  const link = await makeLink({ familyMemberId: robinId });
  expect(link.purpose).toBe('family-views');
  const mail = decoded(flow.emails().slice(before)[0]!);
  expect(mail).toMatch(/^To: .*robin\.sample@example\.org/m);
  expect(mail).toContain('your views');

  const form = await open(link.url);
  expect(form.status).toBe(200);
  expect(form.html).toContain('Your views for the conference');
  expect(form.html).toContain('What worries you');
  expect(form.html).not.toContain('Safety scale');
  const empty = await post(`${link.url}/submit`, {});
  expect(empty.status).toBe(422);
  expect(empty.html).toContain('at least one of the boxes');
  const sent = await post(`${link.url}/submit`, {
    'familyViews.workingWell': 'Grandma helps every day.',
    'familyViews.wishes': 'We want Pip to stay at her school.',
  });
  expect(sent.status).toBe(200);

  const list = await api('GET', '/reports');
  expect(list.body.entries[0]).toMatchObject({ kind: 'family-views', state: 'received' });
  expect(list.body.entries[0].author).toContain('Robin');
  expect(list.body.entries.slice(1).every((e: { kind: string }) => e.kind !== 'family-views')).toBe(true);
});

async function otherRequest() {
  const { conferenceRequest } = await import('../helpers/invitation-flow.js');
  return conferenceRequest();
}

test('hostile tokens and bodies get a kind HTML page, never a 500 or a stack trace', async () => {
  nextMinute();
  // The teacher's report: the police report is submitted by now, so drafts would be refused.
  const c = (await (await flow.api(base)).json()) as { invitees: { id: string; role: string }[] };
  const teacherId = c.invitees.find((i) => i.role === 'Designated safeguarding lead')!.id;
  const { url } = await makeLink({ inviteeId: teacherId });
  const token = url.split('/r/')[1]!;
  const pages: { status: number; type: string; html: string }[] = [];
  const send = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${flow.app.url}${path}`, init);
    pages.push({ status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() });
    return pages.at(-1)!;
  };
  for (const odd of ['%ZZ', '%00', '..', `${token}x`, `${token}.${token}`, 'a'.repeat(500), '%E0%A4%A'])
    await send(`/r/${odd}`);
  const form = (body: string, type = 'application/x-www-form-urlencoded') =>
    send(`/r/${token}/draft`, { method: 'POST', headers: { 'content-type': type }, body });
  expect((await form('worries.harm=%ZZ%E0%A4%A&agency.name=%')).status).toBe(200);
  expect((await form('{"worries":{"harm":"x"}}', 'application/json')).status).toBe(415);
  expect((await form(`worries.harm=${'x'.repeat(300_000)}`)).status).toBe(413);
  const nul = await form('worries.harm=a%00b');
  expect(nul.status).toBe(400);
  expect(nul.html).toContain('contains a null character');
  expect((await form('recommendations.99.what=x&recommendations.0.what=y&__proto__.x=1')).status).toBe(200);
  for (const p of pages) {
    expect(p.status).toBeLessThan(500);
    expect(p.html).not.toMatch(/at .*\.ts:\d+|Error:/);
  }
  expect(pages.filter((p) => p.status !== 404 && !p.type.startsWith('text/html'))).toEqual([]);
});
