/**
 * Starts Roundtable: settings, database (migrated on open), HTTP server. Ctrl-C or SIGTERM stops it
 * cleanly: the server stops taking requests, then the database is closed.
 */
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { systemClock } from './domain/clock.js';
import { createLogger } from './logger.js';
import { openDatabase } from './store/database.js';
import { seedDemo } from './demo-data.js';

async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const app = createApp(config, logger);
  const { port } = await app.listen();
  const base = config.publicUrl.replace(/:\d+$/, `:${port}`);
  console.log(`Roundtable is listening on ${base} (health: ${base}/healthz); opening the database…`);
  const store = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    onConnectionLost: (e) =>
      logger.warn({ code: e.code }, 'A database connection was dropped; the next query opens a new one.'),
  });
  const services = await app.attach({ store, clock: systemClock });
  if (config.demoData) {
    const reference = await seedDemo(services);
    if (reference)
      console.log(
        `Added the fictional demo conference ${reference} (type "my conferences" in the Playground as the chair).`,
      );
  }

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  console.log(
    [
      `Roundtable is ready (${Math.round(performance.now() - started)} ms from start), database: ${where}`,
      `  Bot endpoint   ${base}/api/messages${config.localDevelopment ? '   (local development: no Bot Framework authentication, loopback only)' : ''}`,
      `  Health         ${base}/healthz   ready: ${base}/readyz`,
      `  API            ${base}/api/conferences   described at ${base}/openapi.json`,
      `  Tab            ${base}/tab/personal${config.localDevelopment ? `   sign in as a fictional person: ${base}/dev/sign-in` : ''}`,
      `  Try it in Teams' local client: npm run playground   (Microsoft 365 Agents Playground)`,
      `  Stop with Ctrl-C.`,
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.close();
    await services.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('Roundtable could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
