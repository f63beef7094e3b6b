/**
 * The fixed parts of every conference record: the pre-meeting checklist with the parents and the one
 * outline agenda with the chair's prompts. Fixed on purpose: seed 003 §2.2 asks for the same outline
 * agenda in all conferences, so families meet the same shape every time.
 */

export interface ChecklistItem {
  id: string;
  label: string;
}

/** Seed 003 §1.2: what the chair covers with the parents up to 24 hours before the conference. */
export const PRE_MEETING_CHECKLIST: readonly ChecklistItem[] = [
  { id: 'process-explained', label: 'Explain the full process.' },
  { id: 'how-addressed', label: 'Ask how the child and family wish to be addressed.' },
  { id: 'reports-understood', label: 'Check the family have seen and understood the reports.' },
  {
    id: 'understanding-and-progress',
    label: 'Ask what they understand the meeting is about and what progress they see.',
  },
  { id: 'seating', label: 'Agree who family members wish to sit beside.' },
  {
    id: 'frustration-plan',
    label: 'Agree how they will let you know if they are frustrated, so they can stay in the meeting.',
  },
  { id: 'child-included', label: 'Agree how the child will be included in the meeting.' },
  {
    id: 'language-and-communication',
    label: 'Take account of language and communication needs (for example Makaton, sign language, images).',
  },
  {
    id: 'parent-as-expert',
    label: 'Prepare the parents to speak about their child as the people who know them best.',
  },
];

export interface AgendaItem {
  id: string;
  title: string;
  /** What the chair is reminded of when the item starts. */
  prompts: readonly string[];
}

const PLAIN = 'Keep the language clear, with no jargon or acronyms.'; // seed 003 §2.9
const CHILD_PRESENT = 'If the child is here, nothing said should scare or upset them.'; // seed 003 §2.6

/** Seed 003 §2.2-2.9, seed 004 (the four questions, the grid, scaling) and seed 000 principle 9. */
export const OUTLINE_AGENDA: readonly AgendaItem[] = [
  {
    id: 'introductions',
    title: 'Introductions',
    prompts: [
      'Keep your camera on throughout.', // seed 003 §1.3
      'Ask everyone to say who they are and why they are here.',
    ],
  },
  {
    id: 'purpose',
    title: 'What the conference can and cannot do',
    prompts: ['Be clear about what can and cannot be achieved today.', PLAIN],
  },
  {
    id: 'parents-describe-child',
    title: 'Parents describe their child',
    prompts: ['Ask the parents to describe their child: likes, dislikes, progress.', CHILD_PRESENT],
  },
  {
    id: 'working-well',
    title: 'What is working well',
    prompts: [
      'Ask everyone, the family first, what is working well.',
      'Record on the grid once its accuracy is agreed.',
    ],
  },
  {
    id: 'worries',
    title: 'What we are worried about',
    prompts: ['Ask what we are worried about for the child.', PLAIN, CHILD_PRESENT],
  },
  {
    id: 'lived-experience',
    title: 'The child’s lived experience and views',
    prompts: [
      'Make sure the child’s wishes and experiences are heard, directly or through an advocate or the social worker.',
      'Keep the focus of the meeting on the child.',
    ],
  },
  {
    id: 'danger-statement',
    title: 'Danger statement',
    prompts: ['Agree a danger statement in words the family understands, and the safety goals.', PLAIN],
  },
  {
    id: 'scaling',
    title: 'Safety scaling',
    prompts: ['Ask everyone to score from 0 (not safe at all) to 10 (totally safe), with a reason.'],
  },
  {
    id: 'plan',
    title: 'The plan',
    prompts: [
      'Make each action specific, measurable, achievable, realistic and timely.',
      'Ask the parents what they need from professionals.',
      'Consider the wider family and the offer of a Family Group Conference.',
    ],
  },
  {
    id: 'decision',
    title: 'The decision',
    prompts: [
      'The plan comes first; decide the kind of plan only once it is finalised.',
      'Make sure everyone understands whether it is a child protection, child in need or early help plan.',
    ],
  },
  {
    id: 'core-group',
    title: 'Core group and next steps',
    prompts: ['Name the core group members, the family included, and the date of the first core group.'],
  },
  {
    id: 'close',
    title: 'Close',
    prompts: ['Check the family know what happens next and when they will receive the decision letter.'],
  },
];

/**
 * A review keeps the same outline (seed 003 §2.2) with its focus on progress and achieving the plan
 * (seed 003 §2.10): these prompts are added to the items they belong to.
 */
const REVIEW_PROMPTS: Readonly<Record<string, readonly string[]>> = {
  'working-well': [
    'Go through the core group progress report: what has been done and what has changed since the last conference.',
  ],
  worries: ['Ask which worries remain, and whether any are new since the last conference.'],
  plan: ['Take each action of the current plan in turn: keep it, change it or end it, and say why.'],
  decision: [
    'Decide whether the child is still at risk of significant harm; if not, the child protection plan ends.',
  ],
};

/** The outline agenda for a conference of this kind: the same items, with a review's focus added. */
export function agendaFor(kind: string): readonly AgendaItem[] {
  if (kind !== 'review') return OUTLINE_AGENDA;
  return OUTLINE_AGENDA.map((i) => ({ ...i, prompts: [...i.prompts, ...(REVIEW_PROMPTS[i.id] ?? [])] }));
}
