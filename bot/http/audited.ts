/**
 * Puts every tab API call and every card action on the audit trail, in one place each, so a new
 * route or verb cannot escape it. Events hold ids and codes only.
 *
 * If the audit write fails: a read (or export) fails closed — the case data is not shown, because
 * no one may see it without a record that they did. A change has already been committed when the
 * write fails, so answering with an error would invite a duplicate; it is answered as done and the
 * failure is logged as an error (ids only) for the operators to act on.
 */
import type { Verb } from '../../cards/verbs.js';
import type { AuditAction, AuditEvent, AuditLog } from '../domain/ports.js';
import { isDomainError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import type { CardActionHandler, CardActionTable } from '../teams/card-actions.js';
import { HttpError, toHttpError } from './errors.js';
import type { HttpRoute, RouteRequest } from './server.js';

export interface AuditActor {
  /** An id, never a name. */
  id: string;
  role: string;
}

type What = { action: AuditAction; entity: string };

/** Known routes by `method path`; any other route still gets an event, from its method. */
const ROUTES: Record<string, What> = {
  'post /api/conferences': { action: 'create', entity: 'conference' },
  'get /api/conferences': { action: 'read', entity: 'conference-list' },
  'post /api/conferences/:id/invitations': { action: 'send', entity: 'conference' },
  'post /api/conferences/:id/invitations/:invitationId/answers': { action: 'update', entity: 'invitation' },
  'get /api/conferences/:id/audit': { action: 'read', entity: 'audit-trail' },
  'get /api/conferences/:id/audit/export': { action: 'export', entity: 'audit-trail' },
  'get /api/case-system/messages': { action: 'export', entity: 'case-system-messages' },
  'get /api/conferences/:id/record': { action: 'read', entity: 'conference-record' },
  'post /api/conferences/:id/record/commands': { action: 'update', entity: 'conference-record' },
  'get /api/conferences/:id/after': { action: 'read', entity: 'after-conference' },
  'get /api/conferences/:id/letter': { action: 'read', entity: 'decision-letter' },
  'post /api/conferences/:id/letter/approve': { action: 'send', entity: 'decision-letter' },
  'get /api/conferences/:id/minutes': { action: 'read', entity: 'minutes' },
  'post /api/conferences/:id/minutes/approve': { action: 'send', entity: 'minutes' },
  'post /api/conferences/:id/tasks/:taskId/done': { action: 'update', entity: 'follow-up-task' },
  'post /api/conferences/:id/plan-end': { action: 'update', entity: 'plan' },
  'post /api/conferences/:id/review': { action: 'create', entity: 'conference' },
  'get /api/oversight': { action: 'read', entity: 'oversight' },
  'get /api/conferences/:id/core-group': { action: 'read', entity: 'core-group' },
  'post /api/conferences/:id/core-group/meetings': { action: 'create', entity: 'core-group-meeting' },
  'post /api/conferences/:id/core-group/meetings/:meetingId/schedule': {
    action: 'update',
    entity: 'core-group-meeting',
  },
  'post /api/conferences/:id/core-group/meetings/:meetingId/cancel': {
    action: 'update',
    entity: 'core-group-meeting',
  },
  'post /api/conferences/:id/core-group/meetings/:meetingId/progress': {
    action: 'update',
    entity: 'core-group-progress',
  },
  'post /api/conferences/:id/core-group/meetings/:meetingId/held': {
    action: 'update',
    entity: 'core-group-meeting',
  },
  'get /api/conferences/:id/core-group/report': { action: 'read', entity: 'core-group-report' },
  'get /api/me': { action: 'read', entity: 'me' },
  'get /api/me/overview': { action: 'read', entity: 'conference-list' },
};
const BY_METHOD: Record<HttpRoute['method'], AuditAction> = {
  get: 'read',
  post: 'update',
  put: 'update',
  patch: 'update',
  del: 'delete',
};

/** Every card verb's action; the compiler refuses a verb left out (STYLE.md #1). */
const VERBS: Record<Verb, What> = {
  'welcome.show': { action: 'read', entity: 'welcome' },
  'conferences.mine': { action: 'read', entity: 'conference-list' },
  'reports.mine': { action: 'read', entity: 'report-list' },
  'rsvp.attendInPerson': { action: 'update', entity: 'invitation' },
  'rsvp.attendVirtually': { action: 'update', entity: 'invitation' },
  'rsvp.sendDeputy': { action: 'update', entity: 'invitation' },
  'rsvp.reportOnly': { action: 'update', entity: 'invitation' },
  'rsvp.change': { action: 'read', entity: 'invitation' },
  'rsvp.refresh': { action: 'read', entity: 'invitation' },
  'readiness.refresh': { action: 'read', entity: 'conference' },
  'rsvp.recordFor': { action: 'update', entity: 'invitation' },
  'invitations.send': { action: 'send', entity: 'conference' },
  'readiness.goAhead': { action: 'update', entity: 'conference' },
  'readiness.postpone': { action: 'update', entity: 'conference' },
  'coreGroup.slots.answer': { action: 'update', entity: 'core-group-meeting' },
  'coreGroup.slots.none': { action: 'update', entity: 'core-group-meeting' },
  'coreGroup.slots.refresh': { action: 'read', entity: 'core-group-meeting' },
  'coreGroup.progress.send': { action: 'update', entity: 'core-group-progress' },
  'coreGroup.progress.refresh': { action: 'read', entity: 'core-group-progress' },
};

/** A URL parameter goes on the record only if it looks like an id: text typed into a URL must not. */
const asId = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value) ? value : null;

const failsClosed = (action: AuditAction) => action === 'read' || action === 'export';
const outcomeOf = (e: unknown): string => toHttpError(e)?.code ?? (isDomainError(e) ? e.code : 'INTERNAL');

/** Records the event; when that fails, logs it and, for a read, refuses to answer. */
async function write(audit: AuditLog, logger: Logger, event: AuditEvent, closed: boolean): Promise<void> {
  try {
    await audit.record(event);
  } catch (e) {
    const { correlationId, surface, action, entity, conferenceId } = event;
    logger.error(
      { correlationId, surface, action, entity, conferenceId, code: (e as { code?: string })?.code },
      'audit write failed',
    );
    if (closed)
      throw new HttpError(
        503,
        'AUDIT_UNAVAILABLE',
        'This cannot be shown just now because Roundtable could not record who looked at it. Please try again in a minute.',
      );
  }
}

/** Wraps the tab API routes so that each call leaves one audit event (surface 'api'). */
export function audited(
  routes: HttpRoute[],
  audit: AuditLog,
  actorOf: (req: RouteRequest) => AuditActor | Promise<AuditActor>,
  logger: Logger,
): HttpRoute[] {
  return routes.map((route) => {
    const what = ROUTES[`${route.method} ${route.path}`] ?? {
      action: BY_METHOD[route.method],
      entity: 'conference',
    };
    const onConference = route.path.startsWith('/api/conferences/:id');
    return {
      ...route,
      handler: async (req) => {
        const actor = await actorOf(req);
        const conferenceId = onConference ? asId(req.params.id) : null;
        const event = (createdId: string | null, detail: AuditEvent['detail']): AuditEvent => ({
          actor: actor.id,
          actorRole: actor.role,
          surface: 'api',
          action: what.action,
          entity: what.entity,
          entityId:
            what.entity === 'invitation'
              ? asId(req.params.invitationId)
              : what.entity === 'conference'
                ? (conferenceId ?? createdId)
                : null,
          conferenceId: conferenceId ?? createdId,
          correlationId: req.correlationId,
          detail: { route: route.path, ...detail },
        });
        let result;
        try {
          result = await route.handler(req);
        } catch (e) {
          // A refused or failed attempt is on the record too; the caller gets the original error.
          await write(audit, logger, event(null, { outcome: outcomeOf(e) }), false);
          throw e;
        }
        const createdId = what.action === 'create' ? asId((result.body as { id?: unknown })?.id) : null;
        await write(
          audit,
          logger,
          event(createdId, { outcome: 'ok', status: result.status }),
          failsClosed(what.action),
        );
        return result;
      },
    };
  });
}

/**
 * Wraps every card handler so that the press leaves one audit event (surface 'card'). Built per
 * invoke (eleven small objects) so that the event carries the invoke's correlation id.
 */
export function auditedCardActions(
  table: CardActionTable,
  audit: AuditLog,
  logger: Logger,
  correlationId: string,
): CardActionTable {
  const wrapped = { ...table };
  for (const verb of Object.keys(VERBS) as Verb[]) {
    const inner = table[verb] as unknown as CardActionHandler<Record<string, unknown>>;
    const what = VERBS[verb];
    const handler: CardActionHandler<Record<string, unknown>> = {
      payload: inner.payload,
      handle: async (data, context) => {
        // The payload is parsed already, so these are well-formed ids when present.
        const conferenceId = asId(data.conferenceId);
        const entityId =
          what.entity === 'invitation'
            ? asId(data.invitationId)
            : what.entity === 'conference'
              ? conferenceId
              : null;
        const event = (outcome: string): AuditEvent => ({
          actor: context.actor.aadObjectId ?? context.actor.id,
          // The person's part in the conference is decided by the handler; here they are a Teams user.
          actorRole: 'teams-user',
          surface: 'card',
          action: what.action,
          entity: what.entity,
          entityId,
          conferenceId,
          correlationId,
          detail: { verb, outcome },
        });
        let card;
        try {
          card = await inner.handle(data, context);
        } catch (e) {
          await write(audit, logger, event(outcomeOf(e)), false);
          throw e;
        }
        // A read that cannot be recorded throws: the router answers with its "try again" card, no data.
        await write(audit, logger, event('ok'), failsClosed(what.action));
        return card;
      },
    };
    wrapped[verb] = handler as unknown as CardActionTable[Verb];
  }
  return wrapped;
}
