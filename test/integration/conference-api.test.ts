import { demoRequest } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  // Monday 23 November 2026, 09:00 in London.
  app = await startTestApp({}, { now: new Date('2026-11-23T09:00:00Z') });
});
afterAll(() => app.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
const create = (body: unknown) => api('/api/conferences', { method: 'POST', body: JSON.stringify(body) });
const count = async () =>
  Number(
    (
      await app.store.db
        .selectFrom('conferences')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

type Deadline = { key: string; sentence: string; status: string; due: string };
type View = {
  id: string;
  reference: string;
  status: string;
  deadlines: Deadline[];
  children: { initials: string; participation: string }[];
  twoPart: boolean;
};

describe('requesting a conference', () => {
  test('answers 201 with the conference, its reference and every deadline with its rule', async () => {
    // Strategy discussion Mon 23 Nov 2026; conference Thu 10 Dec 2026 at 10:00.
    const res = await create(demoRequest('2026-11-23', '2026-12-10T10:00'));
    expect(res.status).toBe(201);
    const view = (await res.json()) as View;
    expect(res.headers.get('location')).toBe(`/api/conferences/${view.id}`);
    expect(view.reference).toMatch(/^RT-2026-\d{4}$/);
    expect(view.status).toBe('requested');
    const sentence = (key: string) => view.deadlines.find((d) => d.key === key)?.sentence;
    // 15 working days after Mon 23 Nov 2026: Mon 14 Dec 2026.
    expect(sentence('initial-conference')).toBe(
      'Initial conference due Mon 14 Dec 2026 (within 15 working days of the strategy discussion)',
    );
    // 2 working days before Thu 10 Dec: Tue 8 Dec.
    expect(sentence('reports-to-service')).toBe(
      'Reports to the conference service due Tue 8 Dec 2026 (2 working days before the conference)',
    );
    // 3 working days before Thu 10 Dec: Mon 7 Dec.
    expect(sentence('reports-with-family')).toMatch(
      /^Reports shared with the family due Mon 7 Dec 2026 \(at least 3 working days before an initial conference\)$/,
    );
    expect(sentence('chair-reads-reports')).toMatch(
      /^Chair’s reading of all reports due Wed 9 Dec 2026, 10:00/,
    );
    expect(view.deadlines.every((d) => d.status === 'upcoming')).toBe(true);
  });

  test('works out how each child takes part and whether the conference has two parts', async () => {
    const view = (await (await create(demoRequest('2026-11-23', '2026-12-10T10:00'))).json()) as View;
    // Pip (born 2013) is 13 on the day; Wren (born 2020) is 6.
    expect(view.children.map((c) => [c.initials, c.participation])).toEqual([
      ['PS', 'may-attend'],
      ['WS', 'views-sought'],
    ]);
    expect(view.twoPart).toBe(true);
  });

  test('references are unique and follow each other', async () => {
    const a = (await (await create(demoRequest('2026-11-23'))).json()) as View;
    const b = (await (await create(demoRequest('2026-11-23'))).json()) as View;
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
  });

  test('can be read back by id with the same deadlines, and listed newest first', async () => {
    const created = (await (await create(demoRequest('2026-11-20', '2026-12-09T14:30'))).json()) as View;
    const read = (await (await api(`/api/conferences/${created.id}`)).json()) as View;
    expect(read.deadlines).toEqual(created.deadlines);
    const list = (await (await api('/api/conferences?limit=1')).json()) as {
      items: { id: string; childInitials: string[]; nextDeadline?: string }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([created.id]);
    expect(list.items[0]?.childInitials).toEqual(['PS', 'WS']);
    expect(list.items[0]?.nextDeadline).toMatch(/due/);
  });
});

describe('bad requests get a 4xx naming each problem, and nothing is saved', () => {
  test.each([
    [
      'a date that does not exist',
      { ...demoRequest('2026-02-30') },
      'strategyDiscussionDate',
      /does not exist/,
    ],
    ['no children', { ...demoRequest('2026-11-23'), children: [] }, 'children', /at least one child/],
    [
      'a bad email',
      {
        ...demoRequest('2026-11-23'),
        invitees: [{ ...demoRequest('2026-11-23').invitees![0]!, email: 'not-an-email' }],
      },
      'invitees.0.email',
      /email address/,
    ],
    [
      'an unknown field',
      { ...demoRequest('2026-11-23'), surname: 'x' },
      '(body)',
      /Remove the unexpected field/,
    ],
    [
      'a review without the previous conference',
      { ...demoRequest('2026-11-23'), kind: 'review' },
      'previousConferenceDate',
      /previous conference/,
    ],
    [
      '"may not attend with" naming nobody',
      {
        ...demoRequest('2026-11-23'),
        familyMembers: [{ ...demoRequest('2026-11-23').familyMembers![0]!, mayNotAttendWith: ['ghost'] }],
      },
      'familyMembers.0.mayNotAttendWith.0',
      /not another family member/,
    ],
    [
      'a start time in the wrong form',
      { ...demoRequest('2026-11-23'), scheduledStart: '10/12/2026 10am' },
      'scheduledStart',
      /local date and time/,
    ],
  ])('%s', async (_what, body, path, message) => {
    const before = await count();
    const res = await create(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as {
      error: { code: string; details: { path: string; message: string }[] };
    };
    expect(json.error.code).toBe('VALIDATION_FAILED');
    expect(json.error.details).toEqual(
      expect.arrayContaining([{ path, message: expect.stringMatching(message) }]),
    );
    expect(await count()).toBe(before);
  });

  test('a conference beyond the shipped bank holidays is refused with 422 and not saved', async () => {
    const before = await count();
    const res = await create(demoRequest('2031-01-06'));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DEADLINE_OUT_OF_RANGE');
    expect(await count()).toBe(before);
  });

  test('an unknown conference id and an unknown route are 404', async () => {
    expect((await api('/api/conferences/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api('/api/conferences/not-a-uuid')).status).toBe(404);
    const res = await api('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'There is nothing at GET /api/nothing-here.',
    );
  });

  test('a bad list query says which parameter is wrong', async () => {
    const res = await api('/api/conferences?limit=5000');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
      'limit',
    );
  });
});
