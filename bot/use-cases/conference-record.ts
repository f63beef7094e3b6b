/**
 * The conference record: load it, show it to a person as their part allows, and change it. The HTTP
 * routes (and later the bot) call these; the rules live in bot/domain/conference-record and access.ts.
 */
import { DateTime } from 'luxon';
import type { Principal, ConferenceRole } from '../domain/access.js';
import { defaultView, may, rolesOf } from '../domain/access.js';
import type { Clock } from '../domain/clock.js';
import type { Conference } from '../domain/conference.js';
import {
  chairView,
  decide,
  evolve,
  foldRecord,
  recordPeople,
  stageView,
} from '../domain/conference-record/index.js';
import type {
  ChairView,
  Decision,
  MeetingLink,
  PromptNotSent,
  Readiness,
  RecordCommand,
  RecordEvent,
  RecordState,
  StageView,
} from '../domain/conference-record/index.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { ConferenceStore, InvitationStore, ReportStore, StoredConference } from '../domain/ports.js';
import type { QuorumSettingsInput } from '../domain/quorum.js';
import { expectedReports } from '../domain/reports/reading-list.js';
import type { RecordRepository } from '../store/record-repository.js';
import { isVersionConflict, VersionConflictError } from '../store/errors.js';

export type ViewName = 'chair' | 'stage';
export type RecordView = ChairView | StageView;

/** What became of a prompt: the person ids Teams accepted it for, or why it was not sent at all. */
export interface PromptOutcome {
  delivered: string[];
  notSent?: PromptNotSent;
}

/** Sends an in-meeting prompt to the chosen people of a conference's Teams meeting. */
export interface MeetingPrompter {
  send(args: {
    conference: Conference;
    /** The Teams meeting the conference was linked to, if any. */
    meeting: MeetingLink | undefined;
    kind: 'camera' | 'next-item';
    people: { id: string; aadObjectId?: string | undefined }[];
  }): Promise<PromptOutcome>;
}

export interface RecordDeps {
  conferences: ConferenceStore;
  records: RecordRepository;
  invitations: Pick<InvitationStore, 'list'>;
  reports: Pick<ReportStore, 'list'>;
  clock: Clock;
  quorum: QuorumSettingsInput;
  managerIds: readonly string[];
  prompter: MeetingPrompter;
  /** Told after every stored change, so live views can be sent on. */
  changed(conferenceId: string): void;
  /** Told after a decision is stored (the case-management system hears of the plan). */
  decided?(conference: Conference, earlier: Decision | undefined, decision: Decision): Promise<void>;
}

/** The person has no part in the conference, or their part does not allow this (the edge answers 403). */
export class AccessRefused extends Error {
  constructor(readonly code: 'NOT_YOUR_CONFERENCE' | 'NOT_ALLOWED_FOR_ROLE') {
    super(code);
    this.name = 'AccessRefused';
  }
}

const today = (now: Date) => DateTime.fromJSDate(now, { zone: 'Europe/London' }).toISODate() as string;

export interface LoadedRecord {
  conference: StoredConference;
  state: RecordState;
  roles: ConferenceRole[];
}

/** The conference and its record, for everyone looking at it. */
export async function loadShared(
  deps: RecordDeps,
  conferenceId: string,
): Promise<Omit<LoadedRecord, 'roles'>> {
  const conference = await deps.conferences.getConference(conferenceId);
  if (!conference)
    throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  return { conference, state: foldRecord(await deps.records.events(conferenceId)) };
}

/** The person's roles in a loaded record; refuses someone with no part in the conference. */
export function asViewer(
  deps: Pick<RecordDeps, 'managerIds'>,
  shared: Omit<LoadedRecord, 'roles'>,
  who: Principal,
): LoadedRecord {
  const roles = rolesOf(shared.conference, who.aadObjectId, deps.managerIds);
  if (roles.length === 0) throw new AccessRefused('NOT_YOUR_CONFERENCE');
  return { ...shared, roles };
}

/** The conference, its record and the person's roles in it; refuses someone with no part in it. */
export async function loadRecord(
  deps: RecordDeps,
  conferenceId: string,
  who: Principal,
): Promise<LoadedRecord> {
  return asViewer(deps, await loadShared(deps, conferenceId), who);
}

/** Answers, reports in, read and shared: the chair's readiness line. */
export async function readinessFor(deps: RecordDeps, conference: Conference): Promise<Readiness> {
  const [invitations, reports] = await Promise.all([
    deps.invitations.list(conference.id),
    deps.reports.list(conference.id),
  ]);
  const live = invitations.filter((i) => !('withdrawn' in i && i.withdrawn));
  return {
    answered: live.filter((i) => i.answer !== null).length,
    invited: conference.invitees.length,
    reportsIn: reports.filter((r) => r.status === 'submitted').length,
    reportsExpected: expectedReports(conference).length,
    reportsRead: reports.filter((r) => r.reads.length > 0).length,
    reportsSharedWithFamily: reports.filter((r) => r.shares.length > 0).length,
  };
}

/** The view asked for (or the person's default); the chair's view only for those who may read it. */
export async function viewRecord(
  deps: RecordDeps,
  loaded: LoadedRecord,
  who: Principal,
  asked?: ViewName,
  /** Shares one readiness read between several viewers of the same change. */
  readinessOf: () => Promise<Readiness> = () => readinessFor(deps, loaded.conference),
): Promise<RecordView> {
  const view = asked ?? defaultView(loaded.roles, loaded.conference);
  if (view === 'stage') return stageView(loaded.conference, loaded.state);
  if (!may(loaded.roles, 'read-chair', loaded.conference)) throw new AccessRefused('NOT_ALLOWED_FOR_ROLE');
  return chairView(loaded.conference, loaded.state, {
    viewer: who.aadObjectId,
    today: today(deps.clock.now()),
    readiness: await readinessOf(),
    quorum: deps.quorum,
  });
}

const abilityFor = (c: RecordCommand) =>
  c.type === 'scaling.give' ? 'give-own-score' : c.type === 'grid.add' ? 'add-grid-item' : 'change-record';

/**
 * Checks and stores one command. With `expectedVersion` a stale record is refused (409); without it
 * the command is decided again on the newer record, a few times, before giving up.
 */
export async function runCommand(
  deps: RecordDeps,
  conferenceId: string,
  who: Principal,
  command: RecordCommand,
  expectedVersion?: number,
): Promise<{ version: number; view: RecordView }> {
  return oneAtATime(conferenceId, () => decideAndStore(deps, conferenceId, who, command, expectedVersion));
}

/**
 * One command at a time per conference in this process, so a chair ticking people in quick succession
 * never races their own changes; between instances the primary key and the retries below still decide.
 */
const tails = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

async function decideAndStore(
  deps: RecordDeps,
  conferenceId: string,
  who: Principal,
  command: RecordCommand,
  expectedVersion?: number,
): Promise<{ version: number; view: RecordView }> {
  for (let attempt = 0; ; attempt++) {
    const loaded = await loadRecord(deps, conferenceId, who);
    if (!may(loaded.roles, abilityFor(command), loaded.conference))
      throw new AccessRefused('NOT_ALLOWED_FOR_ROLE');
    if (expectedVersion !== undefined && expectedVersion !== loaded.state.version)
      throw new VersionConflictError(
        'conference record',
        conferenceId,
        expectedVersion,
        loaded.state.version,
      );
    const now = deps.clock.now();
    const people = recordPeople(loaded.conference);
    let event: RecordEvent = decide(loaded.state, command, {
      actor: who.aadObjectId,
      now: now.toISOString(),
      today: today(now),
      personIds: new Set(people.map((p) => p.id)),
    });
    if (command.type === 'prompt.send') {
      const outcome = await deps.prompter.send({
        conference: loaded.conference,
        meeting: loaded.state.meeting,
        kind: command.kind,
        people: people.filter((p) => command.personIds.includes(p.id)),
      });
      event = { ...event, data: { ...event.data, ...outcome } };
    }
    try {
      await deps.records.append(conferenceId, event);
    } catch (e) {
      // A prompt is never sent twice, so it is not retried.
      if (
        isVersionConflict(e) &&
        expectedVersion === undefined &&
        command.type !== 'prompt.send' &&
        attempt < 3
      )
        continue;
      throw e;
    }
    deps.changed(conferenceId);
    const after = { ...loaded, state: evolve(loaded.state, event) };
    if (event.type === 'decision.record' && after.state.decision && deps.decided)
      await deps.decided(loaded.conference, loaded.state.decision, after.state.decision);
    return { version: event.version, view: await viewRecord(deps, after, who) };
  }
}
