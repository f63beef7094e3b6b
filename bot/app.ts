/**
 * The composition root: builds every adapter from the config and wires them to the use cases.
 * Nothing else constructs clients or reads settings.
 */
import type { PgBoss } from 'pg-boss';
import { renderWelcome } from '../cards/welcome.js';
import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import type { MailSender } from './domain/mail.js';
import { englandAndWalesCalendar, TimescaleSettings } from './domain/timescales/index.js';
import { createGraphClient } from './graph/graph-client.js';
import { createGraphCalendar } from './graph/graph-calendar.js';
import { createGraphMail } from './graph/graph-mail.js';
import { createGraphSubscriptions } from './graph/graph-subscriptions.js';
import { createLocalOutboxCalendar } from './graph/local-outbox-calendar.js';
import { createLocalOutboxMail } from './graph/local-outbox-mail.js';
import { auditRoutes, mountTextRoutes } from './http/audit-routes.js';
import { audited, auditedCardActions } from './http/audited.js';
import { conferenceRoutes } from './http/conference-routes.js';
import { coreGroupRoutes } from './http/core-group-routes.js';
import { graphNotificationRoute } from './http/graph-notification-route.js';
import { healthRoutes } from './http/health-routes.js';
import type { Readiness } from './http/health-routes.js';
import { invitationRoutes } from './http/invitation-routes.js';
import { reportRoutes } from './http/report-routes.js';
import { reportStore } from './store/report-store.js';
import { openApiDocument } from './http/openapi.js';
import { createHttpServer } from './http/server.js';
import { requireSignIn } from './http/sign-in.js';
import type { HttpRoute, RoundtableServer } from './http/server.js';
import { chaseInvitations } from './jobs/chasers.js';
import { syncCalendarResponses } from './jobs/calendar-sync.js';
import { createOutboxDispatcher } from './jobs/outbox-dispatcher.js';
import type { OutboxDispatcher } from './jobs/outbox-dispatcher.js';
import { startScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { auditRepository } from './store/audit-repository.js';
import { conferenceRepository } from './store/conference-repository.js';
import { conversationRepository } from './store/conversation-repository.js';
import type { Store } from './store/database.js';
import { invitationStore } from './store/invitation-store.js';
import { outboxRepository } from './store/outbox-repository.js';
import { createAdapter } from './teams/adapter.js';
import { cardActionTable } from './teams/card-action-table.js';
import { routeCardAction } from './teams/card-actions.js';
import { messagesRoute } from './teams/messages-route.js';
import { teamsNotifier } from './teams/notifier.js';
import { createProactiveSender } from './teams/proactive-sender.js';
import { RoundtableBot } from './teams/roundtable-bot.js';
import type { ConferenceDeps } from './use-cases/conferences.js';
import type { InvitationDeps } from './use-cases/invitations.js';
import { myConferences } from './use-cases/my-conferences.js';
import { renderMyConferences } from '../cards/my-conferences.js';

export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
}

export interface AppServices {
  conferences: ConferenceDeps;
  invitations: InvitationDeps;
  outbox: OutboxDispatcher;
  /** Runs the daily chase now (the scheduler runs it every weekday morning). */
  chase(): Promise<{ reminders: number; warnings: number }>;
  /** Stops scheduled jobs and waits for deliveries in progress. */
  stop(): Promise<void>;
}

export interface App {
  server: RoundtableServer;
  /** Mounts everything that needs the database; until then only /healthz and /readyz answer. */
  attach(deps: Omit<AppDeps, 'config' | 'logger'> & { mail?: MailSender }): Promise<AppServices>;
  listen(): Promise<{ port: number }>;
  close(): Promise<void>;
}

/** Free/busy when no calendar can be read (local development): everyone unknown, never "free". */
const unknownCalendars = {
  freeBusy: async (mailboxes: string[]) => mailboxes.map((mailbox) => ({ mailbox, known: false, busy: [] })),
};

export function createApp(config: Config, logger: Logger): App {
  const readiness: Readiness = { engine: config.databaseUrl ? 'postgres' : 'pglite' };
  const server = createHttpServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    alwaysOpen: healthRoutes(readiness),
  });
  return {
    server,
    attach: async ({ store, clock, mail }) => {
      const services = await wire({ config, logger, store, clock }, server, mail);
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

async function wire(
  { config, store, clock, logger }: AppDeps,
  server: RoundtableServer,
  mailOverride?: MailSender,
): Promise<AppServices> {
  const timescales = {
    calendar: englandAndWalesCalendar(config.authority.closureDays),
    settings: TimescaleSettings.parse({
      minutesWorkingDays: config.authority.minutesWorkingDays,
      quorumWarningWorkingDays: config.authority.quorumWarningWorkingDays,
      invitationRemindersWorkingDaysBefore: config.authority.reminderWorkingDays,
    }),
  };
  const conferenceStore = conferenceRepository(store.db, { clock });
  const outboxRows = outboxRepository(store.db);
  const conferences: ConferenceDeps = {
    conferences: conferenceStore,
    clock,
    timescales,
    outbox: {
      enqueue: (messages, now) => invitations.invitations.enqueue(messages, now),
      kick: () => dispatcher.kick(),
    },
  };
  const conversations = conversationRepository(store.db);
  const adapter = createAdapter(config, logger);
  // Microsoft Graph when it is configured; otherwise real .eml and .ics files in the local outbox.
  const graphClient = config.graph ? createGraphClient({ ...config.graph, logger }) : undefined;
  const organiser = { name: `${config.authority.name} conference service`, email: config.mailFrom };
  const graphCalendar =
    graphClient && config.graph
      ? createGraphCalendar({ client: graphClient, organiserMailbox: config.graph.organiserMailbox, logger })
      : undefined;
  // Change notifications (GRAPH_NOTIFICATION_*) bring the calendar sync forward; the poll stays as the net.
  const subscriptions =
    graphClient && config.graph && config.graphNotifications
      ? createGraphSubscriptions({
          client: graphClient,
          organiserMailbox: config.graph.organiserMailbox,
          ...config.graphNotifications,
          logger,
        })
      : undefined;
  const calendar =
    graphCalendar ?? createLocalOutboxCalendar({ outboxDir: config.outboxDir, organiser, clock });
  const mail =
    mailOverride ??
    (graphClient && config.graph
      ? createGraphMail({ client: graphClient, mailbox: config.graph.organiserMailbox, logger })
      : undefined) ??
    createLocalOutboxMail({
      outboxDir: config.outboxDir,
      from: organiser,
      clock,
    });

  const invitations: InvitationDeps = {
    conferences: conferenceStore,
    invitations: invitationStore(store.db, conferenceStore),
    clock,
    timescales,
    quorum: { otherAgenciesRequired: config.authority.quorumOtherAgencies },
    // The dispatcher is built just below; it is only kicked after start-up.
    kickOutbox: () => dispatcher.kick(),
  };
  const dispatcher = createOutboxDispatcher({
    outbox: outboxRows,
    calendar,
    invitations,
    notifier: teamsNotifier(
      conversations,
      createProactiveSender({ adapter, botAppId: config.bot.appId ?? '', logger }),
    ),
    mail,
    clock,
    logger,
    authorityName: config.authority.name,
  });

  const welcomeCard = () => renderWelcome({ tabUrl: '' });
  const table = cardActionTable({ welcomeCard, invitations });
  // The audit trail: every card press and every tab API call leaves an event (bot/http/audited.ts).
  const audit = auditRepository(store.db);
  const auditApi = auditRoutes(audit);
  // Until Teams sign-in exists the API answers only in local development, where this is the actor.
  const localDeveloper = () => ({ id: 'local-developer', role: 'developer' });
  const signedIn = (routes: HttpRoute[], localDevelopment: boolean) =>
    requireSignIn(audited(routes, audit, localDeveloper, logger), localDevelopment);
  const bot = new RoundtableBot({
    welcomeCard,
    myConferencesCard: async (aadObjectId) =>
      renderMyConferences(await myConferences(invitations, aadObjectId)),
    cardAction: (verb, data, context, correlationId) =>
      routeCardAction(
        auditedCardActions(table, audit, logger, correlationId),
        verb,
        data,
        context,
        logger,
        correlationId,
      ),
    rememberConversation: async (reference, aadObjectId) => {
      const conversation = reference.conversation;
      if (!conversation?.id) return;
      // A person's 1:1 chat is found by their Entra id; group chats and channels by conversation id.
      const key = conversation.conversationType === 'personal' && aadObjectId ? aadObjectId : conversation.id;
      await conversations.remember(key, reference as Record<string, unknown>, clock.now());
    },
    logger,
  });

  mountTextRoutes(server, signedIn(auditApi.text, config.localDevelopment), logger);
  server.mountRoutes(
    [
      ...signedIn(auditApi.json, config.localDevelopment),
      ...signedIn(
        [
          ...conferenceRoutes(conferences),
          ...invitationRoutes(invitations),
          // Without Graph nobody's calendar can be read: every slot then lists everyone as unknown.
          ...coreGroupRoutes({ ...invitations, freeBusy: graphCalendar ?? unknownCalendars }),
          ...reportRoutes({
            ...invitations,
            reports: reportStore(store.db, conferenceStore),
            outbox: conferences.outbox,
          }),
        ],
        config.localDevelopment,
      ),
      {
        method: 'get',
        path: '/openapi.json',
        handler: async () => ({ status: 200, body: openApiDocument(config.publicUrl) }),
      },
    ],
    [
      messagesRoute(adapter, bot, config.maxBodyBytes),
      // Graph calls this itself, so it is not behind sign-in: each notification's clientState is the check.
      ...(graphCalendar && config.graphNotifications
        ? [
            graphNotificationRoute({
              clientState: config.graphNotifications.clientState,
              onChange: () => syncCalendarResponses(invitations, graphCalendar, logger),
              logger,
              maxBodyBytes: config.maxBodyBytes,
            }),
          ]
        : []),
    ],
  );

  const chase = () => chaseInvitations(invitations);
  let boss: PgBoss | undefined;
  if (config.jobs) {
    boss = await startScheduler(
      store,
      [
        // Every weekday at 08:00 in England: reminders and warnings.
        { name: 'invitations-chase', cron: '0 8 * * 1-5', run: chase },
        // A safety net for deliveries a crash or another instance left behind.
        { name: 'outbox-sweep', cron: '* * * * *', run: () => dispatcher.dispatchDue() },
        // Replies to the calendar invitation become answers (Graph only: the local outbox gets no replies).
        ...(graphCalendar
          ? [
              {
                name: 'calendar-sync',
                cron: '*/10 * * * *',
                run: () => syncCalendarResponses(invitations, graphCalendar, logger),
              },
            ]
          : []),
        // Keeps the Graph subscription alive: renewed a day before it lapses, recreated if Graph lost it.
        ...(subscriptions
          ? [{ name: 'graph-subscription', cron: '0 * * * *', run: () => subscriptions.maintain() }]
          : []),
      ],
      logger,
    );
    dispatcher.kick(); // anything left from before a restart
    // Subscribe now rather than at the next hour (the route is already mounted for Graph's handshake).
    subscriptions
      ?.maintain()
      .catch((e: { code?: unknown }) =>
        logger.warn({ code: e?.code }, 'Graph subscription not set up; retried hourly'),
      );
  }
  const outbox = dispatcher;
  return {
    conferences,
    invitations,
    outbox,
    chase,
    stop: async () => {
      await boss?.stop({ graceful: true, timeout: 10_000 });
      await outbox.idle();
    },
  };
}
