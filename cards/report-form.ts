/**
 * The report form shown in a Teams dialog. Built from the report template (bot/domain/reports/template.ts):
 * labels come from FIELD_LABELS and every maxLength from the template's own limits, so the form and the
 * rules cannot drift apart. Typed text goes back into Input values as written; anything quoted back in a
 * TextBlock goes through plainText first.
 */
import { z } from 'zod';
import type { ConferenceKind } from '../bot/domain/conference.js';
import type { PlainLanguageResult } from '../bot/domain/reports/report.js';
import {
  FIELD_LABELS,
  ReportContent,
  ShareMethods,
  ViewsObtainedBy,
  type ReportKind,
} from '../bot/domain/reports/template.js';
import { plainText } from './escape.js';
import { KIND_LABELS } from './invitation.js';
import type { AdaptiveCard } from './render.js';

type Field =
  | { kind: 'text'; path: string; multiline: boolean }
  | { kind: 'choice'; path: string; choices: readonly { value: string; title: string }[]; multi: boolean }
  | { kind: 'date'; path: string };

interface Section {
  heading: string;
  hint?: string;
  fields: Field[];
}

const text = (path: string, multiline = true): Field => ({ kind: 'text', path, multiline });

export const OBTAINED_BY_LABELS: Record<(typeof ViewsObtainedBy)[number], string> = {
  'spoke-with-child': 'I spoke with the child',
  advocate: 'Through an advocate',
  letter: 'A letter from the child',
  video: 'A video',
  'mind-of-my-own': 'Mind of My Own app',
  'three-houses': 'Three Houses',
  other: 'Another way (say how with the views)',
  'not-yet-obtained': 'Not obtained yet (say why below)',
};

export const SHARE_METHOD_LABELS: Record<(typeof ShareMethods)[number], string> = {
  'in-person': 'In person',
  phone: 'By phone',
  video: 'By video call',
  post: 'By post',
  email: 'By email',
};

const SCORES = Array.from({ length: 11 }, (_, n) => ({
  value: String(n),
  title: n === 0 ? '0: the child is not safe' : n === 10 ? '10: the child is safe' : String(n),
}));

const SECTIONS: Record<string, Section> = {
  agency: {
    heading: 'Your agency and contact with the child',
    fields: [text('agency.name', false), text('agency.contactWithChild')],
  },
  progress: {
    heading: 'Progress since the last conference',
    fields: [text('progress.sinceLastConference')],
  },
  workingWell: {
    heading: 'What is working well',
    fields: [text('workingWell.strengths'), text('workingWell.protectiveFactors')],
  },
  worries: {
    heading: 'What we are worried about',
    fields: [text('worries.harm'), text('worries.risks'), text('worries.complicatingFactors')],
  },
  child: {
    heading: 'The child’s lived experience and views',
    fields: [
      text('child.livedExperience'),
      text('child.views'),
      {
        kind: 'choice',
        path: 'child.obtainedBy',
        multi: true,
        choices: ViewsObtainedBy.map((v) => ({ value: v, title: OBTAINED_BY_LABELS[v] })),
      },
      text('child.notObtainedReason'),
    ],
  },
  recommendations: {
    heading: 'What needs to happen',
    hint: 'Each recommendation says what, who, by when and how we will know it has happened. Leave a box empty if you need fewer; save to get another box.',
    fields: [],
  },
  safety: {
    heading: 'Safety scale',
    hint: 'On a scale of 0 to 10, where 0 means the child is not safe and 10 means the child is safe.',
    fields: [
      { kind: 'choice', path: 'safetyScale.score', multi: false, choices: SCORES },
      text('safetyScale.reason'),
    ],
  },
  shared: {
    heading: 'Sharing this report with the family',
    fields: [
      { kind: 'date', path: 'sharedWithFamily.sharedOn' },
      {
        kind: 'choice',
        path: 'sharedWithFamily.how',
        multi: false,
        choices: ShareMethods.map((v) => ({ value: v, title: SHARE_METHOD_LABELS[v] })),
      },
      text('sharedWithFamily.familyResponse'),
    ],
  },
};

/** The sections each kind of report shows, in the order of the conference agenda. */
const LAYOUT: Record<ReportKind, (keyof typeof SECTIONS)[]> = {
  agency: ['agency', 'workingWell', 'worries', 'child', 'recommendations', 'safety', 'shared'],
  'social-work': ['agency', 'workingWell', 'worries', 'child', 'recommendations', 'safety', 'shared'],
  'core-group-progress': [
    'progress',
    'workingWell',
    'worries',
    'child',
    'recommendations',
    'safety',
    'shared',
  ],
  // Seed 002: the police report goes to the chair and may hold what the family cannot see.
  police: ['agency', 'workingWell', 'worries', 'child', 'recommendations', 'safety'],
  'family-views': [],
};

const REC_KEYS = ['what', 'who', 'byWhen', 'howWeWillKnow'] as const;
const MAX_RECOMMENDATIONS = 30;

/** The template's schema at a content path (array indexes skipped): the one source of each limit. */
function schemaAt(path: string): z.ZodType | undefined {
  let s: z.ZodType | undefined = ReportContent;
  for (const key of path.split('.')) {
    if (/^\d+$/.test(key)) continue;
    while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    s = s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>)[key] : undefined;
  }
  while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

/** The character limit the template sets for a text field. */
export function maxLengthOf(path: string): number | undefined {
  const s = schemaAt(path);
  return s instanceof z.ZodString ? (s.maxLength ?? undefined) : undefined;
}

/** "Recommendation: what" for recommendations.2.what, "Agency" for agency.name. */
export function fieldLabel(path: string): string {
  const generic = path.replace(/\.\d+(?=\.|$)/g, '');
  return FIELD_LABELS[generic] ?? FIELD_LABELS[path] ?? path;
}

/** Form values by input id (the content path); every value a string, as Teams sends them. */
export type FormValues = Record<string, string>;

/** A saved report's content as the form's input values (prefill). */
export function contentToValues(content: ReportContent): FormValues {
  const out: FormValues = {};
  const walk = (v: unknown, path: string[]): void => {
    if (typeof v === 'string') out[path.join('.')] = v;
    else if (typeof v === 'number') out[path.join('.')] = String(v);
    else if (Array.isArray(v)) {
      if (v.every((x) => typeof x === 'string')) out[path.join('.')] = v.join(',');
      else v.forEach((x, i) => walk(x, [...path, String(i)]));
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(content, []);
  return out;
}

const INPUT_PATHS = Object.values(SECTIONS).flatMap((s) => s.fields.map((f) => f.path));

/** The typed values from a submitted form (only this form's inputs; other keys are ignored). */
export function formValues(data: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(data)) {
    const known =
      INPUT_PATHS.includes(k) ||
      new RegExp(`^recommendations\\.(\\d{1,2})\\.(${REC_KEYS.join('|')})$`).test(k);
    if (known && typeof v === 'string') out[k] = v;
  }
  return out;
}

export interface FieldProblem {
  path: string;
  message: string;
}

const setAt = (target: Record<string, unknown>, path: string[], value: unknown) => {
  let o = target;
  for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[path.at(-1)!] = value;
};

/** Removes the value at `path`, and any section left empty by that. */
const deleteAt = (target: Record<string, unknown>, path: (string | number)[]) => {
  const parents: Record<string, unknown>[] = [];
  let o: Record<string, unknown> | undefined = target;
  for (const k of path.slice(0, -1)) {
    if (o) parents.push(o);
    o = o?.[k] as Record<string, unknown> | undefined;
  }
  if (!o) return;
  delete o[String(path.at(-1))];
  for (let i = parents.length - 1; i >= 0; i--) {
    const child = parents[i]![String(path[i])];
    if (child && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0)
      delete parents[i]![String(path[i])];
  }
};

/**
 * The report content from the form's values, text exactly as typed (empty boxes left out). A field the
 * template refuses (too long, not a choice) is left out of the content and named in `problems`, so the
 * rest can still be saved and the person's words are shown back to them.
 */
export function valuesToContent(values: FormValues): { content: ReportContent; problems: FieldProblem[] } {
  const raw: Record<string, unknown> = {};
  for (const path of INPUT_PATHS) {
    const v = values[path];
    if (v === undefined || v === '') continue;
    if (path === 'child.obtainedBy') setAt(raw, path.split('.'), v.split(',').filter(Boolean));
    else if (path === 'safetyScale.score') setAt(raw, path.split('.'), /^\d{1,2}$/.test(v) ? Number(v) : v);
    else setAt(raw, path.split('.'), v);
  }
  const recs: Record<string, string>[] = [];
  for (let i = 0; i < MAX_RECOMMENDATIONS + 1; i++) {
    const rec: Record<string, string> = {};
    for (const k of REC_KEYS) {
      const v = values[`recommendations.${i}.${k}`];
      if (v !== undefined && v !== '') rec[k] = v;
    }
    if (Object.keys(rec).length) recs.push(rec);
  }
  if (recs.length) raw.recommendations = recs;

  const problems: FieldProblem[] = [];
  // Each round removes the refused fields; a few rounds at most, since only known fields are set.
  for (let round = 0; round < 5; round++) {
    const r = ReportContent.safeParse(raw);
    if (r.success) return { content: r.data, problems };
    for (const issue of r.error.issues) {
      // The field itself, not an item of a multi-choice: recommendations.1.what, child.obtainedBy.
      const path = [...issue.path];
      if (path.length > 2 && typeof path.at(-1) === 'number') path.pop();
      if (path.length === 1 && path[0] === 'recommendations') raw.recommendations = recs.slice(0, 30);
      else deleteAt(raw, path as (string | number)[]);
      problems.push({ path: path.join('.'), message: issue.message });
    }
  }
  return { content: {}, problems };
}

export interface Advice {
  summary: PlainLanguageResult['summary'];
  findings: PlainLanguageResult['findings'];
}

export const ReportFormData = z.object({
  conferenceId: z.uuid(),
  invitationId: z.uuid(),
  reference: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{3,6}$/),
  conferenceKind: z.enum(['initial', 'review', 'transfer-in']),
  when: z.string().min(1).max(80),
  childInitials: z.array(z.string().regex(/^[A-Z]{1,3}$/, 'Cards carry a child’s initials only.')).max(12),
  reportKind: z.enum(['agency', 'social-work', 'core-group-progress', 'police', 'family-views']),
  /** "Your report is due Tue 8 Dec 2026 (2 working days before the conference)". */
  dueSentence: z.string().min(1).max(200),
  status: z.enum(['not-started', 'draft', 'submitted']),
  late: z.boolean(),
  /** "Thu 10 Dec 2026, 10:00": amendments are accepted until the conference starts. */
  amendUntil: z.string().max(40).nullable(),
  savedAt: z.string().max(40).nullable(),
  values: z.record(z.string(), z.string()),
  notice: z
    .object({
      style: z.enum(['good', 'attention']),
      title: z.string().max(200),
      lines: z.array(z.string()).max(60),
    })
    .optional(),
});
export type ReportFormData = z.input<typeof ReportFormData> & { advice?: Advice | undefined };

const REPORT_TITLES: Record<ReportKind, string> = {
  agency: 'Your report',
  'social-work': 'The social work report',
  'core-group-progress': 'The core group progress report',
  police: 'Your police report',
  'family-views': 'The family’s views',
};

const block = (t: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: t,
  wrap: true,
  ...extra,
});

function input(field: Field, values: FormValues, path = field.path): Record<string, unknown> {
  const value = values[path];
  const label = fieldLabel(path);
  if (field.kind === 'text')
    return {
      type: 'Input.Text',
      id: path,
      label,
      isMultiline: field.multiline,
      maxLength: maxLengthOf(path),
      ...(value ? { value } : {}),
    };
  if (field.kind === 'date') return { type: 'Input.Date', id: path, label, ...(value ? { value } : {}) };
  return {
    type: 'Input.ChoiceSet',
    id: path,
    label,
    style: field.multi ? 'expanded' : 'compact',
    isMultiSelect: field.multi,
    choices: field.choices,
    ...(!field.multi ? { placeholder: 'Choose one' } : {}),
    ...(value ? { value } : {}),
  };
}

function recommendationInputs(values: FormValues): Record<string, unknown>[] {
  const used = Object.keys(values)
    .map((k) => /^recommendations\.(\d+)\./.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  // One empty set beyond those written, and at least two, up to the template's limit.
  const slots = Math.min(MAX_RECOMMENDATIONS, Math.max(2, (used.length ? Math.max(...used) + 1 : 0) + 1));
  return Array.from({ length: slots }, (_, i) => ({
    type: 'Container',
    spacing: 'Medium',
    separator: i > 0,
    items: [
      block(`Recommendation ${i + 1}`, { weight: 'Bolder' }),
      ...REC_KEYS.map((k) =>
        input(
          text(`recommendations.${k}`, k === 'what' || k === 'howWeWillKnow'),
          values,
          `recommendations.${i}.${k}`,
        ),
      ),
    ],
  }));
}

const ADVICE_SHOWN = 40;

/** The plain-language advice: each term with its plain words, each long sentence; quoted text escaped. */
function adviceItems(advice: Advice): Record<string, unknown>[] {
  const { summary, findings } = advice;
  if (summary.total === 0)
    return [block('No jargon, acronyms or long sentences found. Thank you for writing plainly.')];
  const counts = [
    summary.acronyms ? `${summary.acronyms} acronym${summary.acronyms === 1 ? '' : 's'}` : '',
    summary.jargon ? `${summary.jargon} jargon term${summary.jargon === 1 ? '' : 's'}` : '',
    summary.longSentences
      ? `${summary.longSentences} long sentence${summary.longSentences === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean);
  const items: Record<string, unknown>[] = [
    block(
      `Found ${counts.join(', ')}. Families read these reports: plain words help them take part. This is advice; you can still submit.`,
    ),
  ];
  for (const f of findings.slice(0, ADVICE_SHOWN)) {
    const where = fieldLabel(f.field);
    const quoted =
      f.kind === 'long-sentence'
        ? `“${plainText(f.match.length > 120 ? `${f.match.slice(0, 117)}…` : f.match)}”`
        : `“${plainText(f.match)}”`;
    const advice =
      f.kind === 'long-sentence' || f.kind === 'unknown-acronym' || !f.plain
        ? plainText(f.suggestion)
        : `say “${plainText(f.plain)}”`;
    items.push(block(`${plainText(where)}: ${quoted}: ${advice}`, { spacing: 'Small', size: 'Small' }));
  }
  if (findings.length > ADVICE_SHOWN)
    items.push(block(`And ${findings.length - ADVICE_SHOWN} more.`, { spacing: 'Small', isSubtle: true }));
  return items;
}

function statusLine(d: z.output<typeof ReportFormData>): string {
  if (d.status === 'submitted')
    return `Submitted${d.late ? ' after the deadline' : ''}. You can amend it until ${d.amendUntil ?? 'the conference starts'}; every version is kept.`;
  if (d.status === 'draft') return `Draft saved${d.savedAt ? ` ${d.savedAt}` : ''}. It is not submitted yet.`;
  return 'Not started. Save a draft at any time and come back to it.';
}

/** The dialog's card: the form, any notice or advice above it, and the three buttons. */
export function renderReportForm(raw: ReportFormData): AdaptiveCard {
  const d = ReportFormData.parse(raw);
  const values = d.values;
  const action = (title: string, act: string, extra: Record<string, unknown> = {}) => ({
    type: 'Action.Submit',
    title,
    data: { dialog: 'report', conferenceId: d.conferenceId, invitationId: d.invitationId, action: act },
    ...extra,
  });
  const body: Record<string, unknown>[] = [
    block(`${REPORT_TITLES[d.reportKind]} for ${d.reference}`, {
      size: 'Large',
      weight: 'Bolder',
      style: 'heading',
    }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Conference', value: KIND_LABELS[d.conferenceKind as ConferenceKind] },
        { title: 'When', value: d.when },
        ...(d.childInitials.length
          ? [
              {
                title: d.childInitials.length > 1 ? 'Children' : 'Child',
                value: `Initials ${d.childInitials.join(', ')}`,
              },
            ]
          : []),
      ],
    },
    block(`${d.dueSentence.replace(/\.$/, '')}.`, { spacing: 'Small' }),
    block(statusLine(d), { spacing: 'Small', isSubtle: true }),
  ];
  if (d.notice)
    body.push({
      type: 'Container',
      style: d.notice.style,
      spacing: 'Medium',
      items: [
        block(d.notice.title, { weight: 'Bolder' }),
        ...d.notice.lines.map((l) => block(`• ${l}`, { spacing: 'Small' })),
      ],
    });
  if (raw.advice)
    body.push({
      type: 'Container',
      id: 'advice',
      style: 'emphasis',
      spacing: 'Medium',
      items: [block('Plain language check', { weight: 'Bolder' }), ...adviceItems(raw.advice)],
    });
  for (const key of LAYOUT[d.reportKind]) {
    const s = SECTIONS[key]!;
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Large',
      items: [
        block(s.heading, { size: 'Medium', weight: 'Bolder' }),
        ...(s.hint ? [block(s.hint, { isSubtle: true, spacing: 'Small' })] : []),
        ...(key === 'recommendations' ? recommendationInputs(values) : s.fields.map((f) => input(f, values))),
      ],
    });
  }
  const submitted = d.status === 'submitted';
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [
      ...(submitted ? [] : [action('Save draft', 'save')]),
      action('Check plain language', 'check'),
      action(submitted ? 'Submit amendment' : 'Submit', 'submit', { style: 'positive' }),
    ],
  };
}
