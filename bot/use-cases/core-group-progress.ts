/**
 * Progress on the plan's actions: updates from the owners' cards (a person updates only their own; the
 * lead social worker and the chair any, seed 003 §2.11) and the progress report for the review
 * conference (seed 003 §2.10, §4.5).
 */
import { randomUUID } from 'node:crypto';
import { rolesOf } from '../domain/access.js';
import type { ConferenceRole } from '../domain/access.js';
import type { PlanAction } from '../domain/conference-record/state.js';
import { actionOwners, compileProgressReport, ProgressEntry } from '../domain/core-group/index.js';
import type { ProgressReport, ProgressUpdate } from '../domain/core-group/index.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { CoreGroup, CoreGroupDeps } from './core-groups.js';
import { illegal, loadCoreGroup, londonToday, meetingOf } from './core-groups.js';

/** The plan's actions a person may see here: all for those who run it, else only their own. */
export function visibleActions(
  g: CoreGroup,
  roles: readonly ConferenceRole[],
  aadObjectId: string,
): PlanAction[] {
  if (
    roles.some((r) => r === 'chair' || r === 'lead-social-worker' || r === 'manager' || r === 'minute-taker')
  )
    return g.record.actions;
  const mine = new Set(g.people.filter((p) => p.aadObjectId === aadObjectId).map((p) => p.id));
  return actionOwners(g.conference, g.record.actions, g.record.restrictedParts)
    .filter((o) => mine.has(o.person.id))
    .flatMap((o) => o.actions);
}

export interface ProgressProblem {
  actionId: string;
  message: string;
}

/**
 * Stores progress updates on plan actions for a meeting. A person updates only their own actions; the
 * lead social worker and the chair may update any (seed 003 §2.11). All or nothing: with any problem
 * nothing is stored and every problem comes back, so the card can say what to fix.
 */
export async function recordProgress(
  deps: CoreGroupDeps,
  args: {
    conferenceId: string;
    meetingId: string;
    aadObjectId: string | undefined;
    entries: { actionId: string; status: unknown; comment: unknown }[];
  },
): Promise<{ group: CoreGroup; stored: ProgressUpdate[]; problems: ProgressProblem[] }> {
  const g = await loadCoreGroup(deps, args.conferenceId);
  const meeting = meetingOf(g, args.meetingId);
  if (meeting.status === 'cancelled') throw illegal('That core group meeting was cancelled.');
  const roles = args.aadObjectId ? rolesOf(g.conference, args.aadObjectId, deps.managerIds) : [];
  const anyAction = roles.includes('chair') || roles.includes('lead-social-worker');
  const me = g.people.find((p) => p.aadObjectId && p.aadObjectId === args.aadObjectId);
  if (!me || (!anyAction && !roles.includes('professional')))
    throw new DomainError(ErrorCodes.NOT_ALLOWED_FOR_ROLE, 'Only the core group updates its plan’s actions.');
  const owners = new Map(
    actionOwners(g.conference, g.record.actions, g.record.restrictedParts).flatMap((o) =>
      o.actions.map((a) => [a.id, o.person.id] as const),
    ),
  );
  const problems: ProgressProblem[] = [];
  const valid: ProgressEntry[] = [];
  for (const entry of args.entries) {
    const owner = owners.get(entry.actionId);
    if (!owner) problems.push({ actionId: entry.actionId, message: 'This action is no longer in the plan.' });
    else if (!anyAction && owner !== me.id)
      throw new DomainError(
        ErrorCodes.NOT_ALLOWED_FOR_ROLE,
        'You can update only the actions that are yours.',
      );
    const parsed = ProgressEntry.safeParse(entry);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push({ actionId: entry.actionId, message: issue.message });
    else if (owner) valid.push(parsed.data);
  }
  if (args.entries.length === 0)
    problems.push({ actionId: '', message: 'Choose how at least one action is going.' });
  if (problems.length) return { group: g, stored: [], problems };
  const at = deps.clock.now().toISOString();
  const stored = valid.map((e) => ({
    id: randomUUID(),
    conferenceId: g.conference.id,
    meetingId: meeting.id,
    actionId: e.actionId,
    status: e.status,
    comment: e.comment,
    byPerson: me.id,
    byAad: args.aadObjectId,
    at,
  }));
  await deps.groups.addUpdates(stored);
  return { group: { ...g, updates: [...g.updates, ...stored] }, stored, problems: [] };
}

/** The progress report as of today, limited to the actions the person may see. */
export async function progressReport(
  deps: CoreGroupDeps,
  conferenceId: string,
  aadObjectId: string | undefined,
): Promise<{ group: CoreGroup; report: ProgressReport }> {
  const g = await loadCoreGroup(deps, conferenceId);
  return { group: g, report: reportFor(deps, g, aadObjectId) };
}

/** The progress report of a core group already loaded, limited to the actions the person may see. */
export function reportFor(
  deps: CoreGroupDeps,
  g: CoreGroup,
  aadObjectId: string | undefined,
): ProgressReport {
  // Without a sign-in (local development only) the report is the organisers' whole view.
  const roles: ConferenceRole[] = aadObjectId
    ? rolesOf(g.conference, aadObjectId, deps.managerIds)
    : ['chair'];
  const actions = visibleActions(g, roles, aadObjectId ?? '');
  return compileProgressReport({ actions }, g.updates, g.meetings, londonToday(deps.clock.now()));
}
