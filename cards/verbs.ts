/**
 * Every Action.Execute verb a Roundtable card can send, declared once (STYLE.md #1).
 * bot/teams/card-actions.ts maps each to its handler in one Record<Verb, …> table.
 */
export const VERBS = ['welcome.show'] as const;
export type Verb = (typeof VERBS)[number];

export const isVerb = (v: unknown): v is Verb =>
  typeof v === 'string' && (VERBS as readonly string[]).includes(v);
