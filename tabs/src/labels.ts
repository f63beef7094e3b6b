/** Words the tab shows for the contract's codes: plain English, no acronyms (seed 003 §2.9). */
import type { Category, GridColumn, Outcome, Person, SmartCriterion } from './types.js';

export const COLUMN_LABELS: Record<GridColumn, string> = {
  'working-well': 'What is working well',
  worries: 'What we are worried about',
  'lived-experience': 'The child’s experience and views',
  'next-steps': 'What needs to happen',
  'danger-statement': 'Danger statement',
  'safety-goal': 'Safety goal',
};

/** The grid's four columns, in the order of the conference. */
export const GRID_COLUMNS: GridColumn[] = ['working-well', 'worries', 'lived-experience', 'next-steps'];
export const STATEMENT_COLUMNS: GridColumn[] = ['danger-statement', 'safety-goal'];

export const PERSON_ROLE_LABELS: Record<Person['role'], string> = {
  chair: 'Chair',
  'lead-social-worker': 'Lead social worker',
  'minute-taker': 'Minute taker',
  professional: 'Professional',
  family: 'Family',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  'child-protection-plan': 'Child Protection Plan',
  'child-in-need-plan': 'Child in Need Plan',
  'early-help': 'Early Help',
  'no-further-action': 'No further action',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  neglect: 'Neglect',
  'physical-abuse': 'Physical abuse',
  'emotional-abuse': 'Emotional abuse',
  'sexual-abuse': 'Sexual abuse',
};

export const SMART_LABELS: Record<SmartCriterion, string> = {
  specific: 'Specific',
  measurable: 'Measurable',
  achievable: 'Achievable',
  realistic: 'Realistic',
  timely: 'Timely',
};

export const QUORUM_LABELS = {
  quorate: 'Quorate',
  'at-risk': 'Quorum at risk',
  inquorate: 'Not quorate',
} as const;

/** A status code as words ("invitations-sent" → "Invitations sent"). */
export function statusWords(code: string): string {
  const words = code.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
