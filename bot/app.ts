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
import { reportFormRoutes } from './http/report-form-routes.js';
import { processSecret, reportLinkTokens } from './http/report-link-token.js';
import { reportLinkRoutes } from './http/report-link-routes.js';
import { createRequestLimiter } from './http/request-limiter.js';
import { reportLinkRepository } from './store/report-link-repository.js';
import type { ReportLinkDeps } from './use-cases/report-links.js';
import { reportStore } from './store/report-store.js';
import { openApiDocument } from './http/openapi.js';
import { createHttpServer } from './http/server.js';
import { requireSignIn, signIn } from './http/sign-in.js';
import { listParticipant, requireRole } from './http/role-access.js';
import type { SignIn } from './http/sign-in.js';
import { devCookies } from './http/dev-cookie.js';
import { devPeople, devSignInRoutes } from './http/dev-sign-in.js';
import { meRoutes } from './http/me-routes.js';
import { recordRoutes } from './http/record-routes.js';
import { recordStreams } from './http/record-stream.js';
import type { RecordStreams } from './http/record-stream.js';
import { ssoTokenCheck } from './http/sso-token.js';
import { tabStaticRoutes } from './http/tab-static.js';
import { recordRepository } from './store/record-repository.js';
import { listenForRecordChanges } from './store/record-notifications.js';
import { teamsMeetingPrompter } from './teams/meeting-prompts.js';
import type { RecordDeps } from './use-cases/conference-record.js';
import type { HttpRoute, RoundtableServer, RouteRequest } from './http/server.js';
import { chaseInvitations } from './jobs/chasers.js';
import { chaseReports } from './jobs/report-chasers.js';
import type { ReportChaseResult } from './jobs/report-chasers.js';
import { syncCalendarResponses } from './jobs/calendar-sync.js';
import { createOutboxDispatcher } from './jobs/outbox-dispatcher.js';
import type { OutboxDispatcher } from './jobs/outbox-dispatcher.js';
import { startScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { auditRepository } from './store/audit-repository.js';
import { retentionRepository } from './store/retention-repository.js';
import { caseSystemRepository } from './store/case-system-repository.js';
import { caseSystemWebhook } from './jobs/case-system-webhook.js';
import { notifyCaseSystem, type CaseSystemDeps } from './use-cases/case-system.js';
import { planEventForRecordedDecision } from './domain/case-system.js';
import { caseSystemRoutes } from './http/case-system-routes.js';
import { applyRetention } from './jobs/retention.js';
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
import type { ReportDeps } from './use-cases/reports.js';
import { myConferences } from './use-cases/my-conferences.js';
import { renderMyConferences } from '../cards/my-conferences.js';
import { renderMyReports } from '../cards/my-reports.js';
import { myReports } from './use-cases/my-reports.js';
import { reportDialog } from './teams/task-module.js';
import { afterConferenceRepository } from './store/after-conference-repository.js';
import { afterConferenceRoutes } from './http/after-conference-routes.js';
import { oversightRoutes } from './http/oversight-routes.js';
import { requireOwnership } from './http/ownership.js';
import { auditRole, rolesOf } from './domain/access.js';
import { Uuid } from './http/route-input.js';
import { conferenceDocuments } from './use-cases/after-conference-documents.js';
import { chaseAfterConference, type AfterConferenceDeps } from './use-cases/after-conference.js';
import { requestConference } from './use-cases/conferences.js';
import { ConferenceRequestInput } from './domain/conference.js';
import { createReport, saveReportDraft } from './use-cases/reports.js';
import { progressReport } from './use-cases/core-group-progress.js';
import { progressReportText } from './domain/core-group/progress.js';
import { localDate } from './domain/after-conference/labels.js';

/** The report field's own limit (bot/domain/reports/template.ts): a longer report is cut there. */
const PROGRESS_TEXT_MAX = 8000;
// Core groups after the conference.
import { coreGroupMeetingRoutes } from './http/core-group-routes.js';
import { chaseCoreGroups } from './jobs/core-group-chasers.js';
import type { CoreGroupChaseResult } from './jobs/core-group-chasers.js';
import { coreGroupRepository } from './store/core-group-repository.js';
import type { CoreGroupDeps } from './use-cases/core-groups.js';

export interface AppDeps {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
}

export interface AppServices {
  conferences: ConferenceDeps;
  invitations: InvitationDeps;
  /** Tells the case-management system about plan changes (called when a decision is recorded). */
  caseSystem: CaseSystemDeps;
  outbox: OutboxDispatcher;
  /** Runs the daily chase now (the scheduler runs it every weekday morning). */
  chase(): Promise<{ reminders: number; warnings: number }>;
  /** Runs the report chase now (the scheduler runs it hourly in working hours). */
  chaseReports(): Promise<ReportChaseResult>;
  /** Letters, minutes, follow-up tasks and plan endings after the conference. */
  after: AfterConferenceDeps;
  /** Runs the after-conference chase now (overdue tasks and minutes; the scheduler runs it hourly). */
  chaseAfterConference(): Promise<{ tasksEscalated: number; minutesOverdue: number }>;
  /** Core groups after the conference. */
  coreGroups: CoreGroupDeps;
  /** Runs the core group chase now (the scheduler runs it hourly in working hours). */
  chaseCoreGroups(): Promise<CoreGroupChaseResult>;
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
  // Open event streams are ended on close, so the server's close never waits on them.
  const streams = recordStreams({ logger });
  const server = createHttpServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    alwaysOpen: healthRoutes(readiness),
  });
  return {
    server,
    attach: async ({ store, clock, mail }) => {
      const services = await wire({ config, logger, store, clock }, server, streams, mail);
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
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
      }),
  };
}

async function wire(
  { config, store, clock, logger }: AppDeps,
  server: RoundtableServer,
  streams: RecordStreams,
  mailOverride?: MailSender,
): Promise<AppServices> {
  const timescales = {
    calendar: englandAndWalesCalendar(config.authority.closureDays),
    settings: TimescaleSettings.parse({
      minutesWorkingDays: config.authority.minutesWorkingDays,
      quorumWarningWorkingDays: config.authority.quorumWarningWorkingDays,
      invitationRemindersWorkingDaysBefore: config.authority.reminderWorkingDays,
      reportRemindersWorkingDaysBeforeDeadline: config.authority.reportReminderWorkingDays,
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
  const proactive = createProactiveSender({ adapter, botAppId: config.bot.appId ?? '', logger });
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
  const caseSystemMessages = caseSystemRepository(store.db);
  const caseSystem: CaseSystemDeps = {
    conferences: conferenceStore,
    messages: caseSystemMessages,
    clock,
    webhook: config.caseSystemWebhook !== undefined,
    kickOutbox: () => dispatcher.kick(),
  };
  const reports: ReportDeps = {
    ...invitations,
    reports: reportStore(store.db, conferenceStore),
    outbox: conferences.outbox,
  };
  // Report links for people without Teams. Without a configured secret (local development only, see
  // bot/config.ts) this process makes its own, so links sent before a restart stop working.
  if (!config.reportLinks.secret)
    logger.warn(
      'REPORT_LINK_SECRET is not set: report links made now stop working when the service restarts',
    );
  // Core groups after the conference: meetings, progress updates, escalations.
  const coreGroups: CoreGroupDeps = {
    ...invitations,
    freeBusy: graphCalendar ?? unknownCalendars,
    records: recordRepository(store.db),
    groups: coreGroupRepository(store.db),
    managerIds: config.managerIds,
    planEnded: async (conferenceId) => Boolean(await afterRows.planEnding(conferenceId)),
  };
  const tokens = reportLinkTokens(config.reportLinks.secret ?? processSecret());
  const reportLinks = reportLinkRepository(store.db);
  const records = recordRepository(store.db);
  const afterRows = afterConferenceRepository(store.db);
  const documents = conferenceDocuments({ name: config.authority.name });
  const dispatcher = createOutboxDispatcher({
    afterConference: {
      conferences: conferenceStore,
      records,
      after: afterRows,
      timescales,
      mailer: documents,
      managerIds: config.managerIds,
    },
    outbox: outboxRows,
    caseSystem:
      config.caseSystemWebhook &&
      caseSystemWebhook({ settings: config.caseSystemWebhook, messages: caseSystemMessages, clock }),
    calendar,
    invitations,
    notifier: teamsNotifier(conversations, proactive),
    mail,
    clock,
    logger,
    authorityName: config.authority.name,
    reports: reports.reports,
    reportLinks: { links: reportLinks, sign: (link) => tokens.sign(link), publicUrl: config.publicUrl },
    coreGroups,
  });
  const linkDeps: ReportLinkDeps = {
    ...reports,
    links: reportLinks,
    tokens,
    publicUrl: config.publicUrl,
    linkDays: config.reportLinks.days,
    kickOutbox: () => dispatcher.kick(),
  };

  const welcomeCard = () => renderWelcome({ tabUrl: '' });
  const table = cardActionTable({ welcomeCard, invitations, reports, coreGroups });
  // The audit trail: every card press and every tab API call leaves an event (bot/http/audited.ts).
  const audit = auditRepository(store.db);
  const auditApi = auditRoutes(audit);
  // Who is calling: a Teams SSO token, or in local development the developer sign-in's cookie.
  const signin: SignIn = signIn({
    localDevelopment: config.localDevelopment,
    tokens: config.tabSso ? ssoTokenCheck(config.tabSso) : undefined,
    dev: config.localDevelopment ? devCookies() : undefined,
    now: () => clock.now(),
  });
  // In local development the older routes also answer without a sign-in; this is then the actor.
  // The role recorded is the person's part in the route's conference (or 'manager'/'staff' elsewhere).
  const actorOf = async (req: RouteRequest) => {
    const who = signin.known(req.raw);
    if (!who) return { id: 'local-developer', role: 'developer' };
    const id = Uuid.safeParse(req.params.id);
    const conference = id.success ? await conferenceStore.getConference(id.data) : undefined;
    const role = conference
      ? auditRole(rolesOf(conference, who.aadObjectId, config.managerIds))
      : config.managerIds.includes(who.aadObjectId)
        ? 'manager'
        : 'staff';
    return { id: who.aadObjectId, role };
  };
  // Sign-in first (401 is not a person's act), then the audit trail, then the role matrix, so that a
  // refusal for the person's part in the conference is on the record like any other.
  const roleDeps = { conferences: conferenceStore, managerIds: config.managerIds };
  // Within a conference, a professional's reports and answers are their own (bot/http/ownership.ts).
  const ownOnly = (routes: HttpRoute[]) =>
    requireOwnership(routes, signin, {
      conferences: conferenceStore,
      reports: reports.reports,
      invitations: invitations.invitations,
      managerIds: config.managerIds,
    });
  const signedIn = (routes: HttpRoute[]) =>
    requireSignIn(audited(requireRole(routes, signin, roleDeps), audit, actorOf, logger), signin);
  const recordDeps: RecordDeps = {
    conferences: conferenceStore,
    records,
    invitations: invitations.invitations,
    reports: reportStore(store.db, conferenceStore),
    clock,
    quorum: invitations.quorum,
    managerIds: config.managerIds,
    // Through Teams once the side panel has linked the meeting; otherwise recorded as not sent.
    prompter: teamsMeetingPrompter({
      sender: proactive,
      conversations,
      publicUrl: config.publicUrl,
      logger,
    }),
    changed: (conferenceId) => streams.changed(conferenceId),
    // The case-management system's alert follows the plan (seed 003 §4.2).
    decided: async (conference, earlier, decision) => {
      const change = planEventForRecordedDecision(conference, earlier, decision);
      if (change) await notifyCaseSystem(caseSystem, conference.id, change);
    },
  };
  const after: AfterConferenceDeps = {
    conferences: conferenceStore,
    records,
    after: afterRows,
    clock,
    timescales,
    documents,
    planEnded: async (conferenceId, endReason) => {
      await notifyCaseSystem(caseSystem, conferenceId, { event: 'plan-ended', plan: null, endReason });
    },
    requestConference: (request) => requestConference(conferences, ConferenceRequestInput.parse(request)),
    seedReviewReport: async (reviewId, planId) => {
      const { report } = await progressReport(coreGroups, planId, undefined);
      if (!report.actions.some((a) => a.history.length > 0)) return undefined;
      const created = await createReport(reports, reviewId, { kind: 'core-group-progress' });
      await saveReportDraft(reports, reviewId, created.id, {
        content: {
          progress: { sinceLastConference: progressReportText(report).slice(0, PROGRESS_TEXT_MAX) },
        },
        savedBy: 'Roundtable, from the core group’s updates',
      });
      return created.id;
    },
    kickOutbox: () => dispatcher.kick(),
  };
  // With PostgreSQL several instances may serve the tab: each hears the others' changes.
  const recordChanges = config.databaseUrl
    ? await listenForRecordChanges(config.databaseUrl, (id) => streams.changed(id), logger)
    : undefined;
  const people = async () => {
    const list = await conferenceStore.listConferences({ limit: 100, offset: 0 });
    const all = await Promise.all(list.map((c) => conferenceStore.getConference(c.id)));
    return devPeople(
      all.filter((c) => c !== undefined),
      config.managerIds,
    );
  };
  const bot = new RoundtableBot({
    welcomeCard,
    myConferencesCard: async (aadObjectId) =>
      renderMyConferences(await myConferences(invitations, aadObjectId)),
    myReportsCard: async (aadObjectId) => renderMyReports(await myReports(reports, aadObjectId)),
    reportDialog: (kind, data, actor, correlationId) =>
      reportDialog({ reports, audit, logger }, kind, data, actor, correlationId),
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

  mountTextRoutes(server, signedIn([...auditApi.text, ...caseSystemRoutes(caseSystemMessages)]), logger);
  server.mountRoutes(
    [
      ...signedIn(auditApi.json),
      ...signedIn([
        ...conferenceRoutes(conferences, listParticipant(signin, config.managerIds)),
        ...ownOnly(invitationRoutes(invitations)),
        // Without Graph nobody's calendar can be read: every slot then lists everyone as unknown.
        ...coreGroupRoutes({ ...invitations, freeBusy: graphCalendar ?? unknownCalendars }),
        ...ownOnly(reportRoutes(reports)),
        ...reportLinkRoutes(linkDeps),
        ...afterConferenceRoutes(
          after,
          async (req) => (await signin.principalOf(req.raw))?.aadObjectId ?? 'local-developer',
        ),
        ...oversightRoutes(
          {
            ...after,
            reports: reports.reports,
            firstCoreGroupOn: async (id) => {
              // The first that met or will meet: a cancelled first meeting does not count.
              const first = (await coreGroups.groups.meetings(id)).find(
                (m) => m.status === 'scheduled' || m.status === 'held',
              );
              return first?.startsAt ? localDate(first.startsAt) : undefined;
            },
          },
          listParticipant(signin, config.managerIds),
        ),
        ...coreGroupMeetingRoutes(
          coreGroups,
          async (req) => (await signin.principalOf(req.raw))?.aadObjectId,
        ),
      ]),
      ...signedIn([...recordRoutes(recordDeps, signin), ...meRoutes({ ...recordDeps, timescales }, signin)]),
      // Public: the signed link is the permission; each request is limited per link and per address.
      ...reportFormRoutes({
        reports: linkDeps,
        limiter: createRequestLimiter(60_000, () => clock.now().getTime()),
        audit,
        logger,
        maxBodyBytes: config.maxBodyBytes,
        perLink: 20,
        perAddress: 60,
      }),
      {
        method: 'get',
        path: '/openapi.json',
        handler: async () => ({ status: 200, body: openApiDocument(config.publicUrl) }),
      },
    ],
    [
      messagesRoute(adapter, bot, config.maxBodyBytes),
      streams.route(recordDeps, signin, audit),
      ...tabStaticRoutes({ distDir: config.tabDistDir, publicUrl: config.publicUrl }),
      // The developer sign-in exists only in local development; elsewhere these paths are 404.
      ...(config.localDevelopment && signin.dev
        ? devSignInRoutes({ cookies: signin.dev, people, now: () => clock.now() })
        : []),
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
  const reportChase = () => chaseReports({ ...reports, kickOutbox: () => dispatcher.kick() });
  // Conferences whose decision went out and whose minutes are still to come.
  const afterChase = async () => {
    const sent = await conferenceStore.listConferences({ status: 'outcome-sent', limit: 1000, offset: 0 });
    return chaseAfterConference(
      after,
      sent.map((c) => c.id),
    );
  };
  const coreGroupChase = () => chaseCoreGroups(coreGroups);
  let boss: PgBoss | undefined;
  if (config.jobs) {
    boss = await startScheduler(
      store,
      [
        // Every weekday at 08:00 in England: reminders and warnings.
        { name: 'invitations-chase', cron: '0 8 * * 1-5', run: chase },
        // Every night: what has passed its retention period goes, and the audit trail says so.
        {
          name: 'retention',
          cron: '30 2 * * *',
          run: () =>
            applyRetention({
              retention: retentionRepository(store.db),
              audit,
              clock,
              settings: config.authority.retention,
            }),
        },
        // Hourly in working hours on weekdays: report reminders, late reports, the chair's readiness card.
        { name: 'reports-chase', cron: '0 8-18 * * 1-5', run: reportChase },
        // Hourly every day: a parent must be told within 24 hours, weekends included (seed 003 §4.1).
        { name: 'after-conference-chase', cron: '15 * * * *', run: afterChase },
        // Hourly in working hours on weekdays: core group progress cards and escalations.
        { name: 'core-groups-chase', cron: '15 8-18 * * 1-5', run: coreGroupChase },
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
    caseSystem,
    outbox,
    chase,
    chaseReports: reportChase,
    after,
    chaseAfterConference: afterChase,
    coreGroups,
    chaseCoreGroups: coreGroupChase,
    stop: async () => {
      await recordChanges?.close();
      await boss?.stop({ graceful: true, timeout: 10_000 });
      await outbox.idle();
    },
  };
}
