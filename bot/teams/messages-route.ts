import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { HttpError, sendJson, zodDetails } from '../http/errors.js';
import { readJsonBody } from '../http/json-body.js';
import type { RawRoute } from '../http/server.js';
import { NotFromBotConnector } from './adapter.js';
import type { RoundtableAdapter } from './adapter.js';
import type { RoundtableBot } from './roundtable-bot.js';

const Account = z.object({ id: z.string().min(1).max(512) }).passthrough();

/** The shape every Bot Framework activity must have before botbuilder sees it. */
const ActivityShape = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: Account,
    recipient: Account,
    conversation: Account,
    name: z.string().max(128).optional(),
    text: z.string().max(28_000).optional(),
  })
  .passthrough()
  .superRefine((a, ctx) => {
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
      const action = (a as { value?: { action?: unknown } }).value?.action;
      if (!action || typeof action !== 'object' || typeof (action as { type?: unknown }).type !== 'string')
        ctx.addIssue({
          code: 'custom',
          path: ['value', 'action'],
          message: 'An Action.Execute invoke needs value.action with a type.',
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
      const invoke = await adapter.run(auth, activity, (context) => bot.run(context));
      if (invoke?.body !== undefined) sendJson(res, invoke.status, invoke.body);
      else {
        res.writeHead(invoke?.status ?? 200);
        res.end();
      }
    },
  };
}
