/**
 * Delivers what the outbox holds: cards to Teams chats, email to people without Teams. Content is
 * rendered at send time from the current records, so the outbox itself holds ids only.
 */
import type { Clock } from '../domain/clock.js';
import type { CalendarPort } from '../domain/calendar.js';
import type { MailSender } from '../domain/mail.js';
import type {
  InvitationRecord,
  Notifier,
  OutboxKind,
  ReportLinkStore,
  ReportStore,
  StoredConference,
} from '../domain/ports.js';
import { linkRefusal, type ReportLink } from '../domain/report-links.js';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';
import type { OutboxItem, OutboxRepository } from '../store/outbox-repository.js';
import {
  invitationCard,
  quorumWarningCard,
  readinessCard,
  reminderCard,
} from '../use-cases/invitation-cards.js';
import { invitationMail } from '../use-cases/invitation-mail.js';
import type { InvitationDeps } from '../use-cases/invitations.js';
import { readiness, reportDue } from '../use-cases/invitations.js';
import {
  decider,
  lateReportManagerMail,
  owedReports,
  reportLateCard,
  reportReadinessCard,
  reportReminderCard,
  reportReminderMail,
} from '../use-cases/report-chase.js';
import type { ReportDeps } from '../use-cases/reports.js';
import { reportLinkMail } from '../use-cases/report-link-mail.js';
import { holderOf, linkUrl } from '../use-cases/report-links.js';
import { afterConferenceHandlers, type AfterConferenceDeliveryDeps } from './after-conference-delivery.js';
import type { CoreGroupDeps } from '../use-cases/core-groups.js';
import { coreGroupDeliveries } from './core-group-deliveries.js';

export interface DispatcherDeps {
  outbox: OutboxRepository;
  calendar: CalendarPort;
  invitations: InvitationDeps;
  notifier: Notifier;
  mail: MailSender;
  clock: Clock;
  logger: Logger;
  authorityName: string;
  reports: ReportStore;
  /** The case-management system's webhook, when the council configured one. */
  caseSystem?: { deliver(messageId: string): Promise<void> } | undefined;
  /** Report links by email; the token is signed again from the stored link, so no outbox row holds it. */
  reportLinks?: {
    links: ReportLinkStore;
    sign(link: ReportLink): Promise<string>;
    publicUrl: string;
  };
  /** Letters, minutes and follow-ups after the conference. */
  afterConference: Omit<AfterConferenceDeliveryDeps, 'notifier' | 'mail' | 'authorityName'>;
  /** Core groups after the conference; without them their messages wait with a permanent failure. */
  coreGroups?: CoreGroupDeps | undefined;
}

export interface OutboxDispatcher {
  /** Sends everything due now; returns how many were delivered. */
  dispatchDue(): Promise<number>;
  /** Runs dispatchDue soon in this process (coalesced); errors are logged, never thrown. */
  kick(): void;
  /** Resolves when any run in progress has finished (for shutdown and tests). */
  idle(): Promise<void>;
}

const retryable = (e: unknown): { retry: boolean; afterMs?: number } => {
  const err = e as { retryable?: boolean; retryAfterMs?: number };
  return { retry: err?.retryable !== false, ...(err?.retryAfterMs ? { afterMs: err.retryAfterMs } : {}) };
};

export function createOutboxDispatcher(deps: DispatcherDeps): OutboxDispatcher {
  const inv = deps.invitations;

  async function invitationTarget(
    invitationId: string,
  ): Promise<{ conference: StoredConference; invitation: InvitationRecord } | undefined> {
    const invitation = await inv.invitations.get(invitationId);
    const conference = invitation && (await inv.conferences.getConference(invitation.conferenceId));
    return invitation && conference && !invitation.withdrawn ? { conference, invitation } : undefined;
  }

  /** Teams first for people in the tenant; email when the app is not installed for them or they have no Entra id. */
  async function toInvitee(item: OutboxItem, reminder: boolean): Promise<void> {
    const target = await invitationTarget((item.payload as { invitationId: string }).invitationId);
    if (!target) return; // withdrawn or removed: nothing to send
    const { conference, invitation } = target;
    // A reminder for someone who has answered meanwhile is no longer needed.
    if (reminder && invitation.answer) return;
    const invitee = conference.invitees.find((i) => i.id === invitation.inviteeId);
    if (!invitee) return;
    if (invitation.channel === 'teams' && invitee.aadObjectId) {
      const card = reminder
        ? reminderCard(inv, conference, invitation)
        : invitationCard(inv, conference, invitation);
      const sent = await deps.notifier.sendCard(invitee.aadObjectId, card);
      if (sent !== 'unreachable') {
        if (!reminder) await inv.invitations.setActivityId(invitation.id, sent.activityId);
        return;
      }
    }
    await deps.mail.send(
      invitationMail(conference, invitee, reportDue(inv, conference), {
        reminder,
        authority: deps.authorityName,
        idempotencyKey: item.dedupeKey ?? item.id,
      }),
    );
  }

  async function toChair(item: OutboxItem, warning: boolean): Promise<void> {
    const r = await readiness(inv, (item.payload as { conferenceId: string }).conferenceId);
    const chair = r.conference.chair?.aadObjectId;
    if (!chair) return;
    const card = warning
      ? quorumWarningCard(r.conference, r.assessment)
      : readinessCard(r.conference, r.invitations, r.assessment, r.pendingDeliveries);
    if (!card) return; // quorate again by the time we send: no warning needed
    await deps.notifier.sendCard(chair, card);
  }

  /** Creates or updates the events; a single-part conference keeps the meeting link its event got. */
  async function calendarUpsert(item: OutboxItem): Promise<void> {
    const conference = await inv.conferences.getConference(
      (item.payload as { conferenceId: string }).conferenceId,
    );
    if (
      !conference?.scheduledStart ||
      !['scheduled', 'invitations-sent', 'ready'].includes(conference.status)
    )
      return;
    const refs = await deps.calendar.upsertConferenceEvents(conference);
    const link = refs.length === 1 ? refs[0]?.joinUrl : undefined;
    if (link && link !== conference.joinUrl)
      await inv.conferences.setSchedule(conference.id, conference.scheduledStart, link);
  }

  async function calendarCancel(item: OutboxItem): Promise<void> {
    const { conferenceId, message } = item.payload as { conferenceId: string; message: string };
    const conference = await inv.conferences.getConference(conferenceId);
    if (conference) await deps.calendar.cancelConferenceEvents(conference, message);
  }

  const reportDeps: ReportDeps = { ...inv, reports: deps.reports };

  /** The report still owed by this invitation, if it is (a report that has arrived is not chased). */
  async function owedBy(item: OutboxItem) {
    const { conferenceId, invitationId } = item.payload as { conferenceId: string; invitationId: string };
    const conference = await inv.conferences.getConference(conferenceId);
    if (!conference || !['invitations-sent', 'ready'].includes(conference.status)) return undefined;
    const owed = (await owedReports(reportDeps, conference)).find((o) => o.invitation.id === invitationId);
    return owed && { conference, owed };
  }

  /** The writer's reminder: a card in their chat with the bot, else email, like the invitation reminder. */
  async function reportReminder(item: OutboxItem): Promise<void> {
    const target = await owedBy(item);
    if (!target) return;
    const { conference, owed } = target;
    if (owed.invitation.channel === 'teams' && owed.invitee.aadObjectId) {
      const card = reportReminderCard(reportDeps, conference, owed);
      if (!card) return;
      if ((await deps.notifier.sendCard(owed.invitee.aadObjectId, card)) !== 'unreachable') return;
    }
    const mail = reportReminderMail(reportDeps, conference, owed, {
      authority: deps.authorityName,
      idempotencyKey: item.dedupeKey ?? item.id,
    });
    if (mail) await deps.mail.send(mail);
  }

  async function reportLateManager(item: OutboxItem): Promise<void> {
    const target = await owedBy(item);
    if (!target) return;
    const mail = lateReportManagerMail(reportDeps, target.conference, target.owed, {
      authority: deps.authorityName,
      idempotencyKey: item.dedupeKey ?? item.id,
    });
    if (mail) await deps.mail.send(mail);
  }

  /** The chair's cards about reports (the lead social worker's when there is no chair). */
  async function reportToChair(item: OutboxItem, late: boolean): Promise<void> {
    const conference = await inv.conferences.getConference(
      (item.payload as { conferenceId: string }).conferenceId,
    );
    const to = conference && decider(conference).aadObjectId;
    if (!conference || !to || !['invitations-sent', 'ready'].includes(conference.status)) return;
    const card = late
      ? reportLateCard(reportDeps, conference, await owedReports(reportDeps, conference))
      : await reportReadinessCard(reportDeps, conference.id);
    if (card) await deps.notifier.sendCard(to, card);
  }

  /** The link's email, to its holder only; a link revoked or expired meanwhile is not sent. */
  async function reportLink(item: OutboxItem): Promise<void> {
    const rl = deps.reportLinks;
    if (!rl) throw Object.assign(new Error('report links are not set up'), { retryable: false });
    const link = await rl.links.get((item.payload as { linkId: string }).linkId);
    if (!link || linkRefusal(link, deps.clock.now())) return;
    const conference = await inv.conferences.getConference(link.conferenceId);
    const holder = conference && holderOf(conference, link);
    if (!conference || !holder) return;
    if (holder.purpose === 'family-views' && !holder.familyMember.email) return;
    const url = linkUrl(rl, await rl.sign(link));
    await deps.mail.send(
      reportLinkMail(conference, holder, link, url, {
        authority: deps.authorityName,
        reportDue: reportDue(inv, conference),
        idempotencyKey: item.dedupeKey ?? item.id,
      }),
    );
  }

  function coreGroupHandlers() {
    const groups = deps.coreGroups;
    if (groups)
      return coreGroupDeliveries({
        coreGroups: groups,
        notifier: deps.notifier,
        mail: deps.mail,
        calendar: deps.calendar,
        authorityName: deps.authorityName,
      });
    const missing = async () => {
      throw Object.assign(new Error('core groups are not set up'), { retryable: false });
    };
    return {
      'core-group-slots': missing,
      'core-group-calendar': missing,
      'core-group-cancelled': missing,
      'core-group-progress': missing,
      'core-group-escalation': missing,
    };
  }

  const HANDLERS: Record<OutboxKind, (item: OutboxItem) => Promise<void>> = {
    calendar: calendarUpsert,
    'calendar-cancel': calendarCancel,
    invitation: (item) => toInvitee(item, false),
    reminder: (item) => toInvitee(item, true),
    readiness: (item) => toChair(item, false),
    'quorum-warning': (item) => toChair(item, true),
    'report-reminder': reportReminder,
    'report-late': (item) => reportToChair(item, true),
    'report-late-manager': reportLateManager,
    'report-readiness': (item) => reportToChair(item, false),
    'case-system': async (item) => {
      if (!deps.caseSystem)
        throw Object.assign(new Error('no case-system webhook configured'), {
          code: 'CASE_SYSTEM_NOT_CONFIGURED',
          retryable: false,
        });
      await deps.caseSystem.deliver((item.payload as { messageId: string }).messageId);
    },
    'report-link': reportLink,
    ...afterConferenceHandlers({
      ...deps.afterConference,
      notifier: deps.notifier,
      mail: deps.mail,
      authorityName: deps.authorityName,
    }),
    // Core groups after the conference (bot/jobs/core-group-deliveries.ts).
    ...coreGroupHandlers(),
  };

  async function dispatchDue(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await deps.outbox.claimDue(deps.clock.now(), 20);
      if (batch.length === 0) return delivered;
      for (const item of batch) {
        try {
          const handler = HANDLERS[item.kind as OutboxKind];
          if (!handler)
            throw Object.assign(new Error(`unknown outbox kind ${item.kind}`), { retryable: false });
          await handler(item);
          await deps.outbox.markSent(item.id, deps.clock.now());
          delivered += 1;
        } catch (e) {
          const { retry, afterMs } = retryable(e);
          // Back off 1, 2, 4 … minutes (at most 6 hours); a permanent failure waits 6 hours for a fix.
          const backoff = retry
            ? Math.min(6 * 3600_000, 60_000 * 2 ** Math.min(item.attempts - 1, 10))
            : 6 * 3600_000;
          const at = new Date(deps.clock.now().getTime() + Math.max(backoff, afterMs ?? 0));
          const reason = `${(e as { code?: string }).code ?? (e as Error).name ?? 'Error'}${(e as { status?: number }).status ? ` ${(e as { status?: number }).status}` : ''}`;
          deps.logger.warn(
            { outboxId: item.id, kind: item.kind, attempts: item.attempts, reason },
            'outbox delivery failed; will retry',
          );
          await deps.outbox.markFailed(item.id, reason, at);
        }
      }
    }
  }

  let running: Promise<void> | undefined;
  let scheduled = false;
  let again = false;
  const run = () => {
    running = dispatchDue()
      .then(() => undefined)
      .catch((e: unknown) => deps.logger.error({ err: safeError(e) }, 'outbox run failed'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return {
    dispatchDue,
    kick: () => {
      if (running) again = true;
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          run();
        });
      }
    },
    idle: async () => {
      while (scheduled || running) await (running ?? new Promise((r) => setImmediate(r)));
    },
  };
}
