/**
 * How long the documents after a conference take to make, for the fictional Sample family's record:
 * the decision letter drafted and rendered (HTML, text, the outline plan PDF) and the minutes drafted
 * with one person's copy as a PDF, as the outbox does for each recipient. Prints the median and p95 of
 * N runs after a warm-up, and the PDF sizes.
 * Usage: npm run bench:documents -- [runs=50]
 */
import {
  draftDecisionLetter,
  DEFAULT_AUTHORITY_LETTER,
} from '../bot/domain/after-conference/decision-letter.js';
import { draftMinutes, minutesCopyFor } from '../bot/domain/after-conference/minutes.js';
import { letterHtml, letterText, minutesHtml } from '../bot/documents/document-html.js';
import { minutesPdf, outlinePlanPdf } from '../bot/documents/document-pdf.js';
import { ROBIN_ID, sampleConference, sampleDeadlines, sampleRecord } from '../test/fakes/record-fixture.js';
import { quantile } from './stats.js';

const RUNS = Number(process.argv[2] ?? 50);
const conference = sampleConference();
const record = sampleRecord(conference);
const deadlines = sampleDeadlines(conference);

async function letter(): Promise<number> {
  const l = draftDecisionLetter({ conference, record, deadlines, authority: DEFAULT_AUTHORITY_LETTER });
  letterHtml(l, 'Robin Sample');
  letterText(l, 'Robin Sample');
  return (await outlinePlanPdf(l)).length;
}

async function minutes(): Promise<number> {
  const copy = minutesCopyFor(draftMinutes(conference, record, deadlines), {
    personId: ROBIN_ID,
    role: 'family',
  });
  minutesHtml(copy);
  return (await minutesPdf(copy)).length;
}

async function time(name: string, run: () => Promise<number>): Promise<void> {
  for (let i = 0; i < 3; i++) await run(); // fonts parsed and code warmed once
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = await run();
    times.push(performance.now() - start);
  }
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `${name}: median ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))} over ${RUNS} runs; PDF ${(bytes / 1024).toFixed(1)} KB`,
  );
}

await time('Decision letter with the outline plan PDF', letter);
await time('Minutes, the family’s copy as PDF', minutes);
