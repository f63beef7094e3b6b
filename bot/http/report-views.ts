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
