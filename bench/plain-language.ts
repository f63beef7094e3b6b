/**
 * The plain-language checker against its corpus, and the time to check a 20,000-character report.
 * Usage: npx tsx bench/plain-language.ts [runs=50]
 */
import { performance } from 'node:perf_hooks';
import { checkPlainLanguage, compileGlossary, GLOSSARY } from '../bot/domain/plain-language/index.js';
import { loadCorpus, scoreCorpus } from '../test/fixtures/plain-language/score.js';

const RUNS = Number(process.argv[2] ?? 50);
const corpus = loadCorpus();

const report = (label: string, passages: typeof corpus) => {
  const s = scoreCorpus(passages);
  console.log(
    `${label}: ${passages.length} passages, ${s.expected} expected findings: found ${s.found}, missed ${s.missed.length}, ` +
      `false alarms ${s.falseAlarms.length}; precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`,
  );
  for (const m of s.missed) console.log(`  missed       ${m.id}: ${m.kind} "${m.match}"`);
  for (const f of s.falseAlarms) console.log(`  false alarm  ${f.id}: ${f.kind} "${f.match}"`);
};
report('corpus', corpus);
// Passages written after the glossary was last changed for the corpus: the fairer figure.
report(
  'held out',
  corpus.filter((p) => p.id.startsWith('holdout-')),
);

// A report-like text: the corpus passages in turn, as paragraphs, cut at 20,000 characters.
let text = '';
for (let i = 0; text.length < 20_000; i++) text += (corpus[i % corpus.length]?.text ?? '') + '\n\n';
text = text.slice(0, 20_000);

let t0 = performance.now();
compileGlossary(GLOSSARY);
const compileMs = performance.now() - t0;
checkPlainLanguage(text); // first call compiles and caches the glossary
const times: number[] = [];
let findings = 0;
for (let i = 0; i < RUNS; i++) {
  t0 = performance.now();
  findings = checkPlainLanguage(text).summary.total;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? NaN;
console.log(
  `20,000-character report (${findings} findings): median ${median.toFixed(2)} ms over ${RUNS} runs, ` +
    `slowest ${times[times.length - 1]?.toFixed(2)} ms; compiling the glossary ${compileMs.toFixed(2)} ms (once)`,
);
