/** Invitations and reminders by email, for people without Teams: plain English, initials only. */
import { KIND_LABELS, conferenceWhen } from '../../cards/invitation.js';
import type { Conference, Invitee } from '../domain/conference.js';
import { initials } from '../domain/conference.js';
import type { OutgoingMail } from '../domain/mail.js';
import { paragraphMail } from './paragraph-mail.js';

const FORMAT = {
  'in-person': 'in person (the venue is in your calendar invitation)',
  virtual: 'online in Microsoft Teams',
  hybrid: 'in person or online in Microsoft Teams: you choose',
} as const;

export function invitationMail(
  conference: Conference,
  invitee: Invitee,
  report: { sentence: string },
  opts: { reminder: boolean; authority: string; idempotencyKey: string },
): OutgoingMail {
  const what = KIND_LABELS[conference.kind].toLowerCase();
  const when = conferenceWhen(conference.scheduledStart, conference.durationMinutes);
  const subject = `${opts.reminder ? 'Reminder: please answer: ' : ''}${conference.reference}: ${what}, ${when}`;
  const paragraphs = [
    `Dear ${invitee.name},`,
    opts.reminder
      ? `We have not yet had your answer to the invitation to ${conference.reference}. Please let us know whether you can come.`
      : `You are invited to an ${what} (${conference.reference}) as ${invitee.role}, ${invitee.agency}.`,
    `When: ${when}. How: ${FORMAT[conference.format]}.`,
    `Children: initials ${conference.children.map(initials).join(', ')}.`,
    ...(conference.joinUrl && conference.format !== 'in-person'
      ? [`Join online: ${conference.joinUrl}`]
      : []),
    `${report.sentence}. Reports are needed even when you attend, and should be shared and discussed with the family beforehand.`,
    'Please reply to this email to say whether you will attend in person, attend online, send a colleague in your place (give their name and email), or cannot attend and will send your report only. Your agency must be represented, or the conference may not be able to go ahead.',
    `${opts.authority}, child protection conference service`,
  ];
  return paragraphMail(
    { name: invitee.name, email: invitee.email },
    subject,
    paragraphs,
    opts.idempotencyKey,
  );
}
