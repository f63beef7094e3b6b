/**
 * The composition root: builds every adapter from the config and wires them to the use cases.
 * Nothing else constructs clients or reads settings.
 */
import { renderWelcome } from '../cards/welcome.js';
import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import { englandAndWalesCalendar, TimescaleSettings } from './domain/timescales/index.js';
import { conferenceRoutes } from './http/conference-routes.js';
import { healthRoutes } from './http/health-routes.js';
import type { Readiness } from './http/health-routes.js';
import { openApiDocument } from './http/openapi.js';
import { createHttpServer } from './http/server.js';
import type { RoundtableServer } from './http/server.js';
import type { Logger } from './logger.js';
import { conferenceRepository } from './store/conference-repository.js';
import { conversationRepository } from './store/conversation-repository.js';
import type { Store } from './store/database.js';
import { createAdapter } from './teams/adapter.js';
import { cardActionTable } from './teams/card-action-table.js';
import { routeCardAction } from './teams/card-actions.js';
import { messagesRoute } from './teams/messages-route.js';
import { RoundtableBot } from './teams/roundtable-bot.js';
import type { ConferenceDeps } from './use-cases/conferences.js';

export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
}

export interface App {
  server: RoundtableServer;
  /** Mounts everything that needs the database; until then only /healthz and /readyz answer. */
  attach(deps: Omit<AppDeps, 'config' | 'logger'>): AppServices;
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

export interface AppServices {
  conferences: ConferenceDeps;
}

export function createApp(config: Config, logger: Logger): App {
  const readiness: Readiness = { engine: config.databaseUrl ? 'postgres' : 'pglite' };
  const server = createHttpServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    alwaysOpen: healthRoutes(readiness),
  });
  return {
    server,
    attach: ({ store, clock }) => {
      const services = wire({ config, logger, store, clock }, server);
      readiness.ping = () => store.ping();
      return services;
    },
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const address = server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : config.port });
        });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function wire({ config, store, clock, logger }: AppDeps, server: RoundtableServer): AppServices {
  const timescales = {
    calendar: englandAndWalesCalendar(config.authority.closureDays),
    settings: TimescaleSettings.parse({ minutesWorkingDays: config.authority.minutesWorkingDays }),
  };
  const conferences: ConferenceDeps = {
    conferences: conferenceRepository(store.db, { clock }),
    clock,
    timescales,
  };
  const conversations = conversationRepository(store.db);
  const welcomeCard = () => renderWelcome({ tabUrl: '' });
  const table = cardActionTable({ welcomeCard });

  const bot = new RoundtableBot({
    welcomeCard,
    cardAction: (verb, data, actor, correlationId) =>
      routeCardAction(table, verb, data, actor, logger, correlationId),
    rememberConversation: async (reference, aadObjectId) => {
      const conversation = reference.conversation;
      if (!conversation?.id) return;
      // A person's 1:1 chat is found by their Entra id; group chats and channels by conversation id.
      const key = conversation.conversationType === 'personal' && aadObjectId ? aadObjectId : conversation.id;
      await conversations.remember(key, reference as Record<string, unknown>, clock.now());
    },
    logger,
  });
  const adapter = createAdapter(config, logger);

  server.mountRoutes(
    [
      ...conferenceRoutes(conferences),
      {
        method: 'get',
        path: '/openapi.json',
        handler: async () => ({ status: 200, body: openApiDocument(config.publicUrl) }),
      },
    ],
    [messagesRoute(adapter, bot, config.maxBodyBytes)],
  );
  return { conferences };
}
