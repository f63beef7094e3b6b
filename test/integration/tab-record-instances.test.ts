import { seedDemo } from '../../bot/demo-data.js';
import { startTestApp } from '../helpers/app.js';
import type { TestApp } from '../helpers/app.js';
import { testDatabase } from '../helpers/engines.js';
import type { TestDatabase } from '../helpers/engines.js';
import { openSse } from '../helpers/sse.js';
import { DEMO, devSignIn } from '../helpers/tab-api.js';

// Two instances of the service on one PostgreSQL database: a change made through one reaches the live
// views held by the other (LISTEN/NOTIFY). Runs when TEST_DATABASE_URL is set, as the storage suites do.
const maybe = process.env.TEST_DATABASE_URL ? describe : describe.skip;

maybe('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    database = await testDatabase('postgres');
    const url = database.url!;
    a = await startTestApp({ DATABASE_URL: url }, { databaseUrl: url });
    b = await startTestApp({ DATABASE_URL: url }, { databaseUrl: url });
  }, 90_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.dispose();
  });

  test('a stage stream on one instance sees an agreed grid item added through the other', async () => {
    await seedDemo(a.services);
    const [summary] = await a.services.conferences.conferences.listConferences({ limit: 1, offset: 0 });
    const id = summary!.id;
    const chairOnA = await devSignIn(a.url, DEMO.chair);
    const teacherOnB = await devSignIn(b.url, DEMO.teacher);
    const stage = await openSse(`${b.url}/api/conferences/${id}/record/stream?view=stage`, {
      cookie: teacherOnB.cookie,
    });
    const first = JSON.parse((await stage.next()).data) as { version: number };
    const added = (await (
      await chairOnA.command(id, { type: 'grid.add', column: 'working-well', text: 'Pip reads every night' })
    ).json()) as { view: { grid: { id: string }[] } };
    const agreed = (await (
      await chairOnA.command(id, { type: 'grid.agree', itemId: added.view.grid[0]!.id, agreed: true })
    ).json()) as { version: number };
    expect(agreed.version).toBe(first.version + 2);
    let view: { version: number; grid: { text: string }[] };
    do view = JSON.parse((await stage.next(5000)).data) as typeof view;
    while (view.version < agreed.version);
    expect(view.grid.map((g) => g.text)).toEqual(['Pip reads every night']);
    stage.close();
  });
});
