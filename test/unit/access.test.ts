import { API_ACCESS, refusalFor, rolesOf, VERB_ACCESS } from '../../bot/domain/access.js';
import { VERBS } from '../../cards/verbs.js';
import { buildConference } from '../fakes/fixtures.js';

const withChair = buildConference();
const noChair = buildConference({ chair: undefined });
const decision = API_ACCESS['post /api/conferences/:id/readiness-decision']!;
const LEAD = '00000000-0000-4000-8000-00000000b002';
const staff = { name: 'Sam Socialworker (fictional)', email: 'sam.sw@example.org', aadObjectId: LEAD };
const lead = rolesOf(buildConference({ leadSocialWorker: staff }), LEAD);

test('the lead social worker holds the chair’s doors only while no chair is assigned', () => {
  expect(lead).toEqual(['lead-social-worker']);
  expect(refusalFor(decision, lead, withChair)).toBe('NOT_ALLOWED_FOR_ROLE');
  expect(refusalFor(decision, lead, noChair)).toBeUndefined();
  expect(refusalFor(VERB_ACCESS['readiness.goAhead']!, lead, noChair)).toBeUndefined();
});

test('no part in the conference is told apart from a part that does not allow it', () => {
  expect(refusalFor(decision, [], withChair)).toBe('NOT_YOUR_CONFERENCE');
  expect(refusalFor(decision, ['professional'], withChair)).toBe('NOT_ALLOWED_FOR_ROLE');
});

test('the case-management export is for managers, whatever else the person is', () => {
  const exportDoor = API_ACCESS['get /api/case-system/messages']!;
  expect(refusalFor(exportDoor, ['chair'])).toBe('NOT_ALLOWED_FOR_ROLE');
  expect(refusalFor(exportDoor, ['manager'])).toBeUndefined();
});

test('every card verb has a place in the matrix', () => {
  expect(Object.keys(VERB_ACCESS).sort()).toEqual([...VERBS].sort());
});
