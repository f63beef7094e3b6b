/**
 * The mail port over Microsoft Graph: POST /users/{mailbox}/sendMail. sendMail is not idempotent and
 * answers 202 with no id, so each letter carries an internetMessageId derived from its idempotency key
 * (the same one the local outbox uses) and the mailbox is searched for it before any send: a retried
 * job, or a send whose fate was unknown, never produces a second letter.
 *
 * Graph takes one body, so the letter goes as HTML and its plain-text version is not sent.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import { parseOutgoingMail } from '../domain/mail.js';
import type { MailAttachment, MailSender, OutgoingMail, Recipient } from '../domain/mail.js';
import type { Logger } from '../logger.js';
import { isGraphError } from './graph-errors.js';
import { messageIdFor } from './local-outbox-mail.js';

export interface GraphMailOptions {
  client: Client;
  /** The organiser mailbox letters are sent from (GRAPH_ORGANISER_MAILBOX). */
  mailbox: string;
  logger: Logger;
  /** After an unknown outcome, how often to look for the letter: Sent Items fills in a few seconds later. */
  sentCheck?: { attempts: number; delayMs: number };
  sleep?: (ms: number) => Promise<void>;
}

/** The header that carries the idempotency key, for people reading the letter's source. */
export const KEY_HEADER = 'X-Roundtable-Key';
/** A JSON sendMail request is limited to 4 MB; base64 makes attachments a third larger. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

const toRecipient = (r: Recipient) => ({
  emailAddress: { address: r.email, ...(r.name ? { name: r.name } : {}) },
});

function toAttachment(a: MailAttachment) {
  const isText = typeof a.content === 'string' && /^text\//i.test(a.contentType);
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: a.filename,
    // A text attachment given as a string is sent as UTF-8; say so, as the outbox does.
    contentType:
      isText && !/;\s*charset=/i.test(a.contentType) ? `${a.contentType}; charset=utf-8` : a.contentType,
    contentBytes: Buffer.from(a.content).toString('base64'),
  };
}

/** Header values must be printable ASCII; a key with anything else is percent-encoded. */
const headerValue = (key: string) => (/^[\x20-\x7e]*$/.test(key) ? key : encodeURIComponent(key));

/** The sendMail request body for a parsed letter (exclusions already applied). */
export function sendMailBody(mail: OutgoingMail, internetMessageId: string) {
  return {
    message: {
      subject: mail.subject,
      // The contract's enum is lower case (contracts README §1.4); Graph reads it case-insensitively.
      body: { contentType: 'html', content: mail.html },
      toRecipients: mail.to.map(toRecipient),
      ...(mail.cc?.length ? { ccRecipients: mail.cc.map(toRecipient) } : {}),
      ...(mail.attachments?.length ? { attachments: mail.attachments.map(toAttachment) } : {}),
      internetMessageId,
      internetMessageHeaders: [{ name: KEY_HEADER, value: headerValue(mail.idempotencyKey) }],
    },
    saveToSentItems: true,
  };
}

/** A MailSender that sends through Graph from one mailbox. */
export function createGraphMail(options: GraphMailOptions): MailSender {
  const { client, logger } = options;
  const mailboxPath = `/users/${encodeURIComponent(options.mailbox)}`;
  const sentCheck = options.sentCheck ?? { attempts: 3, delayMs: 2000 };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const inFlight = new Map<string, Promise<{ messageId: string }>>();

  /**
   * Searches every folder (a letter still in the Outbox counts). This endpoint is outside the
   * contract subset (shared/contracts README §1.1); it needs Mail.ReadBasic.All.
   */
  async function isInMailbox(messageId: string): Promise<boolean> {
    const filter = `internetMessageId eq '${messageId.replace(/'/g, "''")}'`;
    const found = (await client
      .api(`${mailboxPath}/messages`)
      // The SDK does not encode query values; the id holds <, > and @.
      .filter(encodeURIComponent(filter))
      .select('id,internetMessageId')
      .top(1)
      .get()) as { value?: { internetMessageId?: string }[] };
    return (found.value ?? []).some((m) => m.internetMessageId === messageId);
  }

  async function lookAfterUnknownOutcome(messageId: string): Promise<boolean> {
    for (let i = 1; i <= sentCheck.attempts; i++) {
      if (await isInMailbox(messageId)) return true;
      if (i < sentCheck.attempts) await sleep(sentCheck.delayMs * i);
    }
    return false;
  }

  const post = (body: ReturnType<typeof sendMailBody>) => client.api(`${mailboxPath}/sendMail`).post(body);

  async function deliver(mail: OutgoingMail): Promise<{ messageId: string }> {
    const messageId = messageIdFor(mail.idempotencyKey, options.mailbox);
    const body = sendMailBody(mail, messageId);
    if (Buffer.byteLength(JSON.stringify(body)) > MAX_REQUEST_BYTES)
      throw new DomainError(
        ErrorCodes.VALIDATION_FAILED,
        'The letter cannot be sent: together its attachments are too large for Microsoft Graph (4 MB).',
        [{ path: 'attachments', message: 'Attachments too large.' }],
      );
    // A previous attempt (another process, a crash after sending) may have sent it already.
    if (await isInMailbox(messageId)) {
      logger.info({ graph: { mail: 'already-sent' } }, 'Letter found in the mailbox; not sent again');
      return { messageId };
    }
    try {
      await post(body);
    } catch (err) {
      if (!isGraphError(err) || err.code !== 'UNKNOWN_OUTCOME') throw err;
      logger.warn(
        { graph: { status: err.status, requestId: err.requestId } },
        'sendMail outcome unknown; checking',
      );
      if (await lookAfterUnknownOutcome(messageId)) return { messageId };
      // Not there after waiting: send once more. A second unknown outcome goes to the caller, whose
      // next attempt checks the mailbox first again.
      await post(body);
    }
    return { messageId };
  }

  return {
    async send(input) {
      // Validation and exclusions first: an excluded person is never addressed.
      const mail = parseOutgoingMail(input);
      const pending = inFlight.get(mail.idempotencyKey);
      if (pending) return pending;
      const attempt = deliver(mail).finally(() => inFlight.delete(mail.idempotencyKey));
      inFlight.set(mail.idempotencyKey, attempt);
      return attempt;
    },
  };
}
