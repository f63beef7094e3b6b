import { cardProblems } from '../helpers/contracts.js';
import { cardAction } from '../fakes/activities.js';
import {
  CHAIR,
  FAMILY_NAMES,
  HEALTH_VISITOR,
  SOCIAL_WORKER,
  STRANGER,
  TEACHER,
  invitationFlow,
} from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

type InvokeBody = { statusCode: number; type: string; value: Record<string, unknown> };
const text = (card: unknown) => JSON.stringify(card);

describe('sending invitations', () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await invitationFlow();
  }, 90_000);
  afterAll(() => flow.close());

  test('each invitee in the tenant gets one invitation card in their chat with the bot', () => {
    for (const who of [SOCIAL_WORKER, HEALTH_VISITOR, TEACHER]) {
      const cards = flow.cardsFor(who);
      expect(cards).toHaveLength(1);
      expect(text(cards[0])).toContain('You are invited to an initial child protection conference');
      expect(text(cards[0])).toContain('Thursday 10 December 2026, 10:00 to 12:00');
      // Reports to the service: 2 working days before Thu 10 Dec is Tue 8 Dec.
      expect(text(cards[0])).toContain(
        'Your report is due Tue 8 Dec 2026 (2 working days before the conference)',
      );
      expect(text(cards[0])).toContain('Initials PS, WS');
    }
    expect(text(flow.cardsFor(HEALTH_VISITOR)[0])).toContain('Health visitor');
  });

  test('every card sent validates against Adaptive Card 1.5 and carries no family name', () => {
    const all = [CHAIR, SOCIAL_WORKER, HEALTH_VISITOR, TEACHER].flatMap((w) => flow.cardsFor(w));
    expect(all.length).toBe(4);
    for (const card of all) {
      expect(cardProblems(card)).toEqual([]);
      for (const name of FAMILY_NAMES) expect(text(card)).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  test('the chair gets the readiness card; the police officer, without Teams, gets an email', async () => {
    expect(text(flow.cardsFor(CHAIR)[0])).toMatch(/Not answered/);
    const emails = flow.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatch(/^To: .*pat\.police@example\.org/m);
    expect(emails[0]).toMatch(/Subject: RT-2026-\d{4}: initial child protection conference/);
    for (const name of FAMILY_NAMES) expect(emails[0]).not.toMatch(new RegExp(`\\b${name}\\b`));
  });

  test('"my conferences" shows each person their own conferences and what they can do', async () => {
    const { message } = await import('../fakes/activities.js');
    const ask = async (who: typeof CHAIR) => {
      const mark = flow.connector.requests.length;
      await flow.post(message(flow.connector.serviceUrl, who, 'my conferences'));
      const r = flow.connector.requests.slice(mark).find((q) => q.body.attachments);
      return (r?.body.attachments as { content: Record<string, unknown> }[])[0]!.content;
    };
    const chair = await ask(CHAIR);
    expect(cardProblems(chair)).toEqual([]);
    expect(text(chair)).toMatch(/RT-2026-\d{4}: initial child protection conference/);
    expect(text(chair)).toContain('"value":"Chair"');
    expect(text(chair)).toContain('Who is coming');
    expect(text(chair)).not.toContain('Send invitations'); // already sent
    const hv = await ask(HEALTH_VISITOR);
    expect(text(hv)).toContain('"value":"Health visitor"');
    expect(text(hv)).toContain('My invitation');
    expect(text(hv)).not.toContain('Who is coming');
    const stranger = await ask(STRANGER);
    expect(text(stranger)).toContain('You have no conferences coming up');
    for (const name of FAMILY_NAMES) expect(text(chair) + text(hv)).not.toMatch(new RegExp(`\\b${name}\\b`));
  });

  test('the conference is in the calendars of the professionals and the parent, without family names', async () => {
    const ical = (await import('node-ical')).default;
    const files = flow.calendarFiles();
    expect(files).toHaveLength(1);
    const event = Object.values(ical.sync.parseICS(files[0]!)).find(
      (c) => c?.type === 'VEVENT',
    ) as unknown as {
      summary: string;
      start: Date;
      organizer: { val: string };
      attendee: { val: string }[];
    };
    // 10:00 on Thu 10 Dec 2026 in London is 10:00 UTC (GMT in winter).
    expect(event.start.toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(event.organizer.val).toMatch(/conference-service@example\.org/);
    const attendees = event.attendee.map((a) => a.val.toLowerCase());
    for (const email of ['hana.hv@example.org', 'pat.police@example.org', 'robin.sample@example.org'])
      expect(attendees).toContain(`mailto:${email}`);
    expect(event.summary).toMatch(/^RT-2026-\d{4}/);
    for (const name of FAMILY_NAMES) expect(event.summary).not.toMatch(new RegExp(`\\b${name}\\b`));
  });

  test('sending again sends nothing twice', async () => {
    const before = flow.connector.requests.length;
    const res = await flow.api(`/api/conferences/${flow.conferenceId}/invitations`, { method: 'POST' });
    expect(await res.json()).toEqual({ sent: 0 });
    await flow.app.services.outbox.idle();
    expect(flow.connector.requests.length).toBe(before);
    expect(flow.emails()).toHaveLength(1);
  });
});

describe('answering from the invitation card', () => {
  let flow: Flow;
  const invoke = async (
    who: typeof HEALTH_VISITOR,
    verb: string,
    data: unknown,
    id?: string,
    timestamp?: string,
  ) => {
    const activity = {
      ...cardAction(flow.connector.serviceUrl, who, verb, data, id),
      ...(timestamp ? { timestamp } : {}),
    };
    const res = await flow.post(activity);
    expect(res.status).toBe(200);
    return (await res.json()) as InvokeBody;
  };
  const answerOf = async (name: string) => (await flow.readiness()).invitations.find((i) => i.name === name);

  beforeAll(async () => {
    flow = await invitationFlow();
  }, 90_000);
  afterAll(() => flow.close());

  test.each([
    ['rsvp.attendInPerson', 'attending-in-person', 'Attending in person', 'We look forward to seeing you'],
    [
      'rsvp.reportOnly',
      'report-only',
      'Cannot attend: sending my report',
      'the conference cannot wait for reports on the day',
    ],
    ['rsvp.attendVirtually', 'attending-virtually', 'Attending online (Teams)', 'Join with the Teams link'],
  ])(
    '%s records %s and the card shows the answer and what happens next',
    async (verb, stored, label, next) => {
      const data = flow.buttonData(flow.cardsFor(HEALTH_VISITOR)[0]!, verb);
      const body = await invoke(HEALTH_VISITOR, verb, data);
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardProblems(body.value)).toEqual([]);
      expect(text(body.value)).toContain(label);
      expect(text(body.value)).toContain(next);
      expect(text(body.value)).toContain('Change my answer');
      expect((await answerOf(HEALTH_VISITOR.name))?.answer).toBe(stored);
    },
  );

  test('the same invoke delivered twice (a Teams retry) changes nothing the second time', async () => {
    const data = flow.buttonData(flow.cardsFor(SOCIAL_WORKER)[0]!, 'rsvp.attendInPerson');
    await invoke(SOCIAL_WORKER, 'rsvp.attendInPerson', data, 'retried-activity-1');
    const again = await invoke(SOCIAL_WORKER, 'rsvp.attendInPerson', data, 'retried-activity-1');
    expect(text(again.value)).toContain('Attending in person');
    expect((await answerOf(SOCIAL_WORKER.name))?.history).toHaveLength(1);
  });

  test('two answers racing from one person end with the later one, and the history keeps both', async () => {
    const card = flow.cardsFor(SOCIAL_WORKER)[0]!;
    const before = (await answerOf(SOCIAL_WORKER.name))?.history.length ?? 0;
    await Promise.all([
      invoke(
        SOCIAL_WORKER,
        'rsvp.attendVirtually',
        flow.buttonData(card, 'rsvp.attendVirtually'),
        'race-later',
        '2026-11-24T09:00:02.000Z',
      ),
      invoke(
        SOCIAL_WORKER,
        'rsvp.reportOnly',
        flow.buttonData(card, 'rsvp.reportOnly'),
        'race-earlier',
        '2026-11-24T09:00:01.000Z',
      ),
    ]);
    const sw = await answerOf(SOCIAL_WORKER.name);
    expect(sw?.answer).toBe('attending-virtually');
    expect(sw?.history).toHaveLength(before + 2);
  });

  test('sending a colleague invites them in turn and keeps the agency represented', async () => {
    const data = {
      ...flow.buttonData(flow.cardsFor(TEACHER)[0]!, 'rsvp.sendDeputy'),
      deputyName: 'Dee Deputy (fictional)',
      deputyEmail: 'dee.deputy@example.org',
    };
    const body = await invoke(TEACHER, 'rsvp.sendDeputy', data);
    expect(text(body.value)).toContain(
      'Dee Deputy (fictional) has been invited in your place; your agency stays represented',
    );
    await flow.app.services.outbox.idle();
    const r = await flow.readiness();
    expect(r.invitations.map((i) => i.name)).toContain('Dee Deputy (fictional)');
    expect(flow.emails().some((e) => /^To: .*dee\.deputy@example\.org/m.test(e))).toBe(true);
    // Social care, health and education are represented: quorate.
    expect(r.quorum.state).toBe('quorate');
  });

  describe('what cannot be done gets a clear error card and changes nothing', () => {
    const unchanged = async (fn: () => Promise<InvokeBody>, message: RegExp) => {
      const before = await flow.readiness();
      const body = await fn();
      expect(body.statusCode).toBe(200);
      expect(cardProblems(body.value)).toEqual([]);
      expect(text(body.value)).toMatch(message);
      expect(await flow.readiness()).toEqual(before);
    };

    test('someone who is not the invitee presses the button', () =>
      unchanged(
        () =>
          invoke(
            STRANGER,
            'rsvp.attendInPerson',
            flow.buttonData(flow.cardsFor(HEALTH_VISITOR)[0]!, 'rsvp.attendInPerson'),
          ),
        /for someone else/,
      ));
    test('a payload without the invitation', () =>
      unchanged(
        () =>
          invoke(HEALTH_VISITOR, 'rsvp.attendInPerson', { conferenceId: flow.conferenceId, cardVersion: 1 }),
        /missing its invitation reference/,
      ));
    test('a payload that is not an object', () =>
      unchanged(() => invoke(HEALTH_VISITOR, 'rsvp.attendInPerson', 'yes please'), /sent no details/));
    test('an unknown verb', () =>
      unchanged(() => invoke(HEALTH_VISITOR, 'rsvp.maybe', {}), /not recognised/));
    test('a colleague without an email address', () =>
      unchanged(
        () =>
          invoke(HEALTH_VISITOR, 'rsvp.sendDeputy', {
            ...flow.buttonData(flow.cardsFor(HEALTH_VISITOR)[0]!, 'rsvp.sendDeputy'),
            deputyName: 'Someone',
          }),
        /Enter your colleague’s email address/,
      ));
    test('the readiness card is for organisers only', () =>
      unchanged(
        () => invoke(HEALTH_VISITOR, 'readiness.refresh', { conferenceId: flow.conferenceId }),
        /Only the chair/,
      ));
  });

  test('the chair refreshes the readiness card and sees the tally and quorum', async () => {
    const body = await invoke(CHAIR, 'readiness.refresh', { conferenceId: flow.conferenceId });
    expect(cardProblems(body.value)).toEqual([]);
    expect(text(body.value)).toContain('Quorate');
    expect(text(body.value)).toMatch(/Online: \*\*\d\*\*/);
  });

  test('the chair records, from the readiness card, an answer given by phone; nobody else can', async () => {
    const card = (await invoke(CHAIR, 'readiness.refresh', { conferenceId: flow.conferenceId })).value;
    expect(text(card)).toContain('Record an answer');
    expect(text(card)).toContain('PC Pat Police (fictional), Police officer, Example Police');
    const police = (await flow.readiness()).invitations.find((i) => i.name.startsWith('PC Pat'))!;
    const form = { conferenceId: flow.conferenceId, invitationId: police.id, answer: 'attending-in-person' };
    const refused = await invoke(HEALTH_VISITOR, 'rsvp.recordFor', form);
    expect(text(refused.value)).toMatch(/Only the chair/);
    expect((await answerOf('PC Pat Police (fictional)'))?.answer).toBeNull();
    const body = await invoke(CHAIR, 'rsvp.recordFor', form);
    expect(cardProblems(body.value)).toEqual([]);
    expect(text(body.value)).toMatch(/In person: \*\*\d\*\*/);
    const stored = (await flow.readiness()).invitations.find((i) => i.id === police.id) as {
      answer: string;
      history: { via: string; actor: { kind: string } }[];
    };
    expect(stored.answer).toBe('attending-in-person');
    expect(stored.history[0]).toMatchObject({ via: 'chair', actor: { kind: 'chair' } });
  });

  test('business support records an answer given by phone for the invitee without Teams', async () => {
    const police = (await flow.readiness()).invitations.find((i) => i.name.startsWith('PC Pat'))!;
    const res = await flow.api(`/api/conferences/${flow.conferenceId}/invitations/${police.id}/answers`, {
      method: 'POST',
      body: JSON.stringify({
        answer: 'report-only',
        recordedBy: { kind: 'business-support', name: 'Bea Support (fictional)' },
      }),
    });
    expect(res.status).toBe(200);
    expect((await answerOf('PC Pat Police (fictional)'))?.answer).toBe('report-only');
  });

  test('after the conference is cancelled, an old card gets an error card and nothing changes', async () => {
    const data = flow.buttonData(flow.cardsFor(HEALTH_VISITOR)[0]!, 'rsvp.attendInPerson');
    const res = await flow.api(`/api/conferences/${flow.conferenceId}/status`, {
      method: 'POST',
      body: JSON.stringify({ to: 'cancelled', reason: 'The family moved to another authority' }),
    });
    expect(res.status).toBe(200);
    const before = await answerOf(HEALTH_VISITOR.name);
    const body = await invoke(HEALTH_VISITOR, 'rsvp.attendInPerson', data);
    expect(text(body.value)).toContain('This conference has been cancelled');
    expect(await answerOf(HEALTH_VISITOR.name)).toEqual(before);
    // Everyone's calendar gets the cancellation, with the reason.
    await flow.app.services.outbox.idle();
    const cancel = flow.calendarFiles().at(-1)!;
    expect(cancel).toMatch(/^METHOD:CANCEL/m);
    expect(cancel).toMatch(/^STATUS:CANCELLED/m);
    expect(cancel.replace(/\r?\n[ \t]/g, '')).toContain('The family moved to another authority');
  });
});
