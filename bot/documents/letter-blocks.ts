/** The decision letter and the outline plan as blocks. */
import type { DecisionLetter } from '../domain/after-conference/decision-letter.js';
import type { OutlinePlan } from '../domain/after-conference/outline-plan.js';
import { yesNo } from './blocks.js';
import type { Block } from './blocks.js';

export function planBlocks(plan: OutlinePlan): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: plan.title, level: 1 },
    {
      kind: 'fields',
      rows: [
        ['Reference', plan.reference],
        ['Conference', `${plan.conferenceKindLabel}, ${plan.heldOnLabel}`],
        ['Children', plan.children.join(', ')],
        ['Decision', plan.outcomeLabel],
        ...(plan.categoryLabel ? [['Category', plan.categoryLabel] as [string, string]] : []),
        ['Lead social worker', plan.leadSocialWorker],
      ],
    },
    { kind: 'heading', text: 'What will happen', level: 2 },
  ];
  blocks.push(
    plan.actions.length
      ? {
          kind: 'table',
          caption: 'The plan',
          columns: ['What will happen', 'Who', 'By when', 'How we will know', 'The worry it answers'],
          widths: [0.27, 0.15, 0.13, 0.25, 0.2],
          rows: plan.actions.map((a) => [a.what, a.who, a.byWhenLabel, a.howWeWillKnow, a.worry ?? '']),
        }
      : { kind: 'paragraph', text: 'No steps were written down for the plan.' },
  );
  blocks.push(
    { kind: 'heading', text: 'If the plan is not working', level: 2 },
    { kind: 'paragraph', text: plan.contingency || 'No contingency plan was written down.' },
    { kind: 'heading', text: 'Family and friends who can help', level: 2 },
    { kind: 'paragraph', text: plan.network || 'No family network was written down.' },
    { kind: 'fields', rows: [['Family group conference offered', yesNo(plan.familyGroupConferenceOffered)]] },
  );
  if (plan.coreGroup.length)
    blocks.push(
      { kind: 'heading', text: 'The core group', level: 2 },
      {
        kind: 'table',
        caption: 'The core group',
        columns: ['Name', 'Role'],
        widths: [0.4, 0.6],
        rows: plan.coreGroup.map((p) => [p.name, p.role]),
      },
    );
  if (plan.dates.length)
    blocks.push(
      { kind: 'heading', text: 'Next dates', level: 2 },
      {
        kind: 'table',
        caption: 'Next dates',
        columns: ['What', 'By', 'Why then'],
        widths: [0.35, 0.25, 0.4],
        rows: plan.dates.map((d) => [d.label, d.dueLabel, d.rule]),
      },
    );
  if (plan.chairName)
    blocks.push({
      kind: 'paragraph',
      text: `Agreed at the conference and signed by the chair, ${plan.chairName}.`,
    });
  return blocks;
}

export function letterBlocks(letter: DecisionLetter, recipientName?: string): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: letter.authorityName, level: 3 },
    { kind: 'heading', text: 'Decision of the child protection conference', level: 1 },
    {
      kind: 'fields',
      rows: [
        ['Reference', letter.reference],
        ['Date of the conference', letter.plan.heldOnLabel],
      ],
    },
    { kind: 'paragraph', text: recipientName ? `Dear ${recipientName},` : letter.greeting },
  ];
  for (const s of letter.sections) {
    blocks.push({ kind: 'heading', text: s.heading, level: 2 });
    for (const p of s.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    if (s.items?.length) blocks.push({ kind: 'list', items: s.items });
  }
  for (const line of letter.signOff) blocks.push({ kind: 'paragraph', text: line });
  blocks.push({ kind: 'page-break' }, ...planBlocks(letter.plan));
  return blocks;
}
