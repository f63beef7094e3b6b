/** A sentence's span in the original text, trimmed of surrounding space; `end` exclusive. */
export interface SentenceSpan {
  start: number;
  end: number;
}

// A sentence ends at . ! ? … (with any closing quote or bracket) before a space or the end; at a blank
// line; or at a line break before a list item, so one-line grid entries and bullets are not run together.
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s|$)|\n[^\S\n]*(?=\n)|\n(?=[^\S\n]*(?:[-*•‣◦–]|\d{1,3}[.)])\s)/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
const NEXT_VISIBLE = /\S/gu;

/** Splits text into sentences; every non-space character belongs to exactly one sentence. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let from = 0;
  const push = (to: number) => {
    const span = trim(text, from, to);
    if (span) spans.push(span);
    from = to;
  };
  for (const m of text.matchAll(BOUNDARY)) {
    const to = m.index + m[0].length;
    // "e.g. the school" or "Mr. Sample said": a full stop before a small letter does not end a sentence.
    if (/[.!?…]/u.test(m[0][0] ?? '')) {
      NEXT_VISIBLE.lastIndex = to;
      const next = NEXT_VISIBLE.exec(text);
      if (next && /\p{Ll}/u.test(next[0])) continue;
    }
    push(to);
  }
  push(text.length);
  return spans;
}

function trim(text: string, start: number, end: number): SentenceSpan | null {
  while (start < end && /\s/u.test(text[start] ?? '')) start++;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : null;
}

/** Words as a reader counts them: "Pip's", "co-parent" and "20" are one word each; emoji are not words. */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/** Index of the sentence containing `offset` (binary search over ordered spans), or -1. */
export function sentenceAt(spans: readonly SentenceSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
