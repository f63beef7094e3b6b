import { ConfigError, loadConfig } from '../../bot/config.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

test('a fresh machine with no settings starts on loopback with embedded defaults', () => {
  const c = loadConfig({});
  expect(c.host).toBe('127.0.0.1');
  expect(c.port).toBe(3978);
  expect(c.publicUrl).toBe('http://127.0.0.1:3978');
  expect(c.databaseUrl).toBeUndefined();
  expect(c.localDevelopment).toBe(true);
  expect(c.graph).toBeUndefined();
  expect(c.authority.minutesWorkingDays).toBe(15);
});

test('every wrong setting is listed at once', () => {
  const problems = problemsOf({
    PORT: 'eighty',
    DATABASE_URL: 'mysql://x',
    MINUTES_WORKING_DAYS: '0',
    CLOSURE_DAYS: '2026-12-29, 29/12/2026',
  });
  expect(problems).toHaveLength(4);
  expect(problems.join('\n')).toMatch(/PORT/);
  expect(problems.join('\n')).toMatch(/DATABASE_URL must start with postgres/);
  expect(problems.join('\n')).toMatch(/MINUTES_WORKING_DAYS/);
  expect(problems.join('\n')).toMatch(/closure days are YYYY-MM-DD/);
});

test('an unauthenticated bot may not listen beyond loopback', () => {
  expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([
    expect.stringMatching(/HOST is 0.0.0.0: without MICROSOFT_APP_ID/),
  ]);
});

test('a bot app id needs its secret and, single-tenant, its tenant', () => {
  const problems = problemsOf({ MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001' });
  expect(problems).toEqual([
    expect.stringMatching(/MICROSOFT_APP_PASSWORD is required/),
    expect.stringMatching(/MICROSOFT_APP_TENANT_ID is required/),
  ]);
});

test('Graph settings come all together or not at all', () => {
  expect(problemsOf({ GRAPH_CLIENT_ID: '00000000-0000-4000-8000-000000000002' })).toEqual([
    expect.stringMatching(/GRAPH_\* set all of/),
  ]);
});

test('authority settings are read: Dorset sends minutes in 20 working days', () => {
  const c = loadConfig({ MINUTES_WORKING_DAYS: '20', CLOSURE_DAYS: '2026-12-29,2026-12-30' });
  expect(c.authority.minutesWorkingDays).toBe(20);
  expect(c.authority.closureDays).toEqual(['2026-12-29', '2026-12-30']);
});
