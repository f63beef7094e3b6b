/**
 * Checks a command against the record as it stands and turns it into the event to store, or refuses
 * it with a DomainError the person can act on. Pure: the caller gives the time, today's date and who
 * is asking; ids are derived from the next version, so they are unique within the conference.
 */
import { DomainError, ErrorCodes } from '../errors.js';
import type { RecordCommand } from './commands.js';
import { OUTLINE_AGENDA, PRE_MEETING_CHECKLIST } from './outline.js';
import { activeRestrictedPart } from './state.js';
import type { RecordEvent, RecordState } from './state.js';

export interface DecideContext {
  actor: string;
  /** ISO instant. */
  now: string;
  /** Today in England, YYYY-MM-DD. */
  today: string;
  /** Ids of the people in the conference (attendance, core group, dissent, prompts). */
  personIds: ReadonlySet<string>;
}

const invalid = (path: string, message: string) =>
  new DomainError(ErrorCodes.VALIDATION_FAILED, 'The change has problems; nothing was saved.', [
    { path: `command.${path}`, message },
  ]);
const missing = (what: string) =>
  new DomainError(
    ErrorCodes.NOT_FOUND,
    `That ${what} is not in this conference’s record; reload and try again.`,
  );

export function decide(s: RecordState, c: RecordCommand, ctx: DecideContext): RecordEvent {
  const version = s.version + 1;
  const event = (data: Record<string, unknown>): RecordEvent => ({
    version,
    actor: ctx.actor,
    at: ctx.now,
    type: c.type,
    data,
  });
  const { type: _type, ...fields } = c;
  /** Each id must be someone in the conference; `path(i)` names the field of the i-th. */
  const knownPeople = (ids: readonly string[], path: (i: number) => string) =>
    ids.forEach((id, i) => {
      if (!ctx.personIds.has(id)) throw invalid(path(i), 'This person is not in this conference.');
    });
  const gridItem = (itemId: string) => s.grid.find((g) => g.id === itemId) ?? fail(missing('grid item'));
  const planAction = (actionId: string) =>
    s.actions.find((a) => a.id === actionId) ?? fail(missing('plan action'));
  const futureDate = (byWhen: string) => {
    if (byWhen <= ctx.today) throw invalid('byWhen', 'Give a date after today for “by when”.');
  };
  const worry = (worryItemId: string | undefined) => {
    if (
      worryItemId &&
      !s.grid.some((g) => g.id === worryItemId && (g.column === 'worries' || g.column === 'danger-statement'))
    )
      throw invalid('worryItemId', 'Link the action to a worry or danger statement on the grid.');
  };

  switch (c.type) {
    case 'checklist.set':
      if (!PRE_MEETING_CHECKLIST.some((i) => i.id === c.itemId)) throw missing('checklist item');
      return event(fields);
    case 'agenda.start':
      if (!OUTLINE_AGENDA.some((i) => i.id === c.itemId)) throw missing('agenda item');
      return event(fields);
    case 'attendance.set':
      knownPeople([c.personId], () => 'personId');
      return event(fields);
    case 'restricted.start':
      if (activeRestrictedPart(s))
        throw new DomainError(
          ErrorCodes.ILLEGAL_TRANSITION,
          'A restricted part is already running; end it first.',
        );
      knownPeople(c.excludedPersonIds, (i) => `excludedPersonIds.${i}`);
      return event({ ...fields, id: `r${version}` });
    case 'restricted.end':
      if (!activeRestrictedPart(s))
        throw new DomainError(ErrorCodes.ILLEGAL_TRANSITION, 'No restricted part is running.');
      return event({});
    case 'grid.add':
      return event({ ...fields, id: `g${version}` });
    case 'grid.edit':
    case 'grid.agree':
    case 'grid.remove':
      gridItem(c.itemId);
      return event(fields);
    case 'stage.showUnagreed':
    case 'scaling.give':
    case 'scaling.share':
    case 'plan.contingency':
    case 'plan.network':
      return event(fields);
    case 'plan.add':
      futureDate(c.byWhen);
      worry(c.worryItemId);
      return event({ ...fields, id: `a${version}` });
    case 'plan.edit':
      planAction(c.actionId);
      futureDate(c.byWhen);
      worry(c.worryItemId);
      return event(fields);
    case 'plan.remove':
      planAction(c.actionId);
      return event(fields);
    case 'decision.record':
      // Seed 000 principle 9: the plan is finalised before the level of plan is decided.
      if (s.actions.length === 0)
        throw new DomainError(
          ErrorCodes.DECISION_BEFORE_PLAN,
          'Agree at least one plan action before recording the decision: the plan comes first.',
        );
      knownPeople(c.coreGroupPersonIds, (i) => `coreGroupPersonIds.${i}`);
      knownPeople(
        c.dissent.map((x) => x.personId),
        (i) => `dissent.${i}.personId`,
      );
      return event(fields);
    case 'prompt.send':
      knownPeople(c.personIds, (i) => `personIds.${i}`);
      return event(fields);
    case 'meeting.link':
      return event(fields);
  }
}

function fail(e: Error): never {
  throw e;
}
