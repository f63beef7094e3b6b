/**
 * Every Action.Execute verb a Roundtable card can send, declared once (STYLE.md #1).
 * bot/teams/card-actions.ts maps each to its handler in one Record<Verb, …> table;
 * cards/payloads.ts holds the zod schema of each verb's `action.data`.
 */
export const VERBS = [
  'welcome.show',
  // The person's own list of conferences, from the welcome card or by typing "my conferences".
  'conferences.mine',
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
] as const;
export type Verb = (typeof VERBS)[number];

export const isVerb = (v: unknown): v is Verb =>
  typeof v === 'string' && (VERBS as readonly string[]).includes(v);
