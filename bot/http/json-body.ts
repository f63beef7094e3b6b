import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/**
 * Reads a JSON request body with a size limit. Our own reader, not restify's bodyParser, so that every
 * bad body gets the same clear error shape and nothing half-parsed reaches a handler.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON with the header Content-Type: application/json.',
    );
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new HttpError(400, 'EMPTY_BODY', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, 'MALFORMED_JSON', `The body is not valid JSON (${(e as Error).message}).`);
  }
}

const tooLarge = (maxBytes: number) =>
  new HttpError(
    413,
    'BODY_TOO_LARGE',
    `The body is larger than ${Math.round(maxBytes / 1024)} KB; send less at a time.`,
  );
