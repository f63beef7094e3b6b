/**
 * The one place that reads the environment (STYLE.md #6). Parsed once at start-up with zod; a bad or
 * missing setting stops the service with a message that lists every problem at once.
 */
import path from 'node:path';
import { z } from 'zod';
import type { RetentionSettings } from './domain/retention.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const isoDates = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'closure days are YYYY-MM-DD dates, separated by commas'),
    ),
  );

/** An https URL, or http to a loopback address (a local test rig never leaves the machine). */
const botUrl = (name: string) =>
  z
    .string()
    .url(`${name} must be a URL`)
    .refine((u) => {
      // zod still runs refinements after .url() fails: a malformed value is reported once, above.
      if (!URL.canParse(u)) return true;
      const url = new URL(u);
      return (
        url.protocol === 'https:' ||
        (url.protocol === 'http:' && isLoopback(url.hostname.replace(/^\[|\]$/g, '')))
      );
    }, `${name} must use https (http only to a loopback address)`);

const EnvSchema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Address people reach the service on (tab links, external report links); defaults to http://HOST:PORT. */
    PUBLIC_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./data'),
    OUTBOX_DIR: z.string().default('./outbox'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest request body accepted, in bytes. */
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(256_000),

    // Bot Framework (Microsoft Entra app registration of the bot).
    MICROSOFT_APP_ID: z
      .string()
      .uuid('MICROSOFT_APP_ID must be the bot’s application (client) id, a GUID')
      .optional(),
    MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MICROSOFT_APP_TENANT_ID: z
      .string()
      .uuid('MICROSOFT_APP_TENANT_ID must be the tenant id, a GUID')
      .optional(),
    /*
     * Where the Bot Framework's tokens come from and go to. Unset means botbuilder's public-cloud values
     * (metadata https://login.botframework.com/v1/.well-known/openidconfiguration, issuer and scope
     * https://api.botframework.com, login https://login.microsoftonline.com/<tenant>); set all four together
     * (botbuilder switches to a wholly custom set as soon as one is given) for a sovereign cloud or a
     * local test rig. http:// is accepted for loopback addresses only.
     */
    /** OpenID configuration whose JWKS signs the Bot Connector's tokens to us (ToBotFromChannelOpenIdMetadataUrl). */
    BOT_OPENID_METADATA_URL: botUrl('BOT_OPENID_METADATA_URL').optional(),
    /** The `iss` the Bot Connector's tokens must carry (ToBotFromChannelTokenIssuer). */
    BOT_TOKEN_ISSUER: z.string().min(1).optional(),
    /** Login authority the bot gets its own tokens from to call the connector (ToChannelFromBotLoginUrl). */
    BOT_LOGIN_URL: botUrl('BOT_LOGIN_URL').optional(),
    /** Scope (audience) of the bot's own tokens to the connector (ToChannelFromBotOAuthScope). */
    BOT_OAUTH_SCOPE: z.string().min(1).optional(),

    // The conference tab's sign-in (Teams SSO tokens for the app's API; see .env.example).
    /** Tenants whose people may use the tab, comma-separated GUIDs; defaults to MICROSOFT_APP_TENANT_ID. */
    ALLOWED_TENANT_IDS: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().uuid('ALLOWED_TENANT_IDS are tenant ids (GUIDs), separated by commas')))
      .optional(),
    /** Where the keys that sign Entra ID v2 tokens are published; overridden only by tests. */
    TAB_SSO_JWKS_URL: botUrl('TAB_SSO_JWKS_URL').default(
      'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    ),
    /** Entra object ids of managers who may read every conference's record (read-only), comma-separated. */
    MANAGER_IDS: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().uuid('MANAGER_IDS are Entra object ids (GUIDs), separated by commas')))
      .default([]),
    /** The built tab (`npm run build:tab` writes it with Vite). */
    TAB_DIST_DIR: z.string().default('./tabs/dist'),

    // Microsoft Graph (calendar and mail); without these the local outbox is used.
    GRAPH_TENANT_ID: z.string().uuid().optional(),
    GRAPH_CLIENT_ID: z.string().uuid().optional(),
    GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    GRAPH_ORGANISER_MAILBOX: z.string().email().optional(),
    /*
     * Graph change notifications for the organiser's events (optional; without them replies are only
     * polled). The public https address Graph POSTs to (this service's /api/graph/notifications), and the
     * secret Graph repeats in every notification (Graph allows at most 128 characters).
     */
    GRAPH_NOTIFICATION_URL: z
      .string()
      .url('must be a URL')
      // An unreadable URL is reported by .url() alone (zod still runs this refinement after it fails).
      .refine(
        (u) => !URL.canParse(u) || new URL(u).protocol === 'https:',
        'must use https (Graph requires it)',
      )
      .optional(),
    GRAPH_NOTIFICATION_CLIENT_STATE: z
      .string()
      .min(32, 'must be at least 32 characters (a random secret)')
      .max(128, 'may be at most 128 characters (Graph’s limit)')
      .optional(),

    // The authority's own settings.
    AUTHORITY_NAME: z.string().min(1).default('Example Borough Council (fictional)'),
    /** Working days to send the minutes: Cornwall says 15 (seed 004), Dorset 20 (seed 003 §4.7). */
    MINUTES_WORKING_DAYS: z.coerce.number().int().min(1).max(40).default(15),
    /** Days the authority is closed beyond bank holidays, e.g. "2026-12-29,2026-12-30". */
    CLOSURE_DAYS: isoDates.default([]),
    /** Agencies with direct contact needed beside children's social care for quorum. */
    QUORUM_OTHER_AGENCIES: z.coerce.number().int().min(0).max(10).default(2),
    /** Working days before the conference when people who have not answered are reminded. */
    INVITATION_REMINDER_WORKING_DAYS: z
      .string()
      .transform((s) => s.split(',').map((d) => Number(d.trim())))
      .pipe(z.array(z.number().int('reminder days are whole numbers, e.g. 5,2').min(1).max(30)).min(1).max(5))
      .default([5, 2]),
    /** Working days before the report deadline when anyone whose report is not in is reminded. */
    REPORT_REMINDER_WORKING_DAYS: z
      .string()
      .transform((s) => s.split(',').map((d) => Number(d.trim())))
      .pipe(z.array(z.number().int('reminder days are whole numbers, e.g. 3,1').min(1).max(20)).min(1).max(5))
      .default([3, 1]),
    /** Working days before the conference from which the chair is warned if quorum is at risk. */
    QUORUM_WARNING_WORKING_DAYS: z.coerce.number().int().min(1).max(20).default(5),
    /*
     * The council's case-management system is told when a plan starts, changes or ends (signed JSON POSTs;
     * see docs/case-system-webhook.md). Both or neither; without them the export is the only way out.
     */
    CASE_SYSTEM_WEBHOOK_URL: botUrl('CASE_SYSTEM_WEBHOOK_URL').optional(),
    CASE_SYSTEM_WEBHOOK_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (a random secret)')
      .optional(),
    /** Years a closed or cancelled conference is kept after its last change (then purged with its reports). */
    RETENTION_CASE_YEARS: z.coerce.number().int().min(1).max(100).default(35),
    /** Years an audit event is kept. */
    RETENTION_AUDIT_YEARS: z.coerce.number().int().min(1).max(100).default(35),
    /** Days a delivered message's outbox row (ids only) is kept. */
    RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** The address letters and invitations come from (the Graph organiser mailbox when Graph is set up). */
    MAIL_FROM: z.string().email().default('conference-service@example.org'),
    /** Scheduled jobs (reminders, outbox sweep); off only for tests that drive them directly. */
    JOBS: bool.default(true),
    /*
     * Report links for people without Teams (an external professional, a family member). The secret signs
     * every link (HS256); changing it ends every link already sent. Required outside local development.
     */
    REPORT_LINK_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (a random secret)')
      .max(512, 'may be at most 512 characters')
      .optional(),
    /** Days a report link works after it is made. */
    REPORT_LINK_DAYS: z.coerce.number().int().min(1).max(60).default(14),
    DEMO_DATA: bool.default(false),
  })
  .superRefine((env, ctx) => {
    if (!env.CASE_SYSTEM_WEBHOOK_URL !== !env.CASE_SYSTEM_WEBHOOK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: [env.CASE_SYSTEM_WEBHOOK_URL ? 'CASE_SYSTEM_WEBHOOK_SECRET' : 'CASE_SYSTEM_WEBHOOK_URL'],
        message: 'is required with the other CASE_SYSTEM_WEBHOOK_ setting',
      });
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_PASSWORD'],
        message: 'is required when MICROSOFT_APP_ID is set',
      });
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE === 'SingleTenant' && !env.MICROSOFT_APP_TENANT_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: 'is required for a single-tenant bot',
      });
    if (!env.MICROSOFT_APP_ID && !isLoopback(env.HOST))
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: `is ${env.HOST}: without MICROSOFT_APP_ID the bot accepts unauthenticated traffic, so it may listen on loopback only`,
      });
    const botCloud = [
      env.BOT_OPENID_METADATA_URL,
      env.BOT_TOKEN_ISSUER,
      env.BOT_LOGIN_URL,
      env.BOT_OAUTH_SCOPE,
    ];
    if (botCloud.some(Boolean) && !botCloud.every(Boolean))
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_*'],
        message:
          'set all of BOT_OPENID_METADATA_URL, BOT_TOKEN_ISSUER, BOT_LOGIN_URL and BOT_OAUTH_SCOPE, or none',
      });
    if (env.MICROSOFT_APP_ID && !env.REPORT_LINK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['REPORT_LINK_SECRET'],
        message: 'is required outside local development (at least 32 random characters)',
      });
    const graph = [
      env.GRAPH_TENANT_ID,
      env.GRAPH_CLIENT_ID,
      env.GRAPH_CLIENT_SECRET,
      env.GRAPH_ORGANISER_MAILBOX,
    ];
    if (graph.some(Boolean) && !graph.every(Boolean))
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPH_*'],
        message:
          'set all of GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and GRAPH_ORGANISER_MAILBOX, or none',
      });
    const notifications = [env.GRAPH_NOTIFICATION_URL, env.GRAPH_NOTIFICATION_CLIENT_STATE];
    if (notifications.some(Boolean) && !(notifications.every(Boolean) && graph.every(Boolean)))
      ctx.addIssue({
        code: 'custom',
        path: ['GRAPH_NOTIFICATION_*'],
        message:
          'set GRAPH_NOTIFICATION_URL and GRAPH_NOTIFICATION_CLIENT_STATE together, and only with all the GRAPH_* settings',
      });
  });

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  outboxDir: string;
  databaseUrl?: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  maxBodyBytes: number;
  bot: {
    appId?: string | undefined;
    appPassword?: string | undefined;
    appType: string;
    tenantId?: string | undefined;
    /** A non-public Bot Framework cloud (BOT_* settings); undefined means botbuilder's public defaults. */
    cloud?:
      { openIdMetadataUrl: string; tokenIssuer: string; loginUrl: string; oauthScope: string } | undefined;
  };
  /** True when the endpoint may skip Bot Framework authentication: no app id and a loopback address. */
  localDevelopment: boolean;
  /** Teams SSO for the tab's API; undefined in local development (no app id). */
  tabSso?: { audiences: string[]; allowedTenantIds: string[]; jwksUrl: string } | undefined;
  /** Managers' Entra object ids: read-only access to every conference's record. */
  managerIds: string[];
  tabDistDir: string;
  graph?: { tenantId: string; clientId: string; clientSecret: string; organiserMailbox: string } | undefined;
  /** Graph change notifications for the organiser's events; only together with `graph`. */
  graphNotifications?: { notificationUrl: string; clientState: string } | undefined;
  authority: {
    name: string;
    minutesWorkingDays: number;
    closureDays: string[];
    quorumOtherAgencies: number;
    reminderWorkingDays: number[];
    reportReminderWorkingDays: number[];
    quorumWarningWorkingDays: number;
    retention: RetentionSettings;
  };
  /** Where plan changes are POSTed, signed with the secret; undefined means export only. */
  caseSystemWebhook?: { url: string; secret: string } | undefined;
  mailFrom: string;
  /** Report links: without a secret (local development only) each start makes a new one. */
  reportLinks: { secret?: string | undefined; days: number };
  jobs: boolean;
  demoData: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Roundtable cannot start; fix these settings (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment (process.env by default); throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty values count as unset, as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`),
    );
  const e = parsed.data;
  const graph =
    e.GRAPH_TENANT_ID && e.GRAPH_CLIENT_ID && e.GRAPH_CLIENT_SECRET && e.GRAPH_ORGANISER_MAILBOX
      ? {
          tenantId: e.GRAPH_TENANT_ID,
          clientId: e.GRAPH_CLIENT_ID,
          clientSecret: e.GRAPH_CLIENT_SECRET,
          organiserMailbox: e.GRAPH_ORGANISER_MAILBOX,
        }
      : undefined;
  const hostForUrl = e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  const publicUrl = (e.PUBLIC_URL ?? `http://${hostForUrl}:${e.PORT}`).replace(/\/$/, '');
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    dataDir: path.resolve(e.DATA_DIR),
    outboxDir: path.resolve(e.OUTBOX_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    bot: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      cloud:
        e.BOT_OPENID_METADATA_URL && e.BOT_TOKEN_ISSUER && e.BOT_LOGIN_URL && e.BOT_OAUTH_SCOPE
          ? {
              openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
              tokenIssuer: e.BOT_TOKEN_ISSUER,
              loginUrl: e.BOT_LOGIN_URL,
              oauthScope: e.BOT_OAUTH_SCOPE,
            }
          : undefined,
    },
    localDevelopment: !e.MICROSOFT_APP_ID && isLoopback(e.HOST),
    tabSso: e.MICROSOFT_APP_ID
      ? {
          // The token Teams hands the tab is for the app's API: api://<host>/<app id> (or the bare id).
          audiences: [`api://${new URL(publicUrl).host}/${e.MICROSOFT_APP_ID}`, e.MICROSOFT_APP_ID],
          allowedTenantIds:
            e.ALLOWED_TENANT_IDS ??
            (e.MICROSOFT_APP_TENANT_ID ? [e.MICROSOFT_APP_TENANT_ID.toLowerCase()] : []),
          jwksUrl: e.TAB_SSO_JWKS_URL,
        }
      : undefined,
    managerIds: e.MANAGER_IDS,
    tabDistDir: path.resolve(e.TAB_DIST_DIR),
    graph,
    graphNotifications:
      graph && e.GRAPH_NOTIFICATION_URL && e.GRAPH_NOTIFICATION_CLIENT_STATE
        ? { notificationUrl: e.GRAPH_NOTIFICATION_URL, clientState: e.GRAPH_NOTIFICATION_CLIENT_STATE }
        : undefined,
    authority: {
      name: e.AUTHORITY_NAME,
      minutesWorkingDays: e.MINUTES_WORKING_DAYS,
      closureDays: e.CLOSURE_DAYS,
      quorumOtherAgencies: e.QUORUM_OTHER_AGENCIES,
      reminderWorkingDays: e.INVITATION_REMINDER_WORKING_DAYS,
      reportReminderWorkingDays: e.REPORT_REMINDER_WORKING_DAYS,
      quorumWarningWorkingDays: e.QUORUM_WARNING_WORKING_DAYS,
      retention: {
        caseYears: e.RETENTION_CASE_YEARS,
        auditYears: e.RETENTION_AUDIT_YEARS,
        outboxDays: e.RETENTION_OUTBOX_DAYS,
      },
    },
    caseSystemWebhook:
      e.CASE_SYSTEM_WEBHOOK_URL && e.CASE_SYSTEM_WEBHOOK_SECRET
        ? { url: e.CASE_SYSTEM_WEBHOOK_URL, secret: e.CASE_SYSTEM_WEBHOOK_SECRET }
        : undefined,
    mailFrom: e.GRAPH_ORGANISER_MAILBOX ?? e.MAIL_FROM,
    reportLinks: { secret: e.REPORT_LINK_SECRET, days: e.REPORT_LINK_DAYS },
    jobs: e.JOBS,
    demoData: e.DEMO_DATA,
  };
}
