import { sql } from 'kysely';
import { FixedClock } from '../../bot/domain/clock.js';
import { plainLanguageOf } from '../../bot/domain/reports.js';
import { retentionCutoffs, DEFAULT_RETENTION } from '../../bot/domain/retention.js';
import { applyRetention } from '../../bot/jobs/retention.js';
import { auditRepository } from '../../bot/store/audit-repository.js';
import { conferenceRepository, type ConferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { reportStore } from '../../bot/store/report-store.js';
import { retentionRepository } from '../../bot/store/retention-repository.js';
import { recordRepository } from '../../bot/store/record-repository.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

const NOW = new Date('2026-11-23T02:30:00Z');
const longAgo = '1990-06-01T09:00:00Z';
const recently = '2026-10-01T09:00:00Z';

describe('retention cutoffs', () => {
  test('count whole calendar years and days back from today in England', () => {
    const c = retentionCutoffs(NOW, { caseYears: 35, auditYears: 6, outboxDays: 90 });
    expect(c.caseRecordsBefore.toISOString()).toBe('1991-11-23T02:30:00.000Z');
    expect(c.auditEventsBefore.toISOString()).toBe('2020-11-23T02:30:00.000Z');
    // 90 days back crosses the end of British Summer Time: the same local time, one hour earlier in UTC.
    expect(c.deliveredOutboxBefore.toISOString()).toBe('2026-08-25T01:30:00.000Z');
  });
});

describe.each(engines)('retention on %s', (engine) => {
  let store: Store;
  let conferences: ConferenceRepository;

  beforeAll(async () => {
    store = await freshStore(engine);
    conferences = conferenceRepository(store.db, { clock: new FixedClock(NOW) });
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  /** A conference with a report, set to a status and a last-changed time as if years had passed. */
  async function conference(status: string, lastChanged: string): Promise<string> {
    const c = await conferences.createConference(sampleRequest(), NOW);
    const report = await reportStore(store.db, conferences).create({
      conferenceId: c.id,
      inviteeId: c.invitees[0]!.id,
      kind: 'agency',
      now: NOW,
    });
    const content = { agency: { name: 'Fictional Health Visiting' } };
    await reportStore(store.db, conferences).appendVersion(report.id, {
      version: 1,
      content,
      plainLanguage: plainLanguageOf(content),
      savedBy: 'Asha Example',
      savedAt: NOW.toISOString(),
      submitted: false,
    });
    // The conference record is append-only; retention is the one way its rows may go.
    await recordRepository(store.db).append(c.id, {
      version: 1,
      actor: '00000000-0000-4000-8000-000000000001',
      at: NOW.toISOString(),
      type: 'grid.add',
      data: { itemId: 'g1', column: 'worries', text: 'A fictional worry', restricted: false },
    } as Parameters<ReturnType<typeof recordRepository>['append']>[1]);
    await sql`update conferences set status = ${status}, updated_at = ${lastChanged} where id = ${c.id}`.execute(
      store.db,
    );
    return c.id;
  }

  const rows = async (
    table:
      'conferences' | 'reports' | 'report_versions' | 'invitees' | 'children' | 'conference_record_events',
  ) =>
    Number(
      (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(store.db))
        .rows[0]!.n,
    );

  test('purges only finished conferences past the period, with what hangs off them, and records each purge', async () => {
    const oldClosed = await conference('closed', longAgo);
    const oldCancelled = await conference('cancelled', longAgo);
    const oldButOpen = await conference('minutes-approved', longAgo);
    const recentClosed = await conference('closed', recently);
    const before = {
      conferences: await rows('conferences'),
      reports: await rows('reports'),
      record: await rows('conference_record_events'),
    };
    const audit = auditRepository(store.db);

    const result = await applyRetention({
      retention: retentionRepository(store.db),
      audit,
      clock: new FixedClock(NOW),
      settings: DEFAULT_RETENTION,
    });

    expect(result.conferences).toBe(2);
    expect(await rows('conferences')).toBe(before.conferences - 2);
    expect(await rows('reports')).toBe(before.reports - 2);
    expect(await rows('conference_record_events')).toBe(before.record - 2);
    // Outside the retention job the record stays append-only.
    await expect(sql`delete from conference_record_events`.execute(store.db)).rejects.toThrow(/append-only/);
    for (const gone of [oldClosed, oldCancelled]) {
      expect(await conferences.getConference(gone)).toBeUndefined();
      const trail = await audit.export(gone);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({
        actor: 'retention-job',
        surface: 'job',
        action: 'delete',
        entity: 'conference',
        entityId: gone,
        detail: { reason: 'retention', lastChanged: new Date(longAgo).toISOString() },
      });
    }
    // A plan still running (minutes approved, not closed) is never purged, however old its last change.
    expect(await conferences.getConference(oldButOpen)).toBeDefined();
    expect(await conferences.getConference(recentClosed)).toBeDefined();
    // No orphans: the cascade removed the removed conferences' people and report versions.
    const orphans = await sql<{ n: string }>`
      select count(*)::text as n from report_versions v
      where not exists (select 1 from reports r where r.id = v.report_id)`.execute(store.db);
    expect(orphans.rows[0]!.n).toBe('0');

    // Running again finds nothing more to do.
    const again = await applyRetention({
      retention: retentionRepository(store.db),
      audit,
      clock: new FixedClock(NOW),
      settings: DEFAULT_RETENTION,
    });
    expect(again.conferences).toBe(0);
  });

  test('audit events past their period go, and the database records how many', async () => {
    const audit = auditRepository(store.db);
    const id = '5e1b8d3a-0000-4000-8000-0000000000aa';
    await audit.record({
      actor: 'someone',
      actorRole: 'chair',
      surface: 'api',
      action: 'read',
      entity: 'conference',
      entityId: id,
      conferenceId: id,
      correlationId: 'x',
    });
    const result = await applyRetention({
      retention: retentionRepository(store.db),
      audit,
      clock: new FixedClock(new Date(Date.now() + 7 * 366 * 24 * 3600 * 1000)),
      settings: { caseYears: 35, auditYears: 6, outboxDays: 90 },
    });
    expect(result.auditEvents).toBeGreaterThan(0);
    expect(await audit.export(id)).toEqual([]);
    const purgeRecord = await sql<{ n: string }>`
      select count(*)::text as n from audit_events
      where entity = 'audit-events' and action = 'delete' and actor = 'retention-job'`.execute(store.db);
    expect(Number(purgeRecord.rows[0]!.n)).toBe(1);
  });

  test('delivered outbox rows past their period go; undelivered ones stay whatever their age', async () => {
    await sql`insert into outbox (id, kind, payload, dedupe_key, created_at, sent_at) values
      ('ob-sent-old', 'reminder', '{}', 'k1', ${longAgo}, ${longAgo}),
      ('ob-pending-old', 'reminder', '{}', 'k2', ${longAgo}, null),
      ('ob-sent-new', 'reminder', '{}', 'k3', ${recently}, ${recently})`.execute(store.db);
    const result = await applyRetention({
      retention: retentionRepository(store.db),
      audit: auditRepository(store.db),
      clock: new FixedClock(NOW),
      settings: DEFAULT_RETENTION,
    });
    expect(result.outboxRows).toBe(1);
    const left = await sql<{ id: string }>`select id from outbox where id like 'ob-%' order by id`.execute(
      store.db,
    );
    expect(left.rows.map((r) => r.id)).toEqual(['ob-pending-old', 'ob-sent-new']);
  });
});
