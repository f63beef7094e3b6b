import { sql } from 'kysely';
import { FixedClock } from '../../bot/domain/clock.js';
import { transition } from '../../bot/domain/lifecycle.js';
import { plainLanguageOf, type ReportContent, type ReportVersion } from '../../bot/domain/reports.js';
import { conferenceRepository, type ConferenceRepository } from '../../bot/store/conference-repository.js';
import type { Store } from '../../bot/store/database.js';
import { reportStore } from '../../bot/store/report-store.js';
import type { ReportStore } from '../../bot/domain/ports.js';
import { OPEN_TIMEOUT, engines, freshStore } from '../helpers/engines.js';
import { sampleRequest } from './sample-request.js';

/** Text people really paste: markup, Markdown, emoji (with joiners), right-to-left, odd spaces and quotes. */
const HOSTILE = [
  '<script>alert("x")</script>',
  '<b>bold</b> &amp; <img src=x onerror=alert(1)>',
  '# Heading\n\n* list\n* `code` **bold** [link](https://example.org)',
  'Emoji 👩‍👧‍👦 🏳️‍🌈 and a lone surrogate-free astral 𝒳',
  'مرحبا بالعالم — שלום עולם \u202Eevil\u202C',
  '  leading and trailing spaces, tabs\tand\r\nCRLF  ',
  "Robert'); DROP TABLE reports;--",
  'null \\u0000 backslashes \\ and "quotes" ‘curly’',
].join('\n');

const version = (n: number, content: ReportContent, submitted = false): ReportVersion => ({
  version: n,
  content,
  plainLanguage: plainLanguageOf(content),
  savedBy: 'Asha Patel (fictional)',
  savedAt: new Date(`2026-03-0${n}T09:00:00Z`).toISOString(),
  submitted,
});

describe.each(engines)('report store on %s', (engine) => {
  let store: Store;
  let conferences: ConferenceRepository;
  let reports: ReportStore;
  let conferenceId: string;
  let inviteeId: string;

  beforeAll(async () => {
    store = await freshStore(engine);
    conferences = conferenceRepository(store.db, { clock: new FixedClock(new Date('2026-03-01T09:00:00Z')) });
    reports = reportStore(store.db, conferences);
    const c = await conferences.createConference(sampleRequest(), new Date('2026-03-01T09:00:00Z'));
    conferenceId = c.id;
    inviteeId = c.invitees[1]!.id;
  }, OPEN_TIMEOUT);
  afterAll(() => store.close());

  test('hostile text round-trips exactly as written', async () => {
    const r = await reports.create({ conferenceId, inviteeId, kind: 'agency', now: new Date() });
    const content: ReportContent = { worries: { harm: HOSTILE }, recommendations: [{ what: HOSTILE }] };
    await reports.appendVersion(r.id, version(1, content));
    const back = await reports.get(r.id);
    expect(back?.versions[0]?.content).toEqual(content);
    expect(back?.versions[0]?.content.worries?.harm).toBe(HOSTILE);
    expect(back?.versions[0]?.plainLanguage).toEqual(plainLanguageOf(content));
  });

  test('versions are append-only: each save adds one, a stale save conflicts, the database refuses updates', async () => {
    const r = await reports.create({ conferenceId, inviteeId: null, kind: 'social-work', now: new Date() });
    await reports.appendVersion(r.id, version(1, { agency: { name: 'first' } }));
    const submitted = await reports.appendVersion(r.id, version(2, { agency: { name: 'second' } }, true), {
      submittedAt: '2026-03-02T09:00:00.000Z',
      late: true,
    });
    expect(submitted).toMatchObject({ status: 'submitted', currentVersion: 2, late: true });
    expect(submitted.submittedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(submitted.versions.map((v) => [v.version, v.content.agency?.name, v.submitted])).toEqual([
      [1, 'first', false],
      [2, 'second', true],
    ]);
    await expect(reports.appendVersion(r.id, version(2, {}))).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(
      sql`update report_versions set saved_by = 'someone else' where report_id = ${r.id}`.execute(store.db),
    ).rejects.toThrow(/append-only/);
    expect((await reports.get(r.id))?.versions).toEqual(submitted.versions);
  });

  test('one report per invitee and kind; reads and shares are kept', async () => {
    const r = await reports.create({ conferenceId, inviteeId: null, kind: 'family-views', now: new Date() });
    await expect(
      reports.create({ conferenceId, inviteeId: null, kind: 'family-views', now: new Date() }),
    ).rejects.toMatchObject({ code: 'REPORT_EXISTS' });
    await reports.appendVersion(r.id, version(1, { familyViews: { views: HOSTILE } }, true));
    await reports.addRead(r.id, { version: 1, reader: 'Robin Sample', at: '2026-03-03T09:00:00.000Z' });
    const shared = await reports.addShare(r.id, {
      at: '2026-03-02T15:00:00.000Z',
      how: 'in-person',
      by: 'Asha Patel',
      familyResponse: HOSTILE,
    });
    expect(shared.reads).toEqual([{ version: 1, reader: 'Robin Sample', at: '2026-03-03T09:00:00.000Z' }]);
    expect(shared.shares).toEqual([
      { at: '2026-03-02T15:00:00.000Z', how: 'in-person', by: 'Asha Patel', familyResponse: HOSTILE },
    ]);
    expect((await reports.list(conferenceId)).map((x) => x.kind)).toEqual([
      'agency',
      'social-work',
      'family-views',
    ]);
  });

  test('a postponement stores the decision and the status change together', async () => {
    let c = (await conferences.getConference(conferenceId))!;
    c = await conferences.updateStatus(c.id, transition(c, 'scheduled', new Date()), c.version);
    const decision = {
      conferenceId,
      decision: 'postpone' as const,
      reason: HOSTILE,
      newStart: '2026-03-20T10:00',
      withinTimescale: false,
      timescale: 'Initial conference due …',
      delayExplanation: 'The advocate is away.',
      by: 'Robin Sample',
      at: '2026-03-04T10:00:00.000Z',
    };
    const change = transition(c, 'postponed', new Date(decision.at), 'Parents have not had the reports.');
    await expect(
      reports.recordDecision({ decision, statusChange: change, expectedVersion: c.version - 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await reports.decisions(conferenceId)).toEqual([]);
    await reports.recordDecision({ decision, statusChange: change, expectedVersion: c.version });
    expect(await reports.decisions(conferenceId)).toEqual([decision]);
    expect((await conferences.getConference(conferenceId))?.status).toBe('postponed');
  });
});
