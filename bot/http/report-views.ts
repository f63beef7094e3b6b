/** Request and response shapes of the reports API; the OpenAPI document is generated from these. */
import { z } from 'zod';
import {
  ReadinessDecisionInput,
  ReportContent,
  ReportKinds,
  ShareInput,
  ShareMethods,
} from '../domain/reports.js';

const Person = (what: string) =>
  z.string().min(1, `Fill in “${what}”.`).max(200, `“${what}” can be at most 200 characters.`);

export const CreateReportRequest = z
  .object({ kind: z.enum(ReportKinds), inviteeId: z.uuid('“inviteeId” must be an invitee id.').optional() })
  .strict();
/** `content` is parsed by the domain template, so every problem names its field. */
export const DraftRequest = z.object({ content: z.unknown(), savedBy: Person('Saved by') }).strict();
export const SubmitRequest = z
  .object({ content: z.unknown().optional(), submittedBy: Person('Submitted by') })
  .strict();
export const ReadRequest = z.object({ version: z.number().int().min(1), reader: Person('Read by') }).strict();
export { ShareInput as ShareRequest, ReadinessDecisionInput as ReadinessDecisionRequest };

const Finding = z.object({
  kind: z.string(),
  match: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  suggestion: z.string(),
  sentence: z.string().optional(),
  plain: z.string().optional(),
  field: z.string(),
});
export const PlainLanguageView = z.object({
  summary: z.object({
    acronyms: z.number().int(),
    jargon: z.number().int(),
    longSentences: z.number().int(),
    total: z.number().int(),
  }),
  findings: z.array(Finding),
});

const SharingView = z.object({
  state: z.enum(['in-time', 'late', 'not-shared', 'not-required']),
  overdue: z.boolean(),
  firstSharedAt: z.string().nullable(),
  deadline: z.string().nullable(),
});

export const ReportView = z.object({
  id: z.string(),
  conferenceId: z.string(),
  inviteeId: z.string().nullable(),
  /** The family member whose own views these are (their own link); null otherwise. */
  familyMemberId: z.string().nullable().optional(),
  kind: z.enum(ReportKinds),
  status: z.enum(['draft', 'submitted']),
  currentVersion: z.number().int(),
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      content: ReportContent,
      plainLanguage: PlainLanguageView,
      savedBy: z.string(),
      savedAt: z.string(),
      submitted: z.boolean(),
    }),
  ),
  reads: z.array(z.object({ version: z.number().int(), reader: z.string(), at: z.string() })),
  shares: z.array(
    z.object({ at: z.string(), how: z.enum(ShareMethods), by: z.string(), familyResponse: z.string() }),
  ),
  sharing: SharingView,
});

export const SavedReportView = z.object({
  report: ReportView,
  plainLanguage: PlainLanguageView,
  late: z.boolean().optional(),
  amendment: z.boolean().optional(),
});

export const DecisionView = z.object({
  conferenceId: z.string(),
  decision: z.enum(['go-ahead', 'postpone']),
  reason: z.string(),
  newStart: z.string().nullable(),
  withinTimescale: z.boolean().nullable(),
  timescale: z.string().nullable(),
  delayExplanation: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});

export const ReadingListView = z.object({
  conferenceId: z.string(),
  entries: z.array(
    z.object({
      kind: z.enum(ReportKinds),
      inviteeId: z.string().nullable(),
      author: z.string(),
      reportId: z.string().nullable(),
      state: z.enum(['missing', 'received', 'late', 'amended-since-read']),
      draftSaved: z.boolean(),
      late: z.boolean(),
      submittedVersion: z.number().int().nullable(),
      readVersion: z.number().int().nullable(),
      sharing: SharingView.nullable(),
    }),
  ),
  readiness: z.object({
    readingDeadline: z.string().nullable(),
    parentsDeadline: z.string().nullable(),
    missing: z.array(z.string()),
    notSharedInTime: z.array(z.string()),
    unread: z.array(z.string()),
    quorum: z.object({ state: z.enum(['quorate', 'at-risk', 'inquorate']), summary: z.string() }),
    parentsHaveReports: z.boolean(),
    decisionNeeded: z.boolean(),
    ready: z.boolean(),
  }),
  deadlines: z.array(z.object({ key: z.string(), status: z.string(), sentence: z.string() })),
  decisions: z.array(DecisionView),
});

type Json = (schema: z.ZodType, io?: 'input' | 'output') => Record<string, unknown>;
type Err = (description: string) => Record<string, unknown>;

/** The reports API's OpenAPI paths; openapi.ts passes in its own helpers so both describe bodies alike. */
type Operation = { responses: Record<string | number, unknown>; [key: string]: unknown };

export function reportApiPaths(json: Json, error: Err): Record<string, Record<string, Operation>> {
  const uuid = { type: 'string', format: 'uuid' };
  const id = { name: 'id', in: 'path', required: true, schema: uuid };
  const reportId = { name: 'reportId', in: 'path', required: true, schema: uuid };
  const body = (schema: z.ZodType) => ({ required: true, content: json(schema, 'input') });
  const ok = (description: string, schema: z.ZodType, status = 200) => ({
    [status]: { description, content: json(schema) },
  });
  const notFound = { 404: error('No such conference or report') };
  const bad = { 400: error('The body has problems; each is listed with its field') };
  const base = '/api/conferences/{id}/reports';
  return {
    [base]: {
      post: {
        operationId: 'createReport',
        summary:
          'Start a report: one per invitee and kind (the social worker, core group and family have no invitee)',
        parameters: [id],
        requestBody: body(CreateReportRequest),
        responses: {
          ...ok('The new, empty report', ReportView, 201),
          ...bad,
          ...notFound,
          409: error('It exists already'),
        },
      },
      get: {
        operationId: 'reportReadingList',
        summary:
          'The chair’s reading list: received, late, missing or amended since read; readiness; deadlines',
        parameters: [id],
        responses: { ...ok('The reading list', ReadingListView), ...notFound },
      },
    },
    [`${base}/{reportId}`]: {
      get: {
        operationId: 'getReport',
        parameters: [id, reportId],
        responses: { ...ok('The report with every version', ReportView), ...notFound },
      },
    },
    [`${base}/{reportId}/draft`]: {
      put: {
        operationId: 'saveReportDraft',
        summary: 'Save a draft as it is (partial allowed), with plain-language advice that never blocks',
        parameters: [id, reportId],
        requestBody: body(DraftRequest),
        responses: {
          ...ok('Saved as a new version', SavedReportView),
          ...bad,
          ...notFound,
          409: error('Already submitted'),
        },
      },
    },
    [`${base}/{reportId}/submit`]: {
      post: {
        operationId: 'submitReport',
        summary:
          'Submit or amend (until the conference starts); late after the reports-to-service day, not refused',
        parameters: [id, reportId],
        requestBody: body(SubmitRequest),
        responses: {
          ...ok('Submitted as a new version', SavedReportView),
          ...bad,
          ...notFound,
          409: error('The conference has started'),
          422: error('Not complete: every missing field is listed'),
        },
      },
    },
    [`${base}/{reportId}/read`]: {
      post: {
        operationId: 'markReportRead',
        parameters: [id, reportId],
        requestBody: body(ReadRequest),
        responses: {
          ...ok('The report', ReportView),
          ...bad,
          ...notFound,
          409: error('That version was not submitted'),
        },
      },
    },
    [`${base}/{reportId}/shares`]: {
      post: {
        operationId: 'shareReport',
        summary: 'Record when, how and by whom the report was shared with the family, and their response',
        parameters: [id, reportId],
        requestBody: body(ShareInput),
        responses: {
          ...ok('The report', ReportView, 201),
          ...bad,
          ...notFound,
          409: error('Nothing written yet'),
        },
      },
    },
    '/api/conferences/{id}/readiness-decision': {
      post: {
        operationId: 'readinessDecision',
        summary: 'Go ahead or postpone when the parents have not had the reports (seed 003 §1.6)',
        parameters: [id],
        requestBody: body(ReadinessDecisionInput),
        responses: {
          ...ok('The decision', DecisionView, 201),
          ...bad,
          ...notFound,
          409: error('The conference cannot be postponed now, or changed meanwhile'),
        },
      },
    },
  };
}
