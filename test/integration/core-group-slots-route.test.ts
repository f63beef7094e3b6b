import { invitationFlow } from '../helpers/invitation-flow.js';
import type { Flow } from '../helpers/invitation-flow.js';

let flow: Flow;
beforeAll(async () => {
  flow = await invitationFlow();
}, 90_000);
afterAll(() => flow.close());

type Proposal = {
  window: { from: string; to: string };
  deadline: { sentence?: string; dueLabel: string };
  candidates: { role: string; required: boolean }[];
  slots: { label: string; unknown: string[]; free: string[]; allRequiredFree: boolean }[];
};

test('without Graph, slots fall inside working hours and the statutory window, and nobody is assumed free', async () => {
  const res = await flow.api(`/api/conferences/${flow.conferenceId}/core-group-slots?max=3`);
  expect(res.status).toBe(200);
  const p = (await res.json()) as Proposal;
  // Conference Thu 10 Dec 2026: the first core group is due within 10 working days, by Thu 24 Dec.
  expect(p.window).toEqual({ from: '2026-12-11', to: '2026-12-24' });
  expect(p.deadline.dueLabel).toBe('Thu 24 Dec 2026');
  expect(p.candidates.find((c) => c.required)?.role).toMatch(/social worker/i);
  expect(p.slots).toHaveLength(3);
  expect(p.slots[0]?.label).toBe('Fri 11 Dec 2026, 09:30 to 10:30');
  expect(p.slots.every((s) => s.free.length === 0 && s.unknown.length > 0 && !s.allRequiredFree)).toBe(true);
});

test('a bad query names the parameter', async () => {
  const res = await flow.api(`/api/conferences/${flow.conferenceId}/core-group-slots?durationMinutes=5`);
  expect(res.status).toBe(400);
  expect(((await res.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe(
    'durationMinutes',
  );
});
