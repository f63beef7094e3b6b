/**
 * Every Action.Execute verb a Roundtable card can send, declared once (STYLE.md #1).
 * bot/teams/card-actions.ts maps each to its handler in one Record<Verb, …> table;
 * cards/payloads.ts holds the zod schema of each verb's `action.data`.
 */
export const VERBS = [
  'welcome.show',
  // The person's own list of conferences, from the welcome card or by typing "my conferences".
  'conferences.mine',
  // The person's own reports, from the welcome card or by typing "my reports"; each opens the report dialog.
  'reports.mine',
  // Invitation and reminder cards: the four answers, the form to change them, and the per-viewer refresh.
  'rsvp.attendInPerson',
  'rsvp.attendVirtually',
  'rsvp.sendDeputy',
  'rsvp.reportOnly',
  'rsvp.change',
  'rsvp.refresh',
  // The chair's readiness card and quorum warning.
  'readiness.refresh',
  // The chair or business support records an answer given by phone or email.
  'rsvp.recordFor',
  'invitations.send',
  // The chair's report readiness card at the reading deadline: go ahead or postpone (seed 003 §1.6).
  'readiness.goAhead',
  'readiness.postpone',
  // Core groups after the conference: the scheduling card's answers, the owner's progress update, and
  // each card's per-viewer refresh (a member sees the fixed time, an owner an update recorded for them).
  'coreGroup.slots.answer',
  'coreGroup.slots.none',
  'coreGroup.slots.refresh',
  'coreGroup.progress.send',
  'coreGroup.progress.refresh',
] as const;
export type Verb = (typeof VERBS)[number];

export const isVerb = (v: unknown): v is Verb =>
  typeof v === 'string' && (VERBS as readonly string[]).includes(v);
