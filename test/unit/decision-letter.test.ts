import {
  DEFAULT_AUTHORITY_LETTER,
  draftDecisionLetter,
} from '../../bot/domain/after-conference/decision-letter.js';
import type { DecisionLetter } from '../../bot/domain/after-conference/decision-letter.js';
import type { RecordState } from '../../bot/domain/conference-record/index.js';
import { DomainError } from '../../bot/domain/errors.js';
import { checkPlainLanguage } from '../../bot/domain/plain-language/index.js';
import { dueFor } from '../../bot/domain/timescales/index.js';
import { letterHtml, letterText } from '../../bot/documents/document-html.js';
import { letterPdf, outlinePlanPdf } from '../../bot/documents/document-pdf.js';
import {
  DISSENT_REASON,
  RESTRICTED_TEXTS,
  RecordScript,
  SOCIAL_WORKER,
  UNAGREED_TEXT,
  sampleConference,
  sampleDeadlines,
  sampleRecord,
} from '../fakes/record-fixture.js';
import { asPdfText, readPdf } from '../helpers/pdf-text.js';

const conference = sampleConference();
const record = sampleRecord(conference);
const deadlines = sampleDeadlines(conference);
const draft = (r: RecordState = record, c = conference): DecisionLetter =>
  draftDecisionLetter({ conference: c, record: r, deadlines, authority: DEFAULT_AUTHORITY_LETTER });
const letter = draft();
const text = letterText(letter);

describe('the decision letter', () => {
  test('says what was decided: the kind of plan and its category, in words', () => {
    expect(letter.plan.outcomeLabel).toBe('Child protection plan');
    expect(letter.plan.categoryLabel).toBe('Neglect');
    expect(text).toContain('The conference decided that Pip and Kit need a child protection plan.');
    expect(text).toContain('The plan is under the heading “neglect”.');
    expect(letter.subject).toBe('Decision and plan from the conference on Thu 5 Mar 2026 (RT-2026-0042)');
    expect(letter.greeting).toBe('Dear Robin and Jo,');
  });

  test('gives the agreed reasons in the family’s words', () => {
    for (const s of [
      'Pip goes to school every day and loves drawing.',
      'Kit has missed three health visits since January.',
      'We are worried that Kit could be hurt if nobody is awake to look after him at night.',
      'Kit is always looked after at night by an adult who is awake and sober.',
    ])
      expect(text).toContain(s);
  });

  test('holds the plan: every open action, the contingency, the network and the family group conference', () => {
    expect(letter.plan.actions).toEqual([
      {
        what: 'Robin and Jo agree a night-time routine for Kit with the social worker',
        who: 'Robin, Jo and Alex Carter',
        byWhen: '2026-03-19',
        byWhenLabel: 'Thu 19 Mar 2026',
        howWeWillKnow: 'The routine is written down and checked at two home visits',
        worry: 'Nobody woke up when Kit cried in the night in February.',
      },
      expect.objectContaining({ who: 'Asha Patel, health visitor', byWhenLabel: 'Thu 30 Apr 2026' }),
    ]);
    expect(text).toContain(
      'If the night-time routine is not kept, the social worker will call a core group meeting within a week.',
    );
    expect(text).toContain('Grandma Lee Sample can stay over two nights a week');
    expect(text).toContain('You have been offered a family group conference');
  });

  test('names the core group and the lead social worker', () => {
    expect(letter.plan.coreGroup.map((p) => p.name)).toEqual([
      'Alex Carter',
      'Asha Patel',
      'Ben Okafor',
      'Robin Sample',
      'Jo Sample',
    ]);
    expect(text).toContain('- Robin Sample (Mother)');
    expect(text).toContain('- Asha Patel (Health visitor, Northshire Community Health)');
    expect(letter.plan.leadSocialWorker).toBe('Alex Carter');
  });

  test('gives the next dates exactly as the timescales module computed them', () => {
    const keys = ['first-core-group', 'first-review', 'minutes'] as const;
    expect(letter.plan.dates.map((d) => d.key)).toEqual(keys);
    for (const key of keys) {
      const d = dueFor(deadlines, key)!;
      expect(letter.plan.dates.find((x) => x.key === key)).toEqual({
        key,
        label: d.title,
        dueLabel: d.dueLabel,
        rule: d.rule,
      });
      expect(text).toContain(`${d.title}: by ${d.dueLabel} (${d.rule}).`);
    }
    expect(text).toContain('First core group meeting: by Thu 19 Mar 2026 (within 10 working days');
  });

  test('tells the family how to complain and how to get it in another language or format', () => {
    expect(text).toContain(DEFAULT_AUTHORITY_LETTER.complaints);
    expect(text).toContain(DEFAULT_AUTHORITY_LETTER.otherFormats);
    const custom = draftDecisionLetter({
      conference,
      record,
      deadlines,
      authority: { name: 'Otherplace Borough Council', complaints: 'Write to us.', otherFormats: 'Ask us.' },
    });
    expect(letterText(custom)).toContain('Write to us.');
    expect(custom.signOff).toContain('Otherplace Borough Council');
  });

  const secrets = [...Object.values(RESTRICTED_TEXTS), UNAGREED_TEXT, DISSENT_REASON, 'frightened'];

  test('never holds an unagreed item, anything from a restricted part, or the dissent: text and HTML', () => {
    const html = letterHtml(letter, 'Robin Sample');
    const json = JSON.stringify(letter);
    for (const s of secrets) {
      expect(text).not.toContain(s);
      expect(html).not.toContain(s);
      expect(json).not.toContain(s);
    }
  });

  test.each([
    ['letter', () => letterPdf(letter)],
    ['outline plan', () => outlinePlanPdf(letter)],
  ])('never holds them in the %s PDF either', async (_name, make) => {
    const pdf = await readPdf(await make());
    expect(pdf.text).toContain(asPdfText('Kit has missed three health visits since January.'));
    for (const s of secrets) expect(pdf.text).not.toContain(asPdfText(s));
  });

  test('an open action linked to a worry from a restricted part does not show that worry', () => {
    const r = new RecordScript(conference);
    r.run({ type: 'restricted.start', reason: 'Third-party information', excludedPersonIds: [] });
    const hidden = r.grid('worries', 'A planted secret worry about a neighbour');
    r.run({ type: 'restricted.end' });
    r.run({
      type: 'plan.add',
      what: 'Check the front door is locked at night',
      who: 'Robin',
      byWhen: '2026-03-20',
      howWeWillKnow: 'Robin tells the social worker',
      worryItemId: hidden,
    });
    r.run({ type: 'decision.record', outcome: 'child-in-need-plan', coreGroupPersonIds: [], dissent: [] });
    const l = draft(r.state);
    expect(l.plan.actions).toEqual([expect.not.objectContaining({ worry: expect.anything() })]);
    expect(letterText(l)).toContain('Check the front door is locked at night');
    expect(letterText(l)).not.toContain('planted secret');
  });

  test('a child in need plan has no category, and no core group or review dates', () => {
    const r = new RecordScript(sampleConference({ children: [conference.children[0]!] }));
    r.run({
      type: 'plan.add',
      what: 'Go to the youth club',
      who: 'Pip',
      byWhen: '2026-04-01',
      howWeWillKnow: 'Pip says so',
    });
    r.run({
      type: 'decision.record',
      outcome: 'child-in-need-plan',
      coreGroupPersonIds: [SOCIAL_WORKER.id],
      dissent: [],
    });
    const l = draft(r.state, r.conference);
    expect(l.plan.categoryLabel).toBeUndefined();
    expect(l.plan.dates.map((d) => d.key)).toEqual(['minutes']);
    expect(letterText(l)).toContain(
      'The conference decided that Pip does not need a child protection plan, but that your family should have a child in need plan',
    );
  });

  test('uses plain words: no jargon or acronyms in what the letter itself says', () => {
    // Typed text (grid items, actions, contingency, network) is checked where it is written.
    const typed = new Set([letter.plan.contingency, letter.plan.network]);
    const own = letter.sections.flatMap((s) => [s.heading, ...s.paragraphs.filter((p) => !typed.has(p))]);
    const findings = own.flatMap((p) => checkPlainLanguage(p).findings);
    // "Core group" is the name the family will hear; the letter explains it where it first uses it.
    expect(findings.filter((f) => !/^core group/i.test(f.match)).map((f) => f.match)).toEqual([]);
    expect(text).toContain('The core group is the people who will meet to make the plan work');
  });

  test('cannot be written before the decision', () => {
    const r = new RecordScript(conference);
    r.grid('worries', 'A worry');
    let error: unknown;
    try {
      draft(r.state);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error as Error).message).toMatch(/Record the decision first/);
  });
});
