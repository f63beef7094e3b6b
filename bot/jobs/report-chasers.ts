/**
 * The report chase, run hourly in working hours: reminders to anyone whose report is not in (3 and 1
 * working days before the report deadline, by default), the late notice to the chair and the writer's
 * manager once the deadline has passed, and the chair's readiness card at the reading deadline (24
 * hours before). Idempotent: every message has a dedupe key, so running it again sends nothing twice.
 */
import { DateTime } from 'luxon';
import type { ConferenceStatus } from '../domain/conference.js';
import type { OutboxMessage } from '../domain/ports.js';
import { dueFor, reportReminders } from '../domain/timescales/index.js';
import { conferenceDeadlines } from '../use-cases/conference-view.js';
import { owedReports } from '../use-cases/report-chase.js';
import type { ReportDeps } from '../use-cases/reports.js';

const OPEN: ConferenceStatus[] = ['invitations-sent', 'ready'];

export type ReportChaseDeps = ReportDeps & { kickOutbox(): void };

export interface ReportChaseResult {
  reminders: number;
  late: number;
  managers: number;
  readiness: number;
}

export async function chaseReports(deps: ReportChaseDeps): Promise<ReportChaseResult> {
  const now = deps.clock.now();
  const today = DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate() as string;
  const messages: OutboxMessage[] = [];
  for (const status of OPEN)
    for (let offset = 0; ; offset += 200) {
      const page = await deps.conferences.listConferences({ status, limit: 200, offset });
      for (const summary of page) {
        const start = summary.scheduledStart;
        if (!start || DateTime.fromISO(start, { zone: 'Europe/London' }).toJSDate() <= now) continue;
        const conference = await deps.conferences.getConference(summary.id);
        if (!conference) continue;
        messages.push(...(await dueMessages(deps, conference, today, now)));
      }
      if (page.length < 200) break;
    }
  const added = messages.length ? await deps.invitations.enqueue(messages, now) : 0;
  if (added) deps.kickOutbox();
  const count = (kind: OutboxMessage['kind']) => messages.filter((m) => m.kind === kind).length;
  return {
    reminders: count('report-reminder'),
    late: count('report-late'),
    managers: count('report-late-manager'),
    readiness: count('report-readiness'),
  };
}

async function dueMessages(
  deps: ReportChaseDeps,
  conference: NonNullable<Awaited<ReturnType<ReportDeps['conferences']['getConference']>>>,
  today: string,
  now: Date,
): Promise<OutboxMessage[]> {
  const id = conference.id;
  const start = conference.scheduledStart as string;
  const deadlines = conferenceDeadlines(conference, deps.timescales, now);
  const due = dueFor(deadlines, 'reports-to-service');
  const reading = dueFor(deadlines, 'chair-reads-reports');
  const out: OutboxMessage[] = [];
  const owed = await owedReports(deps, conference);
  if (due && due.status !== 'overdue') {
    // Only the latest reminder day reached: after an outage nobody gets two reminders at once.
    const current = reportReminders(start, deps.timescales.calendar, deps.timescales.settings)
      .filter((d) => d.due <= today)
      .at(-1);
    if (current)
      for (const o of owed)
        out.push({
          kind: 'report-reminder',
          payload: { conferenceId: id, invitationId: o.invitation.id },
          dedupeKey: `report-reminder:${o.invitation.id}:${current.due}`,
        });
  } else if (due && owed.length > 0) {
    out.push({
      kind: 'report-late',
      payload: { conferenceId: id },
      dedupeKey: `report-late:${id}:${due.due}`,
    });
    for (const o of owed.filter((x) => x.invitee.managerEmail))
      out.push({
        kind: 'report-late-manager',
        payload: { conferenceId: id, invitationId: o.invitation.id },
        dedupeKey: `report-late-manager:${o.invitation.id}:${due.due}`,
      });
  }
  // The reading deadline is a moment (24 hours before the start); the card goes once per scheduled date.
  if (reading && DateTime.fromISO(reading.due, { setZone: true }).toJSDate() <= now)
    out.push({
      kind: 'report-readiness',
      payload: { conferenceId: id },
      dedupeKey: `report-readiness:${id}:${start}`,
    });
  return out;
}
