/**
 * The letter, the outline plan and the minutes as A4 PDFs (pdfkit). DejaVu Sans is embedded so that
 * accents, Welsh, Polish, Greek, Cyrillic, Hebrew and Arabic letters print as typed; emoji outside the
 * font print as an empty box but stay in the text layer. Every page carries the security marking, the
 * conference reference and its page number. The PDF's metadata holds only a title with no name in it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { DecisionLetter } from '../domain/after-conference/decision-letter.js';
import type { MinutesCopy } from '../domain/after-conference/minutes.js';
import { MARKING } from './blocks.js';
import type { Block, DocumentModel } from './blocks.js';
import { letterDocument, minutesDocument } from './document-html.js';
import { planBlocks } from './letter-blocks.js';

const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const INK = '#0b0c0c';
const RULE = '#b1b4b6';
const SHADE = '#f3f2f1';
const BLUE = '#1d70b8';
const MARGIN = { top: 64, bottom: 64, left: 56, right: 56 };
const BODY = 10.5;
const SMALL = 9;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 11.5 } as const;
const PAD = 4;

type Doc = InstanceType<typeof PDFDocument>;

const width = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;
/** Starts a new page unless `height` fits below the cursor. */
const room = (doc: Doc, height: number) => {
  if (doc.y + height > bottom(doc)) doc.addPage();
};

function fields(doc: Doc, rows: [string, string][]) {
  const labelW = 200;
  const valueW = width(doc) - labelW;
  for (const [label, value] of rows) {
    doc.fontSize(BODY);
    const h = Math.max(
      doc.font('bold').heightOfString(label, { width: labelW - 8 }),
      doc.font('body').heightOfString(value || ' ', { width: valueW }),
    );
    room(doc, h);
    const y = doc.y;
    doc.font('bold').text(label, MARGIN.left, y, { width: labelW - 8 });
    doc.font('body').text(value || ' ', MARGIN.left + labelW, y, { width: valueW });
    doc.x = MARGIN.left;
    doc.y = y + h + 3;
  }
  doc.moveDown(0.4);
}

function table(doc: Doc, b: Extract<Block, { kind: 'table' }>) {
  const total = width(doc);
  const widths = b.widths.map((w) => w * total);
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(SMALL);
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * PAD }))) +
      2 * PAD
    );
  };
  const row = (cells: string[], font: string, fill?: string) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    let x = MARGIN.left;
    if (fill) doc.rect(x, y, total, h).fill(fill);
    cells.forEach((c, i) => {
      const w = widths[i] ?? 0;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke(RULE);
      doc
        .fillColor(INK)
        .font(font)
        .fontSize(SMALL)
        .text(c, x + PAD, y + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  const header = () => row(b.columns, 'bold', SHADE);
  // The caption repeats the heading above every table, so the PDF shows the heading alone.
  room(doc, heightOf(b.columns, 'bold') + heightOf(b.rows[0] ?? [], 'body'));
  header();
  for (const cells of b.rows) {
    const h = heightOf(cells, 'body');
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      header();
    }
    row(cells, 'body');
  }
  doc.moveDown(0.8);
}

function block(doc: Doc, b: Block) {
  doc.fillColor(INK);
  switch (b.kind) {
    case 'heading':
      // Keep a heading with at least a few lines of what follows it.
      room(doc, HEADING_SIZE[b.level] * 2 + 40);
      if (b.level < 3) doc.moveDown(0.4);
      doc
        .font('bold')
        .fontSize(HEADING_SIZE[b.level])
        .text(b.text, MARGIN.left, doc.y, { width: width(doc) });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc
        .font('body')
        .fontSize(BODY)
        .text(b.text, MARGIN.left, doc.y, { width: width(doc) });
      doc.moveDown(0.5);
      return;
    case 'list':
      doc.font('body').fontSize(BODY);
      for (const item of b.items) {
        room(doc, 14);
        const y = doc.y;
        doc.text('•', MARGIN.left + 4, y, { width: 12 });
        doc.text(item, MARGIN.left + 18, y, { width: width(doc) - 18 });
        doc.moveDown(0.25);
      }
      doc.x = MARGIN.left;
      doc.moveDown(0.3);
      return;
    case 'fields':
      return fields(doc, b.rows);
    case 'table':
      return table(doc, b);
    case 'notice': {
      doc.font('bold').fontSize(BODY);
      const h = doc.heightOfString(b.text, { width: width(doc) - 24 }) + 12;
      room(doc, h);
      const y = doc.y;
      doc.rect(MARGIN.left, y, width(doc), h).fill(SHADE);
      doc.rect(MARGIN.left, y, 5, h).fill(BLUE);
      doc.fillColor(INK).text(b.text, MARGIN.left + 16, y + 6, { width: width(doc) - 24 });
      doc.x = MARGIN.left;
      doc.y = y + h;
      doc.moveDown(0.6);
      return;
    }
    case 'page-break':
      doc.addPage();
      return;
  }
}

/** Marking and reference on top, marking and "Page n of N" at the foot of every page. */
function furniture(doc: Doc, reference: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not start new pages.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const w = doc.page.width - MARGIN.left - MARGIN.right;
    const footY = doc.page.height - MARGIN.bottom + 24;
    doc.fillColor(INK).font('bold').fontSize(SMALL);
    doc.text(MARKING, MARGIN.left, 28, { width: w, align: 'left', lineBreak: false });
    doc
      .font('body')
      .text(`Reference ${reference}`, MARGIN.left, 28, { width: w, align: 'right', lineBreak: false });
    doc.font('bold').text(MARKING, MARGIN.left, footY, { width: w, align: 'left', lineBreak: false });
    doc.font('body').text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, footY, {
      width: w,
      align: 'right',
      lineBreak: false,
    });
  }
}

export function documentPdf(model: DocumentModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: model.title },
  });
  doc.registerFont('body', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('body');
  for (const b of model.blocks) block(doc, b);
  furniture(doc, model.reference);
  doc.end();
  return done;
}

/** The outline plan alone, as sent with the decision letter (seed 003 §4.3). */
export const outlinePlanPdf = (letter: DecisionLetter): Promise<Buffer> =>
  documentPdf({ title: letter.plan.title, reference: letter.reference, blocks: planBlocks(letter.plan) });

/** The letter, followed by the outline plan on its own page. */
export const letterPdf = (letter: DecisionLetter, recipientName?: string): Promise<Buffer> =>
  documentPdf(letterDocument(letter, recipientName));

export const minutesPdf = (copy: MinutesCopy): Promise<Buffer> => documentPdf(minutesDocument(copy));
