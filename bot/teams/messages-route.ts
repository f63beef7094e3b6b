import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { HttpError, sendJson, zodDetails } from '../http/errors.js';
import { readJsonBody } from '../http/json-body.js';
import type { RawRoute } from '../http/server.js';
import { NotFromBotConnector } from './adapter.js';
import type { RoundtableAdapter } from './adapter.js';
import type { RoundtableBot } from './roundtable-bot.js';

/*
 * botbuilder copies these fields into its reply (from and recipient swapped, id as replyToId, locale,
 * the whole conversation) and its serializer throws on a wrong type, after the turn has started: so
 * their types are checked here, as the Bot Framework Activity schema declares them. Optional fields
 * may be null, as some channels send them.
 */
const text = (max: number) => z.string().max(max).nullish();
const Account = z
  .object({
    id: z.string().min(1).max(512),
    name: text(512),
    aadObjectId: text(128),
    role: text(64),
  })
  .passthrough();
const Conversation = Account.extend({
  conversationType: text(64),
  tenantId: text(128),
  isGroup: z.boolean().nullish(),
}).passthrough();

/** The shape every Bot Framework activity must have before botbuilder sees it. */
const ActivityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: text(1024),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    timestamp: text(64),
    localTimestamp: text(64),
    expiration: text(64),
    locale: text(64),
    replyToId: text(1024),
    from: Account,
    recipient: Account,
    conversation: Conversation,
    membersAdded: z.array(Account).max(1000).nullish(),
    membersRemoved: z.array(Account).max(1000).nullish(),
    channelData: z.record(z.string(), z.unknown()).nullish(),
    entities: z.array(z.record(z.string(), z.unknown())).max(100).nullish(),
    attachments: z.array(z.record(z.string(), z.unknown())).max(100).nullish(),
    name: z.string().max(128).optional(),
    text: z.string().max(28_000).optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
      const action = (a as { value?: { action?: unknown } }).value?.action;
      // Universal Actions carry Action.Execute only; botbuilder answers anything else in its own shape.
      if (!action || typeof action !== 'object' || (action as { type?: unknown }).type !== 'Action.Execute')
        ctx.addIssue({
          code: 'custom',
          path: ['value', 'action'],
          message: 'An adaptiveCard/action invoke needs value.action of type Action.Execute.',
        });
    }
  });

/** botbuilder's own request path turns the wire's date strings into Dates, keeping the originals. */
function withDates(body: Record<string, unknown>): Activity {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      body[raw] = value;
      body[field] = new Date(value);
    }
  }
  return body as unknown as Activity;
}

/**
 * POST /api/messages: parse and check the activity at the edge, prove it comes from the Bot Connector,
 * then run the turn. Authentication comes first and on its own, so a refused request runs nothing.
 */
export function messagesRoute(
  adapter: RoundtableAdapter,
  bot: RoundtableBot,
  maxBodyBytes: number,
): RawRoute {
  return {
    method: 'post',
    path: '/api/messages',
    handler: async (req, res, correlationId) => {
      const body = await readJsonBody(req, maxBodyBytes);
      const parsed = ActivityShape.safeParse(body);
      if (!parsed.success)
        throw new HttpError(
          400,
          'MALFORMED_ACTIVITY',
          'This is not a Bot Framework activity.',
          zodDetails(parsed.error),
        );
      const activity = withDates(body as Record<string, unknown>);
      const header = req.headers.authorization ?? '';
      let auth;
      try {
        auth = await adapter.authenticate(activity, header, correlationId);
      } catch (e) {
        if (e instanceof NotFromBotConnector)
          throw new HttpError(401, 'UNAUTHORIZED', 'The request is not from the Bot Connector.');
        throw e;
      }
      // Failures from here on are ours: they reach the server's handler as a 500 with its generic message.
      let turnFailed = false;
      const invoke = await adapter.run(auth, activity, async (context) => {
        try {
          await bot.run(context);
        } catch (e) {
          turnFailed = true; // onTurnError logs it; botbuilder then answers an invoke 501
          throw e;
        }
      });
      if (activity.type === 'invoke') {
        if (turnFailed) throw new Error('the invoke turn failed');
        // botbuilder answers an invoke nobody handles 501 and a malformed one 4xx, in its own shape.
        if (!invoke || invoke.status >= 500)
          throw new HttpError(400, 'UNSUPPORTED_INVOKE', 'Roundtable does not handle this kind of invoke.');
        if (invoke.status >= 400)
          throw new HttpError(
            invoke.status,
            'MALFORMED_INVOKE',
            'This invoke does not carry what Roundtable needs to handle it.',
          );
      }
      if (invoke?.body !== undefined) sendJson(res, invoke.status, invoke.body);
      else {
        res.writeHead(invoke?.status ?? 200);
        res.end();
      }
    },
  };
}
