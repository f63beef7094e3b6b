/**
 * Data minimisation end to end (DESIGN.md §3): a whole conference with fictional people, logged at
 * trace, must leave no family name, child name, address, family email or report text in the logs, in
 * any chat message or card the bot sent, or in any invoke response; and the logs hold no person's name
 * or email address at all (professionals' names may appear in cards: the chair needs them).
 */
import { cardAction } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';
import {
  CHAIR,
  HEALTH_VISITOR,
  SOCIAL_WORKER,
  TEACHER,
  conferenceRequest,
  invitationFlow,
} from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

const ADDRESS = '14 Fictional Row, Exampletown EX1 2AB';
const REPORT_TEXT = 'Marigold said she is frightened when the door is locked at night';
const DEPUTY = { name: 'Dana Deputy (fictional)', email: 'dana.deputy@example.org' };

/** A second family, entered with an address and needs, so the request holds every kind of case data. */
const SECOND_FAMILY = {
  children: [{ firstName: 'Marigold', lastName: 'Quillfeather', dateOfBirth: '2016-02-11' }],
  familyMembers: [
    {
      key: 'juniper',
      firstName: 'Juniper',
      lastName: 'Quillfeather',
      relationship: 'father',
      parentalResponsibility: true,
      email: 'juniper.q@example.org',
      communicationNeeds: { interpreterLanguage: 'Polish', other: `Post letters to ${ADDRESS}` },
    },
  ],
};

/** What must never leave the case record: family and child names, addresses, family email, report text. */
const CASE_DATA = [
  ...conferenceRequest().children.flatMap((c) => [c.firstName, c.lastName]),
  ...conferenceRequest().familyMembers.flatMap((f) => [f.firstName, f.lastName, f.email]),
  ...SECOND_FAMILY.children.flatMap((c) => [c.firstName, c.lastName]),
  ...SECOND_FAMILY.familyMembers.flatMap((f) => [f.firstName, f.lastName, f.email]),
  ADDRESS,
  '14 Fictional Row',
  'EX1 2AB',
  REPORT_TEXT,
  'frightened',
];

/** Everyone's names and addresses, for the logs: the professionals' too. */
const PEOPLE = [
  ...[CHAIR, SOCIAL_WORKER, HEALTH_VISITOR, TEACHER].map((u) => u.name),
  'PC Pat Police (fictional)',
  DEPUTY.name,
  DEPUTY.email,
  ...conferenceRequest().invitees.map((i) => i.email),
  conferenceRequest().chair.email,
];

/** Whole-word, case-insensitive matches of each string (JSON-escaped, as it would sit in a log line). */
function found(haystack: string, needles: string[]): string[] {
  return needles.filter((n) => {
    const escaped = JSON.stringify(n)
      .slice(1, -1)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(haystack);
  });
}

let flow: Flow;
const invokeAnswers: string[] = [];

async function press(who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<unknown> {
  const res = await flow.post(cardAction(flow.connector.serviceUrl, who, verb, data));
  const text = await res.text();
  invokeAnswers.push(text);
  expect(res.status).toBe(200);
  await flow.app.services.outbox.idle();
  return JSON.parse(text) as unknown;
}

async function api(path: string, method: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await flow.api(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = (await res.json()) as Record<string, unknown>;
  expect({ path, status: res.status, ok: res.ok }).toMatchObject({ ok: true });
  await flow.app.services.outbox.idle();
  return json;
}

beforeAll(async () => {
  flow = await invitationFlow({ env: { LOG_LEVEL: 'trace' } });
  const id = flow.conferenceId;
  const firstCard = (who: TeamsUser) => flow.cardsFor(who)[0]!;

  // Answers from cards, one of them sending a deputy.
  await press(
    HEALTH_VISITOR,
    'rsvp.attendVirtually',
    flow.buttonData(firstCard(HEALTH_VISITOR), 'rsvp.attendVirtually'),
  );
  await press(
    SOCIAL_WORKER,
    'rsvp.attendInPerson',
    flow.buttonData(firstCard(SOCIAL_WORKER), 'rsvp.attendInPerson'),
  );
  await press(TEACHER, 'rsvp.sendDeputy', {
    ...flow.buttonData(firstCard(TEACHER), 'rsvp.sendDeputy'),
    deputyName: DEPUTY.name,
    deputyEmail: DEPUTY.email,
  });
  // The chair looks at who is coming, and records the police officer's answer given by phone.
  await press(CHAIR, 'readiness.refresh', { conferenceId: id });
  const police = (await flow.readiness()).invitations.find((i) => i.name.startsWith('PC Pat'))!;
  await press(CHAIR, 'rsvp.recordFor', { conferenceId: id, invitationId: police.id, answer: 'report-only' });
  await press(HEALTH_VISITOR, 'conferences.mine', {});

  // A report with case detail in it, saved and submitted.
  const report = await api(`/api/conferences/${id}/reports`, 'POST', { kind: 'social-work' });
  await api(`/api/conferences/${id}/reports/${String(report.id)}/draft`, 'PUT', {
    content: { worries: { harm: `${REPORT_TEXT}.`, risks: `The family lives at ${ADDRESS}.` } },
    savedBy: SOCIAL_WORKER.name,
  });

  // The chase on the first reminder day (5 working days before Thu 10 Dec 2026).
  flow.app.clock.set(new Date('2026-12-03T08:00:00Z'));
  await flow.app.services.chase();
  await flow.app.services.outbox.idle();

  // A second conference with an address in the record, invited and then cancelled.
  const second = await api('/api/conferences', 'POST', { ...conferenceRequest(), ...SECOND_FAMILY });
  await api(`/api/conferences/${String(second.id)}/schedule`, 'POST', { scheduledStart: '2026-12-15T14:00' });
  await api(`/api/conferences/${String(second.id)}/invitations`, 'POST');
  await api(`/api/conferences/${String(second.id)}/status`, 'POST', {
    to: 'cancelled',
    reason: `Family moved away from ${ADDRESS}`,
  });
  // And a bad request that names the family, to see what an error path logs.
  await flow.api('/api/conferences', {
    method: 'POST',
    body: JSON.stringify({ ...conferenceRequest(), ...SECOND_FAMILY, strategyDiscussionDate: 'Juniper' }),
  });
  await flow.app.services.outbox.idle();
}, 120_000);

afterAll(() => flow.close());

describe('no case data leaves the record', () => {
  test('the flow ran end to end: cards, answers, the chase and the cancellation all happened', () => {
    expect(flow.connector.received.length).toBeGreaterThan(8);
    expect(invokeAnswers).toHaveLength(6);
    expect(flow.app.logs().length).toBeGreaterThan(0);
  });

  test('the search finds what it looks for (so a clean result means something)', () => {
    const record = JSON.stringify([conferenceRequest(), SECOND_FAMILY, REPORT_TEXT]);
    expect(found(record, CASE_DATA)).toEqual(CASE_DATA);
    expect(found(`{"msg":"Robin"}`, CASE_DATA)).toEqual(['Robin']);
    expect(found('Robinson', CASE_DATA)).toEqual([]);
    // The chair's readiness card names the professionals: cards may, logs may not.
    expect(found(invokeAnswers.join('\n'), [HEALTH_VISITOR.name])).toEqual([HEALTH_VISITOR.name]);
  });

  test('the logs hold no family or child name, address, family email or report text', () => {
    expect(found(flow.app.logs(), CASE_DATA)).toEqual([]);
  });

  test('the logs hold no professional’s name or email address either', () => {
    expect(found(flow.app.logs(), PEOPLE)).toEqual([]);
    expect(flow.app.logs()).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  test('no chat message or card sent through the Bot Connector carries case data', () => {
    const sent = flow.connector.received.map((r) => JSON.stringify(r.body));
    expect(sent.length).toBeGreaterThan(0);
    expect(found(sent.join('\n'), CASE_DATA)).toEqual([]);
  });

  test('no invoke response card carries case data', () => {
    expect(found(invokeAnswers.join('\n'), CASE_DATA)).toEqual([]);
  });
});
