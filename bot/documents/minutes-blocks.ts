/** The minutes (one reader's copy) as blocks; each restricted part starts a new page. */
import type { MinutesCopy } from '../domain/after-conference/minutes.js';
import { yesNo } from './blocks.js';
import type { Block } from './blocks.js';

export function minutesBlocks(m: MinutesCopy): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: 'Record of the child protection conference', level: 1 },
    { kind: 'notice', text: m.copyLabel },
    {
      kind: 'fields',
      rows: [
        ['Reference', m.reference],
        ['Conference', `${m.kindLabel}, ${m.heldOnLabel}`],
        ['Children', m.children.join(', ')],
        ...(m.chairName ? [['Chair', m.chairName] as [string, string]] : []),
      ],
    },
    { kind: 'heading', text: 'Who was invited and who came', level: 2 },
    {
      kind: 'table',
      caption: 'Who was invited and who came',
      columns: ['Name', 'Role', 'Came', 'Joined', 'Left early'],
      widths: [0.25, 0.39, 0.1, 0.12, 0.14],
      rows: m.people.map((p) => [p.name, p.role, yesNo(p.attended), p.arrivedAt ?? '', p.leftAt ?? '']),
    },
  ];
  if (m.agenda.length)
    blocks.push(
      { kind: 'heading', text: 'Agenda', level: 2 },
      {
        kind: 'table',
        caption: 'Agenda',
        columns: ['Item', 'Started', 'Ended'],
        widths: [0.6, 0.2, 0.2],
        rows: m.agenda.map((a) => [a.title, a.startedAt ?? '', a.endedAt ?? '']),
      },
    );
  blocks.push({ kind: 'heading', text: 'The grid', level: 2 });
  if (!m.grid.length) blocks.push({ kind: 'paragraph', text: 'Nothing was written on the grid.' });
  for (const col of m.grid)
    blocks.push(
      { kind: 'heading', text: col.label, level: 3 },
      { kind: 'list', items: col.items.map((i) => `${i.text}${i.agreed ? ' (agreed)' : ' (not agreed)'}`) },
    );
  blocks.push({ kind: 'heading', text: 'Safety scaling', level: 2 });
  blocks.push(
    m.scaling.entries.length
      ? {
          kind: 'table',
          caption: 'Safety scaling (0 not safe at all, 10 totally safe)',
          columns: ['Name', 'Score (0 to 10)', 'Reason'],
          widths: [0.3, 0.15, 0.55],
          rows: m.scaling.entries.map((e) => [e.name, String(e.score), e.reason]),
        }
      : { kind: 'paragraph', text: 'No scores were given.' },
  );
  const plan = m.plan;
  blocks.push({ kind: 'heading', text: 'The plan', level: 2 });
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
    { kind: 'heading', text: 'If the plan is not working', level: 3 },
    { kind: 'paragraph', text: plan.contingency || 'No contingency plan was written down.' },
    { kind: 'heading', text: 'Family and friends who can help', level: 3 },
    { kind: 'paragraph', text: plan.network || 'No family network was written down.' },
    { kind: 'fields', rows: [['Family group conference offered', yesNo(plan.familyGroupConferenceOffered)]] },
  );
  blocks.push(...decisionBlocks(m));
  for (const part of m.restricted) blocks.push(...restrictedBlocks(part));
  return blocks;
}

function decisionBlocks(m: MinutesCopy): Block[] {
  const d = m.decision;
  if (!d)
    return [
      { kind: 'heading', text: 'The decision', level: 2 },
      { kind: 'paragraph', text: 'No decision was recorded.' },
    ];
  const blocks: Block[] = [
    { kind: 'heading', text: 'The decision', level: 2 },
    {
      kind: 'fields',
      rows: [
        ['Decision', d.outcomeLabel],
        ...(d.categoryLabel ? [['Category', d.categoryLabel] as [string, string]] : []),
        ['Lead social worker', d.leadSocialWorker],
        ['Recorded at', d.recordedAt],
      ],
    },
  ];
  if (d.coreGroup.length)
    blocks.push(
      { kind: 'heading', text: 'The core group', level: 3 },
      { kind: 'list', items: d.coreGroup.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)) },
    );
  blocks.push({ kind: 'heading', text: 'Disagreement with the decision', level: 3 });
  blocks.push(
    d.dissent.length
      ? { kind: 'list', items: d.dissent.map((x) => `${x.name}${x.role ? ` (${x.role})` : ''}: ${x.reason}`) }
      : { kind: 'paragraph', text: 'Nobody disagreed with the decision.' },
  );
  if (m.dates.length)
    blocks.push(
      { kind: 'heading', text: 'Next dates', level: 2 },
      { kind: 'list', items: m.dates.map((x) => `${x.label}: by ${x.dueLabel} (${x.rule})`) },
    );
  return blocks;
}

function restrictedBlocks(part: MinutesCopy['restricted'][number]): Block[] {
  const blocks: Block[] = [
    { kind: 'page-break' },
    { kind: 'heading', text: 'Restricted part of the conference', level: 2 },
    {
      kind: 'notice',
      text: part.excludedNames.length
        ? `Not to be shared with: ${part.excludedNames.join(', ')}. Never to be shared with the family.`
        : 'Never to be shared with the family.',
    },
    {
      kind: 'fields',
      rows: [
        ['When', part.whenLabel],
        ['Why it was restricted', part.reason],
      ],
    },
  ];
  const grid = part.items.flatMap((i) => (i.kind === 'grid' ? [i] : []));
  const actions = part.items.flatMap((i) => (i.kind === 'action' ? [i] : []));
  if (grid.length)
    blocks.push({
      kind: 'list',
      items: grid.map((i) => `${i.columnLabel}: ${i.text}${i.agreed ? ' (agreed)' : ' (not agreed)'}`),
    });
  if (actions.length)
    blocks.push({
      kind: 'table',
      caption: 'Plan steps agreed in the restricted part',
      columns: ['What will happen', 'Who', 'By when', 'How we will know'],
      widths: [0.35, 0.2, 0.15, 0.3],
      rows: actions.map((a) => [a.what, a.who, a.byWhenLabel, a.howWeWillKnow]),
    });
  if (!part.items.length) blocks.push({ kind: 'paragraph', text: 'Nothing was written during this part.' });
  return blocks;
}
