/**
 * Letters and minutes as a short list of blocks (headings, paragraphs, lists, tables), so the HTML,
 * the text part of an email and the PDF say exactly the same thing. Every string here is plain text:
 * each renderer escapes it in its own way.
 */
/** The UK Government Security Classification marking councils put on letters like these. */
export const MARKING = 'OFFICIAL-SENSITIVE';

export type Block =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; caption: string; columns: string[]; widths: number[]; rows: string[][] }
  | { kind: 'notice'; text: string }
  | { kind: 'page-break' };

export interface DocumentModel {
  /** Also the PDF's title: never a name. */
  title: string;
  reference: string;
  blocks: Block[];
}

export const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
