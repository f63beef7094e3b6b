/** One obviously fictional family and initial conference, so a newcomer sees real deadlines. */
import type { ConferenceRequestInput } from './domain/conference.js';
import { ConferenceRequestInput as RequestSchema } from './domain/conference.js';
import type { ConferenceDeps } from './use-cases/conferences.js';
import { listConferences, requestConference } from './use-cases/conferences.js';

export function demoRequest(strategyDiscussionDate: string, scheduledStart?: string): ConferenceRequestInput {
  return {
    kind: 'initial',
    strategyDiscussionDate,
    ...(scheduledStart ? { scheduledStart } : {}),
    format: 'hybrid',
    chair: { name: 'Casey Chair (fictional)', email: 'casey.chair@example.org' },
    leadSocialWorker: { name: 'Sam Socialworker (fictional)', email: 'sam.socialworker@example.org' },
    minuteTaker: { name: 'Morgan Minutes (fictional)', email: 'morgan.minutes@example.org' },
    children: [
      { firstName: 'Pip', lastName: 'Sample', dateOfBirth: '2013-05-14' },
      { firstName: 'Wren', lastName: 'Sample', dateOfBirth: '2020-09-02' },
    ],
    familyMembers: [
      {
        key: 'robin',
        firstName: 'Robin',
        lastName: 'Sample',
        relationship: 'mother',
        parentalResponsibility: true,
        email: 'robin.sample@example.org',
        communicationNeeds: { interpreterLanguage: 'Welsh', britishSignLanguage: false, makaton: false },
        mayNotAttendWith: ['kit'],
      },
      {
        key: 'kit',
        firstName: 'Kit',
        lastName: 'Sample',
        relationship: 'father',
        parentalResponsibility: true,
      },
    ],
    invitees: [
      {
        name: 'Hana Healthvisitor (fictional)',
        email: 'hana.hv@example.org',
        role: 'Health visitor',
        agency: 'Example Community Health',
        agencyKind: 'health',
      },
      {
        name: 'Theo Teacher (fictional)',
        email: 'theo.teacher@example.org',
        role: 'Designated safeguarding lead',
        agency: 'Example Primary School',
        agencyKind: 'education',
      },
      {
        name: 'PC Pat Police (fictional)',
        email: 'pat.police@example.org',
        role: 'Police officer',
        agency: 'Example Police',
        agencyKind: 'police',
      },
      {
        name: 'Dr Gale GP (fictional)',
        email: 'gale.gp@example.org',
        role: 'GP',
        agency: 'Example Surgery',
        agencyKind: 'health',
        directContact: false,
      },
    ],
  };
}

/** Adds the demo conference once (a second start finds it and adds nothing). */
export async function seedDemo(deps: ConferenceDeps): Promise<string | undefined> {
  const existing = await listConferences(deps, { limit: 1, offset: 0 });
  if (existing.items.length > 0) return undefined;
  const today = deps.clock.now().toISOString().slice(0, 10);
  // The conference is set 10 working days after a strategy discussion held today, at 10:00.
  const due = deps.timescales.calendar.addWorkingDays(today, 10);
  const view = await requestConference(deps, RequestSchema.parse(demoRequest(today, `${due}T10:00`)));
  return view.reference;
}
