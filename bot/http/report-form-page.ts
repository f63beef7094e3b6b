/**
 * The report form page for someone without Teams, rendered from the template's field list
 * (bot/domain/reports/form-fields.ts). Works without JavaScript; every value is escaped.
 */
import { conferenceWhen } from '../../cards/invitation.js';
import { formFor, formValue, type FormField, type FormSection } from '../domain/reports/form-fields.js';
import type { PlainLanguageResult } from '../domain/reports.js';
import { FIELD_LABELS } from '../domain/reports.js';
import type { OpenedLink } from '../use-cases/report-links.js';
import { holderName } from '../use-cases/report-links.js';
import { escapeHtml as e, page } from './html.js';

export interface FormState {
  /** What the form shows: the text just sent, or the latest saved version. */
  content: unknown;
  /** Problems by field path (e.g. "worries.harm", "recommendations.0.what"); '' for the whole form. */
  problems: Map<string, string[]>;
  notice?: { kind: 'saved' | 'submitted' | 'problem'; text: string } | undefined;
  advice?: PlainLanguageResult | undefined;
}

const EXTRA_ROWS = 2;

function input(f: FormField, name: string, value: unknown, problemId: string | undefined): string {
  const id = `f-${name.replace(/[^\w-]/g, '-')}`;
  const described = problemId ? ` aria-describedby="${problemId}" aria-invalid="true"` : '';
  const req = f.required ? ' <span class="required">(needed to submit)</span>' : '';
  const label = `<label for="${id}">${e(f.label)}${req}</label>`;
  switch (f.type) {
    case 'text':
      return f.multiline
        ? `${label}<textarea id="${id}" name="${e(name)}" rows="5" maxlength="${f.maxLength}"${described}>${e(value)}</textarea><p class="hint">Up to ${f.maxLength} characters.</p>`
        : `${label}<input id="${id}" type="text" name="${e(name)}" value="${e(value)}" maxlength="${f.maxLength}"${described}>`;
    case 'date':
      return `${label}<input id="${id}" type="date" name="${e(name)}" value="${e(value)}"${described}>`;
    case 'number': {
      const opts = ['', ...Array.from({ length: f.max - f.min + 1 }, (_, i) => String(f.min + i))];
      return `${label}<select id="${id}" name="${e(name)}"${described}>${opts
        .map(
          (o) =>
            `<option value="${o}"${String(value ?? '') === o ? ' selected' : ''}>${o === '' ? 'Choose' : o}</option>`,
        )
        .join('')}</select>`;
    }
    case 'choice':
      return `${label}<select id="${id}" name="${e(name)}"${described}><option value="">Choose</option>${f.options
        .map(
          (o) =>
            `<option value="${e(o.value)}"${value === o.value ? ' selected' : ''}>${e(o.label)}</option>`,
        )
        .join('')}</select>`;
    case 'choices': {
      const picked = new Set(Array.isArray(value) ? value.map(String) : []);
      return `<fieldset class="choices"${described}><legend>${e(f.label)}${req}</legend>${f.options
        .map(
          (o, i) =>
            `<label class="choice"><input type="checkbox" id="${id}-${i}" name="${e(name)}" value="${e(o.value)}"${picked.has(o.value) ? ' checked' : ''}> ${e(o.label)}</label>`,
        )
        .join('')}</fieldset>`;
    }
  }
}

function fieldHtml(f: FormField, name: string, state: FormState): string {
  const problems = state.problems.get(name) ?? [];
  const problemId = problems.length ? `p-${name.replace(/[^\w-]/g, '-')}` : undefined;
  const shown = problems.length
    ? `<p class="problem" id="${problemId}">${problems.map(e).join(' ')}</p>`
    : '';
  return `<div class="field${problems.length ? ' has-problem' : ''}">${shown}${input(f, name, formValue(state.content, name), problemId)}</div>`;
}

function sectionHtml(s: FormSection, state: FormState): string {
  if (!s.repeat) {
    const whole = state.problems.get(s.key);
    return `<section><h2>${e(s.title)}</h2>${whole ? `<p class="problem">${whole.map(e).join(' ')}</p>` : ''}${s.fields
      .map((f) => fieldHtml(f, f.path, state))
      .join('\n')}</section>`;
  }
  const existing = formValue(state.content, s.key);
  const rows = Math.min(s.repeat.max, (Array.isArray(existing) ? existing.length : 0) + EXTRA_ROWS);
  const whole = state.problems.get(s.key);
  const items = Array.from(
    { length: rows },
    (_, i) =>
      `<fieldset class="item"><legend>Recommendation ${i + 1}</legend>${s.fields
        .map((f) => fieldHtml(f, f.path.replace('#', String(i)), state))
        .join('\n')}</fieldset>`,
  ).join('\n');
  return `<section><h2>${e(s.title)}</h2><p class="hint">Each one specific: what, who, by when, and how we will know it has happened. Leave spare rows empty; save to get more rows.</p>${
    whole ? `<p class="problem">${whole.map(e).join(' ')}</p>` : ''
  }${items}</section>`;
}

const KIND_LABELS: Record<string, string> = {
  'long-sentence': 'Long sentence',
  acronym: 'Abbreviation',
  'unknown-acronym': 'Abbreviation',
  jargon: 'Professional term',
};

function adviceHtml(advice: PlainLanguageResult | undefined): string {
  if (!advice) return '';
  if (advice.summary.total === 0)
    return '<section class="advice"><h2>Plain language</h2><p>No abbreviations, professional terms or long sentences found.</p></section>';
  const items = advice.findings
    .slice(0, 50)
    .map((f) => {
      const field = FIELD_LABELS[f.field.replace(/\.\d+\./, '.')] ?? f.field;
      const what = KIND_LABELS[f.kind] ?? f.kind;
      const shown = f.kind === 'long-sentence' ? '' : ` “${e(f.match)}”`;
      return `<li><strong>${e(what)}${shown}</strong> in “${e(field)}”: ${e(f.suggestion)}</li>`;
    })
    .join('\n');
  return `<section class="advice" aria-labelledby="advice-title"><h2 id="advice-title">Plain language: ${advice.summary.total} to look at</h2>
<p>The family and other people at the conference read this report. These are suggestions only; you can still submit.</p>
<ul>${items}</ul></section>`;
}

function aboutHtml(o: OpenedLink, noticeShown: boolean): string {
  const when = conferenceWhen(o.conference.scheduledStart, o.conference.durationMinutes);
  const who =
    o.holder.purpose === 'agency-report'
      ? `<p><strong>${e(o.holder.invitee.name)}</strong>, ${e(o.holder.invitee.role)}, ${e(o.holder.invitee.agency)}</p>`
      : `<p>For <strong>${e(holderName(o.holder))}</strong></p>`;
  const deadline = o.deadline
    ? `<p class="${o.deadline.late ? 'late' : 'due'}">Your report is due ${e(o.deadline.label)}${
        o.deadline.late ? '. <strong>It is late now</strong>: please submit it as soon as you can.' : '.'
      }</p>`
    : '';
  const status =
    o.report.status === 'submitted'
      ? `<p class="status">Submitted${o.report.late ? ' (late)' : ''}. You can change it and submit again until the conference starts; every version is kept.</p>`
      : o.report.versions.length && !noticeShown
        ? '<p class="status">Draft saved. Nobody else sees it until you submit.</p>'
        : '';
  return `<section class="about">${who}<p>Conference ${e(o.conference.reference)}: ${e(when)}</p>${deadline}${status}</section>`;
}

/** The whole form page for a working link. */
export function formPage(o: OpenedLink, token: string, state: FormState): string {
  const family = o.holder.purpose === 'family-views';
  const title = family ? 'Your views for the conference' : 'Your report for the conference';
  const notice = state.notice
    ? `<div class="notice ${state.notice.kind}" role="${state.notice.kind === 'problem' ? 'alert' : 'status'}">${e(state.notice.text)}</div>`
    : '';
  const whole = state.problems.get('');
  const intro = family
    ? '<p>Write in your own words. The chair reads your views before the conference, first, before the professionals’ reports. Say as much or as little as you want; you can save and come back.</p>'
    : '<p>Save a draft as often as you like; submit when it is complete. Text is kept exactly as you type it.</p>';
  const base = `/r/${encodeURIComponent(token)}`;
  const submitted = o.report.status === 'submitted';
  return page(
    title,
    `<h1>${e(title)}</h1>
${aboutHtml(o, !!state.notice)}
${notice}
${whole ? `<p class="problem">${whole.map(e).join(' ')}</p>` : ''}
${adviceHtml(state.advice)}
${intro}
<form method="post" action="${e(base)}/${submitted ? 'submit' : 'draft'}" accept-charset="utf-8">
${formFor(o.report.kind)
  .map((s) => sectionHtml(s, state))
  .join('\n')}
<div class="buttons">
${
  // Once submitted, a change is an amendment: there is no going back to a draft.
  submitted
    ? '<button type="submit" class="primary">Submit the changes</button>'
    : `<button type="submit">Save draft</button>
<button type="submit" formaction="${e(base)}/submit" class="primary">Submit</button>`
}
</div>
</form>
<p class="small">This page is only for you. Please do not share its address.</p>`,
  );
}

export type RefusalPage = 'not-found' | 'gone' | 'too-many' | 'too-large' | 'error' | 'closed';

const REFUSALS: Record<RefusalPage, [string, string]> = {
  'not-found': [
    'This link does not work',
    'The link may have been copied incompletely. Please check you used the whole link from the email, or ask the person who sent it for a new one.',
  ],
  gone: [
    'This link no longer works',
    'Links to the report form stop working after a while, or when they are withdrawn. Please ask the person who sent it for a new one. Anything you saved is kept.',
  ],
  'too-many': [
    'Please wait a moment',
    'There have been many requests from this link or this network in the last minute. Please wait a minute and try again. Anything you saved is kept.',
  ],
  'too-large': [
    'That was too much to send at once',
    'The form sent more text than the service accepts in one go. Please shorten the longest answers and try again.',
  ],
  closed: [
    'The conference has started',
    'Reports can no longer be changed once the conference has started. Please contact the conference service if something needs correcting.',
  ],
  error: [
    'Something went wrong',
    'Nothing was lost that had already been saved. Please try again in a moment.',
  ],
};

/** A page that says what happened and what to do, and nothing about any conference or person. */
export function refusalPage(kind: RefusalPage): string {
  const [title, text] = REFUSALS[kind];
  return page(title, `<h1>${e(title)}</h1><p>${e(text)}</p>`);
}

/** The form's stylesheet: served from this service, since the page's policy forbids inline styles. */
export const FORM_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f5f5f5; color: #1b1b1b; line-height: 1.5; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-top: 1px solid #ddd; padding-top: 1rem; }
label, legend { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
label.choice { font-weight: 400; margin: .25rem 0; }
input[type=text], input[type=date], textarea, select { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; border: 1px solid #767676; border-radius: 4px; }
textarea { min-height: 6rem; }
fieldset { border: 0; padding: 0; margin: 0; }
fieldset.item { border-left: 3px solid #ddd; padding-left: .75rem; margin: .75rem 0; }
.hint, .small { color: #555; font-size: .9rem; margin: .25rem 0; }
.required { font-weight: 400; color: #555; font-size: .9rem; }
.about { background: #eef3f8; padding: .75rem 1rem; border-radius: 6px; }
.late { color: #a4262c; }
.problem { color: #a4262c; font-weight: 600; margin: .25rem 0; }
.has-problem input, .has-problem textarea, .has-problem select { border: 2px solid #a4262c; }
.notice { padding: .75rem 1rem; border-radius: 6px; margin: 1rem 0; }
.notice.saved, .notice.submitted { background: #dff6dd; }
.notice.problem { background: #fde7e9; }
.advice { background: #fff8e1; padding: .5rem 1rem; border-radius: 6px; }
.advice h2 { border: 0; padding-top: 0; }
.buttons { margin: 1.5rem 0; display: flex; gap: 1rem; }
button { font: inherit; padding: .6rem 1.2rem; border-radius: 4px; border: 1px solid #555; background: #fff; cursor: pointer; }
button.primary { background: #005a9e; color: #fff; border-color: #005a9e; }
textarea, input { unicode-bidi: plaintext; }
`;
