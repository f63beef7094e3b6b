import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * The Bot Framework adapter. With no app id (local development on loopback) it accepts unauthenticated
 * traffic, as the Agents Playground needs; with one, botbuilder validates the Bot Connector's JWT.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.bot.appId
      ? {
          MicrosoftAppId: config.bot.appId,
          MicrosoftAppPassword: config.bot.appPassword ?? '',
          MicrosoftAppType: config.bot.appType,
          MicrosoftAppTenantId: config.bot.tenantId ?? '',
        }
      : // No app id: botbuilder skips authentication (only allowed on loopback, see config.ts).
        {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // One turn-error handler: log with ids only (no text, no names), tell the person kindly.
    logger.error(
      {
        err: { name: error.name, message: error.message },
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
