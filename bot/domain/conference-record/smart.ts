/**
 * A SMART check of one plan action (seed 003 §3.1: specific, measurable, achievable, realistic and
 * timely), with a hint for each criterion not met. It advises as the action is typed; it never blocks.
 */
import { DateTime } from 'luxon';

export const SmartCriteria = ['specific', 'measurable', 'achievable', 'realistic', 'timely'] as const;
export type SmartCriterion = (typeof SmartCriteria)[number];

export interface SmartFinding {
  criterion: SmartCriterion;
  ok: boolean;
  hint: string;
}

export interface ActionDraft {
  what: string;
  who: string;
  byWhen: string;
  howWeWillKnow: string;
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
/** Verbs that say an intention without saying what will be done. */
const VAGUE = /^(support|engage|continue|monitor|improve|work on|try|help|address|consider|look at)\b/i;
const NOBODY =
  /^(everyone|everybody|all|all agencies|professionals|the family|family|tbc|tba|n\/a|someone)$/i;
const OBSERVABLE =
  /\d|\b(every|each|weekly|daily|monthly|times|attend|attended|seen|visit|report|record|check)/i;

/** `today` is the date in England, YYYY-MM-DD. */
export function checkSmart(action: ActionDraft, today: string): SmartFinding[] {
  const what = action.what.trim();
  const due = DateTime.fromISO(action.byWhen, { zone: 'utc' });
  const now = DateTime.fromISO(today, { zone: 'utc' });
  const future = due.isValid && now.isValid && due > now;
  const andCount = (what.match(/\band\b/gi) ?? []).length;
  return [
    {
      criterion: 'specific',
      ok: words(what).length >= 4 && !(VAGUE.test(what) && words(what).length < 8),
      hint: 'Say exactly what will be done, by whom and for the child, e.g. “Take Pip to the dentist”.',
    },
    {
      criterion: 'measurable',
      ok: words(action.howWeWillKnow).length >= 3 && OBSERVABLE.test(action.howWeWillKnow),
      hint: 'Say how everyone will see it has happened: a number, a visit, a record or a report.',
    },
    {
      criterion: 'achievable',
      ok: words(action.who).length > 0 && !NOBODY.test(action.who.trim()),
      hint: 'Name one person or role who will make it happen.',
    },
    {
      criterion: 'realistic',
      ok: words(what).length <= 40 && andCount <= 2,
      hint: 'This asks a lot in one action; split it into smaller actions.',
    },
    {
      criterion: 'timely',
      ok: future,
      hint: 'Give a real date after today for “by when”.',
    },
  ].map((f) => ({ ...f, hint: f.ok ? '' : f.hint })) as SmartFinding[];
}
