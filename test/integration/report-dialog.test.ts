/**
 * The report dialog as Teams drives it: invoke task/fetch from the invitation card's button, invoke
 * task/submit from the dialog's buttons, all through /api/messages; and the "My reports" card.
 */
import { cardAction, message, taskFetch, taskSubmit, user } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import { cardProblems } from '../helpers/contracts.js';
import {
  FAMILY_NAMES,
  HEALTH_VISITOR,
  SOCIAL_WORKER,
  STRANGER,
  TEACHER,
  conferenceRequest,
  invitationFlow,
} from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

type Node = Record<string, unknown>;
type TaskResponse = {
  task:
    | {
        type: 'continue';
        value: { title: string; width: string; height: string; card: { contentType: string; content: Node } };
      }
    | { type: 'message'; value: string };
};

let flow: Flow;
/** Every card the dialog and the list answered with, for the family-name check at the end. */
const seen: unknown[] = [];

/** Each invitee's report button data, from the invitation card the bot sent them. */
const buttons = new Map<TeamsUser, Node>();

beforeAll(async () => {
  flow = await invitationFlow();
  for (const who of [HEALTH_VISITOR, TEACHER]) buttons.set(who, reportButton(who));
}, 120_000);
afterAll(async () => {
  await flow?.close();
});

function nodes(card: unknown): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    out.push(n as Node);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return out;
}
const inputValue = (card: Node, id: string) => nodes(card).find((n) => n.id === id)?.value;
const texts = (card: Node) =>
  nodes(card)
    .filter((n) => n.type === 'TextBlock')
    .map((n) => String(n.text))
    .join('\n');
const buttonTitles = (card: Node) =>
  nodes(card)
    .filter((n) => String(n.type).startsWith('Action.'))
    .map((n) => String(n.title));

const openData = (who: TeamsUser): Node => buttons.get(who)!;

/** The "Write my report" / "Open my report" button's data on the person's latest invitation card. */
function reportButton(who: TeamsUser): Node {
  const card = flow.cardsFor(who).at(-1);
  const button = nodes(card).find((n) => n.type === 'Action.Submit' && /my report/.test(String(n.title)));
  if (!button) throw new Error('no report button on the invitation card');
  return button.data as Node;
}

async function invoke(activity: unknown): Promise<TaskResponse> {
  const res = await flow.post(activity);
  expect(res.status).toBe(200);
  const body = (await res.json()) as TaskResponse;
  seen.push(body);
  return body;
}

/** Opens the dialog; returns the card shown in it. */
async function open(who: TeamsUser, data: Node = openData(HEALTH_VISITOR)): Promise<Node> {
  const r = await invoke(taskFetch(flow.connector.serviceUrl, who, data));
  if (r.task.type !== 'continue') throw new Error(`expected a card, got ${JSON.stringify(r.task)}`);
  expect(r.task.value.width).toBe('large');
  expect(r.task.value.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(r.task.value.card.content)).toEqual([]);
  return r.task.value.card.content;
}

/** Presses a dialog button with these inputs typed. */
async function press(
  who: TeamsUser,
  action: string,
  inputs: Record<string, string>,
  ref = openData(HEALTH_VISITOR),
) {
  const { msteams: _ignored, ...rest } = ref;
  return invoke(taskSubmit(flow.connector.serviceUrl, who, { ...rest, action, ...inputs }));
}
const cardOf = (r: TaskResponse): Node => {
  if (r.task.type !== 'continue') throw new Error(`expected a card, got ${JSON.stringify(r.task)}`);
  expect(cardProblems(r.task.value.card.content)).toEqual([]);
  return r.task.value.card.content;
};

async function readingEntry(inviteeName: string) {
  const list = (await (await flow.api(`/api/conferences/${flow.conferenceId}/reports`)).json()) as {
    entries: { author: string; reportId: string | null; state: string; late: boolean; draftSaved: boolean }[];
  };
  return list.entries.find((e) => e.author.startsWith(inviteeName))!;
}

const HOSTILE = '<script>alert(1)</script> **x** [a](http://b) 😀 الطفل سعيد';

const COMPLETE: Record<string, string> = {
  'agency.name': 'Example Community Health',
  'agency.contactWithChild': 'Home visits every two weeks since June.',
  'workingWell.strengths': 'The baby is gaining weight.',
  'workingWell.protectiveFactors': 'A grandparent visits daily.',
  'worries.harm': 'Missed health appointments.',
  'worries.risks': 'Further missed checks.',
  'worries.complicatingFactors': 'The family moved twice this year.',
  'child.livedExperience': 'A day at home is calm in the morning and busy at night.',
  'child.views': 'Said nursery is fun.',
  'child.obtainedBy': 'spoke-with-child,mind-of-my-own',
  'recommendations.0.what': 'Weekly home visits',
  'recommendations.0.who': 'Health visitor',
  'recommendations.0.byWhen': 'Within 4 weeks',
  'recommendations.0.howWeWillKnow': 'Visits recorded in the health record',
  'safetyScale.score': '6',
  'safetyScale.reason': 'Care is good when support is in place.',
  'sharedWithFamily.sharedOn': '2026-11-23',
  'sharedWithFamily.how': 'in-person',
  'sharedWithFamily.familyResponse': 'Agreed with most of it.',
};

describe('the report dialog', () => {
  test('someone not invited, or another invitee, is refused with an error card and nothing is created', async () => {
    for (const who of [STRANGER, TEACHER]) {
      const card = await open(who);
      expect(texts(card)).toContain('This invitation is for someone else, so nothing was changed.');
      expect(nodes(card).some((n) => String(n.type).startsWith('Input.'))).toBe(false);
    }
    expect((await readingEntry(HEALTH_VISITOR.name)).reportId).toBeNull();
  });

  test('the invitee opens it from the invitation card: the form, and their report is created', async () => {
    const data = openData(HEALTH_VISITOR);
    expect(Object.keys(data).sort()).toEqual(['conferenceId', 'dialog', 'invitationId', 'msteams']);
    expect(data.msteams).toEqual({ type: 'task/fetch' });
    const r = await invoke(taskFetch(flow.connector.serviceUrl, HEALTH_VISITOR, data));
    expect(r.task.type).toBe('continue');
    if (r.task.type !== 'continue') return;
    expect(r.task.value.title).toMatch(/^My report: RT-\d{4}-\d+$/);
    const card = r.task.value.card.content;
    expect(texts(card)).toContain('Your report is due Tue 8 Dec 2026');
    expect(texts(card)).toContain('Not started');
    expect(buttonTitles(card)).toEqual(['Save draft', 'Check plain language', 'Submit']);
    expect((await readingEntry(HEALTH_VISITOR.name)).reportId).not.toBeNull();
  });

  test('save draft, then reopen: the text comes back exactly as typed', async () => {
    const card = cardOf(
      await press(HEALTH_VISITOR, 'save', {
        'agency.name': 'Example Community Health',
        'worries.harm': HOSTILE,
      }),
    );
    expect(texts(card)).toContain('Draft saved');
    const again = await open(HEALTH_VISITOR);
    expect(inputValue(again, 'worries.harm')).toBe(HOSTILE);
    expect(inputValue(again, 'agency.name')).toBe('Example Community Health');
    expect(texts(again)).toContain('Draft saved');
    expect((await readingEntry(HEALTH_VISITOR.name)).draftSaved).toBe(true);
  });

  test('too long: the field is named with why, the typed text stays in the box, the rest is saved', async () => {
    const long = 'A'.repeat(201);
    const card = cardOf(
      await press(HEALTH_VISITOR, 'save', { 'agency.name': long, 'worries.risks': 'Kept risk text' }),
    );
    expect(texts(card)).toContain('“Agency” can be at most 200 characters.');
    expect(inputValue(card, 'agency.name')).toBe(long);
    const again = await open(HEALTH_VISITOR);
    expect(inputValue(again, 'worries.risks')).toBe('Kept risk text');
    const submitted = cardOf(await press(HEALTH_VISITOR, 'submit', { ...COMPLETE, 'agency.name': long }));
    expect(texts(submitted)).toContain('Not submitted.');
    expect(texts(submitted)).toContain('“Agency” can be at most 200 characters.');
    expect((await readingEntry(HEALTH_VISITOR.name)).state).toBe('missing');
  });

  test('check plain language: each term with its plain words, long sentences, escaped, never blocking', async () => {
    const long = `${Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')}.`;
    const card = cardOf(
      await press(HEALTH_VISITOR, 'check', {
        ...COMPLETE,
        'worries.harm': `The CIN plan was not followed. ${long} ${HOSTILE}`,
      }),
    );
    const advice = texts(card);
    expect(advice).toContain('Plain language check');
    expect(advice).toContain('“CIN”');
    expect(advice).toMatch(/child in need/i);
    expect(advice).toMatch(/This sentence has \d+ words/);
    // The writer's Markdown and HTML are shown as characters, not rendered.
    expect(advice).not.toContain('**x**');
    expect(advice).not.toContain('[a](http://b)');
    expect(advice).not.toMatch(/(^|[^\\])<script>/);
    expect(buttonTitles(card)).toContain('Submit');
    // The input keeps the text exactly.
    expect(inputValue(card, 'worries.harm')).toContain(HOSTILE);
  });

  test('an incomplete submission names the fields and keeps the text as a draft', async () => {
    const card = cardOf(await press(HEALTH_VISITOR, 'submit', { 'worries.harm': 'Only this so far' }));
    expect(texts(card)).toContain('Not submitted');
    expect(texts(card)).toContain('Fill in “Agency”.');
    expect(texts(card)).toContain('Add at least one recommendation');
    expect(inputValue(await open(HEALTH_VISITOR), 'worries.harm')).toBe('Only this so far');
    expect((await readingEntry(HEALTH_VISITOR.name)).state).toBe('missing');
  });

  test('submit on time: a confirmation saying so, and the chair’s list shows it received', async () => {
    const r = await press(HEALTH_VISITOR, 'submit', COMPLETE);
    expect(r.task.type).toBe('message');
    expect(r.task.value).toMatch(/received on time \(due Tue 8 Dec 2026\)/);
    expect(r.task.value).toContain('You can amend it until Thu 10 Dec 2026, 10:00.');
    const entry = await readingEntry(HEALTH_VISITOR.name);
    expect(entry.state).toBe('received');
    expect(entry.late).toBe(false);
  });

  test('amend: the form says until when, and every version is kept', async () => {
    const card = await open(HEALTH_VISITOR);
    expect(buttonTitles(card)).toEqual(['Check plain language', 'Submit amendment']);
    expect(texts(card)).toContain('You can amend it until Thu 10 Dec 2026, 10:00');
    const r = await press(HEALTH_VISITOR, 'submit', { ...COMPLETE, 'worries.risks': 'Amended risk text' });
    expect(r.task.type).toBe('message');
    expect(r.task.value).toMatch(/amended report .* was received as version \d+; earlier versions are kept/);
    const { reportId } = await readingEntry(HEALTH_VISITOR.name);
    const report = (await (
      await flow.api(`/api/conferences/${flow.conferenceId}/reports/${reportId}`)
    ).json()) as {
      versions: { submitted: boolean; content: { worries?: { risks?: string } } }[];
    };
    const submitted = report.versions.filter((v) => v.submitted);
    expect(submitted).toHaveLength(2);
    expect(submitted[0]?.content.worries?.risks).toBe('Further missed checks.');
    expect(submitted[1]?.content.worries?.risks).toBe('Amended risk text');
    expect(inputValue(await open(HEALTH_VISITOR), 'worries.risks')).toBe('Amended risk text');
  });

  test('the invitation card now offers "Open my report"', async () => {
    const res = await flow.post(
      cardAction(flow.connector.serviceUrl, HEALTH_VISITOR, 'rsvp.refresh', {
        conferenceId: flow.conferenceId,
        invitationId: openData(HEALTH_VISITOR).invitationId,
        cardVersion: 0,
      }),
    );
    const card = ((await res.json()) as { value: Node }).value;
    expect(buttonTitles(card)).toContain('Open my report');
  });

  test('typing "my reports": each report with kind, date, due date, status and an Open button', async () => {
    flow.connector.requests.length = 0;
    await flow.post(message(flow.connector.serviceUrl, HEALTH_VISITOR, 'My reports'));
    const card = flow.cardsFor(HEALTH_VISITOR).at(-1)!;
    seen.push(card);
    expect(cardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('initial child protection conference');
    expect(json).toContain('Thursday 10 December 2026, 10:00');
    expect(json).toContain('Tue 8 Dec 2026');
    expect(json).toContain('Submitted');
    const open = nodes(card).find((n) => n.type === 'Action.Submit');
    expect(open?.title).toBe('Open my report');
    expect(open?.data).toEqual(openData(HEALTH_VISITOR));
  });

  test('the reports.mine button answers with the same list; someone who owes none is told so', async () => {
    const res = await flow.post(cardAction(flow.connector.serviceUrl, TEACHER, 'reports.mine', {}));
    const card = ((await res.json()) as { value: Node }).value;
    seen.push(card);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Not started');
    expect(buttonTitles(card)).toContain('Write my report');
    const none = await flow.post(cardAction(flow.connector.serviceUrl, SOCIAL_WORKER, 'reports.mine', {}));
    expect(JSON.stringify(await none.json())).toContain('You have no reports to write.');
  });

  test('a submission after the deadline is accepted and flagged late', async () => {
    flow.app.clock.set(new Date('2026-12-09T09:00:00Z'));
    const teacher = openData(TEACHER);
    await open(TEACHER, teacher);
    const r = await press(
      TEACHER,
      'submit',
      { ...COMPLETE, 'agency.name': 'Example Primary School' },
      teacher,
    );
    expect(r.task.type).toBe('message');
    expect(r.task.value).toContain('after the deadline (it was due Tue 8 Dec 2026), so it is marked late');
    expect((await readingEntry(TEACHER.name)).state).toBe('late');
    const res = await flow.post(cardAction(flow.connector.serviceUrl, TEACHER, 'reports.mine', {}));
    expect(JSON.stringify(await res.json())).toContain('Submitted late');
  });

  test('too large for a Teams window: a kind message instead of a form Teams would refuse', async () => {
    // Within every limit of the template, but about 130 kB as UTF-8 ("é" is two bytes).
    const huge = Object.fromEntries(
      [
        'workingWell.strengths',
        'workingWell.protectiveFactors',
        'worries.harm',
        'worries.risks',
        'worries.complicatingFactors',
        'child.livedExperience',
        'child.views',
        'sharedWithFamily.familyResponse',
      ].map((id) => [id, 'é'.repeat(8000)]),
    );
    const r = await press(HEALTH_VISITOR, 'check', { ...COMPLETE, ...huge });
    const card = cardOf(r);
    expect(texts(card)).toContain(
      'This report is too long to show in a Teams window. Everything you saved is kept.',
    );
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(80_000);
  });

  test('a review conference: the police officer writes the police report; other agencies owe none', async () => {
    const officer = user(5, 'Pat Police (fictional)');
    await flow.post(message(flow.connector.serviceUrl, officer, 'help'));
    const request = conferenceRequest();
    const created = (await (
      await flow.api('/api/conferences', {
        method: 'POST',
        body: JSON.stringify({
          ...request,
          kind: 'review',
          previousConferenceDate: '2026-09-10',
          invitees: request.invitees.map((i) =>
            i.agencyKind === 'police' ? { ...i, aadObjectId: officer.aadObjectId } : i,
          ),
        }),
      })
    ).json()) as { id: string };
    const scheduled = await flow.api(`/api/conferences/${created.id}/schedule`, {
      method: 'POST',
      body: JSON.stringify({ scheduledStart: '2026-12-09T14:00' }),
    });
    expect(scheduled.status).toBe(200);
    flow.connector.requests.length = 0;
    expect((await flow.api(`/api/conferences/${created.id}/invitations`, { method: 'POST' })).status).toBe(
      202,
    );
    await flow.app.services.outbox.idle();
    const officerCard = flow.cardsFor(officer).at(-1);
    const button = nodes(officerCard).find((n) => n.type === 'Action.Submit');
    expect(button?.title).toBe('Write my report');
    const card = await open(officer, button!.data as Node);
    expect(texts(card)).toContain('Your police report for');
    expect(nodes(card).some((n) => n.id === 'sharedWithFamily.how')).toBe(false);
    // The health visitor's review invitation has no report button: the core group report covers it.
    const hv = flow.cardsFor(HEALTH_VISITOR).at(-1);
    expect(nodes(hv).some((n) => n.type === 'Action.Submit')).toBe(false);
  });

  test('no family or child name reaches any dialog or list card', () => {
    const json = JSON.stringify(seen);
    for (const name of FAMILY_NAMES) expect(json).not.toContain(name);
  });

  test('a cancelled conference: a kind error, nothing changed', async () => {
    const cancel = await flow.api(`/api/conferences/${flow.conferenceId}/status`, {
      method: 'POST',
      body: JSON.stringify({ to: 'cancelled', reason: 'Concerns resolved before the conference' }),
    });
    expect(cancel.status).toBe(200);
    const card = cardOf(await press(HEALTH_VISITOR, 'submit', COMPLETE));
    expect(texts(card)).toContain('This conference has been cancelled, so no report is needed.');
  });
});
