/**
 * The report form for people without Teams: GET /r/:token shows it, POST /r/:token/draft and /submit
 * save it. Public (the signed link is the permission), so every answer is an HTML page that reveals
 * nothing unless the link works, and requests are limited per link and per client address.
 */
import { createHash } from 'node:crypto';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { AuditLog } from '../domain/ports.js';
import type { LinkRefusal } from '../domain/report-links.js';
import { contentFromForm, formFor } from '../domain/reports/form-fields.js';
import type { PlainLanguageResult } from '../domain/reports.js';
import { safeError, type Logger } from '../logger.js';
import { holderName, openLink, type OpenedLink, type ReportLinkDeps } from '../use-cases/report-links.js';
import { saveReportDraft, submitReportVersion } from '../use-cases/reports.js';
import { toHttpError } from './errors.js';
import { readFormBody } from './form-body.js';
import { HTML, htmlHeaders } from './html.js';
import { FORM_CSS, formPage, refusalPage, type FormState, type RefusalPage } from './report-form-page.js';
import type { RequestLimiter } from './request-limiter.js';
import type { HttpRoute, RouteRequest, RouteResult } from './server.js';

export interface ReportFormDeps {
  reports: ReportLinkDeps;
  limiter: RequestLimiter;
  audit: AuditLog;
  logger: Logger;
  maxBodyBytes: number;
  /** Requests a minute allowed per link and per client address. */
  perLink: number;
  perAddress: number;
}

const html = (status: number, body: string, headers: Record<string, string> = {}): RouteResult => ({
  status,
  body,
  contentType: HTML,
  headers: htmlHeaders(headers),
});

/** Unknown, tampered and other-conference links look the same: nothing to tell them apart. */
const REFUSED: Record<LinkRefusal, [number, RefusalPage]> = {
  unknown: [404, 'not-found'],
  'other-conference': [404, 'not-found'],
  expired: [410, 'gone'],
  revoked: [410, 'gone'],
};

const EMPTY = new Map<string, string[]>();

/** Field problems by the form's field names; a path deeper than any field goes to the nearest one. */
function problemsFor(
  kind: OpenedLink['report']['kind'],
  details: readonly { path: string; message: string }[],
) {
  const names = new Set<string>(['']);
  for (const s of formFor(kind)) {
    names.add(s.key);
    for (const f of s.fields)
      if (s.repeat) for (let i = 0; i < s.repeat.max; i++) names.add(f.path.replace('#', String(i)));
      else names.add(f.path);
  }
  const out = new Map<string, string[]>();
  for (const d of details) {
    const parts = d.path.replace(/^content\.?/, '').split('.');
    while (parts.length && !names.has(parts.join('.'))) parts.pop();
    const name = parts.join('.');
    out.set(name, [...(out.get(name) ?? []), d.message]);
  }
  return out;
}

const latestContent = (o: OpenedLink) => o.report.versions.at(-1)?.content ?? {};

export function reportFormRoutes(deps: ReportFormDeps): HttpRoute[] {
  const limited = (req: RouteRequest): RouteResult | undefined => {
    const token = req.params.token ?? '';
    const r = deps.limiter.take([
      // By the token as sent: a valid link has one bucket; made-up tokens are held back per address.
      { key: `link:${createHash('sha256').update(token).digest('base64url')}`, limit: deps.perLink },
      { key: `addr:${req.raw.socket.remoteAddress ?? 'unknown'}`, limit: deps.perAddress },
    ]);
    if (r.ok) return undefined;
    return html(429, refusalPage('too-many'), { 'retry-after': String(r.retryAfterSeconds) });
  };

  const audit = async (o: OpenedLink, action: 'read' | 'update', correlationId: string, detail = {}) =>
    deps.audit.record({
      actor: `report-link:${o.link.id}`,
      actorRole: o.link.purpose,
      surface: 'external-link',
      action,
      entity: 'report',
      entityId: o.report.id,
      conferenceId: o.conference.id,
      correlationId,
      detail,
    });

  /** Opens the link and runs `fn`; anything unexpected becomes a kind page, logged by type only. */
  const withLink =
    (fn: (o: OpenedLink, req: RouteRequest) => Promise<RouteResult>) =>
    async (req: RouteRequest): Promise<RouteResult> => {
      const stop = limited(req);
      if (stop) return stop;
      try {
        const outcome = await openLink(deps.reports, req.params.token ?? '');
        if ('refused' in outcome) {
          const [status, kind] = REFUSED[outcome.refused];
          return html(status, refusalPage(kind));
        }
        return await fn(outcome.ok, req);
      } catch (e) {
        const known = toHttpError(e);
        if (known?.status === 413) return html(413, refusalPage('too-large'));
        if (known?.status === 415) return html(415, refusalPage('error'));
        deps.logger.error({ correlationId: req.correlationId, err: safeError(e) }, 'report form failed');
        return html(500, refusalPage('error'));
      }
    };

  const show = (o: OpenedLink, token: string, state: FormState, status = 200) =>
    html(status, formPage(o, token, state));

  /** The form again with the text as sent and each problem beside its field. */
  const again = (o: OpenedLink, token: string, content: unknown, e: unknown, note: string) => {
    const known = toHttpError(e);
    if (!known || known.status >= 500) throw e;
    return show(
      o,
      token,
      {
        content,
        problems: problemsFor(o.report.kind, known.details),
        notice: { kind: 'problem', text: `${known.message} ${note}`.trim() },
      },
      known.status,
    );
  };

  const save = async (o: OpenedLink, req: RouteRequest, submit: boolean): Promise<RouteResult> => {
    const token = req.params.token ?? '';
    const form = await readFormBody(req.raw, deps.maxBodyBytes);
    const content = contentFromForm(o.report.kind, form);
    const by = holderName(o.holder);
    const ids = [o.conference.id, o.report.id] as const;
    let advice: PlainLanguageResult;
    let reopened: OpenedLink;
    if (!submit) {
      try {
        const saved = await saveReportDraft(deps.reports, ...ids, { content, savedBy: by });
        advice = saved.plainLanguage;
        reopened = { ...o, report: saved.report };
      } catch (e) {
        return again(o, token, content, e, 'Your text is still below.');
      }
      await audit(o, 'update', req.correlationId, { saved: 'draft' });
      return show(reopened, token, {
        content: latestContent(reopened),
        problems: EMPTY,
        notice: { kind: 'saved', text: 'Draft saved. Nobody else sees it until you submit.' },
        advice,
      });
    }
    try {
      const s = await submitReportVersion(deps.reports, ...ids, { content, submittedBy: by });
      advice = s.plainLanguage;
      reopened = { ...o, report: s.report };
      await audit(o, 'update', req.correlationId, { saved: s.amendment ? 'amendment' : 'submission' });
      const text = s.amendment
        ? 'Your changes are submitted. The earlier version is kept, and the chair sees that it changed.'
        : s.late
          ? 'Submitted, after the deadline: it is marked late. Thank you; the chair has it now.'
          : 'Submitted. Thank you; the chair has it now.';
      return show(reopened, token, {
        content: latestContent(reopened),
        problems: EMPTY,
        notice: { kind: 'submitted', text },
        advice,
      });
    } catch (e) {
      if (e instanceof DomainError && e.code === ErrorCodes.REPORT_CONFERENCE_STARTED)
        return html(409, refusalPage('closed'));
      // An incomplete first submission is kept as a draft, so nothing typed is lost.
      if (
        e instanceof DomainError &&
        e.code === ErrorCodes.REPORT_INCOMPLETE &&
        o.report.status === 'draft'
      ) {
        try {
          const saved = await saveReportDraft(deps.reports, ...ids, { content, savedBy: by });
          await audit(o, 'update', req.correlationId, { saved: 'draft' });
          return again({ ...o, report: saved.report }, token, content, e, '');
        } catch (inner) {
          return again(o, token, content, inner, 'Your text is still below.');
        }
      }
      return again(
        o,
        token,
        content,
        e,
        o.report.status === 'submitted'
          ? 'Your submitted report is unchanged; your text is still below.'
          : 'Your text is still below.',
      );
    }
  };

  return [
    {
      method: 'get',
      path: '/report-form.css',
      handler: async () => ({
        status: 200,
        body: FORM_CSS,
        contentType: 'text/css; charset=utf-8',
        headers: { 'x-content-type-options': 'nosniff' },
      }),
    },
    {
      method: 'get',
      path: '/r/:token',
      handler: withLink(async (o, req) => {
        await audit(o, 'read', req.correlationId);
        const last = o.report.versions.at(-1);
        return show(o, req.params.token ?? '', {
          content: latestContent(o),
          problems: EMPTY,
          advice: last?.plainLanguage,
        });
      }),
    },
    { method: 'post', path: '/r/:token/draft', handler: withLink((o, req) => save(o, req, false)) },
    { method: 'post', path: '/r/:token/submit', handler: withLink((o, req) => save(o, req, true)) },
  ];
}
