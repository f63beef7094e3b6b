/**
 * The conference record as a fold of its events. Events rather than a mutable row: every change is
 * kept with who made it and when (the minutes and any dispute can be traced), and the event count is
 * the record's version, which makes optimistic concurrency a plain primary key on (conference, version).
 */
import type { Category, GridColumn, Outcome, RecordCommand } from './commands.js';

/** One stored change: the command as accepted, with the ids it created. */
export interface RecordEvent {
  version: number;
  /** Entra object id of the person who made the change. */
  actor: string;
  /** ISO instant. */
  at: string;
  type: RecordCommand['type'];
  data: Record<string, unknown>;
}

export interface GridEntry {
  id: string;
  column: GridColumn;
  text: string;
  agreed: boolean;
  restricted: boolean;
  /** The restricted part it was written in, whose excluded people never see it. */
  partId?: string | undefined;
  createdAt: string;
}

export interface PlanAction {
  id: string;
  what: string;
  who: string;
  byWhen: string;
  howWeWillKnow: string;
  worryItemId?: string | undefined;
  restricted: boolean;
  partId?: string | undefined;
}

export interface RestrictedPart {
  id: string;
  reason: string;
  startedAt: string;
  endedAt?: string | undefined;
  excludedPersonIds: string[];
}

export interface Decision {
  outcome: Outcome;
  category?: Category | undefined;
  leadSocialWorkerName?: string | undefined;
  coreGroupPersonIds: string[];
  dissent: { personId: string; reason: string }[];
  recordedAt: string;
}

/** Why a prompt was recorded but not sent through Teams at all. */
export const PromptNotSentReasons = ['no-meeting', 'no-conversation', 'teams-refused'] as const;
export type PromptNotSent = (typeof PromptNotSentReasons)[number];

export interface PromptSent {
  kind: 'camera' | 'next-item';
  personIds: string[];
  sentAt: string;
  /** Person ids Teams accepted the notification for. */
  delivered: string[];
  notSent?: PromptNotSent | undefined;
}

/** The Teams meeting the conference runs in, as its side panel reported it. */
export interface MeetingLink {
  meetingId: string;
  chatId: string;
  linkedAt: string;
}

export interface RecordState {
  version: number;
  checklist: Record<string, { done: boolean; note: string }>;
  agenda: Record<string, { startedAt?: string; endedAt?: string }>;
  currentAgendaItemId?: string | undefined;
  attendance: Record<string, { present: boolean; arrivedAt?: string; leftAt?: string }>;
  restrictedParts: RestrictedPart[];
  grid: GridEntry[];
  stageShowsUnagreed: boolean;
  /** By the scorer's Entra object id: private to them and the chair's view. */
  scaling: Record<string, { score: number; reason: string }>;
  scalingShared: boolean;
  actions: PlanAction[];
  contingency: string;
  network: string;
  familyGroupConferenceOffered: boolean;
  decision?: Decision | undefined;
  prompts: PromptSent[];
  meeting?: MeetingLink | undefined;
}

export const emptyRecord = (): RecordState => ({
  version: 0,
  checklist: {},
  agenda: {},
  attendance: {},
  restrictedParts: [],
  grid: [],
  stageShowsUnagreed: false,
  scaling: {},
  scalingShared: false,
  actions: [],
  contingency: '',
  network: '',
  familyGroupConferenceOffered: false,
  prompts: [],
});

export const activeRestrictedPart = (s: RecordState): RestrictedPart | undefined =>
  s.restrictedParts.find((p) => !p.endedAt);

const partOf = (s: RecordState): { partId?: string } => {
  const part = activeRestrictedPart(s);
  return part ? { partId: part.id } : {};
};

type Data<T extends RecordCommand['type']> = Omit<Extract<RecordCommand, { type: T }>, 'type'>;
const d = <T extends RecordCommand['type']>(e: RecordEvent) => e.data as Data<T> & Record<string, unknown>;

/** Applies one event. Events were checked when decided, so this never refuses. */
export function evolve(s: RecordState, e: RecordEvent): RecordState {
  const next: RecordState = { ...s, version: e.version };
  switch (e.type) {
    case 'checklist.set': {
      const { itemId, done, note } = d<'checklist.set'>(e);
      next.checklist = { ...s.checklist, [itemId]: { done, note: note ?? s.checklist[itemId]?.note ?? '' } };
      break;
    }
    case 'agenda.start': {
      const { itemId } = d<'agenda.start'>(e);
      const agenda = { ...s.agenda };
      if (s.currentAgendaItemId && s.currentAgendaItemId !== itemId)
        agenda[s.currentAgendaItemId] = { ...agenda[s.currentAgendaItemId], endedAt: e.at };
      agenda[itemId] = { startedAt: e.at };
      next.agenda = agenda;
      next.currentAgendaItemId = itemId;
      break;
    }
    case 'attendance.set': {
      const { personId, present } = d<'attendance.set'>(e);
      const was = s.attendance[personId];
      next.attendance = {
        ...s.attendance,
        [personId]: present
          ? { present, arrivedAt: was?.arrivedAt ?? e.at }
          : { present, ...(was?.arrivedAt ? { arrivedAt: was.arrivedAt } : {}), leftAt: e.at },
      };
      break;
    }
    case 'restricted.start': {
      const { reason, excludedPersonIds } = d<'restricted.start'>(e);
      next.restrictedParts = [
        ...s.restrictedParts,
        { id: e.data.id as string, reason, excludedPersonIds, startedAt: e.at },
      ];
      break;
    }
    case 'restricted.end':
      next.restrictedParts = s.restrictedParts.map((p) => (p.endedAt ? p : { ...p, endedAt: e.at }));
      break;
    case 'grid.add': {
      const { column, text } = d<'grid.add'>(e);
      const entry: GridEntry = {
        id: e.data.id as string,
        column,
        text,
        agreed: false,
        restricted: Boolean(activeRestrictedPart(s)),
        ...partOf(s),
        createdAt: e.at,
      };
      next.grid = [...s.grid, entry];
      break;
    }
    case 'grid.edit': {
      const { itemId, text } = d<'grid.edit'>(e);
      // A changed text has to be agreed again (seed 004: recorded once its accuracy is agreed).
      next.grid = s.grid.map((g) => (g.id === itemId ? { ...g, text, agreed: false } : g));
      break;
    }
    case 'grid.agree': {
      const { itemId, agreed } = d<'grid.agree'>(e);
      next.grid = s.grid.map((g) => (g.id === itemId ? { ...g, agreed } : g));
      break;
    }
    case 'grid.remove':
      next.grid = s.grid.filter((g) => g.id !== d<'grid.remove'>(e).itemId);
      break;
    case 'stage.showUnagreed':
      next.stageShowsUnagreed = d<'stage.showUnagreed'>(e).show;
      break;
    case 'scaling.give': {
      const { score, reason } = d<'scaling.give'>(e);
      next.scaling = { ...s.scaling, [e.actor]: { score, reason } };
      break;
    }
    case 'scaling.share':
      next.scalingShared = d<'scaling.share'>(e).shared;
      break;
    case 'plan.add': {
      const { what, who, byWhen, howWeWillKnow, worryItemId } = d<'plan.add'>(e);
      next.actions = [
        ...s.actions,
        {
          id: e.data.id as string,
          what,
          who,
          byWhen,
          howWeWillKnow,
          ...(worryItemId ? { worryItemId } : {}),
          restricted: Boolean(activeRestrictedPart(s)),
          ...partOf(s),
        },
      ];
      break;
    }
    case 'plan.edit': {
      const { actionId, what, who, byWhen, howWeWillKnow, worryItemId } = d<'plan.edit'>(e);
      next.actions = s.actions.map((a) =>
        a.id === actionId
          ? {
              id: a.id,
              what,
              who,
              byWhen,
              howWeWillKnow,
              ...(worryItemId ? { worryItemId } : {}),
              restricted: a.restricted,
              ...(a.partId ? { partId: a.partId } : {}),
            }
          : a,
      );
      break;
    }
    case 'plan.remove':
      next.actions = s.actions.filter((a) => a.id !== d<'plan.remove'>(e).actionId);
      break;
    case 'plan.contingency':
      next.contingency = d<'plan.contingency'>(e).text;
      break;
    case 'plan.network': {
      const { text, familyGroupConferenceOffered } = d<'plan.network'>(e);
      next.network = text;
      next.familyGroupConferenceOffered = familyGroupConferenceOffered;
      break;
    }
    case 'decision.record': {
      const { outcome, category, leadSocialWorkerName, coreGroupPersonIds, dissent } =
        d<'decision.record'>(e);
      next.decision = {
        outcome,
        ...(outcome === 'child-protection-plan' && category ? { category } : {}),
        ...(leadSocialWorkerName ? { leadSocialWorkerName } : {}),
        coreGroupPersonIds,
        dissent,
        recordedAt: e.at,
      };
      break;
    }
    case 'prompt.send': {
      const { kind, personIds } = d<'prompt.send'>(e);
      next.prompts = [
        ...s.prompts,
        {
          kind,
          personIds,
          sentAt: e.at,
          delivered: (e.data.delivered as string[] | undefined) ?? [],
          ...(e.data.notSent ? { notSent: e.data.notSent as PromptNotSent } : {}),
        },
      ];
      break;
    }
    case 'meeting.link': {
      const { meetingId, chatId } = d<'meeting.link'>(e);
      next.meeting = { meetingId, chatId, linkedAt: e.at };
      break;
    }
  }
  return next;
}

export const foldRecord = (events: readonly RecordEvent[]): RecordState =>
  events.reduce(evolve, emptyRecord());
