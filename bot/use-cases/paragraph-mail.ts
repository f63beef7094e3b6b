/**
 * A short letter of plain paragraphs (reminders, notices, follow-ups): the same words as text and as
 * HTML, every paragraph escaped, line breaks kept.
 */
import type { OutgoingMail } from '../domain/mail.js';
import { escapeHtml } from '../http/html.js';

export function paragraphMail(
  to: { name?: string | undefined; email: string },
  subject: string,
  paragraphs: readonly string[],
  idempotencyKey: string,
): OutgoingMail {
  return {
    to: [to.name ? { name: to.name, email: to.email } : { email: to.email }],
    subject,
    text: paragraphs.join('\n\n'),
    html: paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n'),
    idempotencyKey,
  };
}
