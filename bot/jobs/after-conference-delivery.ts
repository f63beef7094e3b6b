/**
 * Delivers what the after-conference steps queue (bot/use-cases/after-conference.ts): the decision letter
 * and the minutes by email, each rendered at send time for its one recipient; the lead social worker's
 * follow-up tasks and their escalation as Teams cards (email when the app cannot reach them); the news
 * that a plan ended. A message whose reason has gone (a task done meanwhile) is dropped, not sent.
 */
import { DateTime } from 'luxon';
import type { Conference } from '../domain/conference.js';
import { LONDON } from '../domain/timescales/dates.js';
import { foldRecord, type RecordState } from '../domain/conference-record/index.js';
import { conferenceRecipients, type Recipient } from '../domain/after-conference/recipients.js';
import { afterDeadlines } from '../domain/after-conference/timeline.js';
import type { PlanEndReason } from '../domain/case-system.js';
import type { MailSender, OutgoingMail } from '../domain/mail.js';
import type { Notifier, OutboxKind, StoredConference } from '../domain/ports.js';
import { dateLabel, dateTimeLabel, dueFor, type Deadline } from '../domain/timescales/index.js';
import { paragraphMail } from '../use-cases/paragraph-mail.js';
import type { AfterConferenceRepository, FollowUpTask } from '../store/after-conference-repository.js';
import type { OutboxItem } from '../store/outbox-repository.js';
import type { RecordRepository } from '../store/record-repository.js';
import type { TimescaleContext } from '../use-cases/conference-view.js';
import { renderFollowUp, renderMinutesOverdue } from '../../cards/after-conference.js';

/** Renders one person's letter or minutes (bot/documents does the drafting and the PDF). */
export interface AfterConferenceMailer {
  letterMail(args: MailArgs): Promise<OutgoingMail>;
  minutesMail(args: MailArgs): Promise<OutgoingMail>;
}

export interface MailArgs {
  conference: Conference;
  record: RecordState;
  deadlines: Deadline[];
  to: Recipient & { email: string };
  idempotencyKey: string;
}

export interface AfterConferenceDeliveryDeps {
  conferences: { getConference(id: string): Promise<StoredConference | undefined> };
  records: Pick<RecordRepository, 'events'>;
  after: AfterConferenceRepository;
  timescales: TimescaleContext;
  notifier: Notifier;
  mail: MailSender;
  mailer: AfterConferenceMailer;
  authorityName: string;
  managerIds: readonly string[];
}

type Kind = Extract<
  OutboxKind,
  'decision-letter' | 'minutes' | 'plan-ended' | 'follow-up-task' | 'follow-up-overdue' | 'minutes-overdue'
>;

const END_REASONS: Record<PlanEndReason, string> = {
  'review-decision': 'the review conference decided the plan is no longer needed',
  'moved-to-another-authority':
    'the family moved to another local authority, which holds a conference of its own',
  'turned-18': 'the young person turned 18',
  'left-the-country': 'the child left the country',
  died: 'the child died',
};

const RELATIONSHIP: Record<string, string> = {
  mother: 'the child’s mother',
  father: 'the child’s father',
  'step-parent': 'the child’s step-parent',
  grandparent: 'the child’s grandparent',
  'foster-carer': 'the child’s foster carer',
  'kinship-carer': 'the child’s kinship carer',
};

export function afterConferenceHandlers(
  deps: AfterConferenceDeliveryDeps,
): Record<Kind, (item: OutboxItem) => Promise<void>> {
  async function loadFor(conferenceId: string) {
    const conference = await deps.conferences.getConference(conferenceId);
    if (!conference) return undefined;
    const record = foldRecord(await deps.records.events(conferenceId));
    if (!record.decision) return undefined;
    const { calendar, settings } = deps.timescales;
    return { conference, record, deadlines: afterDeadlines(conference, record.decision, calendar, settings) };
  }

  /** The person as the conference holds them now (an address corrected since approval is used). */
  const recipient = (c: Conference, personId: string) => {
    const r = conferenceRecipients(c).find((p) => p.personId === personId);
    return r?.email ? { ...r, email: r.email } : undefined;
  };

  const toPerson = (render: (args: MailArgs) => Promise<OutgoingMail>) => async (item: OutboxItem) => {
    const { conferenceId, personId } = item.payload as { conferenceId: string; personId: string };
    const loaded = await loadFor(conferenceId);
    const to = loaded && recipient(loaded.conference, personId);
    if (!loaded || !to) return;
    await deps.mail.send(await render({ ...loaded, to, idempotencyKey: item.dedupeKey ?? item.id }));
  };

  /** A card in Teams when the person can be reached there, else the same words by email. */
  async function cardOrMail(
    person: { name: string; email: string; aadObjectId?: string | undefined },
    card: object,
    mail: () => OutgoingMail,
  ) {
    if (person.aadObjectId && (await deps.notifier.sendCard(person.aadObjectId, card)) !== 'unreachable')
      return;
    await deps.mail.send(mail());
  }

  async function followUp(item: OutboxItem, overdue: boolean) {
    const { conferenceId, taskId } = item.payload as { conferenceId: string; taskId: string };
    const [task, conference] = await Promise.all([
      deps.after.task(taskId),
      deps.conferences.getConference(conferenceId),
    ]);
    if (!task || !conference || task.doneAt) return; // done meanwhile: nobody needs telling
    const member = conference.familyMembers.find((f) => f.id === task.personId);
    const who = (member && RELATIONSHIP[member.relationship]) ?? 'a family member';
    const dueLabel = dateTimeLabel(DateTime.fromISO(task.dueAt).setZone(LONDON));
    const data = {
      kind: task.kind,
      reference: conference.reference,
      who,
      dueLabel,
      rule:
        task.kind === 'tell-absent-parent' ? 'within 24 hours of the conference' : 'with the decision letter',
      overdue,
    };
    const to = overdue ? (conference.chair ?? conference.leadSocialWorker) : conference.leadSocialWorker;
    await cardOrMail(to, renderFollowUp(data), () =>
      paragraphMail(
        to,
        overdue
          ? `Overdue for ${conference.reference}: a follow-up after the conference`
          : `To do for ${conference.reference}: a follow-up after the conference`,
        [
          `Dear ${to.name},`,
          taskSentence(task, who, dueLabel, overdue, conference.reference),
          'Please mark it done in Roundtable’s conference tab once it has happened.',
          `${deps.authorityName}, child protection conference service`,
        ],
        item.dedupeKey ?? item.id,
      ),
    );
  }

  return {
    'decision-letter': toPerson((a) => deps.mailer.letterMail(a)),
    minutes: toPerson((a) => deps.mailer.minutesMail(a)),
    'plan-ended': async (item) => {
      const { conferenceId, personId } = item.payload as { conferenceId: string; personId: string };
      const [conference, ending] = await Promise.all([
        deps.conferences.getConference(conferenceId),
        deps.after.planEnding(conferenceId),
      ]);
      const to = conference && recipient(conference, personId);
      if (!conference || !ending || !to) return;
      const children = conference.children.map((c) => c.firstName).join(' and ');
      await deps.mail.send(
        paragraphMail(
          to,
          `The child protection plan from conference ${conference.reference} has ended`,
          [
            `Dear ${to.name},`,
            `The child protection plan for ${children}, made at conference ${conference.reference}, ended on ${dateLabel(ending.endedOn)} because ${END_REASONS[ending.reason as PlanEndReason] ?? 'of a change in the family’s circumstances'}.`,
            'You are receiving this because you were invited to that conference. No core group meetings or review conference will follow; please close any actions you hold under the plan and tell the lead social worker if you still have worries about the child.',
            `${deps.authorityName}, child protection conference service`,
          ],
          item.dedupeKey ?? item.id,
        ),
      );
    },
    'follow-up-task': (item) => followUp(item, false),
    'follow-up-overdue': (item) => followUp(item, true),
    'minutes-overdue': async (item) => {
      const { conferenceId } = item.payload as { conferenceId: string };
      const loaded = await loadFor(conferenceId);
      if (!loaded || (await deps.after.minutes(conferenceId))) return; // approved meanwhile
      const due = dueFor(loaded.deadlines, 'minutes');
      if (!due) return;
      const card = renderMinutesOverdue({
        reference: loaded.conference.reference,
        dueLabel: due.dueLabel,
        rule: due.rule,
      });
      const chair = loaded.conference.chair ?? loaded.conference.leadSocialWorker;
      await cardOrMail(chair, card, () =>
        paragraphMail(
          chair,
          `The record of ${loaded.conference.reference} is overdue`,
          [
            `Dear ${chair.name},`,
            `The minutes of conference ${loaded.conference.reference} were due ${due.dueLabel} (${due.rule}) and have not been approved. Please check the draft, confirm each restricted item and approve it in the conference tab.`,
            `${deps.authorityName}, child protection conference service`,
          ],
          item.dedupeKey ?? item.id,
        ),
      );
      // Managers oversee in Teams only; their ids are Entra ids, with no address to fall back to.
      for (const id of deps.managerIds) await deps.notifier.sendCard(id, card);
    },
  };
}

function taskSentence(
  task: FollowUpTask,
  who: string,
  dueLabel: string,
  overdue: boolean,
  reference: string,
) {
  const what =
    task.kind === 'tell-absent-parent'
      ? `tell ${who}, who was not at conference ${reference}, what the conference decided`
      : `give ${who} the decision letter of conference ${reference} by hand or post (they have no email address)`;
  return overdue
    ? `The lead social worker was asked to ${what} by ${dueLabel}, and it has not been marked done. Please check with them today.`
    : `Please ${what} by ${dueLabel}.`;
}
