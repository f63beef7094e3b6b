/**
 * The oversight figures for a period (bot/domain/oversight.ts): gathered per conference from the stored
 * conference, its record, its reports and what happened after it. A chair sees the conferences they
 * have a part in; a manager sees all.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { localDate } from '../domain/after-conference/labels.js';
import { heldOn as heldOnOf } from '../domain/after-conference/timeline.js';
import type { Conference } from '../domain/conference.js';
import { foldRecord } from '../domain/conference-record/index.js';
import type { Clock } from '../domain/clock.js';
import { IsoDate } from '../domain/people.js';
import { oversightFigures, type ConferenceFacts } from '../domain/oversight.js';
import type { ConferenceStore, ReportStore } from '../domain/ports.js';
import { expectedReports } from '../domain/reports/reading-list.js';
import { computeDeadlines } from '../domain/timescales/index.js';
import type { AfterConferenceRepository } from '../store/after-conference-repository.js';
import type { RecordRepository } from '../store/record-repository.js';
import type { TimescaleContext } from './conference-view.js';

export interface OversightDeps {
  conferences: ConferenceStore;
  records: Pick<RecordRepository, 'events'>;
  reports: Pick<ReportStore, 'list'>;
  after: Pick<AfterConferenceRepository, 'letter' | 'minutes'>;
  clock: Clock;
  timescales: TimescaleContext;
  /** The first core group's day, when the core group module knows one. */
  firstCoreGroupOn?(conferenceId: string): Promise<string | undefined>;
}

export const OversightQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The period must end on or after it starts.',
  });

/** More conferences than any council holds in a year; the period narrows it. */
const LIMIT = 5000;

/** The conference's own day for the period: when it was (to be) held, else the strategy discussion. */
const dayOf = (c: { scheduledStart?: string | undefined; strategyDiscussionDate: string }) =>
  c.scheduledStart?.slice(0, 10) ?? c.strategyDiscussionDate;

async function factsOf(deps: OversightDeps, c: Conference): Promise<ConferenceFacts> {
  const [events, reports, letter, minutes, firstCoreGroupOn] = await Promise.all([
    deps.records.events(c.id),
    deps.reports.list(c.id),
    deps.after.letter(c.id),
    deps.after.minutes(c.id),
    deps.firstCoreGroupOn?.(c.id),
  ]);
  const record = foldRecord(events);
  const decision = record.decision;
  const heldOn = decision ? heldOnOf(c, decision) : undefined;
  const deadlines = computeDeadlines(
    {
      kind: c.kind,
      strategyDiscussionDate: c.strategyDiscussionDate,
      previousConferenceDate: c.previousConferenceDate,
      scheduledStart: c.scheduledStart,
      ...(decision && heldOn
        ? { heldOn, decisionRecordedOn: localDate(decision.recordedAt), decidedAt: decision.recordedAt }
        : {}),
    },
    deps.timescales.calendar,
    deps.timescales.settings,
  );
  const invited = c.invitees.filter((i) => !i.deputyFor);
  const present = (id: string) => Boolean(record.attendance[id]?.arrivedAt);
  return {
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    heldOn,
    deadlines,
    reports: expectedReports(c).map((e) => {
      const r = reports.find((x) => x.kind === e.kind && x.inviteeId === e.inviteeId);
      const shared = r?.shares.map((s) => s.at).sort()[0];
      return { expected: true, submittedAt: r?.submittedAt ?? null, sharedAt: shared ?? null };
    }),
    letterApprovedAt: letter?.approvedAt,
    minutesApprovedAt: minutes?.approvedAt,
    firstCoreGroupOn,
    agencies: {
      invited: [...new Set(invited.map((i) => i.agency))],
      // A deputy counts for the agency they came for.
      attended: [...new Set(c.invitees.filter((i) => present(i.id)).map((i) => i.agency))],
    },
  };
}

export async function oversight(
  deps: OversightDeps,
  query: z.output<typeof OversightQuery>,
  participant: string | undefined,
) {
  const now = deps.clock.now();
  const today = localDate(now.toISOString());
  // By default the year to today and the three months ahead, so conferences being arranged show too
  // (their steps are still open, so they count in no figure until they fall due).
  const to = query.to ?? DateTime.fromISO(today).plus({ months: 3 }).toISODate()!;
  const from = query.from ?? DateTime.fromISO(today).minus({ years: 1 }).toISODate()!;
  const listed = await deps.conferences.listConferences({ limit: LIMIT, offset: 0, participant });
  const inPeriod = listed.filter((c) => dayOf(c) >= from && dayOf(c) <= to && c.status !== 'cancelled');
  const conferences = (await Promise.all(inPeriod.map((c) => deps.conferences.getConference(c.id)))).filter(
    (c) => c !== undefined,
  );
  const facts = await Promise.all(conferences.map((c) => factsOf(deps, c)));
  return { from, to, conferences: facts.length, figures: oversightFigures(facts, today, localDate) };
}
