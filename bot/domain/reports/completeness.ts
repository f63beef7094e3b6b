/** What a report of each kind needs before it can be submitted; every gap is listed, not just the first. */
import { FIELD_LABELS, type ReportContent, type ReportKind } from './template.js';

export interface MissingField {
  path: string;
  message: string;
}

type Section = 'agency' | 'workingWell' | 'worries' | 'child' | 'recommendations' | 'safety' | 'shared';

const FIELDS: Record<Exclude<Section, 'child' | 'recommendations'>, string[]> = {
  agency: ['agency.name', 'agency.contactWithChild'],
  workingWell: ['workingWell.strengths', 'workingWell.protectiveFactors'],
  worries: ['worries.harm', 'worries.risks', 'worries.complicatingFactors'],
  safety: ['safetyScale.score', 'safetyScale.reason'],
  shared: ['sharedWithFamily.sharedOn', 'sharedWithFamily.how', 'sharedWithFamily.familyResponse'],
};

/** The family may say as much or as little as they wish: any one of these is enough. */
const FAMILY_FIELDS = [
  'familyViews.workingWell',
  'familyViews.worries',
  'familyViews.wishes',
  'familyViews.views',
];

const FULL: Section[] = ['agency', 'workingWell', 'worries', 'child', 'recommendations', 'safety', 'shared'];

/**
 * Sections each kind needs. The police report goes to the chair (seed 002) and may hold information
 * the family cannot see, so its sharing section is not required; the family's own views need only the views.
 */
const REQUIRED: Record<ReportKind, { sections: Section[]; extra: string[] }> = {
  agency: { sections: FULL, extra: [] },
  'social-work': { sections: FULL, extra: [] },
  'core-group-progress': {
    sections: ['workingWell', 'worries', 'child', 'recommendations', 'safety', 'shared'],
    extra: ['progress.sinceLastConference'],
  },
  police: { sections: ['agency', 'worries', 'recommendations'], extra: [] },
  'family-views': { sections: [], extra: [] },
};

const valueAt = (content: ReportContent, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], content);

const filled = (v: unknown): boolean =>
  typeof v === 'string' ? v.trim().length > 0 : typeof v === 'number' || (Array.isArray(v) && v.length > 0);

const missing = (path: string, labelPath = path): MissingField => ({
  path,
  message: `Fill in “${FIELD_LABELS[labelPath] ?? labelPath}”.`,
});

function childGaps(content: ReportContent): MissingField[] {
  const out: MissingField[] = [];
  const c = content.child;
  if (!filled(c?.livedExperience)) out.push(missing('child.livedExperience'));
  if (!filled(c?.obtainedBy)) out.push(missing('child.obtainedBy'));
  const only = c?.obtainedBy?.length === 1 && c.obtainedBy[0] === 'not-yet-obtained';
  // Views not obtained yet is an honest answer, but the chair needs to know why (DESIGN.md §1).
  if (c?.obtainedBy?.includes('not-yet-obtained') && !filled(c.notObtainedReason))
    out.push(missing('child.notObtainedReason'));
  if (!only && !filled(c?.views)) out.push(missing('child.views'));
  return out;
}

/** SMART recommendations (seed 001): what, who, by when, how we will know, for each one. */
function recommendationGaps(content: ReportContent): MissingField[] {
  const recs = content.recommendations ?? [];
  if (recs.length === 0)
    return [
      { path: 'recommendations', message: 'Add at least one recommendation to “What needs to happen”.' },
    ];
  return recs.flatMap((r, i) =>
    (['what', 'who', 'byWhen', 'howWeWillKnow'] as const)
      .filter((k) => !filled(r[k]))
      .map((k) => missing(`recommendations.${i}.${k}`, `recommendations.${k}`)),
  );
}

/** Every field the kind needs that is empty; [] means the report can be submitted. */
export function missingFields(kind: ReportKind, content: ReportContent): MissingField[] {
  const { sections, extra } = REQUIRED[kind];
  const out: MissingField[] = [];
  for (const s of sections) {
    if (s === 'child') out.push(...childGaps(content));
    else if (s === 'recommendations') out.push(...recommendationGaps(content));
    else out.push(...FIELDS[s].filter((p) => !filled(valueAt(content, p))).map((p) => missing(p)));
  }
  out.push(...extra.filter((p) => !filled(valueAt(content, p))).map((p) => missing(p)));
  if (kind === 'family-views' && !FAMILY_FIELDS.some((p) => filled(valueAt(content, p))))
    out.push({ path: 'familyViews', message: 'Write the family’s views in at least one of the boxes.' });
  return out;
}

/** Fields that hold a choice or a date, not prose, so the plain-language check skips them. */
const NOT_PROSE = new Set(['obtainedBy', 'how', 'sharedOn', 'score']);

/** Every passage of prose in a report with its field path, for the plain-language check. */
export function reportTexts(content: ReportContent): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v === 'string') out.push({ path: path.join('.'), text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)]));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (!NOT_PROSE.has(k)) walk(x, [...path, k]);
  };
  walk(content, []);
  return out;
}
