/**
 * Sample documents for the README: the decision letter (HTML and PDF), the outline plan, the full
 * minutes and the family's copy of the minutes for the fictional Sample family, whose record (built
 * by folding real record events) includes a restricted part. Page 1 of each PDF is rendered with
 * pdf.js in Debian's Chromium to a PNG beside it. Writes docs/after/. Usage: npm run docs:documents
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  DEFAULT_AUTHORITY_LETTER,
  draftDecisionLetter,
} from '../bot/domain/after-conference/decision-letter.js';
import { draftMinutes, minutesCopyFor } from '../bot/domain/after-conference/minutes.js';
import { letterHtml } from '../bot/documents/document-html.js';
import { letterPdf, minutesPdf, outlinePlanPdf } from '../bot/documents/document-pdf.js';
import { blockNonLocalRequests, launchChromium } from '../test/helpers/browser.js';
import { ROBIN_ID, sampleConference, sampleDeadlines, sampleRecord } from '../test/fakes/record-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs', 'after');
const PDFJS = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** A host that never resolves: every request to it is answered by the route below. */
const HOST = 'http://documents.invalid';

const VIEWER = `<!doctype html><html><body style="margin:0;background:#fff">
<canvas id="page"></canvas>
<script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
const data = new Uint8Array(await (await fetch('/document.pdf')).arrayBuffer());
const pdf = await pdfjs.getDocument({ data }).promise;
const page = await pdf.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvas = document.getElementById('page');
canvas.width = viewport.width;
canvas.height = viewport.height;
await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
document.body.dataset.rendered = 'yes';
</script></body></html>`;

async function renderFirstPage(pdf: Buffer, png: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1270 } });
    await blockNonLocalRequests(page);
    const files: Record<string, [string, Buffer | string]> = {
      '/': ['text/html', VIEWER],
      '/pdf.mjs': ['text/javascript', await readFile(path.join(PDFJS, 'build', 'pdf.mjs'))],
      '/pdf.worker.mjs': ['text/javascript', await readFile(path.join(PDFJS, 'build', 'pdf.worker.mjs'))],
      '/document.pdf': ['application/pdf', pdf],
    };
    await page.route(`${HOST}/**`, (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file
        ? route.fulfill({ status: 200, contentType: file[0], body: file[1] })
        : route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${HOST}/`);
    await page.waitForSelector('body[data-rendered="yes"]', { timeout: 30_000 });
    await page.locator('#page').screenshot({ path: png });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const conference = sampleConference();
  const record = sampleRecord(conference);
  const deadlines = sampleDeadlines(conference);
  const letter = draftDecisionLetter({ conference, record, deadlines, authority: DEFAULT_AUTHORITY_LETTER });
  const minutes = draftMinutes(conference, record, deadlines);
  const write = async (name: string, content: string | Buffer) => {
    await writeFile(path.join(OUT, name), content);
    console.log(`wrote docs/after/${name}`);
  };
  await write('decision-letter.html', letterHtml(letter));
  const pdfs: [string, Buffer][] = [
    ['decision-letter', await letterPdf(letter)],
    ['outline-plan', await outlinePlanPdf(letter)],
    ['minutes-full', await minutesPdf(minutesCopyFor(minutes, { personId: 'chair', role: 'chair' }))],
    [
      'minutes-family-copy',
      await minutesPdf(minutesCopyFor(minutes, { personId: ROBIN_ID, role: 'family' })),
    ],
  ];
  for (const [name, pdf] of pdfs) {
    await write(`${name}.pdf`, pdf);
    await renderFirstPage(pdf, path.join(OUT, `${name}.png`));
    console.log(`wrote docs/after/${name}.png`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
