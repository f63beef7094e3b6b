/**
 * The report dialog (Teams task module): task/fetch opens the form, task/submit handles its buttons.
 * Always answers with something to show: the form, a confirmation message, or an error card that says
 * what happened; unexpected failures are logged with a correlation id only.
 */
import { CardFactory } from 'botbuilder';
import type { TaskModuleResponse } from 'botbuilder';
import { z } from 'zod';
import { renderError } from '../../cards/error.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { renderReportForm } from '../../cards/report-form.js';
import { isDomainError } from '../domain/errors.js';
import type { AuditLog } from '../domain/ports.js';
import { safeError } from '../logger.js';
import type { Logger } from '../logger.js';
import { actOnMyReport, openMyReport } from '../use-cases/my-reports.js';
import type { ReportDeps } from '../use-cases/reports.js';
import type { Actor } from './card-actions.js';

const id = (what: string) =>
  z.uuid({
    error: (i) =>
      i.input === undefined ? `The button is missing its ${what}.` : `The ${what} is not valid.`,
  });

/**
 * What an "Open my report" button (task/fetch) and the dialog's buttons (task/submit) send. The form's
 * inputs arrive in the same object, merged in by Teams; they are read by the form module.
 */
export const ReportDialogRequest = z.object({
  dialog: z.literal('report', { error: 'This window is not recognised.' }),
  conferenceId: id('conference reference'),
  invitationId: id('invitation reference'),
  action: z.enum(['save', 'check', 'submit'], { error: 'This button is not recognised.' }).optional(),
});

export interface ReportDialogDeps {
  reports: ReportDeps;
  audit: AuditLog;
  logger: Logger;
}

const TITLE = 'My report';

const show = (card: AdaptiveCard, title = TITLE): TaskModuleResponse => ({
  task: {
    type: 'continue',
    value: { title, card: CardFactory.adaptiveCard(card), width: 'large', height: 'large' },
  },
});

/**
 * Teams refuses a message of about 100 KB; we keep cards under 80 KB. The template allows a report larger
 * than that (every field at its limit is about 230 KB), so an oversized form is answered kindly instead.
 */
export const MAX_DIALOG_BYTES = 80_000;

const errorCard = (correlationId: string, message: string, code: string, fixes: string[] = []) =>
  show(renderError({ title: 'Your report could not be opened', message, fixes, code, correlationId }), TITLE);

/** Handles one dialog invoke: `fetch` opens the form; `submit` carries a button press. */
export async function reportDialog(
  deps: ReportDialogDeps,
  kind: 'fetch' | 'submit',
  data: unknown,
  actor: Actor,
  correlationId: string,
): Promise<TaskModuleResponse> {
  const input =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const parsed = ReportDialogRequest.safeParse(input);
  if (!parsed.success)
    return errorCard(
      correlationId,
      'This button sent details Roundtable does not recognise. Type my reports to get a fresh list. Nothing was changed.',
      'MALFORMED_PAYLOAD',
      [...new Set(parsed.error.issues.map((i) => i.message))],
    );
  const ref = { conferenceId: parsed.data.conferenceId, invitationId: parsed.data.invitationId };
  const action = kind === 'fetch' ? undefined : (parsed.data.action ?? 'save');
  const audit = (outcome: string) =>
    deps.audit.record({
      actor: actor.aadObjectId ?? actor.id,
      actorRole: 'teams-user',
      surface: 'card',
      action: action ? 'update' : 'read',
      // The invitee's own report, found by their invitation (the report id is known only once loaded).
      entity: 'report',
      entityId: null,
      conferenceId: ref.conferenceId,
      correlationId,
      detail: { dialog: 'report', invitationId: ref.invitationId, step: action ?? 'open', outcome },
    });
  try {
    const outcome = action
      ? await actOnMyReport(deps.reports, ref, action, input, actor.aadObjectId)
      : { kind: 'form' as const, data: await openMyReport(deps.reports, ref, actor.aadObjectId) };
    try {
      await audit('ok');
    } catch (err) {
      deps.logger.error({ correlationId, err: safeError(err) }, 'audit write failed');
      // Report text is shown only with a record of who saw it; a saved change is answered as done.
      if (!action)
        return errorCard(
          correlationId,
          'Your report cannot be shown just now because Roundtable could not record who opened it. Please try again in a minute.',
          'AUDIT_UNAVAILABLE',
        );
    }
    if (outcome.kind === 'done') return { task: { type: 'message', value: outcome.message } };
    const answer = show(renderReportForm(outcome.data), `${TITLE}: ${outcome.data.reference}`);
    const bytes = Buffer.byteLength(JSON.stringify(answer));
    if (bytes <= MAX_DIALOG_BYTES) return answer;
    deps.logger.warn({ correlationId, bytes }, 'report form too large for a Teams dialog');
    return errorCard(
      correlationId,
      'This report is too long to show in a Teams window. Everything you saved is kept. Please ask the conference service for help to finish it.',
      'REPORT_TOO_LARGE_FOR_TEAMS',
    );
  } catch (e) {
    if (isDomainError(e)) {
      await audit(e.code).catch((err: unknown) =>
        deps.logger.error({ correlationId, err: safeError(err) }, 'audit write failed'),
      );
      return errorCard(
        correlationId,
        e.message,
        e.code,
        e.details.map((d) => d.message),
      );
    }
    deps.logger.error({ correlationId, step: action ?? 'open', err: safeError(e) }, 'report dialog failed');
    return errorCard(
      correlationId,
      'Something went wrong on our side. Anything you saved before is kept; please try again in a minute.',
      'INTERNAL',
    );
  }
}
