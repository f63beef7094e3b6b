/**
 * The restricted parts of the minutes and who may read them. A parent may be excluded from part of a
 * conference, or a conference held in two parts (seed 003, seed 004): what was written then reaches
 * only the people who were allowed to hear it, and the chair confirms each item before approval.
 */
import type { GridColumn } from '../conference-record/commands.js';
import type { GridEntry, PlanAction, RecordState, RestrictedPart } from '../conference-record/state.js';
import type { PersonRole } from '../conference-record/views.js';
import { dateLabel } from '../timescales/dates.js';
import { COLUMN_LABELS, localDate, timeLabel } from './labels.js';
import type { Minutes } from './minutes.js';

export interface MinutesGridItem {
  id: string;
  column: GridColumn;
  columnLabel: string;
  text: string;
  agreed: boolean;
}

export interface MinutesAction {
  id: string;
  what: string;
  who: string;
  byWhen: string;
  byWhenLabel: string;
  howWeWillKnow: string;
  worry?: string | undefined;
}

export type RestrictedItem = ({ kind: 'grid' } & MinutesGridItem) | ({ kind: 'action' } & MinutesAction);

export interface RestrictedMinutesPart {
  partId: string;
  reason: string;
  /** ISO instants, as recorded. */
  startedAt: string;
  endedAt?: string | undefined;
  /** "Thu 5 Mar 2026, 10:40 to 11:05". */
  whenLabel: string;
  excludedPersonIds: string[];
  excludedNames: string[];
  items: RestrictedItem[];
}

export const gridItem = (g: GridEntry): MinutesGridItem => ({
  id: g.id,
  column: g.column,
  columnLabel: COLUMN_LABELS[g.column],
  text: g.text,
  agreed: g.agreed,
});

export const minutesAction = (a: PlanAction, worry?: string): MinutesAction => ({
  id: a.id,
  what: a.what,
  who: a.who,
  byWhen: a.byWhen,
  byWhenLabel: dateLabel(a.byWhen),
  howWeWillKnow: a.howWeWillKnow,
  ...(worry ? { worry } : {}),
});

/** An item the record marks restricted but whose part it cannot find: kept from everyone excluded anywhere. */
const UNNAMED_PART = 'restricted';

const whenLabel = (p: { startedAt: string; endedAt?: string | undefined }) =>
  `${dateLabel(localDate(p.startedAt))}, ${timeLabel(p.startedAt)} to ${p.endedAt ? timeLabel(p.endedAt) : 'the end'}`;

export function restrictedParts(s: RecordState, nameOf: (id: string) => string): RestrictedMinutesPart[] {
  const known = new Set(s.restrictedParts.map((p) => p.id));
  const partOf = (x: { restricted: boolean; partId?: string | undefined }) =>
    x.partId && known.has(x.partId) ? x.partId : x.restricted || x.partId ? UNNAMED_PART : undefined;
  const items = (partId: string): RestrictedItem[] => [
    ...s.grid.filter((g) => partOf(g) === partId).map((g) => ({ kind: 'grid' as const, ...gridItem(g) })),
    ...s.actions
      .filter((a) => partOf(a) === partId)
      .map((a) => ({
        kind: 'action' as const,
        ...minutesAction(a, s.grid.find((g) => g.id === a.worryItemId)?.text),
      })),
  ];
  const part = (p: RestrictedPart): RestrictedMinutesPart => ({
    partId: p.id,
    reason: p.reason,
    startedAt: p.startedAt,
    ...(p.endedAt ? { endedAt: p.endedAt } : {}),
    whenLabel: whenLabel(p),
    excludedPersonIds: [...p.excludedPersonIds],
    excludedNames: p.excludedPersonIds.map(nameOf),
    items: items(p.id),
  });
  const parts = s.restrictedParts.map(part);
  const unnamed = items(UNNAMED_PART);
  if (unnamed.length) {
    const everyoneExcluded = [...new Set(s.restrictedParts.flatMap((p) => p.excludedPersonIds))];
    parts.push({
      partId: UNNAMED_PART,
      reason: 'Marked as restricted in the record.',
      startedAt: s.restrictedParts[0]?.startedAt ?? '',
      whenLabel: 'During the conference',
      excludedPersonIds: everyoneExcluded,
      excludedNames: everyoneExcluded.map(nameOf),
      items: unnamed,
    });
  }
  return parts;
}

export interface MinutesConfirmation {
  id: string;
  partId: string;
  kind: 'grid' | 'action';
  text: string;
}

/** Every restricted item, for the chair to confirm one by one before the minutes are approved. */
export const minutesConfirmations = (m: Minutes): MinutesConfirmation[] =>
  m.restricted.flatMap((p) =>
    p.items.map((i) => ({
      id: i.id,
      partId: p.partId,
      kind: i.kind,
      text:
        i.kind === 'grid'
          ? `${i.columnLabel}: ${i.text}`
          : `${i.what}. Who: ${i.who}. By: ${i.byWhenLabel}. How we will know: ${i.howWeWillKnow}`,
    })),
  );

export interface MinutesReader {
  personId: string;
  role: PersonRole;
}

export type MinutesCopy = Minutes & {
  /** 'full': every part of the record; 'partial': some restricted parts are not in this copy. */
  copy: 'full' | 'partial';
  /** The header line saying which, without saying what was left out. */
  copyLabel: string;
};

export const FULL_COPY_LABEL = 'Full record of the conference.';
export const PARTIAL_COPY_LABEL =
  'Copy of the record. This copy does not include every part of the conference.';

/**
 * The copy one person receives: a family member never gets a restricted part, nor the names beside the
 * safety scores; anyone excluded from a part never gets that part; everyone else gets all of them.
 */
export function minutesCopyFor(m: Minutes, reader: MinutesReader): MinutesCopy {
  const mayRead = (p: RestrictedMinutesPart) =>
    reader.role !== 'family' && !p.excludedPersonIds.includes(reader.personId);
  const restricted = m.restricted.filter(mayRead);
  const full = restricted.length === m.restricted.length;
  // Scores were given privately and shared without names (seed 004): the family's copy keeps them so.
  const scaling =
    reader.role === 'family'
      ? { ...m.scaling, entries: m.scaling.entries.map((e) => ({ ...e, name: 'A participant' })) }
      : m.scaling;
  return {
    ...m,
    scaling,
    restricted,
    copy: full ? 'full' : 'partial',
    copyLabel: full ? FULL_COPY_LABEL : PARTIAL_COPY_LABEL,
  };
}
