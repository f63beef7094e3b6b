/**
 * The mail port (STYLE.md #4) and the rules every outgoing letter obeys, whichever adapter sends it:
 * the local outbox (bot/graph/local-outbox-mail.ts) or Microsoft Graph.
 */
import { z } from 'zod';
import { DomainError, ErrorCodes } from './errors.js';
import { Email } from './people.js';

/** CR, LF and other control characters would let a value start a header of its own. */
const noControlChars = (s: string) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export const Recipient = z
  .object({
    name: z
      .string()
      .trim()
      .max(100, 'A name can be at most 100 characters.')
      .refine(noControlChars, 'A name cannot contain line breaks or control characters.')
      .optional(),
    email: Email,
  })
  .strict();
export type Recipient = z.infer<typeof Recipient>;

/** Outlook and Exchange cut subjects at 255 characters. */
export const SUBJECT_MAX = 255;

export const MailAttachment = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1, 'Give the attachment a file name.')
      .max(200, 'An attachment’s file name can be at most 200 characters.')
      .refine(
        (s) => noControlChars(s) && !/[\\/]/.test(s),
        'A file name cannot contain slashes or line breaks.',
      ),
    /** A MIME type with optional parameters, e.g. `text/calendar; method=REQUEST`. */
    contentType: z
      .string()
      .trim()
      .regex(
        /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w!#$&^.+-]+=("[^"\r\n]*"|[\w!#$&^.+-]+))*$/,
        'Use a content type like application/pdf.',
      ),
    content: z.union([z.instanceof(Buffer), z.string()]),
  })
  .strict();
export type MailAttachment = z.infer<typeof MailAttachment>;

export const OutgoingMail = z
  .object({
    to: z.array(Recipient).min(1, 'Address the letter to at least one person.').max(100),
    cc: z.array(Recipient).max(100).optional(),
    subject: z
      .string()
      .trim()
      .min(1, 'Give the letter a subject.')
      .max(SUBJECT_MAX, `A subject can be at most ${SUBJECT_MAX} characters.`)
      .refine(noControlChars, 'A subject cannot contain line breaks.'),
    /** The plain-text alternative: some secure mail gateways and screen readers show only this. */
    text: z.string().min(1, 'Give the letter a plain-text version.'),
    html: z.string().min(1, 'Give the letter an HTML version.'),
    attachments: z.array(MailAttachment).max(20).optional(),
    /** Stable key so a retried send never produces a second letter. */
    idempotencyKey: z.string().trim().min(1, 'An idempotency key is required.').max(200),
    /** People who agreed not to be informed (DESIGN.md §1, "after"): never addressed even if listed. */
    excluded: z.array(Email).optional(),
  })
  .strict();
export type OutgoingMail = z.infer<typeof OutgoingMail>;

/** The mail port: Graph and the local outbox implement it. Sending the same idempotency key twice sends once. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

const sameAddress = (a: string) => a.trim().toLowerCase();

/** Removes every excluded person from To and Cc, comparing addresses case-insensitively. Pure. */
export function applyExclusions<M extends Pick<OutgoingMail, 'to' | 'cc' | 'excluded'>>(mail: M): M {
  const excluded = new Set((mail.excluded ?? []).map(sameAddress));
  if (excluded.size === 0) return mail;
  const keep = (r: Recipient) => !excluded.has(sameAddress(r.email));
  return { ...mail, to: mail.to.filter(keep), ...(mail.cc ? { cc: mail.cc.filter(keep) } : {}) };
}

const FIELD_LABELS: Record<string, string> = {
  to: 'To, recipient',
  cc: 'Cc, recipient',
  excluded: 'Excluded, address',
  attachments: 'Attachment',
};

/** "to.2.email" → "To, recipient 3": people count from one; the address itself stays out of the message. */
function describe(path: readonly PropertyKey[]): string {
  const [field, index] = path;
  const label = FIELD_LABELS[String(field)];
  if (label && typeof index === 'number') return `${label} ${index + 1}`;
  const name = String(field ?? 'letter');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Validates a letter and applies the exclusions, so a bad address is refused when the letter is
 * written rather than when it is sent. Throws DomainError VALIDATION_FAILED listing every problem.
 */
export function parseOutgoingMail(input: unknown): OutgoingMail {
  const parsed = OutgoingMail.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: `${describe(i.path)}: ${i.message}`,
    }));
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      `The letter cannot be sent: ${details.map((d) => d.message).join(' ')}`,
      details,
    );
  }
  const mail = applyExclusions(parsed.data);
  // A letter without a To has no one it is written to; Cc alone is not enough.
  if (mail.to.length === 0)
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      'The letter cannot be sent: everyone in To has agreed not to be informed, so nobody is left to send it to.',
      [{ path: 'to', message: 'No recipient is left after exclusions.' }],
    );
  return mail;
}
