import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { isLoopback } from '../config.js';
import type { Config } from '../config.js';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';

/** Thrown when a request to /api/messages does not prove it comes from the Bot Connector. */
export class NotFromBotConnector extends Error {
  constructor() {
    super('The request is not from the Bot Connector.');
    this.name = 'NotFromBotConnector';
  }
}

// jsonwebtoken's own errors (bad signature, malformed token, not yet valid) reach us unwrapped.
const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder rejects a token with an AuthenticationError whose statusCode is 401, or lets jsonwebtoken's
 * error through; an AuthenticationError with 500 means it could not fetch the signing keys, which is
 * our failure (the Bot Connector should retry), not the caller's.
 */
function isRejection(e: unknown): boolean {
  const { statusCode, name } = (e ?? {}) as { statusCode?: unknown; name?: unknown };
  if (typeof statusCode === 'number') return statusCode >= 400 && statusCode < 500;
  return typeof name === 'string' && JWT_ERRORS.has(name);
}

/**
 * The Bot Framework adapter, with authentication and the turn as two steps so the HTTP edge can answer
 * a rejected token itself (botbuilder's own process() answers some of them 500 with its message).
 */
export class RoundtableAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  /** Checks the Authorization header against the activity; throws NotFromBotConnector if it fails. */
  async authenticate(activity: Activity, authHeader: string, correlationId: string) {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (!isRejection(e)) throw e;
      // botbuilder's reason is for operators only; the caller learns nothing beyond "not authorised".
      this.logger.warn(
        { correlationId, reason: (e as Error).message },
        'rejected a request that is not from the Bot Connector',
      );
      throw new NotFromBotConnector();
    }
  }

  /** Runs the bot's turn for an activity that authenticate() accepted. */
  run(
    auth: Awaited<ReturnType<RoundtableAdapter['authenticate']>>,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The bot's own client-credentials token for calling the connector. botbuilder gets it through MSAL,
 * which takes https authorities only and asks login.microsoftonline.com to vouch for any other host;
 * so a loopback login URL (a local test rig, see config.ts) is asked directly with the same OAuth request.
 */
class LoopbackCredentialFactory extends ConfigurationServiceClientCredentialFactory {
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(
    private readonly botAppId: string,
    private readonly botPassword: string,
    options: ConstructorParameters<typeof ConfigurationServiceClientCredentialFactory>[0],
  ) {
    super(options);
  }

  override async createCredentials(
    appId: string,
    audience: string,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>> {
    const url = new URL(loginEndpoint);
    if (url.protocol !== 'http:' || !isLoopback(url.hostname.replace(/^\[|\]$/g, '')))
      return super.createCredentials(appId, audience, loginEndpoint, validateAuthority);
    if (appId !== this.botAppId) throw new Error('Invalid appId.');
    const scope = `${audience.replace(/\/$/, '')}/.default`;
    const getToken = async () => {
      const cached = this.tokens.get(scope);
      if (cached && cached.until > Date.now()) return cached.token;
      const res = await fetch(`${loginEndpoint.replace(/\/$/, '')}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.botAppId,
          client_secret: this.botPassword,
          scope,
        }),
      });
      if (!res.ok) throw new Error(`the login endpoint answered ${res.status}`);
      const body = (await res.json()) as { access_token: string; expires_in: number };
      this.tokens.set(scope, { token: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 });
      return body.access_token;
    };
    return {
      appId,
      oAuthScope: audience,
      getToken,
      signRequest: async (webResource) => {
        webResource.headers.set('authorization', `Bearer ${await getToken()}`);
        return webResource;
      },
    } as Awaited<ReturnType<ConfigurationServiceClientCredentialFactory['createCredentials']>>;
  }
}

/**
 * The Bot Framework adapter. With no app id (local development on loopback) it accepts unauthenticated
 * traffic, as the Agents Playground needs; with one, botbuilder validates the Bot Connector's JWT against
 * the public cloud, or against the BOT_* settings when they are given.
 */
export function createAdapter(config: Config, logger: Logger): RoundtableAdapter {
  const { appId, appPassword, appType, tenantId, cloud } = config.bot;
  const credentials = {
    MicrosoftAppId: appId ?? '',
    MicrosoftAppPassword: appPassword ?? '',
    MicrosoftAppType: appType,
    MicrosoftAppTenantId: tenantId ?? '',
  };
  // botbuilder uses a wholly custom set once any of these is given, so all are passed together.
  const custom = cloud && {
    ToBotFromChannelOpenIdMetadataUrl: cloud.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: cloud.tokenIssuer,
    // A custom cloud has no Emulator; its keys are the channel's, so an Emulator-style token cannot
    // send botbuilder to an unset metadata address.
    ToBotFromEmulatorOpenIdMetadataUrl: cloud.openIdMetadataUrl,
    ToChannelFromBotLoginUrl: cloud.loginUrl,
    ToChannelFromBotOAuthScope: cloud.oauthScope,
  };
  const auth = new ConfigurationBotFrameworkAuthentication(
    appId
      ? { ...credentials, ...custom } // No app id: botbuilder skips authentication (only allowed on loopback, see config.ts).
      : {},
    appId && cloud ? new LoopbackCredentialFactory(appId, appPassword ?? '', credentials) : undefined,
  );
  const adapter = new RoundtableAdapter(auth, logger);
  adapter.onTurnError = async (context, error) => {
    // One turn-error handler: log with ids only (no text, no names), tell the person kindly.
    logger.error(
      {
        err: safeError(error),
        activityType: context.activity.type,
        activityId: context.activity.id,
      },
      'bot turn failed',
    );
    if (context.activity.type === 'message')
      await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.');
  };
  return adapter;
}
