/**
 * The outline plan sent with the decision letter (seed 003 §4.3): only what everyone, the family
 * included, may read. Built item by item from an allow-list: never an unagreed grid item, never
 * anything written in a restricted part, never dissent.
 */
import type { Category, Outcome } from '../conference-record/commands.js';
import type { GridEntry, RecordState } from '../conference-record/state.js';
import type { Decision } from '../conference-record/state.js';
import { recordPeople } from '../conference-record/views.js';
import type { Conference } from '../conference.js';
import type { Deadline, DeadlineKey } from '../timescales/deadline.js';
import { dateLabel } from '../timescales/dates.js';
import { CATEGORY_LABELS, OUTCOME_LABELS, personRoleLabel } from './labels.js';
import { heldOn } from './timeline.js';

export interface OutlinePlanAction {
  what: string;
  who: string;
  /** YYYY-MM-DD. */
  byWhen: string;
  /** "Wed 1 Apr 2026". */
  byWhenLabel: string;
  howWeWillKnow: string;
  /** The worry the action answers, when it is one the family may read. */
  worry?: string | undefined;
}

export interface PlanDate {
  key: DeadlineKey;
  label: string;
  dueLabel: string;
  rule: string;
}

export interface OutlinePlan {
  /** "Outline child protection plan"; also the PDF's title, so it never holds a name. */
  title: string;
  reference: string;
  conferenceKindLabel: string;
  /** YYYY-MM-DD, English local date. */
  heldOn: string;
  heldOnLabel: string;
  /** Children by first name. */
  children: string[];
  outcome: Outcome;
  outcomeLabel: string;
  category?: Category | undefined;
  categoryLabel?: string | undefined;
  actions: OutlinePlanAction[];
  contingency: string;
  network: string;
  familyGroupConferenceOffered: boolean;
  coreGroup: { name: string; role: string }[];
  leadSocialWorker: string;
  chairName?: string | undefined;
  dates: PlanDate[];
}

/** Safe for the family: agreed and outside every restricted part. */
export const shareable = (g: GridEntry): boolean => g.agreed && !g.restricted && !g.partId;

const PLAN_TITLES: Record<Outcome, string> = {
  'child-protection-plan': 'Outline child protection plan',
  'child-in-need-plan': 'Outline child in need plan',
  'early-help': 'Outline early help plan',
  'no-further-action': 'Outline plan',
};

/** Deadlines the family is told about; core group and review only follow a child protection plan. */
export function planDates(outcome: Outcome, deadlines: readonly Deadline[]): PlanDate[] {
  const keys: DeadlineKey[] =
    outcome === 'child-protection-plan'
      ? ['first-core-group', 'next-core-group', 'first-review', 'next-review', 'minutes']
      : ['minutes'];
  return keys.flatMap((key) => {
    const d = deadlines.find((x) => x.key === key);
    return d ? [{ key, label: d.title, dueLabel: d.dueLabel, rule: d.rule }] : [];
  });
}

export function outlinePlan(
  c: Conference,
  s: RecordState,
  decision: Decision,
  deadlines: readonly Deadline[],
  kindLabel: string,
): OutlinePlan {
  const people = recordPeople(c);
  const worryText = (id: string | undefined) => {
    const g = id ? s.grid.find((x) => x.id === id) : undefined;
    return g && shareable(g) ? g.text : undefined;
  };
  const met = heldOn(c, decision);
  return {
    title: PLAN_TITLES[decision.outcome],
    reference: c.reference,
    conferenceKindLabel: kindLabel,
    heldOn: met,
    heldOnLabel: dateLabel(met),
    children: c.children.map((ch) => ch.firstName),
    outcome: decision.outcome,
    outcomeLabel: OUTCOME_LABELS[decision.outcome],
    ...(decision.category
      ? { category: decision.category, categoryLabel: CATEGORY_LABELS[decision.category] }
      : {}),
    actions: s.actions
      .filter((a) => !a.restricted && !a.partId)
      .map((a) => ({
        what: a.what,
        who: a.who,
        byWhen: a.byWhen,
        byWhenLabel: dateLabel(a.byWhen),
        howWeWillKnow: a.howWeWillKnow,
        ...(worryText(a.worryItemId) ? { worry: worryText(a.worryItemId) } : {}),
      })),
    contingency: s.contingency,
    network: s.network,
    familyGroupConferenceOffered: s.familyGroupConferenceOffered,
    coreGroup: decision.coreGroupPersonIds.flatMap((id) => {
      const p = people.find((x) => x.id === id);
      return p ? [{ name: p.name, role: personRoleLabel(c, p) }] : [];
    }),
    leadSocialWorker: decision.leadSocialWorkerName ?? c.leadSocialWorker.name,
    ...(c.chair ? { chairName: c.chair.name } : {}),
    dates: planDates(decision.outcome, deadlines),
  };
}
