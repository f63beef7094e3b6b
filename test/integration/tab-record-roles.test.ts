import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { DEMO, devSignIn } from '../helpers/tab-api.js';
import type { TabCaller } from '../helpers/tab-api.js';

// Every role against every record route and command, on its own conference: allowed (anything but
// 403) or refused (403). The chair runs the record; the minute-taker adds grid items; every participant
// scores; the chair's view is for the chair, lead social worker, minute-taker and managers.
const MANAGER = '00000000-0000-4000-8000-00000000a001';
const OUTSIDER = '00000000-0000-4000-8000-000000003001';

let app: TestApp;
let conferenceId: string;
const callers: Record<string, TabCaller> = {};
beforeAll(async () => {
  app = await startTestApp({ MANAGER_IDS: MANAGER });
  await seedDemo(app.services);
  const [summary] = await app.services.conferences.conferences.listConferences({ limit: 1, offset: 0 });
  conferenceId = summary!.id;
  // Someone who takes part in another conference only.
  await app.services.conferences.conferences.createConference(
    {
      kind: 'initial',
      strategyDiscussionDate: '2026-11-20',
      format: 'virtual',
      durationMinutes: 60,
      leadSocialWorker: { name: 'Olu Other (fictional)', email: 'olu.other@example.org' },
      children: [{ firstName: 'Ash', lastName: 'Example', dateOfBirth: '2019-01-01' }],
      familyMembers: [],
      invitees: [
        {
          name: 'Nia Nurse (fictional)',
          email: 'nia.nurse@example.org',
          role: 'School nurse',
          agency: 'Other Health',
          agencyKind: 'health',
          directContact: true,
          aadObjectId: OUTSIDER,
        },
      ],
    },
    new Date('2026-11-23T09:00:00Z'),
  );
  const people: Record<string, string> = {
    chair: DEMO.chair,
    'lead social worker': DEMO.socialWorker,
    'minute-taker': DEMO.minuteTaker,
    professional: DEMO.teacher,
    manager: MANAGER,
    outsider: OUTSIDER,
  };
  for (const [role, id] of Object.entries(people)) callers[role] = await devSignIn(app.url, id);
}, 90_000);
afterAll(() => app.close());

const COMMANDS: Record<string, object> = {
  'checklist.set': { type: 'checklist.set', itemId: 'seating', done: true },
  'agenda.start': { type: 'agenda.start', itemId: 'introductions' },
  'attendance.set': { type: 'attendance.set', personId: 'chair', present: true },
  'grid.add': { type: 'grid.add', column: 'worries', text: 'A worry' },
  'stage.showUnagreed': { type: 'stage.showUnagreed', show: false },
  'scaling.give': { type: 'scaling.give', score: 5, reason: 'Some safety' },
  'scaling.share': { type: 'scaling.share', shared: false },
  'plan.contingency': { type: 'plan.contingency', text: 'A contingency' },
  'decision.record': { type: 'decision.record', outcome: 'early-help', coreGroupPersonIds: [], dissent: [] },
  'prompt.send': { type: 'prompt.send', kind: 'next-item', personIds: ['chair'] },
  'meeting.link': {
    type: 'meeting.link',
    meetingId: 'MCMxOTptZWV0aW5nX0ZpY3Rpb25hbEB0aHJlYWQudjIjMA==',
    chatId: '19:meeting_Fictional@thread.v2',
  },
};

type Expect = 'allowed' | 'refused';
const A: Expect = 'allowed';
const R: Expect = 'refused';
// Columns: view=chair, view=stage, then COMMANDS in order.
const MATRIX: Record<string, Expect[]> = {
  chair: [A, A, A, A, A, A, A, A, A, A, A, A, A],
  'lead social worker': [A, A, R, R, R, R, R, A, R, R, R, R, R],
  'minute-taker': [A, A, R, R, R, A, R, A, R, R, R, R, R],
  professional: [R, A, R, R, R, R, R, A, R, R, R, R, R],
  manager: [A, A, R, R, R, R, R, R, R, R, R, R, R],
  outsider: [R, R, R, R, R, R, R, R, R, R, R, R, R],
};

test.each(Object.keys(MATRIX))('%s: every record route, allowed or refused', async (role) => {
  const caller = callers[role]!;
  const statuses = [
    (await caller.get(`/api/conferences/${conferenceId}/record?view=chair`)).status,
    (await caller.get(`/api/conferences/${conferenceId}/record?view=stage`)).status,
  ];
  for (const command of Object.values(COMMANDS))
    statuses.push((await caller.command(conferenceId, command)).status);
  const seen = statuses.map((s) => (s === 403 ? 'refused' : 'allowed'));
  expect(
    Object.fromEntries(['view=chair', 'view=stage', ...Object.keys(COMMANDS)].map((k, i) => [k, seen[i]])),
  ).toEqual(
    Object.fromEntries(
      ['view=chair', 'view=stage', ...Object.keys(COMMANDS)].map((k, i) => [k, MATRIX[role]![i]]),
    ),
  );
  // An allowed call is a real answer, not an error in disguise.
  for (const s of statuses.filter((x) => x !== 403)) expect([200, 409]).toContain(s);
});
