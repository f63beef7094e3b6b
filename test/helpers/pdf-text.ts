/** Reads a PDF back with pdf.js, as a reader's viewer would: its pages' text and its metadata. */
export interface PdfRead {
  pageCount: number;
  /** Each page's text, lines joined by spaces and runs of white space collapsed. */
  pages: string[];
  /** All pages. */
  text: string;
  /** Width and height of each page in points. */
  sizes: [number, number][];
  info: Record<string, unknown>;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function readPdf(pdf: Buffer): Promise<PdfRead> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    const sizes: [number, number][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((i) => ('str' in i ? `${i.str}${i.hasEOL ? ' ' : ''}` : '')).join('');
      pages.push(flat(text));
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      sizes.push([x1 - x0, y1 - y0]);
    }
    const { info } = await doc.getMetadata();
    return {
      pageCount: doc.numPages,
      pages,
      text: pages.join(' '),
      sizes,
      info: info as Record<string, unknown>,
    };
  } finally {
    await doc.destroy();
  }
}

/** Normalises a needle the way `readPdf` normalises the text. */
export const asPdfText = flat;
