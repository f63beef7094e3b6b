/** The report link store and the family's own reports, on PGlite and (with TEST_DATABASE_URL) PostgreSQL. */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../bot/domain/clock.js';
import type { ReportLinkStore, ReportStore } from '../../bot/domain/ports.js';
import { linkExpiry, type ReportLink } from '../../bot/domain/report-links.js';
import { conferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { outboxRepository } from '../../bot/store/outbox-repository.js';
import { reportLinkRepository } from '../../bot/store/report-link-repository.js';
import { reportStore } from '../../bot/store/report-store.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

const NOW = new Date('2026-03-01T09:00:00Z');

describe.each(engines)('report links on %s', (engine) => {
  let store: Store;
  let links: ReportLinkStore;
  let reports: ReportStore;
  let conferenceId: string;
  let inviteeId: string;
  let mum: string;
  let dad: string;

  const link = (over: Partial<ReportLink> = {}): ReportLink => ({
    id: randomUUID(),
    conferenceId,
    purpose: 'agency-report',
    inviteeId,
    familyMemberId: null,
    createdBy: 'Casey Chair (fictional)',
    createdAt: NOW.toISOString(),
    expiresAt: linkExpiry(NOW, 14).toISOString(),
    revokedAt: null,
    revokedBy: null,
    lastUsedAt: null,
    ...over,
  });
  const mail = (l: ReportLink) =>
    ({ kind: 'report-link', payload: { linkId: l.id }, dedupeKey: `report-link:${l.id}` }) as const;

  beforeAll(async () => {
    store = await freshStore(engine);
    const conferences = conferenceRepository(store.db, { clock: new FixedClock(NOW) });
    links = reportLinkRepository(store.db);
    reports = reportStore(store.db, conferences);
    const c = await conferences.createConference(sampleRequest(), NOW);
    conferenceId = c.id;
    inviteeId = c.invitees[1]!.id;
    [mum, dad] = c.familyMembers.map((f) => f.id) as [string, string];
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  test('a link is stored with its email in the outbox, read back, listed newest first', async () => {
    const first = link();
    expect(await links.create(first, mail(first), NOW)).toEqual(first);
    const second = link({
      purpose: 'family-views',
      inviteeId: null,
      familyMemberId: mum,
      createdAt: new Date('2026-03-02T09:00:00Z').toISOString(),
    });
    await links.create(second, mail(second), NOW);
    expect(await links.get(first.id)).toEqual(first);
    expect((await links.list(conferenceId)).map((l) => l.id).slice(0, 2)).toEqual([second.id, first.id]);
    const pending = await outboxRepository(store.db).claimDue(NOW, 50);
    expect(pending.filter((p) => p.kind === 'report-link').map((p) => p.payload)).toEqual(
      expect.arrayContaining([{ linkId: first.id }, { linkId: second.id }]),
    );
    expect(await links.get(randomUUID())).toBeUndefined();
  });

  test('a link must name the holder its purpose needs', async () => {
    const wrong = link({ purpose: 'family-views' }); // an invitee, not a family member
    await expect(links.create(wrong, mail(wrong), NOW)).rejects.toThrow();
    expect(await links.get(wrong.id)).toBeUndefined();
  });

  test('revoking keeps the first revocation; use is recorded', async () => {
    const l = link();
    await links.create(l, mail(l), NOW);
    const at = new Date('2026-03-03T10:00:00Z');
    expect(await links.revoke(l.id, 'Casey Chair (fictional)', at)).toMatchObject({
      revokedAt: at.toISOString(),
      revokedBy: 'Casey Chair (fictional)',
    });
    expect(await links.revoke(l.id, 'Someone Else', new Date('2026-03-04T10:00:00Z'))).toMatchObject({
      revokedAt: at.toISOString(),
      revokedBy: 'Casey Chair (fictional)',
    });
    expect(await links.revoke(randomUUID(), 'x', at)).toBeUndefined();
    await links.touch(l.id, at);
    expect((await links.get(l.id))?.lastUsedAt).toBe(at.toISOString());
  });

  test('each family member has their own views report; one each', async () => {
    const mine = await reports.create({
      conferenceId,
      inviteeId: null,
      familyMemberId: mum,
      kind: 'family-views',
      now: NOW,
    });
    const theirs = await reports.create({
      conferenceId,
      inviteeId: null,
      familyMemberId: dad,
      kind: 'family-views',
      now: NOW,
    });
    // The views the social worker writes down for the family are a third, separate report.
    const forThem = await reports.create({ conferenceId, inviteeId: null, kind: 'family-views', now: NOW });
    expect(new Set([mine.id, theirs.id, forThem.id]).size).toBe(3);
    expect(mine.familyMemberId).toBe(mum);
    expect(forThem.familyMemberId).toBeNull();
    await expect(
      reports.create({ conferenceId, inviteeId: null, familyMemberId: mum, kind: 'family-views', now: NOW }),
    ).rejects.toMatchObject({ code: 'REPORT_EXISTS' });
    expect((await reports.get(theirs.id))?.familyMemberId).toBe(dad);
  });
});
