/** A realistic, obviously fictional conference request, parsed by the domain schema like a real one. */
import { ConferenceRequestInput, type ConferenceRequest } from '../../bot/domain/conference.js';

export function sampleRequest(overrides: Partial<ConferenceRequestInput> = {}): ConferenceRequest {
  return ConferenceRequestInput.parse({
    kind: 'initial',
    strategyDiscussionDate: '2026-02-27',
    format: 'hybrid',
    durationMinutes: 90,
    chair: {
      name: 'Robin Sample',
      email: 'robin.sample@example.org',
      aadObjectId: '00000000-0000-4000-8000-000000000001',
    },
    leadSocialWorker: { name: "Ciarán O'Sample", email: 'ciaran.osample@example.org' },
    minuteTaker: { name: 'Mo Sample', email: 'mo.sample@example.org' },
    children: [
      { firstName: 'Pip', lastName: 'Sample', dateOfBirth: '2019-07-14' },
      { firstName: 'Zoë', lastName: 'D’Sample', dateOfBirth: '2023-01-31' },
    ],
    familyMembers: [
      {
        key: 'mum',
        firstName: 'Siân',
        lastName: "O'Sample-Jones",
        relationship: 'mother',
        parentalResponsibility: true,
        email: 'sian.sample@example.org',
        communicationNeeds: { interpreterLanguage: 'Cymraeg', britishSignLanguage: false, makaton: false },
        mayNotAttendWith: ['dad'],
      },
      {
        key: 'dad',
        firstName: 'Łukasz',
        lastName: 'Sample',
        relationship: 'father',
        parentalResponsibility: true,
        communicationNeeds: {
          britishSignLanguage: true,
          makaton: false,
          other: 'Prefers written “plain English” notes',
        },
        mayNotAttendWith: ['mum'],
      },
      {
        key: 'nan',
        firstName: 'Edie',
        lastName: 'Sample',
        relationship: 'grandparent',
        parentalResponsibility: false,
      },
    ],
    invitees: [
      {
        name: 'Dee Sample',
        email: 'dee.sample@example.org',
        role: 'Health visitor',
        agency: 'Sampleshire NHS Trust',
        agencyKind: 'health',
      },
      {
        name: 'PC Alex Sample',
        email: 'alex.sample@police.example.org',
        role: 'Child protection officer',
        agency: 'Sampleshire Police',
        agencyKind: 'police',
        directContact: false,
        aadObjectId: '00000000-0000-4000-8000-000000000002',
        managerEmail: 'sergeant.sample@police.example.org',
      },
    ],
    ...overrides,
  });
}
