/**
 * The letter and the minutes as an email body: HTML that Outlook shows as written (inline styles,
 * tables for layout, no script, no external image) and a plain-text part with the same words.
 * Every piece of text goes through the one escaper; `dir="auto"` lets a line typed in a right-to-left
 * script display the right way round.
 */
import type { DecisionLetter } from '../domain/after-conference/decision-letter.js';
import type { MinutesCopy } from '../domain/after-conference/minutes.js';
import { escapeHtml as e } from '../http/html.js';
import { MARKING } from './blocks.js';
import type { Block, DocumentModel } from './blocks.js';
import { letterBlocks } from './letter-blocks.js';
import { minutesBlocks } from './minutes-blocks.js';

const FONT = 'font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;';
const CELL = `${FONT}border:1px solid #b1b4b6;padding:6px 8px;text-align:left;vertical-align:top;font-size:15px;`;
const HEADING_SIZE = { 1: '26px', 2: '20px', 3: '17px' } as const;

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} style="${FONT}font-size:${HEADING_SIZE[b.level]};margin:24px 0 8px;">${e(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p dir="auto" style="${FONT}margin:0 0 12px;">${e(b.text)}</p>`;
    case 'list':
      return `<ul style="${FONT}margin:0 0 12px;padding-left:24px;">${b.items
        .map((i) => `<li dir="auto" style="margin:0 0 6px;">${e(i)}</li>`)
        .join('')}</ul>`;
    case 'fields':
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 12px;">${b.rows
        .map(
          ([k, v]) =>
            `<tr><th scope="row" style="${FONT}padding:2px 16px 2px 0;text-align:left;vertical-align:top;">${e(k)}</th>` +
            `<td dir="auto" style="${FONT}padding:2px 0;vertical-align:top;">${e(v)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'table':
      return (
        // Named for screen readers; the heading above already shows the name.
        `<table aria-label="${e(b.caption)}" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:0 0 16px;">` +
        `<thead><tr>${b.columns.map((c) => `<th scope="col" style="${CELL}background:#f3f2f1;">${e(c)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows
          .map((r) => `<tr>${r.map((c) => `<td dir="auto" style="${CELL}">${e(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      );
    case 'notice':
      return `<p style="${FONT}margin:0 0 16px;padding:8px 12px;border-left:6px solid #1d70b8;background:#f3f2f1;font-weight:bold;">${e(b.text)}</p>`;
    case 'page-break':
      return '<hr style="border:0;border-top:2px solid #b1b4b6;margin:32px 0;">';
  }
}

const marking = `<p style="${FONT}margin:0 0 16px;font-size:14px;font-weight:bold;letter-spacing:1px;">${MARKING}</p>`;

export function documentHtml(doc: DocumentModel): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<div style="${FONT}max-width:760px;margin:0 auto;padding:24px;font-size:16px;line-height:1.5;">
${marking}
${doc.blocks.map(blockHtml).join('\n')}
${marking}
</div>
</body>
</html>
`;
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      const text = b.level === 1 ? b.text.toUpperCase() : b.text;
      return b.level === 3 ? text : `${text}\n${(b.level === 1 ? '=' : '-').repeat([...text].length)}`;
    }
    case 'paragraph':
      return b.text;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'fields':
      return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    case 'table':
      return b.rows
        .map((r) =>
          r
            .map((c, i) => (c ? `${i === 0 ? '- ' : '  '}${b.columns[i]}: ${c}` : ''))
            .filter(Boolean)
            .join('\n'),
        )
        .join('\n');
    case 'notice':
      return `[ ${b.text} ]`;
    case 'page-break':
      return '* * *';
  }
}

export const documentText = (doc: DocumentModel): string =>
  `${MARKING}\n\n${doc.blocks.map(blockText).join('\n\n')}\n\n${MARKING}\n`;

export const letterDocument = (letter: DecisionLetter, recipientName?: string): DocumentModel => ({
  title: 'Decision of the child protection conference',
  reference: letter.reference,
  blocks: letterBlocks(letter, recipientName),
});

export const minutesDocument = (copy: MinutesCopy): DocumentModel => ({
  title: 'Record of the child protection conference',
  reference: copy.reference,
  blocks: minutesBlocks(copy),
});

export const letterHtml = (letter: DecisionLetter, recipientName?: string): string =>
  documentHtml(letterDocument(letter, recipientName));
export const letterText = (letter: DecisionLetter, recipientName?: string): string =>
  documentText(letterDocument(letter, recipientName));
export const minutesHtml = (copy: MinutesCopy): string => documentHtml(minutesDocument(copy));
export const minutesText = (copy: MinutesCopy): string => documentText(minutesDocument(copy));
