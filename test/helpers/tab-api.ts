/** Signs in through the developer sign-in and calls the tab's API as that person, for tests. */
export const DEMO = {
  chair: '00000000-0000-4000-8000-000000002001',
  socialWorker: '00000000-0000-4000-8000-000000002002',
  healthVisitor: '00000000-0000-4000-8000-000000002003',
  teacher: '00000000-0000-4000-8000-000000002004',
  police: '00000000-0000-4000-8000-000000002005',
  minuteTaker: '00000000-0000-4000-8000-000000002006',
} as const;

export interface TabCaller {
  cookie: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  command(conferenceId: string, command: object, expectedVersion?: number): Promise<Response>;
}

export async function devSignIn(base: string, aadObjectId: string): Promise<TabCaller> {
  const res = await fetch(`${base}/dev/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ aadObjectId, next: '/tab/side-panel' }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return {
    cookie,
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers: { cookie, ...headers } }),
    command: (conferenceId, command, expectedVersion) =>
      fetch(`${base}/api/conferences/${conferenceId}/record/commands`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ ...(expectedVersion !== undefined ? { expectedVersion } : {}), command }),
      }),
  };
}
