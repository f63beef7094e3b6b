/**
 * A Graph change-notification subscription on the organiser mailbox's events, so replies reach the
 * calendar sync within seconds instead of at the next poll (the poll stays as the safety net).
 *
 * Nothing about the subscription is kept in memory: every run lists the subscriptions this app holds
 * and keeps exactly one per notification URL, so restarts, several instances and a lost answer to a
 * create all converge on one live subscription at the next run.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { isGraphError } from './graph-errors.js';

export interface GraphSubscriptionOptions {
  client: Client;
  organiserMailbox: string;
  /** Public https address of POST /api/graph/notifications (GRAPH_NOTIFICATION_URL). */
  notificationUrl: string;
  /** The secret Graph repeats in every notification (GRAPH_NOTIFICATION_CLIENT_STATE). */
  clientState: string;
  logger: Logger;
  now?: () => Date;
  /** How long a new or renewed subscription lasts; default SUBSCRIPTION_LIFETIME_MINUTES. */
  lifetimeMinutes?: number;
  /** Renew once less than this is left; default RENEW_WITHIN_MINUTES. */
  renewWithinMinutes?: number;
}

/**
 * Graph's documented ceiling for Outlook event subscriptions without resource data is now 10,080
 * minutes; it was 4,230 for years. Staying under the older figure is accepted under both and costs only
 * an extra renewal or two a week.
 */
export const SUBSCRIPTION_LIFETIME_MINUTES = 4200;
/** A day of margin: an hourly job can fail 23 times in a row before the subscription lapses. */
export const RENEW_WITHIN_MINUTES = 24 * 60;
const CHANGE_TYPES = 'created,updated,deleted';
const MAX_PAGES = 20;

export type SubscriptionAction = 'created' | 'renewed' | 'kept' | 'recreated';
export interface SubscriptionOutcome {
  action: SubscriptionAction;
  subscriptionId: string;
  expiresAt: string;
  /** Duplicates or subscriptions with an old clientState that were deleted. */
  removed: number;
}

const Subscription = z.looseObject({
  id: z.string().min(1),
  resource: z.string().nullish(),
  notificationUrl: z.string().nullish(),
  expirationDateTime: z.string(),
  clientState: z.string().nullish(),
});
type Subscription = z.infer<typeof Subscription>;
const SubscriptionPage = z.looseObject({
  value: z.array(Subscription),
  '@odata.nextLink': z.string().nullish(),
});

const relative = (link: string) => {
  const url = new URL(link);
  return url.pathname.replace(/^\/v1\.0(?=\/)/, '') + url.search;
};
const isNotFound = (e: unknown) => isGraphError(e) && e.code === 'NOT_FOUND';

export function createGraphSubscriptions(options: GraphSubscriptionOptions) {
  const { client, logger, notificationUrl, clientState } = options;
  const now = options.now ?? (() => new Date());
  const lifetimeMs = (options.lifetimeMinutes ?? SUBSCRIPTION_LIFETIME_MINUTES) * 60_000;
  const marginMs = (options.renewWithinMinutes ?? RENEW_WITHIN_MINUTES) * 60_000;
  const resource = `/users/${options.organiserMailbox}/events`;
  const expiry = () => new Date(now().getTime() + lifetimeMs).toISOString();

  /** Ours: same notification URL, on events. Graph may echo the resource in another case or form. */
  const isOurs = (s: Subscription) =>
    s.notificationUrl === notificationUrl && /\/events$/i.test(s.resource ?? '');

  async function listOurs(): Promise<Subscription[]> {
    const found: Subscription[] = [];
    let next: string | undefined = '/subscriptions';
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const answer = SubscriptionPage.parse(await client.api(next).get());
      found.push(...answer.value.filter(isOurs));
      const link = answer['@odata.nextLink'];
      next = link ? relative(link) : undefined;
    }
    return found;
  }

  async function create(): Promise<Subscription> {
    // A plain POST (not retried on an unknown outcome): a duplicate it might leave is removed next run.
    const created = Subscription.parse(
      await client.api('/subscriptions').post({
        changeType: CHANGE_TYPES,
        notificationUrl,
        resource,
        expirationDateTime: expiry(),
        clientState,
        latestSupportedTlsVersion: 'v1_2',
      }),
    );
    logger.info(
      { subscriptionId: created.id, expiresAt: created.expirationDateTime },
      'Graph subscription created',
    );
    return created;
  }

  async function remove(s: Subscription): Promise<void> {
    try {
      await client.api(`/subscriptions/${encodeURIComponent(s.id)}`).delete();
    } catch (e) {
      if (!isNotFound(e)) throw e; // already gone is what we wanted
    }
  }

  const outcome = (action: SubscriptionAction, s: Subscription, removed: number): SubscriptionOutcome => ({
    action,
    subscriptionId: s.id,
    expiresAt: s.expirationDateTime,
    removed,
  });

  return {
    /**
     * Run hourly: creates the subscription when there is none, renews it (PATCH) once less than the
     * margin is left, recreates it when Graph no longer knows it (404), and deletes extras.
     */
    async maintain(): Promise<SubscriptionOutcome> {
      const ours = await listOurs();
      // Graph may or may not echo clientState; when it shows an old one (the secret was rotated), every
      // notification would be ignored, so that subscription is replaced.
      const stale = ours.filter((s) => typeof s.clientState === 'string' && s.clientState !== clientState);
      const [keep, ...extras] = ours
        .filter((s) => !stale.includes(s))
        .sort((a, b) => Date.parse(b.expirationDateTime) - Date.parse(a.expirationDateTime));
      for (const s of [...stale, ...extras]) await remove(s);
      const removed = stale.length + extras.length;
      if (removed) logger.info({ removed }, 'Graph subscriptions removed (duplicates or an old clientState)');

      if (!keep) return outcome('created', await create(), removed);
      if (Date.parse(keep.expirationDateTime) - now().getTime() > marginMs)
        return outcome('kept', keep, removed);
      try {
        const renewed = Subscription.parse(
          await client
            .api(`/subscriptions/${encodeURIComponent(keep.id)}`)
            .patch({ expirationDateTime: expiry() }),
        );
        logger.info(
          { subscriptionId: renewed.id, expiresAt: renewed.expirationDateTime },
          'Graph subscription renewed',
        );
        return outcome('renewed', renewed, removed);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        // Expired or removed by Graph between the listing and the renewal.
        logger.info({ subscriptionId: keep.id }, 'Graph subscription gone; recreating');
        return outcome('recreated', await create(), removed);
      }
    },

    /** Deletes this app's subscriptions for the notification URL (for decommissioning, not shutdown). */
    async removeAll(): Promise<number> {
      const ours = await listOurs();
      for (const s of ours) await remove(s);
      return ours.length;
    },
  };
}

export type GraphSubscriptions = ReturnType<typeof createGraphSubscriptions>;
