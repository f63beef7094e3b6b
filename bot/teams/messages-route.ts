import type { CloudAdapter } from 'botbuilder';
import { z } from 'zod';
import { HttpError, zodDetails } from '../http/errors.js';
import { readJsonBody } from '../http/json-body.js';
import type { RawRoute } from '../http/server.js';
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

/** POST /api/messages: parse and check the activity at the edge, then hand it to botbuilder. */
export function messagesRoute(adapter: CloudAdapter, bot: RoundtableBot, maxBodyBytes: number): RawRoute {
  return {
    method: 'post',
    path: '/api/messages',
    handler: async (req, res) => {
      const body = await readJsonBody(req, maxBodyBytes);
      const parsed = ActivityShape.safeParse(body);
      if (!parsed.success)
        throw new HttpError(
          400,
          'MALFORMED_ACTIVITY',
          'This is not a Bot Framework activity.',
          zodDetails(parsed.error),
        );
      req.body = body;
      // botbuilder's types describe its own minimal request/response; restify's objects satisfy them.
      await adapter.process(req as never, res as never, (context) => bot.run(context));
    },
  };
}
