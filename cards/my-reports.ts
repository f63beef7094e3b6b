import { z } from 'zod';
import { ConferenceKinds } from '../bot/domain/conference.js';
import { KIND_LABELS, conferenceWhen } from './invitation.js';
import { expandCard } from './render.js';
import type { AdaptiveCard } from './render.js';

export const MyReportStatuses = ['not-started', 'draft', 'submitted', 'late', 'amended-since-read'] as const;
export type MyReportStatus = (typeof MyReportStatuses)[number];

const STATUS_LABELS: Record<MyReportStatus, string> = {
  'not-started': 'Not started',
  draft: 'Draft saved, not submitted',
  submitted: 'Submitted',
  late: 'Submitted late',
  'amended-since-read': 'Amended since the chair read it',
};

/** One report a person owes: ids, the conference's reference, kind and date, the due date. No case text. */
export const MyReportItem = z.object({
  conferenceId: z.uuid(),
  invitationId: z.uuid(),
  reference: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/),
  kind: z.enum(ConferenceKinds),
  scheduledStart: z.string().optional(),
  durationMinutes: z.number().int().min(1).max(600),
  /** "Tue 8 Dec 2026". */
  due: z.string().min(1).max(40),
  status: z.enum(MyReportStatuses),
  /** Not submitted and the due date has passed. */
  overdue: z.boolean().default(false),
});
export type MyReportItem = z.input<typeof MyReportItem>;

/** The person's reports, each with an Open button that opens the report dialog (task/fetch). */
export function renderMyReports(items: MyReportItem[]): AdaptiveCard {
  const parsed = z.array(MyReportItem).max(20).parse(items);
  return expandCard(new URL('./my-reports.json', import.meta.url), {
    items: parsed.map((i) => ({
      conferenceId: i.conferenceId,
      invitationId: i.invitationId,
      reference: i.reference,
      kindLabel: KIND_LABELS[i.kind].toLowerCase(),
      when: conferenceWhen(i.scheduledStart, i.durationMinutes),
      due: i.overdue ? `${i.due} (overdue)` : i.due,
      statusLabel: STATUS_LABELS[i.status],
      buttonTitle: i.status === 'not-started' ? 'Write my report' : 'Open my report',
    })),
  });
}
