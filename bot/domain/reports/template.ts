/**
 * The multi-agency report template (seed 002: "the multi-agency template you should use for your report";
 * sections follow the conference agenda in DESIGN.md §1). A draft may be partial; a submitted report must
 * be complete for its kind. Text is kept exactly as written: no trimming, no escaping, no rewriting.
 */
import { z } from 'zod';
import { IsoDate } from '../people.js';

/** Review conferences take the core group progress report and the police report (seed 002). */
export const ReportKinds = [
  'agency',
  'social-work',
  'core-group-progress',
  'police',
  'family-views',
] as const;
export type ReportKind = (typeof ReportKinds)[number];

/** How the child's views reached the conference (DESIGN.md §1: every child over 4 takes part somehow). */
export const ViewsObtainedBy = [
  'spoke-with-child',
  'advocate',
  'letter',
  'video',
  'mind-of-my-own',
  'three-houses',
  // Any other way; the views themselves say how.
  'other',
  'not-yet-obtained',
] as const;

export const ShareMethods = ['in-person', 'phone', 'video', 'post', 'email'] as const;
export type ShareMethod = (typeof ShareMethods)[number];

/** Field labels a writer recognises; every message names the field by these words. */
export const FIELD_LABELS: Record<string, string> = {
  'agency.name': 'Agency',
  'agency.contactWithChild': 'Contact with the child',
  'workingWell.strengths': 'What is working well: strengths',
  'workingWell.protectiveFactors': 'What is working well: protective factors',
  'worries.harm': 'What we are worried about: harm',
  'worries.risks': 'What we are worried about: risks',
  'worries.complicatingFactors': 'What we are worried about: complicating factors',
  'child.livedExperience': 'The child’s lived experience',
  'child.views': 'The child’s views',
  'child.obtainedBy': 'How the child’s views were obtained',
  'child.notObtainedReason': 'Why the child’s views have not been obtained yet',
  recommendations: 'What needs to happen',
  'recommendations.what': 'Recommendation: what',
  'recommendations.who': 'Recommendation: who',
  'recommendations.byWhen': 'Recommendation: by when',
  'recommendations.howWeWillKnow': 'Recommendation: how we will know',
  'safetyScale.score': 'Safety scale (0 to 10)',
  'safetyScale.reason': 'Reason for the safety scale score',
  'sharedWithFamily.sharedOn': 'When the report was shared with the family',
  'sharedWithFamily.how': 'How the report was shared with the family',
  'sharedWithFamily.familyResponse': 'The family’s response',
  'progress.sinceLastConference': 'Progress since the last conference',
  // The family's own views, in their words (asked of them directly, or written down for them).
  'familyViews.workingWell': 'What is working well',
  'familyViews.worries': 'What worries you',
  'familyViews.wishes': 'What you would like to happen',
  'familyViews.views': 'Anything else you want to say',
  'familyViews.writtenBy': 'Written by',
};

const label = (path: string): string => FIELD_LABELS[path] ?? path;

/** Optional text with a limit; the message names the field. Empty strings are allowed in drafts. */
const text = (path: string, max: number) =>
  z
    .string({ error: `“${label(path)}” must be text.` })
    .max(max, `“${label(path)}” can be at most ${max} characters.`)
    // PostgreSQL text cannot hold U+0000; refusing it here names the field instead of failing in storage.
    .refine((s) => !s.includes('\u0000'), `“${label(path)}” contains a null character; remove it.`)
    .optional();

const LONG = 8000;
const MEDIUM = 2000;
const SHORT = 200;

const Recommendation = z
  .object({
    what: text('recommendations.what', MEDIUM),
    who: text('recommendations.who', SHORT),
    /** Free text ("within 4 weeks", "by 3 March") as plans are written; not a computed deadline. */
    byWhen: text('recommendations.byWhen', SHORT),
    howWeWillKnow: text('recommendations.howWeWillKnow', MEDIUM),
  })
  .strict();

/** The content of a report at any stage: every field optional, every limit enforced. */
export const ReportContent = z
  .object({
    agency: z
      .object({ name: text('agency.name', SHORT), contactWithChild: text('agency.contactWithChild', MEDIUM) })
      .strict()
      .optional(),
    workingWell: z
      .object({
        strengths: text('workingWell.strengths', LONG),
        protectiveFactors: text('workingWell.protectiveFactors', LONG),
      })
      .strict()
      .optional(),
    worries: z
      .object({
        harm: text('worries.harm', LONG),
        risks: text('worries.risks', LONG),
        complicatingFactors: text('worries.complicatingFactors', LONG),
      })
      .strict()
      .optional(),
    child: z
      .object({
        livedExperience: text('child.livedExperience', LONG),
        views: text('child.views', LONG),
        obtainedBy: z
          .array(
            z.enum(ViewsObtainedBy, { error: `Choose how the child’s views were obtained from the list.` }),
          )
          .max(ViewsObtainedBy.length)
          .optional(),
        notObtainedReason: text('child.notObtainedReason', MEDIUM),
      })
      .strict()
      .optional(),
    recommendations: z
      .array(Recommendation)
      .max(30, `“${label('recommendations')}” can have at most 30 recommendations.`)
      .optional(),
    safetyScale: z
      .object({
        score: z
          .number({ error: `“${label('safetyScale.score')}” must be a whole number from 0 to 10.` })
          .int(`“${label('safetyScale.score')}” must be a whole number from 0 to 10.`)
          .min(0, `“${label('safetyScale.score')}” must be a whole number from 0 to 10.`)
          .max(10, `“${label('safetyScale.score')}” must be a whole number from 0 to 10.`)
          .optional(),
        reason: text('safetyScale.reason', MEDIUM),
      })
      .strict()
      .optional(),
    sharedWithFamily: z
      .object({
        sharedOn: IsoDate.optional(),
        how: z.enum(ShareMethods, { error: 'Choose how the report was shared from the list.' }).optional(),
        familyResponse: text('sharedWithFamily.familyResponse', LONG),
      })
      .strict()
      .optional(),
    progress: z
      .object({ sinceLastConference: text('progress.sinceLastConference', LONG) })
      .strict()
      .optional(),
    familyViews: z
      .object({
        workingWell: text('familyViews.workingWell', LONG),
        worries: text('familyViews.worries', LONG),
        wishes: text('familyViews.wishes', LONG),
        views: text('familyViews.views', LONG),
        writtenBy: text('familyViews.writtenBy', SHORT),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ReportContent = z.infer<typeof ReportContent>;
