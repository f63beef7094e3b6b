import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, { now: new Date('2026-11-23T09:30:00Z') });
}, 90_000);
afterAll(() => app.close());

test('the demo family is added once, scheduled 10 working days after today, with real deadlines', async () => {
  const reference = await seedDemo(app.services);
  expect(reference).toMatch(/^RT-2026-\d{4}$/);
  expect(await seedDemo(app.services)).toBeUndefined();
  const list = (await (await fetch(`${app.url}/api/conferences`)).json()) as {
    items: { id: string; status: string; scheduledStart: string }[];
  };
  expect(list.items).toHaveLength(1);
  // Mon 23 Nov 2026 + 10 working days = Mon 7 Dec 2026.
  expect(list.items[0]).toMatchObject({ status: 'scheduled', scheduledStart: '2026-12-07T10:00' });
  const view = (await (await fetch(`${app.url}/api/conferences/${list.items[0]!.id}`)).json()) as {
    deadlines: { key: string; sentence: string }[];
    twoPart: boolean;
  };
  expect(view.deadlines.find((d) => d.key === 'initial-conference')?.sentence).toBe(
    'Initial conference due Mon 14 Dec 2026 (within 15 working days of the strategy discussion)',
  );
  expect(view.twoPart).toBe(true);
});
