import { z } from 'zod';
import { ProgressStatuses } from '../bot/domain/core-group/model.js';
import { ChildInitials, withRefresh } from './invitation.js';
import { plainText } from './escape.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

const template = new URL('./core-group-progress.json', import.meta.url);

export const progressInputIds = (index: number) => ({
  status: `status-${index}`,
  comment: `comment-${index}`,
});

export const ProgressCardData = z.object({
  conferenceId: z.uuid(),
  meetingId: z.uuid(),
  reference: z.string().min(1).max(40),
  childInitials: ChildInitials,
  meetingNumber: z.number().int().min(1),
  /** "Tue 8 Dec 2026, 10:00" or undefined while the time is not fixed. */
  meetingWhen: z.string().max(80).optional(),
  /** True for the lead social worker's actions held for the family. */
  actions: z
    .array(
      z.object({
        actionId: z.string().min(1).max(100),
        what: z.string().max(2000),
        byWhenLabel: z.string().max(40),
        howWeWillKnow: z.string().max(2000),
        overdue: z.boolean(),
        withFamily: z.boolean().default(false),
        /** "Last update: At risk (Fri 4 Dec 2026)". */
        last: z.string().max(1200).optional(),
        /** What the person chose or typed, kept when the card comes back with a problem. */
        status: z.enum(ProgressStatuses).or(z.literal('')).default(''),
        comment: z.string().max(4000).default(''),
        problem: z.string().max(300).optional(),
      }),
    )
    .min(1)
    .max(50),
  notice: z.object({ text: z.string().max(600), kind: z.enum(['saved', 'problem']) }).optional(),
  /** The viewer's Entra object id: Teams then refreshes the card to the latest updates when they see it. */
  viewerAadObjectId: z.string().min(1).max(100).optional(),
});
export type ProgressCardData = z.input<typeof ProgressCardData>;

/**
 * One owner's progress card before a core group meeting: each of their plan actions with on track / at
 * risk / not done / done and a comment. Members who cannot come send their update this way (seed 002).
 * The plan's own words are shown (the owner needs them), escaped; the child by initials only.
 */
export function renderCoreGroupProgress(input: ProgressCardData): AdaptiveCard {
  const d = ProgressCardData.parse(input);
  const when = d.meetingWhen ? ` on ${d.meetingWhen}` : '';
  const card = expandCard(template, {
    heading: `Core group ${d.meetingNumber}: how are your actions going?`,
    intro:
      `Please say how each action below is going before core group meeting ${d.meetingNumber}${when}. ` +
      'If you cannot come to the meeting, this is how your update reaches it.',
    facts: [
      { title: 'Conference', value: d.reference },
      {
        title: d.childInitials.length > 1 ? 'Children' : 'Child',
        value: `Initials ${d.childInitials.join(', ')}`,
      },
    ],
    hasNotice: Boolean(d.notice),
    notice: d.notice?.text ?? '',
    noticeStyle: d.notice?.kind === 'problem' ? 'attention' : 'good',
    actions: d.actions.map((a, i) => {
      const ids = progressInputIds(i);
      return {
        what: plainText(a.what),
        byWhenLine: `To be done by ${a.byWhenLabel}${a.overdue ? ' (now overdue)' : ''}`,
        howLine: `How we will know: ${plainText(a.howWeWillKnow)}`,
        hasLast: Boolean(a.last) || a.withFamily,
        lastLine: [
          a.withFamily ? 'This action is the family’s or names no one: please update it with them.' : '',
          a.last ? plainText(a.last) : '',
        ]
          .filter(Boolean)
          .join(' '),
        hasProblem: Boolean(a.problem),
        problem: a.problem ?? '',
        statusId: ids.status,
        commentId: ids.comment,
        status: a.status,
        comment: a.comment,
      };
    }),
    sendTitle: d.notice?.kind === 'saved' ? 'Send a new update' : 'Send my update',
    ref: {
      conferenceId: d.conferenceId,
      meetingId: d.meetingId,
      actionIds: d.actions.map((a) => a.actionId),
    },
  });
  // An update recorded for the owner elsewhere (the lead social worker, from an email) shows when they look
  // again. A card showing a problem keeps what was typed instead, so it is not refreshed.
  const viewers = d.viewerAadObjectId && d.notice?.kind !== 'problem' ? [d.viewerAadObjectId] : [];
  const ref = { conferenceId: d.conferenceId, meetingId: d.meetingId };
  return withRefresh(card, 'coreGroup.progress.refresh', ref, viewers);
}
