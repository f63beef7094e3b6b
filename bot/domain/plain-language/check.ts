import { z } from 'zod';
import { DomainError } from '../errors.js';
import { GLOSSARY, type GlossaryEntry } from './glossary.js';
import { matcherFor } from './matcher.js';
import { countWords, sentenceAt, splitSentences, type SentenceSpan } from './sentences.js';
import { findUnknownAcronyms } from './unknown-acronyms.js';

export type FindingKind = 'acronym' | 'jargon' | 'long-sentence' | 'unknown-acronym';

/** Something to rephrase. Offsets are UTF-16 code units into the text as given (`end` exclusive). */
export interface Finding {
  kind: FindingKind;
  /** The text as written, e.g. "LACs" or the whole long sentence. */
  match: string;
  start: number;
  end: number;
  /** A sentence the writer can act on. */
  suggestion: string;
  /** The sentence the match is in, for showing it in context. */
  sentence?: string;
  /** The glossary entry's plain words, for acronym and jargon findings. */
  plain?: string;
}

export interface PlainLanguageReport {
  findings: Finding[];
  /** `acronyms` counts known and unknown acronyms together. */
  summary: { acronyms: number; jargon: number; longSentences: number; total: number };
}

/** Seed 003 §2.9 asks for clear language; 25 words is a common plain-English ceiling for one sentence. */
export const CheckOptions = z
  .object({
    maxSentenceWords: z.number().int().min(5).max(200).default(25),
  })
  .strict();
export type CheckOptionsInput = z.input<typeof CheckOptions> & { glossary?: readonly GlossaryEntry[] };

/**
 * Finds jargon, acronyms and long sentences in text people wrote (reports, grid entries, plan actions).
 * It advises and never blocks: any string is accepted, including HTML, Markdown, emoji and right-to-left
 * text, all read as plain text. Throws only for invalid options, which is a programming error.
 */
export function checkPlainLanguage(text: string, options: CheckOptionsInput = {}): PlainLanguageReport {
  const { glossary = GLOSSARY, ...rest } = options;
  const parsed = CheckOptions.safeParse(rest);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', 'The plain-language options are not valid.', [
      ...parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    ]);
  }
  const input = typeof text === 'string' ? text : '';
  const sentences = splitSentences(input);
  const inSentence = (offset: number) => {
    const s = sentences[sentenceAt(sentences, offset)];
    return s ? input.slice(s.start, s.end) : undefined;
  };

  const findings: Finding[] = [];
  const terms = matcherFor(glossary).find(input);
  for (const { entry, start, end } of terms) {
    const match = input.slice(start, end);
    const tip = entry.tip ? ` ${entry.tip}` : '';
    findings.push({
      kind: entry.kind,
      match,
      start,
      end,
      suggestion: `Say "${entry.plain}" instead of "${oneLine(match)}".${tip}`,
      sentence: inSentence(start),
      plain: entry.plain,
    });
  }
  let t = 0;
  for (const u of findUnknownAcronyms(input)) {
    // Both lists are in text order, so one walk finds any term match overlapping this token.
    while (t < terms.length && (terms[t]?.end ?? 0) <= u.start) t++;
    if ((terms[t]?.start ?? Infinity) < u.end) continue;
    findings.push({
      kind: 'unknown-acronym',
      match: input.slice(u.start, u.end),
      start: u.start,
      end: u.end,
      suggestion: `Write out what "${u.letters}" stands for, or use everyday words.`,
      sentence: inSentence(u.start),
    });
  }
  findings.push(...longSentences(input, sentences, parsed.data.maxSentenceWords));

  // By position; a long sentence comes before the terms inside it.
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const count = (...kinds: FindingKind[]) => findings.filter((f) => kinds.includes(f.kind)).length;
  return {
    findings,
    summary: {
      acronyms: count('acronym', 'unknown-acronym'),
      jargon: count('jargon'),
      longSentences: count('long-sentence'),
      total: findings.length,
    },
  };
}

function longSentences(text: string, sentences: readonly SentenceSpan[], max: number): Finding[] {
  const out: Finding[] = [];
  for (const { start, end } of sentences) {
    const sentence = text.slice(start, end);
    const words = countWords(sentence);
    if (words <= max) continue;
    out.push({
      kind: 'long-sentence',
      match: sentence,
      start,
      end,
      suggestion: `This sentence has ${words} words. Split it into shorter sentences of ${max} words or fewer.`,
      sentence,
    });
  }
  return out;
}

const oneLine = (s: string) => s.replace(/\s+/gu, ' ');
