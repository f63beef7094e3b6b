import {
  FULL_COPY_LABEL,
  PARTIAL_COPY_LABEL,
  draftMinutes,
  minutesConfirmations,
  minutesCopyFor,
} from '../../bot/domain/after-conference/minutes.js';
import type { MinutesCopy } from '../../bot/domain/after-conference/minutes.js';
import { minutesHtml, minutesText } from '../../bot/documents/document-html.js';
import { minutesPdf } from '../../bot/documents/document-pdf.js';
import {
  DISSENT_REASON,
  JO_ID,
  POLICE,
  RESTRICTED_TEXTS,
  ROBIN_ID,
  RecordScript,
  SCHOOL,
  SOCIAL_WORKER,
  UNAGREED_TEXT,
  sampleConference,
  sampleDeadlines,
  sampleRecord,
} from '../fakes/record-fixture.js';
import { asPdfText, readPdf } from '../helpers/pdf-text.js';

const conference = sampleConference();
const record = sampleRecord(conference);
const minutes = draftMinutes(conference, record, sampleDeadlines(conference));
const SECRETS = [
  RESTRICTED_TEXTS.reason,
  RESTRICTED_TEXTS.worry,
  RESTRICTED_TEXTS.action,
  RESTRICTED_TEXTS.howWeWillKnow,
];

const copies: [string, MinutesCopy][] = [
  ['Robin (family, not excluded)', minutesCopyFor(minutes, { personId: ROBIN_ID, role: 'family' })],
  ['Jo (family, excluded)', minutesCopyFor(minutes, { personId: JO_ID, role: 'family' })],
];

describe('the minutes', () => {
  test('hold what was written in a restricted part only in its own restricted part', () => {
    const { restricted, ...main } = minutes;
    const mainJson = JSON.stringify(main);
    for (const s of SECRETS) expect(mainJson).not.toContain(s);
    expect(restricted).toHaveLength(1);
    expect(restricted[0]).toMatchObject({
      partId: record.restrictedParts[0]!.id,
      reason: RESTRICTED_TEXTS.reason,
      excludedPersonIds: [JO_ID],
      excludedNames: ['Jo Sample'],
      whenLabel: 'Thu 5 Mar 2026, 10:46 to 10:56',
    });
    expect(restricted[0]!.items).toEqual([
      expect.objectContaining({ kind: 'grid', text: RESTRICTED_TEXTS.worry, agreed: true }),
      expect.objectContaining({
        kind: 'action',
        what: RESTRICTED_TEXTS.action,
        byWhenLabel: 'Thu 12 Mar 2026',
      }),
    ]);
  });

  test('are the record: who came and when, early leavers, agenda times, the whole grid with what was agreed', () => {
    const gp = minutes.people.find((p) => p.name === 'Eli Novak');
    expect(gp).toMatchObject({
      attended: true,
      arrivedAt: '10:12',
      leftAt: '11:44',
      role: 'GP, Riverside Surgery',
    });
    // Jo left for the restricted part and came back: not an early leaver.
    expect(minutes.people.find((p) => p.id === JO_ID)).toEqual(
      expect.objectContaining({ attended: true, arrivedAt: '10:16' }),
    );
    expect(minutes.people.find((p) => p.id === JO_ID)?.leftAt).toBeUndefined();
    expect(minutes.agenda[0]).toEqual({
      id: 'introductions',
      title: 'Introductions',
      startedAt: '10:18',
      endedAt: '10:20',
    });
    const worries = minutes.grid.find((c) => c.column === 'worries')!;
    expect(worries.items.map((i) => [i.text, i.agreed])).toEqual([
      ['Kit has missed three health visits since January.', true],
      ['Nobody woke up when Kit cried in the night in February.', true],
      [UNAGREED_TEXT, false],
    ]);
    const text = minutesText(minutesCopyFor(minutes, { personId: 'chair', role: 'chair' }));
    expect(text).toContain(`- ${UNAGREED_TEXT} (not agreed)`);
  });

  test('record each score with who gave it and why, the plan, the decision and the dissent with its reason', () => {
    expect(minutes.scaling.entries).toContainEqual({
      name: 'Ben Okafor',
      score: 6,
      reason: 'Pip is settled and comes to school every day.',
    });
    expect(minutes.plan.actions.map((a) => a.who)).toEqual([
      'Robin, Jo and Alex Carter',
      'Asha Patel, health visitor',
    ]);
    expect(minutes.plan.familyGroupConferenceOffered).toBe(true);
    expect(minutes.decision).toMatchObject({
      outcomeLabel: 'Child protection plan',
      categoryLabel: 'Neglect',
      leadSocialWorker: 'Alex Carter',
      dissent: [
        { name: 'Dana Kowalski', role: 'Detective constable, Northshire Police', reason: DISSENT_REASON },
      ],
    });
    expect(minutes.decision!.coreGroup.map((p) => p.name)).toContain('Jo Sample');
  });

  test('the family’s copy keeps the scores and reasons but not who gave them, as they were shared', async () => {
    const family = minutesCopyFor(minutes, { personId: ROBIN_ID, role: 'family' });
    expect(family.scaling.entries.map((e) => e.score)).toEqual(minutes.scaling.entries.map((e) => e.score));
    expect(new Set(family.scaling.entries.map((e) => e.name))).toEqual(new Set(['A participant']));
    const pdf = (await readPdf(await minutesPdf(family))).text;
    expect(pdf).toContain(asPdfText('A participant 6 Pip is settled and comes to school every day.'));
    expect(pdf).not.toContain('Ben Okafor 6');
    const professional = minutesCopyFor(minutes, { personId: 'chair', role: 'chair' });
    expect(professional.scaling.entries.map((e) => e.name)).toContain('Ben Okafor');
  });

  test('list every restricted item for the chair to confirm', () => {
    const inParts = [...record.grid, ...record.actions].filter((x) => x.partId).map((x) => x.id);
    expect(inParts).toHaveLength(2);
    const confirmations = minutesConfirmations(minutes);
    expect(confirmations.map((c) => c.id).sort()).toEqual(inParts.sort());
    expect(confirmations).toContainEqual({
      id: expect.any(String),
      partId: record.restrictedParts[0]!.id,
      kind: 'grid',
      text: `What we are worried about: ${RESTRICTED_TEXTS.worry}`,
    });
    expect(confirmations.find((c) => c.kind === 'action')!.text).toContain(RESTRICTED_TEXTS.howWeWillKnow);
  });

  test.each(copies)(
    'the copy for %s has no restricted part and says it is not the full record',
    (_who, copy) => {
      expect(copy.restricted).toEqual([]);
      expect(copy.copy).toBe('partial');
      expect(copy.copyLabel).toBe(PARTIAL_COPY_LABEL);
      // The header does not say what was left out.
      expect(copy.copyLabel).not.toMatch(/restrict|exclud|Jo/i);
      const html = minutesHtml(copy);
      const text = minutesText(copy);
      expect(text).toContain(PARTIAL_COPY_LABEL);
      for (const s of [...SECRETS, 'frightened', 'Restricted part']) {
        expect(html).not.toContain(s);
        expect(text).not.toContain(s);
      }
    },
  );

  test.each(copies)('the PDF copy for %s has no restricted text either', async (_who, copy) => {
    const pdf = await readPdf(await minutesPdf(copy));
    expect(pdf.pages[0]).toContain(asPdfText(PARTIAL_COPY_LABEL));
    expect(pdf.text).toContain('Kit has missed three health visits since January.');
    for (const s of [...SECRETS, 'frightened']) expect(pdf.text).not.toContain(asPdfText(s));
  });

  test('a professional who was not excluded gets the part; the chair’s copy is the full record', async () => {
    const police = minutesCopyFor(minutes, { personId: POLICE.id, role: 'professional' });
    expect(police.copy).toBe('full');
    expect(police.copyLabel).toBe(FULL_COPY_LABEL);
    expect(police.restricted).toHaveLength(1);
    const pdf = await readPdf(await minutesPdf(police));
    expect(pdf.text).toContain(asPdfText(RESTRICTED_TEXTS.worry));
    expect(pdf.text).toContain('Not to be shared with: Jo Sample. Never to be shared with the family.');
    expect(minutesText(police)).toContain(RESTRICTED_TEXTS.reason);
  });

  test('a professional excluded from one part gets the other parts but never that one', async () => {
    const r = new RecordScript(conference);
    r.run({ type: 'restricted.start', reason: 'Parents apart: first part', excludedPersonIds: [JO_ID] });
    r.grid('worries', 'Said without Jo: the first part.');
    r.run({ type: 'restricted.end' });
    r.run({ type: 'restricted.start', reason: 'The school is a witness', excludedPersonIds: [SCHOOL.id] });
    r.grid('worries', 'Said without the school: the second part.');
    r.run({
      type: 'plan.add',
      what: 'A planted step agreed without the school',
      who: 'Alex Carter',
      byWhen: '2026-03-20',
      howWeWillKnow: 'A planted check',
    });
    r.run({ type: 'restricted.end' });
    r.run({
      type: 'decision.record',
      outcome: 'early-help',
      coreGroupPersonIds: [SOCIAL_WORKER.id],
      dissent: [],
    });
    const m = draftMinutes(conference, r.state);
    expect(minutesConfirmations(m)).toHaveLength(3);
    const school = minutesCopyFor(m, { personId: SCHOOL.id, role: 'professional' });
    expect(school.copy).toBe('partial');
    expect(school.restricted.map((p) => p.reason)).toEqual(['Parents apart: first part']);
    const pdf = await readPdf(await minutesPdf(school));
    const text = minutesText(school);
    for (const out of [pdf.text, text, minutesHtml(school)]) {
      expect(out).toContain('Said without Jo: the first part.');
      for (const s of ['without the school', 'planted', 'The school is a witness'])
        expect(out).not.toContain(s);
    }
    const social = minutesCopyFor(m, { personId: SOCIAL_WORKER.id, role: 'lead-social-worker' });
    expect(social.restricted).toHaveLength(2);
  });
});
