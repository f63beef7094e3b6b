/**
 * The local outbox (DESIGN.md §2, "Real components"): with no Graph credentials, every letter becomes a
 * real RFC 5322 `.eml` file in the outbox folder, which any mail client opens. MIME is built by
 * nodemailer's MailComposer, which composes a message without sending it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Clock } from '../domain/clock.js';
import { parseOutgoingMail, Recipient } from '../domain/mail.js';
import type { MailAttachment, MailSender, OutgoingMail } from '../domain/mail.js';
import { writeAtomically } from './atomic-file.js';

export { listOutbox } from './outbox-list.js';
export type { OutboxEntry } from './outbox-list.js';

export interface LocalOutboxOptions {
  outboxDir: string;
  from: { name: string; email: string };
  clock: Clock;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The Message-ID for an idempotency key: the same key always gives the same id, so a retry is
 * recognisable here and by the recipient's mail system. The Graph adapter should derive it the same way.
 */
export function messageIdFor(idempotencyKey: string, fromEmail: string): string {
  const domain = fromEmail.slice(fromEmail.lastIndexOf('@') + 1);
  return `<${sha256(idempotencyKey).slice(0, 32)}.roundtable@${domain}>`;
}

/** A readable, file-name-safe form of the key; the hash suffix keeps "a/b" and "a-b" apart. */
export function keySlug(idempotencyKey: string): string {
  const readable = idempotencyKey
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const hash = sha256(idempotencyKey).slice(0, 12);
  return readable ? `${readable}-${hash}` : hash;
}

/** ISO 8601 basic format (20260303T101500.123Z): sorts by time and has no colons, which Windows refuses. */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '');
}

/** A text attachment given as a string is written as UTF-8; say so, or readers may guess another charset. */
function contentTypeOf(a: MailAttachment): string {
  const isText = typeof a.content === 'string' && /^text\//i.test(a.contentType);
  return isText && !/;\s*charset=/i.test(a.contentType) ? `${a.contentType}; charset=utf-8` : a.contentType;
}

const toAddress = (r: Recipient) => (r.name ? { name: r.name, address: r.email } : r.email);

async function findSent(outboxDir: string, slug: string): Promise<string | undefined> {
  const files = await readdir(outboxDir);
  return files.find((f) => f.endsWith(`-${slug}.eml`) && !f.startsWith('.'));
}

/** A MailSender that writes `.eml` files into `outboxDir` instead of sending. */
export function createLocalOutboxMail(options: LocalOutboxOptions): MailSender {
  const from = Recipient.parse(options.from);
  const outboxDir = path.resolve(options.outboxDir);
  // Concurrent sends of one key in this process share one write; across restarts the file itself is the record.
  const inFlight = new Map<string, Promise<{ messageId: string }>>();

  async function write(mail: OutgoingMail, slug: string): Promise<{ messageId: string }> {
    const messageId = messageIdFor(mail.idempotencyKey, from.email);
    await mkdir(outboxDir, { recursive: true });
    if (await findSent(outboxDir, slug)) return { messageId };

    const now = options.clock.now();
    const message = await new MailComposer({
      from: toAddress(from),
      to: mail.to.map(toAddress),
      ...(mail.cc?.length ? { cc: mail.cc.map(toAddress) } : {}),
      subject: mail.subject,
      messageId,
      date: now,
      text: mail.text,
      html: mail.html,
      attachments: (mail.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: contentTypeOf(a),
        content: a.content,
        // Base64 for every attachment: the bytes (a PDF, an .ics with CRLF lines) come back exactly.
        contentTransferEncoding: 'base64',
      })),
      newline: 'win', // RFC 5322 lines end in CRLF.
      disableFileAccess: true,
      disableUrlAccess: true,
    })
      .compile()
      .build();

    await writeAtomically(path.join(outboxDir, `${fileTimestamp(now)}-${slug}.eml`), message);
    return { messageId };
  }

  return {
    async send(input) {
      // Validation and exclusions first: a refused letter leaves no trace in the outbox.
      const mail = parseOutgoingMail(input);
      const slug = keySlug(mail.idempotencyKey);
      const pending = inFlight.get(slug);
      if (pending) return pending;
      const attempt = write(mail, slug).finally(() => inFlight.delete(slug));
      inFlight.set(slug, attempt);
      return attempt;
    },
  };
}
