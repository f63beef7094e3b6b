import { FixedClock } from '../../bot/domain/clock.js';
import { conferenceRepository, type ConferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

// Tests share one store per engine; each uses its own year so references do not collide.
describe.each(engines)('conference repository on %s', (engine) => {
  let store: Store;
  let repo: ConferenceRepository;
  const clock = new FixedClock(new Date('2026-03-05T12:00:00Z'));

  beforeAll(async () => {
    store = await freshStore(engine);
    repo = conferenceRepository(store.db, { clock });
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  test('a request is stored and read back whole, names and all', async () => {
    const now = new Date('2026-03-02T09:15:00Z');
    const created = await repo.createConference(sampleRequest(), now);

    const [mum, dad, nan] = created.familyMembers;
    expect(created).toEqual({
      id: expect.any(String),
      reference: 'RT-2026-0001',
      kind: 'initial',
      status: 'requested',
      strategyDiscussionDate: '2026-02-27',
      format: 'hybrid',
      durationMinutes: 90,
      chair: {
        name: 'Robin Sample',
        email: 'robin.sample@example.org',
        aadObjectId: '00000000-0000-4000-8000-000000000001',
      },
      leadSocialWorker: { name: "Ciarán O'Sample", email: 'ciaran.osample@example.org' },
      minuteTaker: { name: 'Mo Sample', email: 'mo.sample@example.org' },
      children: [
        { id: expect.any(String), firstName: 'Pip', lastName: 'Sample', dateOfBirth: '2019-07-14' },
        { id: expect.any(String), firstName: 'Zoë', lastName: 'D’Sample', dateOfBirth: '2023-01-31' },
      ],
      familyMembers: [
        {
          id: expect.any(String),
          firstName: 'Siân',
          lastName: "O'Sample-Jones",
          relationship: 'mother',
          parentalResponsibility: true,
          email: 'sian.sample@example.org',
          communicationNeeds: { interpreterLanguage: 'Cymraeg', britishSignLanguage: false, makaton: false },
          mayNotAttendWith: [dad?.id],
        },
        {
          id: expect.any(String),
          firstName: 'Łukasz',
          lastName: 'Sample',
          relationship: 'father',
          parentalResponsibility: true,
          communicationNeeds: {
            britishSignLanguage: true,
            makaton: false,
            other: 'Prefers written “plain English” notes',
          },
          mayNotAttendWith: [mum?.id],
        },
        {
          id: expect.any(String),
          firstName: 'Edie',
          lastName: 'Sample',
          relationship: 'grandparent',
          parentalResponsibility: false,
          communicationNeeds: { britishSignLanguage: false, makaton: false },
          mayNotAttendWith: [],
        },
      ],
      invitees: [
        {
          id: expect.any(String),
          name: 'Dee Sample',
          email: 'dee.sample@example.org',
          role: 'Health visitor',
          agency: 'Sampleshire NHS Trust',
          agencyKind: 'health',
          directContact: true,
        },
        {
          id: expect.any(String),
          name: 'PC Alex Sample',
          email: 'alex.sample@police.example.org',
          role: 'Child protection officer',
          agency: 'Sampleshire Police',
          agencyKind: 'police',
          directContact: false,
          aadObjectId: '00000000-0000-4000-8000-000000000002',
          managerEmail: 'sergeant.sample@police.example.org',
        },
      ],
      createdAt: '2026-03-02T09:15:00.000Z',
      updatedAt: '2026-03-02T09:15:00.000Z',
      statusHistory: [{ from: null, to: 'requested', at: '2026-03-02T09:15:00.000Z' }],
      version: 1,
    });
    expect(new Set([mum?.id, dad?.id, nan?.id]).size).toBe(3);

    expect(await repo.getConference(created.id)).toEqual(created);
    expect(await repo.getConferenceByReference('RT-2026-0001')).toEqual(created);
  });

  test('a review keeps the previous conference date; unknown ids and references read as undefined', async () => {
    const review = await repo.createConference(
      sampleRequest({
        kind: 'review',
        previousConferenceDate: '2026-12-31',
        familyMembers: [],
        invitees: [],
      }),
      new Date('2030-01-10T10:00:00Z'),
    );
    expect(review).toMatchObject({
      kind: 'review',
      previousConferenceDate: '2026-12-31',
      familyMembers: [],
      invitees: [],
    });
    expect(await repo.getConference('no-such-id')).toBeUndefined();
    expect(await repo.getConferenceByReference('RT-1999-0001')).toBeUndefined();
  });

  test('references are unique and run in sequence within each year, even when requested together', async () => {
    const at = new Date('2027-06-01T08:00:00Z');
    const created = await Promise.all([1, 2, 3, 4, 5].map(() => repo.createConference(sampleRequest(), at)));
    expect(created.map((c) => c.reference).sort()).toEqual([
      'RT-2027-0001',
      'RT-2027-0002',
      'RT-2027-0003',
      'RT-2027-0004',
      'RT-2027-0005',
    ]);
    const nextYear = await repo.createConference(sampleRequest(), new Date('2028-01-01T00:00:00Z'));
    expect(nextYear.reference).toBe('RT-2028-0001');
    const sameYearAgain = await repo.createConference(sampleRequest(), new Date('2027-12-31T23:59:59Z'));
    expect(sameYearAgain.reference).toBe('RT-2027-0006');
  });

  test('a status change with the current version is recorded; a stale version is refused', async () => {
    const c = await repo.createConference(sampleRequest(), new Date('2031-04-01T09:00:00Z'));
    const scheduled = await repo.updateStatus(
      c.id,
      { from: 'requested', to: 'scheduled', at: '2031-04-02T10:30:00.000Z', reason: "Chair's diary agreed" },
      c.version,
    );
    expect(scheduled).toMatchObject({
      status: 'scheduled',
      version: 2,
      updatedAt: '2031-04-02T10:30:00.000Z',
    });
    expect(scheduled.statusHistory).toEqual([
      { from: null, to: 'requested', at: '2031-04-01T09:00:00.000Z' },
      { from: 'requested', to: 'scheduled', at: '2031-04-02T10:30:00.000Z', reason: "Chair's diary agreed" },
    ]);

    await expect(
      repo.updateStatus(
        c.id,
        { from: 'requested', to: 'cancelled', at: '2031-04-02T11:00:00.000Z' },
        c.version,
      ),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    const after = await repo.getConference(c.id);
    expect(after?.status).toBe('scheduled');
    expect(after?.statusHistory).toHaveLength(2);
  });

  test('of two changes made at once from the same version, exactly one wins', async () => {
    const c = await repo.createConference(sampleRequest(), new Date('2032-04-01T09:00:00Z'));
    const results = await Promise.allSettled([
      repo.updateStatus(c.id, { from: 'requested', to: 'scheduled', at: '2032-04-02T10:00:00.000Z' }, 1),
      repo.updateStatus(c.id, { from: 'requested', to: 'cancelled', at: '2032-04-02T10:00:00.000Z' }, 1),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected');
    expect(loser?.reason).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await repo.getConference(c.id))?.statusHistory).toHaveLength(2);
  });

  test('changing an unknown conference is a not-found error', async () => {
    await expect(
      repo.updateStatus('no-such-id', { from: null, to: 'scheduled', at: '2026-03-02T10:00:00.000Z' }, 1),
    ).rejects.toMatchObject({ code: 'CONFERENCE_NOT_FOUND' });
    await expect(repo.setSchedule('no-such-id', '2026-03-20T10:00')).rejects.toMatchObject({
      code: 'CONFERENCE_NOT_FOUND',
    });
  });

  test('scheduling sets the local start and join link; rescheduling keeps the link', async () => {
    const c = await repo.createConference(sampleRequest(), new Date('2033-03-01T09:00:00Z'));
    const link = 'https://teams.example.org/l/meetup-join/sample?context=%7B%7D';
    const scheduled = await repo.setSchedule(c.id, '2033-03-20T10:00', link);
    expect(scheduled).toMatchObject({
      scheduledStart: '2033-03-20T10:00',
      joinUrl: link,
      version: 2,
      updatedAt: '2026-03-05T12:00:00.000Z',
    });
    const moved = await repo.setSchedule(c.id, '2033-03-27T14:30');
    expect(moved).toMatchObject({ scheduledStart: '2033-03-27T14:30', joinUrl: link, version: 3 });
    await expect(repo.setSchedule(c.id, '27/03/2033 14:30')).rejects.toThrow(/check constraint/);
    expect((await repo.getConference(c.id))?.scheduledStart).toBe('2033-03-27T14:30');
  });
});
