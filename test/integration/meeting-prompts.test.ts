/**
 * In-meeting prompts through Teams: the chair links the conference to its meeting over the record API,
 * and prompts go out as targeted meeting notifications to a fake Bot Connector over real HTTP.
 */
import { demoRequest } from '../../bot/demo-data.js';
import { ConferenceRequestInput } from '../../bot/domain/conference.js';
import { conversationRepository } from '../../bot/store/conversation-repository.js';
import { requestConference } from '../../bot/use-cases/conferences.js';
import { scheduleConference } from '../../bot/use-cases/invitations.js';
import { BOT, TENANT_ID } from '../fakes/activities.js';
import { startFakeConnector } from '../fakes/connector.js';
import type { FakeConnector } from '../fakes/connector.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { DEMO, devSignIn } from '../helpers/tab-api.js';
import type { TabCaller } from '../helpers/tab-api.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MEETING_ID = 'MCMxOTptZWV0aW5nX0ZpY3Rpb25hbEB0aHJlYWQudjIjMA==';
const CHAT_ID = '19:meeting_FictionalMeetingChat@thread.v2';
/** Nine more fictional professionals, so twelve people with Entra ids can be chosen. */
const extra = Array.from({ length: 9 }, (_, i) => ({
  name: `Extra Professional ${i + 1} (fictional)`,
  email: `extra.${i + 1}@example.org`,
  role: 'Family support worker',
  agency: 'Example Family Support',
  agencyKind: 'other' as const,
  aadObjectId: `00000000-0000-4000-8000-0000000031${String(i).padStart(2, '0')}`,
}));

let app: TestApp;
let connector: FakeConnector;
let conferenceId: string;
let chair: TabCaller;
let teacher: TabCaller;
let people: Json[];

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({}, { now: new Date('2026-11-23T09:30:00Z') });
  const request = demoRequest('2026-11-23');
  const created = await requestConference(
    app.services.conferences,
    ConferenceRequestInput.parse({ ...request, invitees: [...(request.invitees ?? []), ...extra] }),
  );
  conferenceId = created.id;
  await scheduleConference(
    app.services.invitations,
    conferenceId,
    '2026-12-07T10:00',
    'https://teams.example.org/l/x',
  );
  chair = await devSignIn(app.url, DEMO.chair);
  teacher = await devSignIn(app.url, DEMO.teacher);
  people = ((await (await chair.get(`/api/conferences/${conferenceId}/record?view=chair`)).json()) as Json)
    .people;
}, 90_000);
afterAll(async () => {
  await app.close();
  await connector.close();
});

const command = async (who: TabCaller, cmd: object) => {
  const res = await who.command(conferenceId, cmd);
  return { status: res.status, body: (await res.json()) as Json };
};
const idsOf = (pred: (p: Json) => boolean) => people.filter(pred).map((p) => p.id as string);
const notifications = () => connector.requests.filter((r) => r.path.startsWith('/v1/meetings/'));

describe('without a linked meeting', () => {
  test('a prompt is recorded as not sent, and nobody counts as reached', async () => {
    const before = notifications().length;
    const { status, body } = await command(chair, {
      type: 'prompt.send',
      kind: 'camera',
      personIds: idsOf((p) => p.role === 'professional').slice(0, 2),
    });
    expect(status).toBe(200);
    expect(body.view.prompts.at(-1)).toMatchObject({ delivered: [], notSent: 'no-meeting' });
    expect(notifications().length).toBe(before);
  });
});

describe('linking the meeting', () => {
  test('a professional may not link the meeting', async () => {
    const { status, body } = await command(teacher, {
      type: 'meeting.link',
      meetingId: MEETING_ID,
      chatId: CHAT_ID,
    });
    expect(status).toBe(403);
    expect(body.error.code).toBe('NOT_ALLOWED_FOR_ROLE');
  });

  test('ids with markup or beyond the length limit are refused with the field named', async () => {
    for (const bad of [
      { meetingId: '<script>x</script>', chatId: CHAT_ID },
      { meetingId: MEETING_ID, chatId: `19:${'a'.repeat(600)}` },
    ]) {
      const { status, body } = await command(chair, { type: 'meeting.link', ...bad });
      expect(status).toBe(400);
      expect(body.error.details[0].path).toMatch(/^command\.(meetingId|chatId)$/);
    }
  });

  test('with a linked meeting but no conversation with the bot, the prompt says it was not sent', async () => {
    const linked = await command(chair, { type: 'meeting.link', meetingId: MEETING_ID, chatId: CHAT_ID });
    expect(linked.status).toBe(200);
    expect(linked.body.view.meeting).toMatchObject({ meetingId: MEETING_ID, chatId: CHAT_ID });
    const { body } = await command(chair, {
      type: 'prompt.send',
      kind: 'next-item',
      personIds: idsOf((p) => p.role === 'professional').slice(0, 1),
    });
    expect(body.view.prompts.at(-1)).toMatchObject({ delivered: [], notSent: 'no-conversation' });
  });
});

describe('through Teams', () => {
  beforeAll(async () => {
    // As the bot stores it when it is added to the meeting chat.
    await conversationRepository(app.store.db).remember(
      CHAT_ID,
      {
        bot: BOT,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        conversation: { id: CHAT_ID, conversationType: 'groupChat', tenantId: TENANT_ID },
      },
      app.clock.now(),
    );
  });

  const withEntraId = () => people.filter((p) => p.role !== 'chair' && aadOf(p.id));
  /** The demo's people by record id → Entra id, from the conference as requested. */
  const aadOf = (personId: string): string | undefined => {
    const p = people.find((x) => x.id === personId);
    const all = [...(demoRequest('2026-11-23').invitees ?? []), ...extra] as {
      name: string;
      aadObjectId?: string;
    }[];
    const fromRequest = all.find((i) => i.name === p?.name)?.aadObjectId;
    return fromRequest ?? (p?.role === 'minute-taker' ? DEMO.minuteTaker : undefined);
  };

  test('twelve chosen people get two notifications (10 + 2) of the documented shape', async () => {
    const chosen = withEntraId()
      .slice(0, 12)
      .map((p) => p.id as string);
    expect(chosen).toHaveLength(12);
    const before = notifications().length;
    const { status, body } = await command(chair, { type: 'prompt.send', kind: 'camera', personIds: chosen });
    expect(status).toBe(200);
    const sent = notifications().slice(before);
    expect(sent.map((r) => [r.method, r.path])).toEqual([
      ['POST', `/v1/meetings/${encodeURIComponent(MEETING_ID)}/notification`],
      ['POST', `/v1/meetings/${encodeURIComponent(MEETING_ID)}/notification`],
    ]);
    const url = `${app.config.publicUrl}/tab/prompt?kind=camera&conferenceId=${conferenceId}`;
    for (const [i, r] of sent.entries()) {
      expect(r.body).toEqual({
        type: 'targetedMeetingNotification',
        value: {
          recipients: chosen.slice(i * 10, i * 10 + 10).map(aadOf),
          surfaces: [
            {
              surface: 'meetingStage',
              contentType: 'task',
              content: { value: { height: 240, width: 400, title: 'Roundtable', url } },
            },
          ],
        },
      });
    }
    expect(sent.map((r) => (r.body.value as Json).recipients.length)).toEqual([10, 2]);
    // No names or case data travel to Teams beyond the Entra ids.
    expect(JSON.stringify(sent)).not.toMatch(/fictional|Pip|Sample/);
    const prompt = body.view.prompts.at(-1);
    expect(prompt.notSent).toBeUndefined();
    expect([...prompt.delivered].sort()).toEqual([...chosen].sort());
  });

  test('people Teams names in recipientsFailureInfo (a 207) are not counted as reached', async () => {
    const chosen = withEntraId()
      .slice(0, 3)
      .map((p) => p.id as string);
    const failed = aadOf(chosen[1]!)!;
    connector.meetingAnswers.push({
      status: 207,
      body: {
        recipientsFailureInfo: [
          {
            recipientMri: `8:orgid:${failed}`,
            errorCode: 'MemberNotInMeeting',
            failureReason: 'not in meeting',
          },
        ],
      },
    });
    const { body } = await command(chair, { type: 'prompt.send', kind: 'next-item', personIds: chosen });
    const prompt = body.view.prompts.at(-1);
    expect(prompt.delivered).toEqual([chosen[0], chosen[2]]);
    expect(prompt.notSent).toBeUndefined();
  });

  test('a person without an Entra id is not reached and no call names them', async () => {
    const gp = people.find((p) => p.name === 'Dr Gale GP (fictional)')!.id as string;
    const before = notifications().length;
    const { body } = await command(chair, { type: 'prompt.send', kind: 'camera', personIds: [gp] });
    expect(body.view.prompts.at(-1)).toMatchObject({ personIds: [gp], delivered: [] });
    expect(notifications().length).toBe(before);
  });

  test('when Teams refuses (the app is not in the meeting) the prompt is recorded as not sent', async () => {
    connector.failNext(1, 403);
    const chosen = withEntraId()
      .slice(0, 1)
      .map((p) => p.id as string);
    const { status, body } = await command(chair, { type: 'prompt.send', kind: 'camera', personIds: chosen });
    expect(status).toBe(200);
    expect(body.view.prompts.at(-1)).toMatchObject({ delivered: [], notSent: 'teams-refused' });
  });

  test('a throttled notification (429) is retried after Retry-After, once per answer', async () => {
    connector.failNext(1, 429, { 'retry-after': '0' });
    const chosen = withEntraId()
      .slice(0, 2)
      .map((p) => p.id as string);
    const before = connector.received.length;
    const { body } = await command(chair, { type: 'prompt.send', kind: 'camera', personIds: chosen });
    expect(connector.received.slice(before).map((r) => r.status)).toEqual([429, 202]);
    expect(body.view.prompts.at(-1).delivered).toEqual(chosen);
  });

  test('the stage view never shows the meeting link or prompts', async () => {
    const stage = (await (
      await teacher.get(`/api/conferences/${conferenceId}/record?view=stage`)
    ).json()) as Json;
    expect(stage.meeting).toBeUndefined();
    expect(stage.prompts).toBeUndefined();
  });
});
