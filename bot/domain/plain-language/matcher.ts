import type { GlossaryEntry } from './glossary.js';

/** A glossary term found in a text: offsets are UTF-16 code units, `end` exclusive. */
export interface TermMatch {
  entry: GlossaryEntry;
  start: number;
  end: number;
}

interface Compiled {
  /** One capturing group per spelling; groups[i] is the entry for capture i + 1. */
  regex: RegExp;
  groups: GlossaryEntry[];
}

// Letters, digits and combining marks make up a word, so "LA" never matches inside "LAMP" or "LÁ".
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}\p{M}_])`;
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}\p{M}_])`;
// Plural and possessive endings: "LACs", "CIN's", "SWs'". Bounded quantifiers keep matching linear.
const ENDING = String.raw`(?:['’]s|s['’]?)?`;
const SPACE = String.raw`(?:\s{1,10}|\s{0,3}[-‐‑–—]\s{0,3})`;
const HYPHEN = String.raw`(?:\s{0,3}[-‐‑–—]\s{0,3}|\s{1,10}|)`;
const LETTER_THEN_DIGIT = String.raw`(?:\.\s{0,2}|\s{1,2})?`;

/** A spelling as a regex source: "s47" also matches "s.47" and "s 47"; "non-engagement" also "non engagement". */
export function termPattern(term: string): string {
  let out = '';
  const chars = [...term.trim()];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const next = chars[i + 1] ?? '';
    if (/\s/u.test(c)) {
      while (/\s/u.test(chars[i + 1] ?? '')) i++;
      out += SPACE;
    } else if (/[-‐‑–—]/u.test(c)) out += HYPHEN;
    else if (c === '.') out += String.raw`\.?`;
    else if (c === "'" || c === '’') out += `['’]`;
    else out += c.replace(/[\\^$*+?()[\]{}|/]/g, '\\$&');
    if (/\p{L}/u.test(c) && /\p{N}/u.test(next)) out += LETTER_THEN_DIGIT;
  }
  return out;
}

function compile(entries: readonly GlossaryEntry[], flags: string): Compiled | null {
  const spellings = entries.flatMap((entry) =>
    [entry.term, ...(entry.variants ?? [])].map((s) => ({ s, entry })),
  );
  if (spellings.length === 0) return null;
  // Longest first, so at any position "CP plan" wins over "CP" and "section 47 enquiries" over "section 47".
  spellings.sort((a, b) => b.s.length - a.s.length);
  const alternatives = spellings.map(({ s }) => `(${termPattern(s)})`).join('|');
  return {
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${alternatives})${ENDING}${NOT_BEFORE_WORD}`, flags),
    groups: spellings.map(({ entry }) => entry),
  };
}

export interface GlossaryMatcher {
  find(text: string): TermMatch[];
}

function run(compiled: Compiled | null, text: string, out: TermMatch[]): void {
  if (!compiled) return;
  for (const m of text.matchAll(compiled.regex)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const entry = compiled.groups[group - 1];
    if (entry && m[0].length > 0) out.push({ entry, start: m.index, end: m.index + m[0].length });
  }
}

/** Compiles a glossary once: case-sensitive entries need their own regex (no inline flags in Node 20). */
export function compileGlossary(entries: readonly GlossaryEntry[]): GlossaryMatcher {
  const sensitive = compile(
    entries.filter((e) => e.caseSensitive),
    'gu',
  );
  const insensitive = compile(
    entries.filter((e) => !e.caseSensitive),
    'giu',
  );
  return {
    find(text) {
      const all: TermMatch[] = [];
      run(sensitive, text, all);
      run(insensitive, text, all);
      // Leftmost, then longest; a match inside an earlier one is dropped.
      all.sort((a, b) => a.start - b.start || b.end - a.end);
      const kept: TermMatch[] = [];
      for (const m of all) {
        const last = kept[kept.length - 1];
        if (!last || m.start >= last.end) kept.push(m);
      }
      return kept;
    },
  };
}

const cache = new WeakMap<readonly GlossaryEntry[], GlossaryMatcher>();

/** The compiled matcher for a glossary array, built on first use (compiling takes longer than checking). */
export function matcherFor(entries: readonly GlossaryEntry[]): GlossaryMatcher {
  let matcher = cache.get(entries);
  if (!matcher) {
    matcher = compileGlossary(entries);
    cache.set(entries, matcher);
  }
  return matcher;
}
