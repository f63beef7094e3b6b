/**
 * The minutes: the written record of the conference, built from the record's events. The chair checks
 * them for confidential information before they go out (seed 003 §4.7), so everything written during
 * a restricted part is held apart, in `restricted`, and never in the main sections: a copy for someone
 * excluded from a part is the main sections plus the parts they may read (seed 004, exclusion).
 */
import type { Category, GridColumn, Outcome } from '../conference-record/commands.js';
import { OUTLINE_AGENDA } from '../conference-record/outline.js';
import type { RecordState } from '../conference-record/state.js';
import { recordPeople } from '../conference-record/views.js';
import { CONFERENCE_KIND_LABELS } from '../conference.js';
import type { Conference } from '../conference.js';
import type { Deadline } from '../timescales/deadline.js';
import { dateLabel } from '../timescales/dates.js';
import { CATEGORY_LABELS, COLUMN_LABELS, COLUMN_ORDER, OUTCOME_LABELS } from './labels.js';
import { localDate, personRoleLabel, timeLabel } from './labels.js';
import { gridItem, minutesAction, restrictedParts } from './minutes-restricted.js';
import type { MinutesAction, MinutesGridItem, RestrictedMinutesPart } from './minutes-restricted.js';
import { planDates } from './outline-plan.js';
import { heldOn as heldOnOf } from './timeline.js';
import type { PlanDate } from './outline-plan.js';

export type {
  MinutesAction,
  MinutesGridItem,
  RestrictedItem,
  RestrictedMinutesPart,
} from './minutes-restricted.js';

export interface MinutesPerson {
  id: string;
  name: string;
  role: string;
  attended: boolean;
  /** "10:02": when they joined, if recorded. */
  arrivedAt?: string | undefined;
  /** "11:15": when they left before the end. */
  leftAt?: string | undefined;
}

export interface Minutes {
  conferenceId: string;
  reference: string;
  kindLabel: string;
  heldOn: string;
  heldOnLabel: string;
  /** Full names: the minutes are the record. */
  children: string[];
  chairName?: string | undefined;
  people: MinutesPerson[];
  agenda: { id: string; title: string; startedAt?: string; endedAt?: string }[];
  grid: { column: GridColumn; label: string; items: MinutesGridItem[] }[];
  scaling: { shared: boolean; entries: { name: string; score: number; reason: string }[] };
  plan: {
    actions: MinutesAction[];
    contingency: string;
    network: string;
    familyGroupConferenceOffered: boolean;
  };
  decision?:
    | {
        outcome: Outcome;
        outcomeLabel: string;
        category?: Category | undefined;
        categoryLabel?: string | undefined;
        leadSocialWorker: string;
        coreGroup: { name: string; role: string }[];
        dissent: { name: string; role: string; reason: string }[];
        recordedAt: string;
      }
    | undefined;
  dates: PlanDate[];
  restricted: RestrictedMinutesPart[];
}

const inRestrictedPart = (x: { restricted: boolean; partId?: string | undefined }) =>
  x.restricted || Boolean(x.partId);

export function draftMinutes(c: Conference, s: RecordState, deadlines: readonly Deadline[] = []): Minutes {
  const people = recordPeople(c);
  const person = (id: string) => people.find((p) => p.id === id);
  const nameOf = (id: string) => person(id)?.name ?? 'Someone no longer listed';
  const roleOf = (id: string) => {
    const p = person(id);
    return p ? personRoleLabel(c, p) : '';
  };
  const grid = s.grid.filter((g) => !inRestrictedPart(g));
  // A worry written in a restricted part is named only inside that part.
  const openWorry = (id: string | undefined) => grid.find((g) => g.id === id)?.text;
  const started = Object.values(s.agenda)
    .map((a) => a.startedAt)
    .filter((x): x is string => Boolean(x))
    .sort()[0];
  const heldOn = s.decision
    ? heldOnOf(c, s.decision)
    : (c.scheduledStart?.slice(0, 10) ?? (started ? localDate(started) : c.createdAt.slice(0, 10)));
  const d = s.decision;
  return {
    conferenceId: c.id,
    reference: c.reference,
    kindLabel: CONFERENCE_KIND_LABELS[c.kind],
    heldOn,
    heldOnLabel: dateLabel(heldOn),
    children: c.children.map((ch) => `${ch.firstName} ${ch.lastName}`),
    ...(c.chair ? { chairName: c.chair.name } : {}),
    people: people.map((p) => {
      const a = s.attendance[p.id];
      return {
        id: p.id,
        name: p.name,
        role: personRoleLabel(c, p),
        attended: Boolean(a?.present || a?.arrivedAt),
        ...(a?.arrivedAt ? { arrivedAt: timeLabel(a.arrivedAt) } : {}),
        ...(a?.leftAt && !a.present ? { leftAt: timeLabel(a.leftAt) } : {}),
      };
    }),
    agenda: OUTLINE_AGENDA.filter((i) => s.agenda[i.id]).map((i) => {
      const t = s.agenda[i.id] ?? {};
      return {
        id: i.id,
        title: i.title,
        ...(t.startedAt ? { startedAt: timeLabel(t.startedAt) } : {}),
        ...(t.endedAt ? { endedAt: timeLabel(t.endedAt) } : {}),
      };
    }),
    grid: COLUMN_ORDER.map((column) => ({
      column,
      label: COLUMN_LABELS[column],
      items: grid.filter((g) => g.column === column).map(gridItem),
    })).filter((col) => col.items.length > 0),
    scaling: {
      shared: s.scalingShared,
      entries: Object.entries(s.scaling).map(([aad, e]) => ({
        name: people.find((p) => p.aadObjectId === aad)?.name ?? 'A participant',
        score: e.score,
        reason: e.reason,
      })),
    },
    plan: {
      actions: s.actions
        .filter((a) => !inRestrictedPart(a))
        .map((a) => minutesAction(a, openWorry(a.worryItemId))),
      contingency: s.contingency,
      network: s.network,
      familyGroupConferenceOffered: s.familyGroupConferenceOffered,
    },
    decision: d && {
      outcome: d.outcome,
      outcomeLabel: OUTCOME_LABELS[d.outcome],
      ...(d.category ? { category: d.category, categoryLabel: CATEGORY_LABELS[d.category] } : {}),
      leadSocialWorker: d.leadSocialWorkerName ?? c.leadSocialWorker.name,
      coreGroup: d.coreGroupPersonIds.map((id) => ({ name: nameOf(id), role: roleOf(id) })),
      dissent: d.dissent.map((x) => ({
        name: nameOf(x.personId),
        role: roleOf(x.personId),
        reason: x.reason,
      })),
      recordedAt: timeLabel(d.recordedAt),
    },
    dates: planDates(d?.outcome ?? 'child-protection-plan', deadlines),
    restricted: restrictedParts(s, nameOf),
  };
}

export {
  minutesConfirmations,
  minutesCopyFor,
  FULL_COPY_LABEL,
  PARTIAL_COPY_LABEL,
} from './minutes-restricted.js';
export type { MinutesConfirmation, MinutesCopy, MinutesReader } from './minutes-restricted.js';
