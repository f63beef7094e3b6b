/**
 * The words letters and minutes use for the record's codes and people: plain English with no jargon
 * or acronyms (seed 003 §2.9), and times in English local time.
 */
import { DateTime } from 'luxon';
import type { Category, GridColumn, Outcome } from '../conference-record/commands.js';
import type { RecordPerson } from '../conference-record/views.js';
import type { Conference } from '../conference.js';
import { LONDON } from '../timescales/dates.js';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  'child-protection-plan': 'Child protection plan',
  'child-in-need-plan': 'Child in need plan',
  'early-help': 'Early help',
  'no-further-action': 'No plan needed',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  neglect: 'Neglect',
  'physical-abuse': 'Physical abuse',
  'emotional-abuse': 'Emotional abuse',
  'sexual-abuse': 'Sexual abuse',
};

export const COLUMN_LABELS: Record<GridColumn, string> = {
  'working-well': 'What is working well',
  worries: 'What we are worried about',
  'lived-experience': 'The children’s experience and views',
  'next-steps': 'What needs to happen',
  'danger-statement': 'Danger statement',
  'safety-goal': 'Safety goal',
};

/** The order the grid is discussed in (the outline agenda). */
export const COLUMN_ORDER: readonly GridColumn[] = [
  'working-well',
  'worries',
  'lived-experience',
  'danger-statement',
  'safety-goal',
  'next-steps',
];

/** "Pip", "Pip and Wren", "Pip, Wren and Kit". */
export function andList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** What a person is in the conference, in words: "Health visitor, Example Community Health", "Mother". */
export function personRoleLabel(c: Conference, p: RecordPerson): string {
  switch (p.role) {
    case 'chair':
      return 'Conference chair';
    case 'lead-social-worker':
      return p.agency ? `Lead social worker, ${p.agency}` : 'Lead social worker';
    case 'minute-taker':
      return 'Minute taker';
    case 'family': {
      const relationship = c.familyMembers.find((f) => f.id === p.id)?.relationship ?? 'Family member';
      return relationship.charAt(0).toUpperCase() + relationship.slice(1);
    }
    case 'professional': {
      const invitee = c.invitees.find((i) => i.id === p.id);
      return invitee ? `${invitee.role}, ${invitee.agency}` : 'Professional';
    }
  }
}

/** "10:05" in English local time, from an ISO instant. */
export const timeLabel = (iso: string): string =>
  DateTime.fromISO(iso, { setZone: true }).setZone(LONDON).toFormat('HH:mm');

/** The English local date (YYYY-MM-DD) of an ISO instant. */
export const localDate = (iso: string): string =>
  DateTime.fromISO(iso, { setZone: true }).setZone(LONDON).toISODate() ?? iso.slice(0, 10);
