/** A fictional conference taken as far as sent invitations, through the real HTTP API and bot endpoint. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp } from './app.js';
import type { TestApp } from './app.js';
import { startFakeConnector } from '../fakes/connector.js';
import type { FakeConnector } from '../fakes/connector.js';
import { message, user } from '../fakes/activities.js';
import type { TeamsUser } from '../fakes/activities.js';

export const CHAIR = user(1, 'Casey Chair (fictional)');
export const SOCIAL_WORKER = user(2, 'Sam Socialworker (fictional)');
export const HEALTH_VISITOR = user(3, 'Hana Healthvisitor (fictional)');
export const TEACHER = user(4, 'Theo Teacher (fictional)');
export const STRANGER = user(9, 'Nobody Invited (fictional)');

/** Family details that must never reach a chat card. */
export const FAMILY_NAMES = ['Pip', 'Wren', 'Sample', 'Robin', 'Kit'];

export function conferenceRequest() {
  return {
    kind: 'initial',
    strategyDiscussionDate: '2026-11-23',
    format: 'hybrid',
    chair: { name: CHAIR.name, email: 'casey.chair@example.org', aadObjectId: CHAIR.aadObjectId },
    leadSocialWorker: {
      name: SOCIAL_WORKER.name,
      email: 'sam.sw@example.org',
      aadObjectId: SOCIAL_WORKER.aadObjectId,
    },
    children: [
      { firstName: 'Pip', lastName: 'Sample', dateOfBirth: '2013-05-14' },
      { firstName: 'Wren', lastName: 'Sample', dateOfBirth: '2020-09-02' },
    ],
    familyMembers: [
      {
        key: 'robin',
        firstName: 'Robin',
        lastName: 'Sample',
        relationship: 'mother',
        parentalResponsibility: true,
        email: 'robin.sample@example.org',
      },
    ],
    invitees: [
      {
        name: SOCIAL_WORKER.name,
        email: 'sam.sw@example.org',
        role: 'Social worker',
        agency: 'Example Children’s Services',
        agencyKind: 'childrens-social-care',
        aadObjectId: SOCIAL_WORKER.aadObjectId,
      },
      {
        name: HEALTH_VISITOR.name,
        email: 'hana.hv@example.org',
        role: 'Health visitor',
        agency: 'Example Community Health',
        agencyKind: 'health',
        aadObjectId: HEALTH_VISITOR.aadObjectId,
      },
      {
        name: TEACHER.name,
        email: 'theo.teacher@example.org',
        role: 'Designated safeguarding lead',
        agency: 'Example Primary School',
        agencyKind: 'education',
        aadObjectId: TEACHER.aadObjectId,
      },
      {
        name: 'PC Pat Police (fictional)',
        email: 'pat.police@example.org',
        role: 'Police officer',
        agency: 'Example Police',
        agencyKind: 'police',
      },
    ],
  };
}

export interface Flow {
  app: TestApp;
  connector: FakeConnector;
  outboxDir: string;
  conferenceId: string;
  post(body: unknown): Promise<Response>;
  api(pathname: string, init?: RequestInit): Promise<Response>;
  /** Cards the bot sent to a person's chat, oldest first. */
  cardsFor(who: TeamsUser): Record<string, unknown>[];
  /** The data of the button with this verb on a card. */
  buttonData(card: Record<string, unknown>, verb: string): Record<string, unknown>;
  emails(): string[];
  /** The .ics files written to the local outbox, oldest first. */
  calendarFiles(): string[];
  readiness(): Promise<{
    quorum: { state: string };
    invitations: {
      id: string;
      name: string;
      answer: string | null;
      history: unknown[];
      withdrawn: boolean;
    }[];
  }>;
  close(): Promise<void>;
}

/** Starts the app, has every Teams user open their chat with the bot, creates, schedules and invites. */
export async function invitationFlow(
  opts: {
    now?: Date;
    scheduledStart?: string;
    /** Extra settings for the app, e.g. LOG_LEVEL=trace to see everything it would log. */
    env?: Record<string, string>;
    /** False stops at a scheduled conference, for tests that send the invitations themselves. */
    send?: boolean;
    /** Changes the conference request before it is made, e.g. to add a manager contact. */
    request?: (r: ReturnType<typeof conferenceRequest>) => unknown;
  } = {},
): Promise<Flow> {
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'roundtable-outbox-'));
  const [app, connector] = await Promise.all([
    startTestApp(
      { ...opts.env, OUTBOX_DIR: outboxDir },
      { now: opts.now ?? new Date('2026-11-24T09:00:00Z') },
    ),
    startFakeConnector(),
  ]);
  const post = (body: unknown) =>
    fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const api = (pathname: string, init: RequestInit = {}) =>
    fetch(`${app.url}${pathname}`, { ...init, headers: { 'content-type': 'application/json' } });
  for (const u of [CHAIR, SOCIAL_WORKER, HEALTH_VISITOR, TEACHER, STRANGER])
    await post(message(connector.serviceUrl, u, 'help'));
  const created = (await (
    await api('/api/conferences', {
      method: 'POST',
      body: JSON.stringify(opts.request ? opts.request(conferenceRequest()) : conferenceRequest()),
    })
  ).json()) as { id: string };
  const conferenceId = created.id;
  await api(`/api/conferences/${conferenceId}/schedule`, {
    method: 'POST',
    body: JSON.stringify({
      scheduledStart: opts.scheduledStart ?? '2026-12-10T10:00',
      joinUrl: 'https://teams.example.org/l/meetup-join/fictional',
    }),
  });
  connector.requests.length = 0;
  if (opts.send !== false) {
    const sent = await api(`/api/conferences/${conferenceId}/invitations`, { method: 'POST' });
    if (sent.status !== 202)
      throw new Error(`sending invitations answered ${sent.status}: ${await sent.text()}`);
  }
  await app.services.outbox.idle();

  const conversationOf = (who: TeamsUser) => encodeURIComponent(`a:personal-${who.id}`);
  return {
    app,
    connector,
    outboxDir,
    conferenceId,
    post,
    api,
    cardsFor: (who) =>
      connector.requests
        .filter((r) => r.path.startsWith(`/v3/conversations/${conversationOf(who)}/activities`))
        .flatMap((r) =>
          ((r.body.attachments ?? []) as { content: Record<string, unknown> }[]).map((a) => a.content),
        ),
    buttonData: (card, verb) => {
      const found: Record<string, unknown>[] = [];
      JSON.stringify(card, (_k, v: unknown) => {
        if (v && typeof v === 'object' && (v as { verb?: string }).verb === verb)
          found.push((v as { data: Record<string, unknown> }).data);
        return v;
      });
      if (!found[0]) throw new Error(`no ${verb} button on the card`);
      return found[0];
    },
    emails: () =>
      readdirSync(outboxDir)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => readFileSync(path.join(outboxDir, f), 'utf8')),
    calendarFiles: () =>
      readdirSync(outboxDir)
        .filter((f) => f.endsWith('.ics'))
        .sort()
        .map((f) => readFileSync(path.join(outboxDir, f), 'utf8')),
    readiness: async () => (await (await api(`/api/conferences/${conferenceId}/readiness`)).json()) as never,
    close: async () => {
      await Promise.all([app.close(), connector.close()]);
    },
  };
}
