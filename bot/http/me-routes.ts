/** The signed-in person: who they are (GET /api/me) and their personal tab (GET /api/me/overview). */
import type { TimescaleContext } from '../use-cases/conference-view.js';
import type { RecordDeps } from '../use-cases/conference-record.js';
import { myOverview } from '../use-cases/my-overview.js';
import type { HttpRoute } from './server.js';
import { requirePrincipal } from './sign-in.js';
import type { SignIn } from './sign-in.js';

export function meRoutes(deps: RecordDeps & { timescales: TimescaleContext }, signin: SignIn): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/me',
      handler: async (req) => {
        const who = await requirePrincipal(signin, req);
        return {
          status: 200,
          body: { aadObjectId: who.aadObjectId, name: who.name, devMode: signin.localDevelopment },
        };
      },
    },
    {
      method: 'get',
      path: '/api/me/overview',
      handler: async (req) => ({
        status: 200,
        body: await myOverview(deps, await requirePrincipal(signin, req)),
      }),
    },
  ];
}
