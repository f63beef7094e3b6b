/**
 * The documents after the conference, as the workflow and the outbox need them: the letter and the
 * minutes drafted from the record (bot/domain/after-conference), rendered to HTML, text and PDF
 * (bot/documents), and addressed to one person with the copy they may have.
 */
import { DEFAULT_AUTHORITY_LETTER, draftDecisionLetter } from '../domain/after-conference/decision-letter.js';
import type { AuthorityLetterSettings } from '../domain/after-conference/decision-letter.js';
import { draftMinutes, minutesConfirmations, minutesCopyFor } from '../domain/after-conference/minutes.js';
import { letterHtml, letterText, minutesHtml, minutesText } from '../documents/document-html.js';
import { minutesPdf, outlinePlanPdf } from '../documents/document-pdf.js';
import type { AfterConferenceMailer, MailArgs } from '../jobs/after-conference-delivery.js';
import type { AfterConferenceDocuments } from './after-conference.js';

export function conferenceDocuments(
  authority: Partial<AuthorityLetterSettings> & { name: string },
): AfterConferenceDocuments & AfterConferenceMailer {
  const settings: AuthorityLetterSettings = { ...DEFAULT_AUTHORITY_LETTER, ...authority };
  const letterOf = (a: Pick<MailArgs, 'conference' | 'record' | 'deadlines'>) =>
    draftDecisionLetter({
      conference: a.conference,
      record: a.record,
      deadlines: a.deadlines,
      authority: settings,
    });
  return {
    letter: (conference, record, deadlines) => {
      const letter = letterOf({ conference, record, deadlines });
      return { subject: letter.subject, html: letterHtml(letter), text: letterText(letter) };
    },
    minutes: (conference, record, deadlines) => {
      const full = minutesCopyFor(draftMinutes(conference, record, deadlines), {
        personId: 'chair',
        role: 'chair',
      });
      return { html: minutesHtml(full), text: minutesText(full) };
    },
    restrictedItems: (conference, record) =>
      minutesConfirmations(draftMinutes(conference, record)).map((i) => ({
        id: i.id,
        partId: i.partId,
        kind: i.kind,
        text: i.text,
      })),
    letterMail: async (a) => {
      const letter = letterOf(a);
      return {
        to: [{ name: a.to.name, email: a.to.email }],
        subject: letter.subject,
        html: letterHtml(letter, a.to.name),
        text: letterText(letter, a.to.name),
        attachments: [
          {
            filename: `outline-plan-${a.conference.reference}.pdf`,
            contentType: 'application/pdf',
            content: await outlinePlanPdf(letter),
          },
        ],
        idempotencyKey: a.idempotencyKey,
      };
    },
    minutesMail: async (a) => {
      // Each person gets only the copy they may have: no restricted part for the family or anyone excluded.
      const copy = minutesCopyFor(draftMinutes(a.conference, a.record, a.deadlines), {
        personId: a.to.personId,
        role: a.to.role,
      });
      return {
        to: [{ name: a.to.name, email: a.to.email }],
        subject: `Record of the child protection conference ${a.conference.reference}`,
        html: minutesHtml(copy),
        text: minutesText(copy),
        attachments: [
          {
            filename: `conference-record-${a.conference.reference}.pdf`,
            contentType: 'application/pdf',
            content: await minutesPdf(copy),
          },
        ],
        idempotencyKey: a.idempotencyKey,
      };
    },
  };
}
