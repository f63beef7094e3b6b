/**
 * The core group progress report: for each plan action its latest status, its history over the core
 * group meetings and whether it is overdue. It is what the core group brings to the review conference
 * (seed 003 §2.10, §4.5: the review looks at progress against the plan). Plain English throughout.
 */
import type { PlanAction, RecordState } from '../conference-record/state.js';
import { dateLabel } from '../timescales/index.js';
import type { CoreGroupMeeting, ProgressStatus, ProgressUpdate } from './model.js';
import { PROGRESS_LABELS, heldDay, latest, londonDay, statusAtMeeting } from './model.js';

export interface ProgressEntryView {
  status: ProgressStatus;
  label: string;
  comment: string;
  at: string;
}

export interface ActionProgress {
  actionId: string;
  what: string;
  who: string;
  byWhen: string;
  byWhenLabel: string;
  howWeWillKnow: string;
  /** Written in a restricted part of the conference: leave it out of anything the excluded person gets. */
  restricted: boolean;
  latest?: ProgressEntryView | undefined;
  /** One entry per meeting that has an update for this action, in meeting order. */
  history: (ProgressEntryView & { meetingNumber: number })[];
  /** The date to do it by has passed and it is not done. */
  overdue: boolean;
  /** "Not done; due Tue 1 Dec 2026, 3 days ago" style sentence. */
  summary: string;
}

export interface ProgressTotals {
  actions: number;
  onTrack: number;
  atRisk: number;
  notDone: number;
  done: number;
  noUpdate: number;
  overdue: number;
}

export interface ProgressReport {
  compiledOn: string;
  meetings: {
    number: number;
    status: CoreGroupMeeting['status'];
    day?: string | undefined;
    dayLabel?: string | undefined;
  }[];
  actions: ActionProgress[];
  totals: ProgressTotals;
  /** One sentence for the top of the report. */
  headline: string;
}

const view = (u: ProgressUpdate): ProgressEntryView => ({
  status: u.status,
  label: PROGRESS_LABELS[u.status],
  comment: u.comment,
  at: u.at,
});

/** Whether the action is overdue on `today`: due date passed (overdue from the next day) and not done. */
export const isOverdue = (
  action: Pick<PlanAction, 'byWhen'>,
  status: ProgressStatus | undefined,
  today: string,
) => status !== 'done' && action.byWhen < today;

function actionProgress(
  action: PlanAction,
  updates: readonly ProgressUpdate[],
  meetings: readonly CoreGroupMeeting[],
  today: string,
): ActionProgress {
  const own = updates.filter((u) => u.actionId === action.id);
  const last = latest(own);
  const history = meetings.flatMap((m) => {
    const u = statusAtMeeting(own, action.id, m.id);
    return u ? [{ ...view(u), meetingNumber: m.number }] : [];
  });
  const overdue = isOverdue(action, last?.status, today);
  const state = last ? PROGRESS_LABELS[last.status] : 'No update yet';
  return {
    actionId: action.id,
    what: action.what,
    who: action.who,
    byWhen: action.byWhen,
    byWhenLabel: dateLabel(action.byWhen),
    howWeWillKnow: action.howWeWillKnow,
    restricted: action.restricted,
    ...(last ? { latest: view(last) } : {}),
    history,
    overdue,
    summary: `${state}; to be done by ${dateLabel(action.byWhen)}${overdue ? ', now overdue' : ''}.`,
  };
}

/**
 * Compiles the report from the conference record's plan, the append-only updates and the meetings.
 * `today` (YYYY-MM-DD, England) decides what is overdue; nothing here reads a clock.
 */
export function compileProgressReport(
  record: Pick<RecordState, 'actions'>,
  updates: readonly ProgressUpdate[],
  meetings: readonly CoreGroupMeeting[],
  today: string,
): ProgressReport {
  const ordered = [...meetings].sort((a, b) => a.number - b.number);
  const actions = record.actions.map((a) => actionProgress(a, updates, ordered, today));
  const count = (s: ProgressStatus) => actions.filter((a) => a.latest?.status === s).length;
  const totals: ProgressTotals = {
    actions: actions.length,
    onTrack: count('on-track'),
    atRisk: count('at-risk'),
    notDone: count('not-done'),
    done: count('done'),
    noUpdate: actions.filter((a) => !a.latest).length,
    overdue: actions.filter((a) => a.overdue).length,
  };
  const held = ordered.filter((m) => m.status === 'held').length;
  const headline =
    `${totals.done} of ${totals.actions} ${totals.actions === 1 ? 'action is' : 'actions are'} done` +
    (totals.overdue ? `; ${totals.overdue} overdue` : '') +
    (totals.atRisk ? `; ${totals.atRisk} at risk` : '') +
    `. The core group has met ${held === 1 ? 'once' : `${held} times`}.`;
  return {
    compiledOn: today,
    meetings: ordered.map((m) => {
      const day = heldDay(m) ?? londonDay(m.startsAt);
      return { number: m.number, status: m.status, day, dayLabel: day ? dateLabel(day) : undefined };
    }),
    actions,
    totals,
    headline,
  };
}

/** The report as plain text (for the review conference's papers and `?format=text`). */
export function progressReportText(r: ProgressReport): string {
  const lines = ['Core group progress report', `Compiled ${dateLabel(r.compiledOn)}`, '', r.headline, ''];
  for (const [i, a] of r.actions.entries()) {
    lines.push(
      `${i + 1}. ${a.what}`,
      `   Who: ${a.who}`,
      `   ${a.summary}`,
      `   How we will know: ${a.howWeWillKnow}`,
    );
    for (const h of a.history)
      lines.push(`   Meeting ${h.meetingNumber}: ${h.label}${h.comment ? ` (${h.comment})` : ''}`);
    lines.push('');
  }
  const t = r.totals;
  lines.push(
    `Totals: ${t.actions} actions; ${t.done} done, ${t.onTrack} on track, ${t.atRisk} at risk, ` +
      `${t.notDone} not done, ${t.noUpdate} with no update; ${t.overdue} overdue.`,
  );
  return lines.join('\n');
}
