/** Teams-shaped Bot Framework activities, as the Teams client sends them to /api/messages. */
import { randomUUID } from 'node:crypto';

export const TENANT_ID = '00000000-0000-4000-8000-00000000aaaa';
export const BOT = { id: '28:roundtable-bot', name: 'Roundtable' };

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const user = (n: number, name = `Fictional User ${n}`): TeamsUser => ({
  id: `29:user-${n}`,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});

const base = (serviceUrl: string, from: TeamsUser, conversationId = `a:personal-${from.id}`) => ({
  id: randomUUID(),
  channelId: 'msteams',
  serviceUrl,
  timestamp: new Date().toISOString(),
  from,
  recipient: BOT,
  conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT_ID },
  channelData: { tenant: { id: TENANT_ID } },
  locale: 'en-GB',
});

export const message = (serviceUrl: string, from: TeamsUser, text: string) => ({
  ...base(serviceUrl, from),
  type: 'message',
  text,
});

/** What Teams sends when the app is installed in a personal chat: the bot joins the conversation. */
export const botInstalled = (serviceUrl: string, from: TeamsUser) => ({
  ...base(serviceUrl, from),
  type: 'conversationUpdate',
  membersAdded: [{ id: BOT.id }, { id: from.id }],
});

/** An Action.Execute press: invoke adaptiveCard/action. */
export const cardAction = (
  serviceUrl: string,
  from: TeamsUser,
  verb: string,
  data: unknown,
  id: string = randomUUID(),
) => ({
  ...base(serviceUrl, from),
  id,
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});

/** Opening a dialog: an Action.Submit with `msteams: { type: 'task/fetch' }` sends invoke task/fetch. */
export const taskFetch = (serviceUrl: string, from: TeamsUser, data: unknown) => ({
  ...base(serviceUrl, from),
  type: 'invoke',
  name: 'task/fetch',
  value: { type: 'task/fetch', data, context: { theme: 'default' } },
});

/** A button in a dialog's card: invoke task/submit with the button's data and the inputs merged in. */
export const taskSubmit = (serviceUrl: string, from: TeamsUser, data: unknown) => ({
  ...base(serviceUrl, from),
  type: 'invoke',
  name: 'task/submit',
  value: { type: 'task/submit', data, context: { theme: 'default' } },
});
