import type { Child, FamilyMember } from './conference.js';

export type ChildParticipation = 'may-attend' | 'views-sought' | 'too-young';

/** Age in completed years on a date (both ISO YYYY-MM-DD); a 29 Feb birthday counts on 1 Mar in other years. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

/**
 * How a child takes part, by age on the conference date: 12 and over may attend (seed 004, Cornwall);
 * every child over four takes part in some way, through an advocate, a letter, a video or an app such
 * as Mind of My Own (seed 002, Portsmouth). "Over four" is read as five or older.
 */
export function childParticipation(
  child: Pick<Child, 'dateOfBirth'>,
  conferenceDate: string,
): ChildParticipation {
  const age = ageOn(child.dateOfBirth, conferenceDate);
  if (age >= 12) return 'may-attend';
  if (age > 4) return 'views-sought';
  return 'too-young';
}

export const PARTICIPATION_TEXT: Record<ChildParticipation, string> = {
  'may-attend':
    'Aged 12 or over: may attend at least part of the conference if they want to, or share their views another way.',
  'views-sought':
    'Over four: takes part in some way, through an advocate, a letter, a video or an app such as Mind of My Own.',
  'too-young': 'Under five: their lived experience is described by the people who know them best.',
};

/**
 * Groups family members who can attend together. A "may not attend with" constraint (for example
 * domestic abuse) splits the conference into parts (seed 003 §1.8); each constraint works both ways.
 */
export function conferenceParts(
  members: readonly Pick<FamilyMember, 'id' | 'mayNotAttendWith'>[],
): string[][] {
  const apart = (a: string, b: string) =>
    members.some(
      (m) => (m.id === a && m.mayNotAttendWith.includes(b)) || (m.id === b && m.mayNotAttendWith.includes(a)),
    );
  const parts: string[][] = [];
  for (const m of members) {
    const part = parts.find((p) => p.every((other) => !apart(m.id, other)));
    if (part) part.push(m.id);
    else parts.push([m.id]);
  }
  return parts;
}

export const isTwoPart = (members: readonly Pick<FamilyMember, 'id' | 'mayNotAttendWith'>[]): boolean =>
  conferenceParts(members).length > 1;
