import { conferenceRepository, type ConferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

describe.each(engines)('listing conferences on %s', (engine) => {
  let store: Store;
  let repo: ConferenceRepository;

  beforeAll(async () => {
    store = await freshStore(engine);
    repo = conferenceRepository(store.db);
    const day = (d: number) => new Date(`2026-04-${String(d).padStart(2, '0')}T09:00:00Z`);
    const first = await repo.createConference(sampleRequest(), day(1));
    await repo.createConference(sampleRequest({ chair: undefined }), day(2));
    const third = await repo.createConference(
      sampleRequest({ children: [{ firstName: 'Rowan', lastName: 'Sample', dateOfBirth: '2015-05-05' }] }),
      day(3),
    );
    await repo.createConference(sampleRequest(), day(4));
    await repo.updateStatus(first.id, { from: 'requested', to: 'scheduled', at: day(5).toISOString() }, 1);
    await repo.updateStatus(third.id, { from: 'requested', to: 'scheduled', at: day(5).toISOString() }, 1);
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  test('newest first, a page at a time', async () => {
    const page1 = await repo.listConferences({ limit: 3, offset: 0 });
    const page2 = await repo.listConferences({ limit: 3, offset: 3 });
    expect(page1.map((c) => c.reference)).toEqual(['RT-2026-0004', 'RT-2026-0003', 'RT-2026-0002']);
    expect(page2.map((c) => c.reference)).toEqual(['RT-2026-0001']);
  });

  test('filtered by status', async () => {
    const scheduled = await repo.listConferences({ status: 'scheduled', limit: 10, offset: 0 });
    expect(scheduled.map((c) => [c.reference, c.status])).toEqual([
      ['RT-2026-0003', 'scheduled'],
      ['RT-2026-0001', 'scheduled'],
    ]);
    expect(await repo.listConferences({ status: 'closed', limit: 10, offset: 0 })).toEqual([]);
  });

  test('a summary shows children by initials only, and the chair when there is one', async () => {
    const [fourth, third, second] = await repo.listConferences({ limit: 3, offset: 0 });
    expect(fourth).toEqual({
      id: expect.any(String),
      reference: 'RT-2026-0004',
      kind: 'initial',
      status: 'requested',
      format: 'hybrid',
      strategyDiscussionDate: '2026-02-27',
      chairName: 'Robin Sample',
      childInitials: ['PS', 'ZD'],
      createdAt: '2026-04-04T09:00:00.000Z',
      version: 1,
    });
    expect(third).toMatchObject({ childInitials: ['RS'], version: 2 });
    expect(second?.chairName).toBeUndefined();
    expect(JSON.stringify([fourth, third, second])).not.toMatch(/Pip|Zoë|Rowan/);
  });
});
