/**
 * The report form as a list of fields, derived from the template's zod schema (template.ts), so every
 * form (the web form, a Teams dialog) shows the same fields with the same labels and limits, and a
 * change to the template reaches them all. Also turns flat form values (name = content path) into
 * content and back.
 */
import { z } from 'zod';
import { missingFields } from './completeness.js';
import { FIELD_LABELS, ReportContent, type ReportKind } from './template.js';

export interface Option {
  value: string;
  label: string;
}

export type FormField = { path: string; label: string; required: boolean } & (
  | { type: 'text'; maxLength: number; multiline: boolean }
  | { type: 'date' }
  | { type: 'number'; min: number; max: number }
  | { type: 'choice'; options: Option[] }
  | { type: 'choices'; options: Option[] }
);

export interface FormSection {
  key: string;
  title: string;
  fields: FormField[];
  /** A list of like items (recommendations): `fields` paths hold `#` where the item's number goes. */
  repeat?: { max: number };
}

const SECTION_TITLES: Record<string, string> = {
  agency: 'Your agency',
  workingWell: 'What is working well',
  worries: 'What we are worried about',
  child: 'The child',
  recommendations: 'What needs to happen',
  safetyScale: 'Safety scale',
  sharedWithFamily: 'Sharing this report with the family',
  progress: 'Progress',
  familyViews: 'Your views',
};

const OPTION_LABELS: Record<string, string> = {
  'spoke-with-child': 'I spoke with the child',
  advocate: 'Through an advocate',
  letter: 'A letter from the child',
  video: 'A video',
  'mind-of-my-own': 'Mind of My Own',
  'three-houses': 'Three Houses',
  'not-yet-obtained': 'Not obtained yet',
  'in-person': 'In person',
  phone: 'By phone',
  post: 'By post',
  email: 'By email',
};

/** The sections each kind of report shows, in the order of the conference agenda. */
const SECTIONS: Record<ReportKind, string[]> = {
  agency: ['agency', 'workingWell', 'worries', 'child', 'recommendations', 'safetyScale', 'sharedWithFamily'],
  'social-work': [
    'agency',
    'workingWell',
    'worries',
    'child',
    'recommendations',
    'safetyScale',
    'sharedWithFamily',
  ],
  'core-group-progress': [
    'progress',
    'workingWell',
    'worries',
    'child',
    'recommendations',
    'safetyScale',
    'sharedWithFamily',
  ],
  police: ['agency', 'workingWell', 'worries', 'child', 'recommendations', 'safetyScale', 'sharedWithFamily'],
  'family-views': ['familyViews'],
};

/** Fields a form never shows: who wrote the family's views is recorded with each saved version. */
const HIDDEN = new Set(['familyViews.writtenBy']);

const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s);
const options = (values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: OPTION_LABELS[value] ?? value }));
const MULTILINE_FROM = 201;

function fieldOf(path: string, labelPath: string, schema: z.ZodType, required: boolean): FormField {
  const base = { path, label: FIELD_LABELS[labelPath] ?? labelPath, required };
  const s = unwrap(schema);
  if (s instanceof z.ZodNumber)
    return { ...base, type: 'number', min: s.minValue ?? 0, max: s.maxValue ?? 10 };
  if (s instanceof z.ZodEnum) return { ...base, type: 'choice', options: options(s.options as string[]) };
  if (s instanceof z.ZodArray && s.element instanceof z.ZodEnum)
    return { ...base, type: 'choices', options: options(s.element.options as string[]) };
  if (s instanceof z.ZodString && s.maxLength !== null)
    return { ...base, type: 'text', maxLength: s.maxLength, multiline: s.maxLength >= MULTILINE_FROM };
  // The template's one string without a length limit is a calendar date.
  return { ...base, type: 'date' };
}

const arrayMax = (s: z.ZodArray): number => {
  const check = s.def.checks?.find((c) => c._zod.def.check === 'max_length');
  return (check?._zod.def as { maximum?: number } | undefined)?.maximum ?? 30;
};

/** The form for one kind of report: its sections and fields, required ones marked. */
export function formFor(kind: ReportKind): FormSection[] {
  const required = new Set(missingFields(kind, {}).map((m) => m.path));
  const requiredRec = kind !== 'family-views' && required.has('recommendations');
  return SECTIONS[kind].map((key) => {
    const schema = unwrap(ReportContent.shape[key as keyof typeof ReportContent.shape]);
    const title = SECTION_TITLES[key] ?? key;
    if (schema instanceof z.ZodArray) {
      const item = schema.element as z.ZodObject;
      return {
        key,
        title,
        repeat: { max: arrayMax(schema) },
        fields: Object.entries(item.shape).map(([k, s]) =>
          fieldOf(`${key}.#.${k}`, `${key}.${k}`, s as z.ZodType, requiredRec),
        ),
      };
    }
    const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
    return {
      key,
      title,
      fields: Object.entries(shape)
        .map(([k, s]) => fieldOf(`${key}.${k}`, `${key}.${k}`, s, required.has(`${key}.${k}`)))
        .filter((f) => !HIDDEN.has(f.path)),
    };
  });
}

const at = (content: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], content);

/** A field's value in a report's content, for showing it again. */
export const formValue = (content: unknown, path: string): unknown => at(content, path);

/**
 * Content from flat form values (`name` is the field's path; a recommendation's `#` is its number).
 * Empty fields are left out; everything typed is kept exactly as typed. The result still goes through
 * the template's parser, which names any field that breaks a rule.
 */
export function contentFromForm(kind: ReportKind, values: URLSearchParams): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  const put = (section: string, key: string, value: unknown, index?: number) => {
    if (index === undefined) {
      const obj = (content[section] ??= {}) as Record<string, unknown>;
      obj[key] = value;
    } else {
      const list = (content[section] ??= []) as Record<string, unknown>[];
      (list[index] ??= {})[key] = value;
    }
  };
  for (const section of formFor(kind)) {
    const rows = section.repeat ? Math.min(section.repeat.max, countRows(values, section.key)) : 1;
    for (let i = 0; i < rows; i++)
      for (const f of section.fields) {
        const name = section.repeat ? f.path.replace('#', String(i)) : f.path;
        const key = f.path.split('.').at(-1)!;
        const index = section.repeat ? i : undefined;
        if (f.type === 'choices') {
          const picked = values.getAll(name).filter(Boolean);
          if (picked.length) put(section.key, key, picked, index);
          continue;
        }
        const v = values.get(name);
        if (v === null || v === '') continue;
        // A whole number goes in as a number; anything else is left for the parser to name the field.
        put(section.key, key, f.type === 'number' && /^\d{1,3}$/.test(v) ? Number(v) : v, index);
      }
    if (section.repeat && Array.isArray(content[section.key]))
      // Rows left empty are not recommendations; the ones written keep their order.
      content[section.key] = (content[section.key] as (object | undefined)[]).filter(
        (r): r is object => !!r && Object.keys(r).length > 0,
      );
  }
  return content;
}

/** How many rows of a repeated section the form sent (the highest row number + 1). */
function countRows(values: URLSearchParams, key: string): number {
  let n = 0;
  for (const name of values.keys()) {
    const m = new RegExp(`^${key}\\.(\\d{1,2})\\.`).exec(name);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}
