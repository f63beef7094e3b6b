/**
 * The email that carries a report link. It says whose report it is, when it is due, that the link
 * expires and must not be forwarded; it holds no child's name and nothing of any report.
 */
import { DateTime } from 'luxon';
import { conferenceWhen } from '../../cards/invitation.js';
import type { Conference } from '../domain/conference.js';
import type { OutgoingMail } from '../domain/mail.js';
import type { ReportLink } from '../domain/report-links.js';
import { dateTimeLabel } from '../domain/timescales/index.js';
import type { LinkHolder } from './report-links.js';
import { escapeHtml } from '../http/html.js';

export function reportLinkMail(
  conference: Conference,
  holder: LinkHolder,
  link: Pick<ReportLink, 'expiresAt'>,
  url: string,
  opts: { authority: string; reportDue: { sentence: string }; idempotencyKey: string },
): OutgoingMail {
  const when = conferenceWhen(conference.scheduledStart, conference.durationMinutes);
  const expires = dateTimeLabel(DateTime.fromISO(link.expiresAt));
  const family = holder.purpose === 'family-views';
  const to = family
    ? {
        name: `${holder.familyMember.firstName} ${holder.familyMember.lastName}`,
        email: holder.familyMember.email!,
      }
    : { name: holder.invitee.name, email: holder.invitee.email };
  const paragraphs = family
    ? [
        `Dear ${holder.familyMember.firstName},`,
        `You can write your own views for the child protection conference ${conference.reference} (${when}): what is working well, what worries you, and what you would like to happen. The chair reads your views before the conference, first, before the professionals' reports.`,
        'Please write them before the conference. You can save them and come back to change them.',
      ]
    : [
        `Dear ${holder.invitee.name},`,
        `This link opens the report form for your report as ${holder.invitee.role}, ${holder.invitee.agency}, for the child protection conference ${conference.reference} (${when}).`,
        `${opts.reportDue.sentence}. You can save a draft and come back to it, and amend the report after submitting it until the conference starts.`,
      ];
  const lines = [
    ...paragraphs,
    `Open the form: ${url}`,
    `The link works until ${expires}, only for this conference, and only for you: please do not forward this email. If it stops working, reply and we will send a new one.`,
    `${opts.authority}, child protection conference service`,
  ];
  return {
    to: [to],
    subject: family
      ? `${conference.reference}: your views for the conference`
      : `${conference.reference}: your report for the conference`,
    text: lines.join('\n\n'),
    html: lines
      .map((p) =>
        p.startsWith('Open the form: ')
          ? `<p><a href="${escapeHtml(url)}">Open the form</a></p>`
          : `<p>${escapeHtml(p)}</p>`,
      )
      .join('\n'),
    idempotencyKey: opts.idempotencyKey,
  };
}
