/** The personal tab: a person's conferences, the reports they owe and the plan actions given to them. */
import type { Principal, ConferenceRole } from '../domain/access.js';
import { rolesOf } from '../domain/access.js';
import { CONFERENCE_KIND_LABELS } from '../domain/conference.js';
import type { ConferenceStatus } from '../domain/conference.js';
import { foldRecord } from '../domain/conference-record/index.js';
import { expectedReports } from '../domain/reports/reading-list.js';
import { dueFor } from '../domain/timescales/index.js';
import type { TimescaleContext } from './conference-view.js';
import { conferenceDeadlines } from './conference-view.js';
import type { RecordDeps } from './conference-record.js';

export interface Overview {
  conferences: {
    id: string;
    kindLabel: string;
    scheduledStart?: string;
    status: ConferenceStatus;
    role: ConferenceRole;
  }[];
  reportsDue: { conferenceId: string; reportId?: string; due: string; status: string }[];
  actions: { conferenceId: string; actionId: string; what: string; byWhen: string }[];
}

const FINISHED: ReadonlySet<ConferenceStatus> = new Set(['closed', 'cancelled']);

export async function myOverview(
  deps: RecordDeps & { timescales: TimescaleContext },
  who: Principal,
): Promise<Overview> {
  const summaries = await deps.conferences.listConferences({
    participant: who.aadObjectId,
    limit: 50,
    offset: 0,
  });
  const overview: Overview = { conferences: [], reportsDue: [], actions: [] };
  for (const summary of summaries.filter((s) => !FINISHED.has(s.status))) {
    const c = await deps.conferences.getConference(summary.id);
    if (!c) continue;
    const roles = rolesOf(c, who.aadObjectId, deps.managerIds);
    const role = roles[0];
    if (!role) continue;
    overview.conferences.push({
      id: c.id,
      kindLabel: CONFERENCE_KIND_LABELS[c.kind],
      ...(c.scheduledStart ? { scheduledStart: c.scheduledStart } : {}),
      status: c.status,
      role,
    });
    // Reports this person writes: their agency's, or the social work report for the lead social worker.
    const mine = new Set(c.invitees.filter((i) => i.aadObjectId === who.aadObjectId).map((i) => i.id));
    const owed = expectedReports(c).filter((r) =>
      r.inviteeId ? mine.has(r.inviteeId) : roles.includes('lead-social-worker'),
    );
    if (owed.length) {
      const due = dueFor(conferenceDeadlines(c, deps.timescales, deps.clock.now()), 'reports-to-service');
      const reports = await deps.reports.list(c.id);
      for (const r of owed) {
        const report = reports.find((x) => x.kind === r.kind && x.inviteeId === r.inviteeId);
        if (report?.status === 'submitted' || !due) continue;
        overview.reportsDue.push({
          conferenceId: c.id,
          ...(report ? { reportId: report.id } : {}),
          due: due.due,
          status: report ? 'draft' : 'not-started',
        });
      }
    }
    // Plan actions given to this person by name (the plan's "who" is typed text).
    const state = foldRecord(await deps.records.events(c.id));
    const names = [who.name, ...c.invitees.filter((i) => mine.has(i.id)).map((i) => i.name)]
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean);
    for (const a of state.actions)
      if (names.some((n) => a.who.toLowerCase().includes(n)))
        overview.actions.push({ conferenceId: c.id, actionId: a.id, what: a.what, byWhen: a.byWhen });
  }
  overview.conferences.sort((a, b) => (a.scheduledStart ?? '9999').localeCompare(b.scheduledStart ?? '9999'));
  overview.actions.sort((a, b) => a.byWhen.localeCompare(b.byWhen));
  return overview;
}
