/**
 * `npm run playground`: the service on http://127.0.0.1:3978 with the normal ./data and ./outbox, and
 * the Microsoft 365 Agents Playground in front of it, configured by .m365agentsplayground.yml (fictional
 * people only). Open the printed address in a browser; Ctrl-C stops both.
 *
 * Settings: PORT (service, 3978), PLAYGROUND_PORT (56150), LOG_LEVEL (info), DATABASE_URL, DEMO_DATA.
 */
import path from 'node:path';
import { startPlayground } from '../test/helpers/playground.js';
import type { RunningPlayground } from '../test/helpers/playground.js';
import { REPO_ROOT, startService } from '../test/helpers/service.js';
import type { RunningService } from '../test/helpers/service.js';

const env = process.env;
let service: RunningService | undefined;
let playground: RunningPlayground | undefined;
let stopping: Promise<never> | undefined;

/** Stops the Playground, then the service, then exits; later calls wait for the first. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    console.log('\nStopping the Playground and the service…');
    // The Playground first, so it does not report the service vanishing.
    await playground?.stop().catch((err: unknown) => console.error(err));
    await service?.stop().catch((err: unknown) => console.error(err));
    process.exit(code);
  })();
  return stopping;
}

// `on`, not `once`: a terminal's Ctrl-C can arrive twice (directly and relayed by npm/tsx), and a second
// signal with no handler would kill this process before it has stopped the children.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  // Pass-through settings that make sense locally; startService blanks the rest (app id, Graph).
  const passThrough = Object.fromEntries(
    ['DATABASE_URL', 'DEMO_DATA', 'AUTHORITY_NAME'].flatMap((k) => (env[k] ? [[k, env[k]]] : [])),
  ) as Record<string, string>;
  service = await startService({
    port: Number(env.PORT ?? 3978),
    dataDir: path.join(REPO_ROOT, 'data'),
    outboxDir: path.join(REPO_ROOT, 'outbox'),
    env: { LOG_LEVEL: env.LOG_LEVEL ?? 'info', ...passThrough },
    forwardOutput: true,
  });
  console.log(`Roundtable is running on ${service.url}`);
  playground = await startPlayground({
    botEndpoint: `${service.url}/api/messages`,
    port: Number(env.PLAYGROUND_PORT ?? 56150),
    forwardOutput: true,
  });
  console.log(`\nOpen the Microsoft 365 Agents Playground: ${playground.url}\n(Ctrl-C stops both.)\n`);
  // Either one ending on its own leaves the other useless.
  void Promise.race([service.exited(), playground.exited()]).then(() => {
    if (!stopping) console.error('The service or the Playground stopped unexpectedly.');
    return shutdown(1);
  });
} catch (err) {
  console.error((err as Error).message);
  await shutdown(1);
}
