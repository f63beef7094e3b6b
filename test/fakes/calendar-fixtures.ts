/** Fictional family members for calendar tests: two parents who may not attend together. */
import type { Conference, FamilyMember } from '../../bot/domain/conference.js';
import { buildConference } from './fixtures.js';

export const familyMember = (
  id: string,
  firstName: string,
  relationship: string,
  extra: Partial<FamilyMember> = {},
): FamilyMember => ({
  id,
  firstName,
  lastName: 'Sample',
  relationship,
  parentalResponsibility: true,
  email: `${firstName.toLowerCase()}.sample@family.example.org`,
  communicationNeeds: { britishSignLanguage: false, makaton: false },
  mayNotAttendWith: [],
  ...extra,
});

/** Robin (mother) may not attend with Sam (father), e.g. because of domestic abuse. */
export const MOTHER = familyMember('m', 'Robin', 'mother', { mayNotAttendWith: ['f'] });
export const FATHER = familyMember('f', 'Sam', 'father');

/** The fixture conference with the two parents apart: a two-part conference. */
export const twoPartConference = (overrides: Partial<Conference> = {}): Conference =>
  buildConference({ familyMembers: [MOTHER, FATHER], ...overrides });
