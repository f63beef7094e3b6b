/** One obviously fictional family and initial conference, so a newcomer sees real deadlines. */
import type { ConferenceRequestInput } from './domain/conference.js';
import { ConferenceRequestInput as RequestSchema } from './domain/conference.js';
import { DateTime } from 'luxon';
import type { ConferenceDeps } from './use-cases/conferences.js';
import type { InvitationDeps } from './use-cases/invitations.js';
import { scheduleConference } from './use-cases/invitations.js';
import { listConferences, requestConference } from './use-cases/conferences.js';

/** Entra object ids of the fictional people in .m365agentsplayground.yml, so the demo works in the Playground. */
const PLAYGROUND = {
  chair: '00000000-0000-4000-8000-000000002001',
  socialWorker: '00000000-0000-4000-8000-000000002002',
  healthVisitor: '00000000-0000-4000-8000-000000002003',
  teacher: '00000000-0000-4000-8000-000000002004',
  police: '00000000-0000-4000-8000-000000002005',
  minuteTaker: '00000000-0000-4000-8000-000000002006',
} as const;

export function demoRequest(strategyDiscussionDate: string, scheduledStart?: string): ConferenceRequestInput {
  return {
    kind: 'initial',
    strategyDiscussionDate,
    ...(scheduledStart ? { scheduledStart } : {}),
    format: 'hybrid',
    chair: {
      name: 'Casey Chair (fictional)',
      email: 'casey.chair@example.org',
      aadObjectId: PLAYGROUND.chair,
    },
    leadSocialWorker: {
      name: 'Sam Socialworker (fictional)',
      email: 'sam.socialworker@example.org',
      aadObjectId: PLAYGROUND.socialWorker,
    },
    minuteTaker: {
      name: 'Morgan Minutes (fictional)',
      email: 'morgan.minutes@example.org',
      aadObjectId: PLAYGROUND.minuteTaker,
    },
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
        name: 'Sam Socialworker (fictional)',
        email: 'sam.socialworker@example.org',
        role: 'Social worker',
        agency: 'Example Children’s Services',
        agencyKind: 'childrens-social-care',
        aadObjectId: PLAYGROUND.socialWorker,
      },
      {
        name: 'Hana Healthvisitor (fictional)',
        email: 'hana.hv@example.org',
        role: 'Health visitor',
        agency: 'Example Community Health',
        agencyKind: 'health',
        aadObjectId: PLAYGROUND.healthVisitor,
      },
      {
        name: 'Theo Teacher (fictional)',
        email: 'theo.teacher@example.org',
        role: 'Designated safeguarding lead',
        agency: 'Example Primary School',
        agencyKind: 'education',
        aadObjectId: PLAYGROUND.teacher,
      },
      {
        name: 'PC Pat Police (fictional)',
        email: 'pat.police@example.org',
        role: 'Police officer',
        agency: 'Example Police',
        agencyKind: 'police',
        aadObjectId: PLAYGROUND.police,
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

/**
 * Adds the demo conference once (a second start finds it and adds nothing): requested after a strategy
 * discussion today, and scheduled 10 working days later at 10:00, so invitations can be sent at once.
 */
export async function seedDemo(services: {
  conferences: ConferenceDeps;
  invitations: InvitationDeps;
}): Promise<string | undefined> {
  const deps = services.conferences;
  const existing = await listConferences(deps, { limit: 1, offset: 0 });
  if (existing.items.length > 0) return undefined;
  const today = DateTime.fromJSDate(deps.clock.now(), { zone: 'Europe/London' }).toISODate() as string;
  const due = deps.timescales.calendar.addWorkingDays(today, 10);
  const view = await requestConference(deps, RequestSchema.parse(demoRequest(today)));
  await scheduleConference(
    services.invitations,
    view.id,
    `${due}T10:00`,
    'https://teams.example.org/l/meetup-join/fictional-demo',
  );
  return view.reference;
}
