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
    expect.stringMatching(/REPORT_LINK_SECRET is required outside local development/),
  ]);
});

test('report links: a secret of at least 32 characters outside local development; 14 days unless set', () => {
  expect(loadConfig({}).reportLinks).toEqual({ secret: undefined, days: 14 });
  expect(problemsOf({ REPORT_LINK_SECRET: 'too-short', REPORT_LINK_DAYS: '0' })).toEqual([
    expect.stringMatching(/REPORT_LINK_SECRET must be at least 32 characters/),
    expect.stringMatching(/REPORT_LINK_DAYS/),
  ]);
  const c = loadConfig({ REPORT_LINK_SECRET: 'x'.repeat(32), REPORT_LINK_DAYS: '7' });
  expect(c.reportLinks).toEqual({ secret: 'x'.repeat(32), days: 7 });
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

test('report reminder days default to 3 and 1 before the deadline and an authority may choose its own', () => {
  expect(loadConfig({}).authority.reportReminderWorkingDays).toEqual([3, 1]);
  expect(loadConfig({ REPORT_REMINDER_WORKING_DAYS: '5, 2' }).authority.reportReminderWorkingDays).toEqual([
    5, 2,
  ]);
  expect(() => loadConfig({ REPORT_REMINDER_WORKING_DAYS: '2.5' })).toThrow(/REPORT_REMINDER_WORKING_DAYS/);
});

describe('Graph change notifications', () => {
  const graph = {
    GRAPH_TENANT_ID: '00000000-0000-4000-8000-000000000001',
    GRAPH_CLIENT_ID: '00000000-0000-4000-8000-000000000002',
    GRAPH_CLIENT_SECRET: 'not-a-real-secret',
    GRAPH_ORGANISER_MAILBOX: 'roundtable@example.org',
  };
  const notifications = {
    GRAPH_NOTIFICATION_URL: 'https://roundtable.example.org/api/graph/notifications',
    GRAPH_NOTIFICATION_CLIENT_STATE: 'a'.repeat(40),
  };

  test('are off unless both settings are given', () => {
    expect(loadConfig(graph).graphNotifications).toBeUndefined();
    expect(loadConfig({ ...graph, ...notifications }).graphNotifications).toEqual({
      notificationUrl: notifications.GRAPH_NOTIFICATION_URL,
      clientState: notifications.GRAPH_NOTIFICATION_CLIENT_STATE,
    });
  });

  test('need each other and the Graph settings', () => {
    const together =
      /GRAPH_NOTIFICATION_\* set GRAPH_NOTIFICATION_URL and GRAPH_NOTIFICATION_CLIENT_STATE together/;
    expect(problemsOf({ ...graph, GRAPH_NOTIFICATION_URL: notifications.GRAPH_NOTIFICATION_URL })).toEqual([
      expect.stringMatching(together),
    ]);
    expect(problemsOf(notifications)).toEqual([expect.stringMatching(together)]);
  });

  test('need an https address and a secret of 32 to 128 characters', () => {
    expect(
      problemsOf({
        ...graph,
        GRAPH_NOTIFICATION_URL: 'http://roundtable.example.org/api/graph/notifications',
        GRAPH_NOTIFICATION_CLIENT_STATE: 'too-short',
      }),
    ).toEqual([
      'GRAPH_NOTIFICATION_URL must use https (Graph requires it)',
      'GRAPH_NOTIFICATION_CLIENT_STATE must be at least 32 characters (a random secret)',
    ]);
    expect(
      problemsOf({
        ...graph,
        GRAPH_NOTIFICATION_URL: 'not a url',
        GRAPH_NOTIFICATION_CLIENT_STATE: 'b'.repeat(129),
      }),
    ).toEqual([
      'GRAPH_NOTIFICATION_URL must be a URL',
      'GRAPH_NOTIFICATION_CLIENT_STATE may be at most 128 characters (Graph’s limit)',
    ]);
  });
});

test('a malformed Bot Framework URL is listed as a problem, not a crash', () => {
  const problems = problemsOf({
    BOT_OPENID_METADATA_URL: 'not a url',
    BOT_TOKEN_ISSUER: 'https://issuer.example.org',
    BOT_LOGIN_URL: 'http://login.example.org/tenant',
    BOT_OAUTH_SCOPE: 'https://scope.example.org',
  });
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/BOT_OPENID_METADATA_URL must be a URL/),
      expect.stringMatching(/BOT_LOGIN_URL must use https/),
    ]),
  );
});
