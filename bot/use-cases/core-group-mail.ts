/** The core group's emails, for people Teams cannot reach: reference and initials, no case details. */
import { initials } from '../domain/conference.js';
import { actionOwners } from '../domain/core-group/index.js';
import type { CoreGroupMeeting, Escalation } from '../domain/core-group/index.js';
import { dateLabel, dateTimeLabel } from '../domain/timescales/index.js';
import { DateTime } from 'luxon';
import { paragraphMail } from './paragraph-mail.js';
import { emailOf, escalationData } from './core-group-cards.js';
import type { CoreGroup } from './core-groups.js';

const when = (iso: string) => dateTimeLabel(DateTime.fromISO(iso, { setZone: true }));

/** The offered times by email, for a member Teams cannot reach: they answer the lead social worker. */
export function slotsMail(
  g: CoreGroup,
  meeting: CoreGroupMeeting,
  personId: string,
  authority: string,
  key: string,
) {
  const to = emailOf(g.conference, personId);
  if (!to) return undefined;
  const lead = g.conference.leadSocialWorker;
  return paragraphMail(
    to,
    `Core group meeting ${meeting.number} for ${g.conference.reference}: which times can you come to?`,
    [
      `Dear ${to.name},`,
      `The core group for ${g.conference.reference} (children: initials ${g.conference.children.map(initials).join(', ')}) must meet by ${dateLabel(meeting.dueOn)}. These times are offered:`,
      meeting.offeredSlots.map((s) => `• ${s.label}`).join('\n'),
      `Please tell the lead social worker, ${lead.name} (${lead.email}), which of them you can come to.`,
      `${authority}, child protection conference service`,
    ],
    key,
  );
}

/** The progress request by email: the actions and a request to reply with how each is going. */
export function progressMail(
  g: CoreGroup,
  meeting: CoreGroupMeeting,
  personId: string,
  authority: string,
  key: string,
) {
  const to = emailOf(g.conference, personId);
  const owner = actionOwners(g.conference, g.record.actions, g.record.restrictedParts).find(
    (o) => o.person.id === personId,
  );
  if (!to || !owner) return undefined;
  const lead = g.conference.leadSocialWorker;
  return paragraphMail(
    to,
    `Core group ${meeting.number} for ${g.conference.reference}: how are your actions going?`,
    [
      `Dear ${to.name},`,
      `Before core group meeting ${meeting.number}${meeting.startsAt ? ` on ${when(meeting.startsAt)}` : ''}, please say how each of your actions is going: on track, at risk, not done or done, with a comment if you wish. If you cannot come, this is how your update reaches the meeting.`,
      owner.actions.map((a, i) => `${i + 1}. ${a.what} (to be done by ${dateLabel(a.byWhen)})`).join('\n'),
      `Please reply to the lead social worker, ${lead.name} (${lead.email}), or use the card in Microsoft Teams.`,
      `${authority}, child protection conference service`,
    ],
    key,
  );
}

export function escalationMail(
  g: CoreGroup,
  level: Escalation['level'],
  list: readonly Escalation[],
  today: string,
  authority: string,
  key: string,
) {
  const to = emailOf(g.conference, level);
  const data = escalationData(g, level, list, today);
  if (!to || data.actions.length === 0) return undefined;
  return paragraphMail(
    to,
    `Core group actions need attention: ${g.conference.reference}`,
    [
      `Dear ${to.name},`,
      level === 'chair'
        ? `The core group for ${g.conference.reference} has plan actions still not done after the lead social worker was told. Please review with the lead social worker whether the review conference should be brought forward.`
        : `Some of the plan’s actions for ${g.conference.reference} are overdue or were not done at two core group meetings running. If they are still not done at the next meeting, or in 10 working days, the chair is told.`,
      data.actions.map((a, i) => `${i + 1}. ${a.what}\n   ${a.state}. ${a.why}`).join('\n'),
      `${authority}, child protection conference service`,
    ],
    key,
  );
}
