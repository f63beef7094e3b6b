import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/**
 * Reads an `application/x-www-form-urlencoded` body (what an HTML form posts) with a size limit.
 * Browsers send UTF-8 for a page declared UTF-8; bytes that are not UTF-8 become U+FFFD, never NUL.
 */
export async function readFormBody(req: IncomingMessage, maxBytes: number): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded.');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const tooLarge = (maxBytes: number) =>
  new HttpError(413, 'BODY_TOO_LARGE', `The form is larger than ${Math.round(maxBytes / 1024)} KB.`);
