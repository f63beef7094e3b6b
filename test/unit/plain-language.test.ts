import {
  GLOSSARY,
  GlossaryEntry,
  checkPlainLanguage,
  extendGlossary,
  glossaryKey,
  type FindingKind,
} from '../../bot/domain/plain-language/index.js';
import { isDomainError } from '../../bot/domain/errors.js';
import { loadCorpus, scoreCorpus } from '../fixtures/plain-language/score.js';

const found = (text: string, options?: Parameters<typeof checkPlainLanguage>[1]) =>
  checkPlainLanguage(text, options).findings.map((f) => [f.kind, f.match] as [FindingKind, string]);

describe('the shipped glossary', () => {
  it('is valid, has no duplicate terms and about 80 or more entries', () => {
    for (const entry of GLOSSARY) expect(GlossaryEntry.safeParse(entry).success).toBe(true);
    const keys = GLOSSARY.map((e) => glossaryKey(e.term));
    expect(new Set(keys).size).toBe(keys.length);
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(80);
  });
});

describe('checkPlainLanguage rules', () => {
  const cases: { name: string; text: string; expected: [FindingKind, string][] }[] = [
    { name: 'an acronym', text: 'The ICPC is on Monday.', expected: [['acronym', 'ICPC']] },
    { name: 'lower case acronym', text: 'the icpc is on monday', expected: [['acronym', 'icpc']] },
    { name: 'a plural acronym', text: 'Two LACs live there.', expected: [['acronym', 'LACs']] },
    { name: 'a possessive acronym', text: "The CIN's plan.", expected: [['acronym', "CIN's"]] },
    { name: 'a curly possessive', text: 'The CIN’s plan.', expected: [['acronym', 'CIN’s']] },
    { name: 'a plural possessive', text: "The SWs' cars.", expected: [['acronym', "SWs'"]] },
    { name: 'a multi-word term', text: 'Next core group is soon.', expected: [['jargon', 'core group']] },
    { name: 'across a newline', text: 'the core\ngroup met', expected: [['jargon', 'core\ngroup']] },
    { name: 'across a hyphen', text: 'non engagement', expected: [['jargon', 'non engagement']] },
    { name: 's.47', text: 'an s.47 began', expected: [['acronym', 's.47']] },
    { name: 'S 47', text: 'an S 47 began', expected: [['acronym', 'S 47']] },
    {
      name: 'section 47 enquiries',
      text: 'section 47\nenquiries',
      expected: [['jargon', 'section 47\nenquiries']],
    },
    { name: 'the longest term wins', text: 'a CP plan', expected: [['acronym', 'CP plan']] },
    { name: 'whole words only', text: 'LAMPLIGHT, CINEMAS, ICPCs2, xICPC', expected: [] },
    { name: 'LAMP is not LA', text: 'A LAMP course.', expected: [['unknown-acronym', 'LAMP']] },
    { name: 'case-sensitive LA', text: 'La Rochelle, la la', expected: [] },
    { name: 'case-sensitive LA found', text: 'The LA will pay.', expected: [['acronym', 'LA']] },
    { name: 'case-sensitive MASH and EH', text: 'eh, mash it. Eh?', expected: [] },
    { name: 'contact as a verb', text: 'Please contact me.', expected: [] },
    {
      name: 'supervised contact',
      text: 'Supervised contact is weekly.',
      expected: [['jargon', 'Supervised contact']],
    },
    { name: 'looked after as a verb', text: 'Gran looked after Pip.', expected: [] },
    { name: 'May the month and the verb', text: 'In May you may call.', expected: [] },
    { name: 'GP and NHS are everyday words', text: 'See your GP. NHS records.', expected: [] },
    { name: 'unknown acronym', text: 'Logged on LCS.', expected: [['unknown-acronym', 'LCS']] },
    { name: 'unknown plural acronym', text: 'Two PPMs.', expected: [['unknown-acronym', 'PPMs']] },
    { name: 'months, numerals, A&E', text: 'On 3 MAR, Part II, A&E, AT&T.', expected: [] },
    { name: 'shouting is not acronyms', text: 'DO NOT VISIT AFTER SIX', expected: [] },
    { name: 'one-letter capitals', text: 'I saw A and B.', expected: [] },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    expect(found(text)).toEqual(expected);
  });

  it('suggests what to say instead', () => {
    const [f] = checkPlainLanguage('The ICPC is on Monday.').findings;
    expect(f?.suggestion).toBe('Say "initial child protection conference" instead of "ICPC".');
    expect(f?.sentence).toBe('The ICPC is on Monday.');
    const [u] = checkPlainLanguage('Logged on LCS.').findings;
    expect(u?.suggestion).toBe('Write out what "LCS" stands for, or use everyday words.');
  });

  it('reports long sentences, splitting at full stops, blank lines and list items', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Word${i}`).join(' ') + '.';
    const report = checkPlainLanguage(`Short one. ${long} Another short one.`);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'long-sentence',
        match: long,
        start: 11,
        suggestion: 'This sentence has 30 words. Split it into shorter sentences of 25 words or fewer.',
      }),
    ]);
    expect(found(long, { maxSentenceWords: 30 })).toEqual([]);
    const bullets = Array.from({ length: 8 }, () => '- Mum to ring the school each week').join('\n');
    expect(found(bullets)).toEqual([]);
    // "e.g." before a small letter does not end the sentence, so this is one sentence of 31 words.
    const withAbbreviation = `Mum asked for help, e.g. ${long.toLowerCase()}`;
    expect(found(withAbbreviation)).toEqual([['long-sentence', withAbbreviation]]);
  });

  it('keeps offsets in UTF-16 code units with emoji, joiners and combining marks', () => {
    const text = '👨‍👩‍👧 Zoe\u0308 🌈 has a CIN plan; Cafe\u0301 LACs 😊 ICPC';
    for (const f of checkPlainLanguage(text).findings) expect(text.slice(f.start, f.end)).toBe(f.match);
    expect(found(text)).toEqual([
      ['acronym', 'CIN'],
      ['acronym', 'LACs'],
      ['acronym', 'ICPC'],
    ]);
    expect(found('ICPC\u0301 LA\u0308')).toEqual([]);
  });

  it('reads right-to-left text as plain text', () => {
    const text = 'قالت الأم ICPC إنها تريد المساعدة \u200fMASH\u200f';
    const report = checkPlainLanguage(text);
    expect(report.findings.map((f) => text.slice(f.start, f.end))).toEqual(['ICPC', 'MASH']);
  });

  it.each([
    ['HTML', '<script>alert("x")</script><p onclick="LA()">'],
    ['only whitespace', ' \n\t\r\n '],
    ['empty', ''],
    ['lone surrogates', '\ud800 ICPC \udfff'],
    ['regex characters', '(((( [[[ \\ ^$ .* +? {2,} |||'],
    ['long runs of spaces', 'section' + ' '.repeat(100_000) + '47'],
    ['not a string', undefined as unknown as string],
  ])('never throws on %s', (_name, text) => {
    expect(() => checkPlainLanguage(text)).not.toThrow();
  });

  it('checks a very long text with many findings', () => {
    const text = 'The LA and the SW met at the MASH about XYZ. '.repeat(20_000);
    const report = checkPlainLanguage(text);
    expect(report.summary).toEqual({ acronyms: 80_000, jargon: 0, longSentences: 0, total: 80_000 });
  });

  it('counts findings by kind', () => {
    const { summary } = checkPlainLanguage('The LA and XYZ saw the chronology.');
    expect(summary).toEqual({ acronyms: 2, jargon: 1, longSentences: 0, total: 3 });
  });

  it('rejects invalid options as a programming error', () => {
    expect(() => checkPlainLanguage('x', { maxSentenceWords: 0 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('extendGlossary', () => {
  const local = [
    { term: 'MOSAIC', kind: 'acronym', plain: 'the council’s case record system', caseSensitive: true },
    { term: 'ICPC', kind: 'acronym', plain: 'first child protection meeting' },
  ];

  it('adds an authority’s terms and prefers them over the shipped ones', () => {
    const glossary = extendGlossary(GLOSSARY, local);
    expect(glossary).toHaveLength(GLOSSARY.length + 1);
    const report = checkPlainLanguage('Logged on MOSAIC before the ICPC. A mosaic of tiles.', { glossary });
    expect(report.findings.map((f) => [f.match, f.plain])).toEqual([
      ['MOSAIC', 'the council’s case record system'],
      ['ICPC', 'first child protection meeting'],
    ]);
  });

  it.each([
    ['a missing plain', [{ term: 'XYZ', kind: 'acronym' }]],
    ['an unknown kind', [{ term: 'XYZ', kind: 'slang', plain: 'x' }]],
    ['an empty term', [{ term: ' ', kind: 'jargon', plain: 'x' }]],
    ['an unknown field', [{ term: 'XYZ', kind: 'jargon', plain: 'x', colour: 'red' }]],
    ['not a list', { term: 'XYZ' }],
  ])('rejects %s with field details', (_name, entries) => {
    let error: unknown;
    try {
      extendGlossary(GLOSSARY, entries);
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code === 'VALIDATION_FAILED' && error.details.length > 0).toBe(true);
  });
});

describe('the corpus', () => {
  // Raise these when the checker improves; a drop means a regression. Figures from `npx tsx bench/plain-language.ts`.
  it('keeps its precision and recall', () => {
    const score = scoreCorpus(loadCorpus());
    expect({
      expected: score.expected,
      found: score.found,
      missed: score.missed.length,
      falseAlarms: score.falseAlarms.length,
    }).toEqual({ expected: 81, found: 77, missed: 4, falseAlarms: 1 });
  });
});
