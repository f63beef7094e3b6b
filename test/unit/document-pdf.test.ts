import {
  DEFAULT_AUTHORITY_LETTER,
  draftDecisionLetter,
} from '../../bot/domain/after-conference/decision-letter.js';
import type { DecisionLetter } from '../../bot/domain/after-conference/decision-letter.js';
import { draftMinutes, minutesCopyFor } from '../../bot/domain/after-conference/minutes.js';
import type { MinutesCopy } from '../../bot/domain/after-conference/minutes.js';
import { MARKING } from '../../bot/documents/blocks.js';
import { letterHtml, letterText, minutesHtml, minutesText } from '../../bot/documents/document-html.js';
import { letterPdf, minutesPdf, outlinePlanPdf } from '../../bot/documents/document-pdf.js';
import {
  RecordScript,
  SOCIAL_WORKER,
  sampleConference,
  sampleDeadlines,
  sampleRecord,
} from '../fakes/record-fixture.js';
import { asPdfText, readPdf } from '../helpers/pdf-text.js';

const conference = sampleConference();
const deadlines = sampleDeadlines(conference);
const draft = (record = sampleRecord(conference)) =>
  draftDecisionLetter({ conference, record, deadlines, authority: DEFAULT_AUTHORITY_LETTER });
const fullCopy = (record = sampleRecord(conference)) =>
  minutesCopyFor(draftMinutes(conference, record, deadlines), { personId: 'chair', role: 'chair' });

/** What people type that a renderer could mistake for its own markup, and scripts beyond Latin. */
const HOSTILE = {
  script: '<script>alert("grid")</script> stays as text',
  image: 'Look <img src=x onerror=alert(1)> here & "there"',
  markdown: '**Bold** and [a link](http://evil.example) and # not a heading',
  emoji: 'Pip drew a happy face 😀 and a thumbs up 👍🏽',
  hebrew: 'שלום עולם',
  arabic: 'مرحبا بالعالم',
  welsh: 'Mae’r teulu’n siarad Cymraeg: ŵyr, ŷd, dŵr',
  polish: 'Zażółć gęślą jaźń',
  action: 'Call <b>Robin</b> & check the <a href="x">plan</a>',
};

function hostileRecord() {
  const r = new RecordScript(conference);
  const worry = r.grid('worries', HOSTILE.script);
  r.grid('working-well', HOSTILE.image);
  r.grid('working-well', HOSTILE.markdown);
  r.grid('working-well', HOSTILE.emoji);
  r.grid('working-well', HOSTILE.hebrew);
  r.grid('working-well', HOSTILE.arabic);
  r.grid('working-well', HOSTILE.welsh);
  r.grid('worries', HOSTILE.polish);
  r.run({
    type: 'plan.add',
    what: HOSTILE.action,
    who: HOSTILE.polish,
    byWhen: '2026-03-20',
    howWeWillKnow: HOSTILE.markdown,
    worryItemId: worry,
  });
  r.run({ type: 'plan.contingency', text: HOSTILE.arabic });
  r.run({
    type: 'decision.record',
    outcome: 'child-protection-plan',
    category: 'emotional-abuse',
    coreGroupPersonIds: [SOCIAL_WORKER.id],
    dissent: [],
  });
  return r.state;
}

describe('typed text in the documents', () => {
  const record = hostileRecord();
  const letter = draft(record);
  const copy = fullCopy(record);
  const htmls: [string, string][] = [
    ['letter', letterHtml(letter, '<i>Robin</i> Sample')],
    ['minutes', minutesHtml(copy)],
  ];

  test.each(htmls)('the %s HTML shows it as text: no tag, link or formatting is injected', (_name, html) => {
    expect(html).not.toMatch(/<script|<img|<a |<b>|<i>|<strong/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;grid&quot;)&lt;/script&gt; stays as text');
    expect(html).toContain('Look &lt;img src=x onerror=alert(1)&gt; here &amp; &quot;there&quot;');
    expect(html).toContain('**Bold** and [a link](http://evil.example) and # not a heading');
    for (const s of [HOSTILE.emoji, HOSTILE.hebrew, HOSTILE.arabic, HOSTILE.polish])
      expect(html).toContain(s);
    expect(html).toContain(HOSTILE.welsh);
    // Right-to-left lines display the right way round.
    expect(html).toMatch(new RegExp(`dir="auto"[^>]*>${HOSTILE.hebrew}`));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
  });

  test('the letter names its addressee as typed, escaped', () => {
    expect(htmls[0]![1]).toContain('Dear &lt;i&gt;Robin&lt;/i&gt; Sample,');
    expect(letterText(letter, '<i>Robin</i> Sample')).toContain('Dear <i>Robin</i> Sample,');
  });

  test('the text parts carry it unchanged', () => {
    for (const text of [letterText(letter), minutesText(copy)])
      for (const s of [HOSTILE.script, HOSTILE.markdown, HOSTILE.hebrew, HOSTILE.polish])
        expect(text).toContain(s);
  });

  test.each([
    ['letter', () => letterPdf(letter)],
    ['minutes', () => minutesPdf(copy)],
  ])('the %s PDF reads it back: accents, Welsh, Polish, Hebrew, Arabic, markup as text', async (_n, make) => {
    const { text } = await readPdf(await make());
    for (const s of [HOSTILE.script, HOSTILE.image, HOSTILE.markdown, HOSTILE.welsh, HOSTILE.polish])
      expect(text).toContain(asPdfText(s));
    // Right-to-left words come back whole (the order of words on a line is the viewer's business).
    for (const word of [...HOSTILE.hebrew.split(' '), ...HOSTILE.arabic.split(' ')])
      expect(text).toContain(word);
    expect(text).toContain('Pip drew a happy face');
  });
});

describe('the PDFs', () => {
  const letter = draft();
  const A4: [number, number] = [595.28, 841.89];
  const furniture = (pages: string[], reference: string) =>
    pages.forEach((page, i) => {
      expect(page).toContain(MARKING);
      expect(page).toContain(`Reference ${reference}`);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });

  test('the outline plan: A4, marked and numbered, the plan in a table, titled without a name', async () => {
    const pdf = await readPdf(await outlinePlanPdf(letter));
    expect(pdf.pageCount).toBe(1);
    expect(pdf.sizes[0]![0]).toBeCloseTo(A4[0], 1);
    expect(pdf.sizes[0]![1]).toBeCloseTo(A4[1], 1);
    furniture(pdf.pages, 'RT-2026-0042');
    expect(pdf.text).toContain('Outline child protection plan');
    expect(pdf.text).toContain('What will happen Who By when How we will know');
    expect(pdf.text).toContain('Asha Patel, health visitor Thu 30 Apr 2026');
    expect(pdf.info.Title).toBe('Outline child protection plan');
    for (const key of ['Author', 'Subject', 'Keywords']) expect(pdf.info[key]).toBeUndefined();
  });

  test('the letter runs over several pages, each marked and numbered, and ends with the plan', async () => {
    const pdf = await readPdf(await letterPdf(letter, 'Robin Sample'));
    expect(pdf.pageCount).toBeGreaterThan(1);
    furniture(pdf.pages, 'RT-2026-0042');
    expect(pdf.pages[0]).toContain('Dear Robin Sample,');
    expect(pdf.pages[pdf.pageCount - 1]).toContain(
      'Agreed at the conference and signed by the chair, Morgan Chair.',
    );
    expect(pdf.info.Title).toBe('Decision of the child protection conference');
  });

  test('the minutes say which copy they are on the first page', async () => {
    const copy: MinutesCopy = fullCopy();
    const pdf = await readPdf(await minutesPdf(copy));
    furniture(pdf.pages, 'RT-2026-0042');
    expect(pdf.pages[0]).toContain('Full record of the conference.');
    expect(pdf.info.Title).toBe('Record of the child protection conference');
  });

  test('a long plan breaks across pages and repeats the table header', async () => {
    const r = new RecordScript(conference);
    for (let i = 1; i <= 30; i++)
      r.run({
        type: 'plan.add',
        what: `Step ${i}: ${'a careful piece of work with the family '.repeat(3)}`,
        who: 'Alex Carter',
        byWhen: '2026-04-01',
        howWeWillKnow: `Checked at visit ${i}`,
      });
    r.run({
      type: 'decision.record',
      outcome: 'child-protection-plan',
      category: 'neglect',
      coreGroupPersonIds: [],
      dissent: [],
    });
    const long: DecisionLetter = draft(r.state);
    const pdf = await readPdf(await outlinePlanPdf(long));
    expect(pdf.pageCount).toBeGreaterThan(1);
    furniture(pdf.pages, 'RT-2026-0042');
    expect(pdf.pages[1]).toContain('What will happen Who By when How we will know');
    expect(pdf.text).toContain('Checked at visit 30');
  });
});
