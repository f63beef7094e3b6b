/** Reads the local outbox back: what `npm run outbox` and the tab's outbox list show. */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';

export interface OutboxEntry {
  /** File name inside the outbox folder. */
  file: string;
  subject: string;
  /** Addresses in the To header. */
  to: string[];
  /** When the letter was written, ISO 8601. */
  date: string;
}

/** Headers sit at the top of the file; 64 KiB covers them without reading attachments. */
const HEADER_BYTES = 64 * 1024;

async function readHeaderBlock(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    const end = text.search(/\r?\n\r?\n/);
    return end === -1 ? text : text.slice(0, end);
  } finally {
    await handle.close();
  }
}

/** Unfolds continuation lines (RFC 5322 §2.2.3) and returns the first value of each header, by lower-case name. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as MailComposer writes non-ASCII text. */
export function decodeEncodedWords(value: string): string {
  // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(
    /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
    (word, charset: string, encoding: string, data: string) => {
      let bytes: Buffer;
      if (encoding.toUpperCase() === 'B') bytes = Buffer.from(data, 'base64');
      else
        bytes = Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        );
      try {
        return new TextDecoder(charset.split('*')[0]).decode(bytes);
      } catch {
        return word; // An unknown charset stays as written rather than hiding the letter.
      }
    },
  );
}

/** Our file names start with the write time to the millisecond (see fileTimestamp in local-outbox-mail.ts). */
function timestampOf(file: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z-/.exec(file);
  if (!m) return undefined;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

function recipients(header: string | undefined): string[] {
  if (!header) return [];
  return addressparser(header, { flatten: true })
    .map((a) => a.address)
    .filter(Boolean);
}

/** Every `.eml` letter in the outbox, newest first; an outbox that does not exist yet is empty. */
export async function listOutbox(outboxDir: string): Promise<OutboxEntry[]> {
  let files: string[];
  try {
    files = (await readdir(outboxDir)).filter((f) => f.endsWith('.eml') && !f.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries = await Promise.all(
    files.map(async (file): Promise<OutboxEntry> => {
      const full = path.join(outboxDir, file);
      const headers = parseHeaders(await readHeaderBlock(full));
      // The file name's millisecond timestamp, else the Date header (whole seconds), else the file's own time.
      const header = new Date(headers.get('date') ?? '');
      const date = timestampOf(file) ?? (Number.isNaN(header.getTime()) ? (await stat(full)).mtime : header);
      return {
        file,
        subject: decodeEncodedWords(headers.get('subject') ?? ''),
        to: recipients(headers.get('to')),
        date: date.toISOString(),
      };
    }),
  );
  return entries.sort((a, b) => b.date.localeCompare(a.date) || b.file.localeCompare(a.file));
}
