/**
 * The decision letter: what the conference decided and the outline plan, written to the family in
 * plain English and sent within 1 working day (seed 003 §4.3). Structured, not HTML, so the same
 * letter becomes an email, a text part and a PDF. Dissent is not in it: that belongs to the minutes.
 */
import type { GridColumn, Outcome } from '../conference-record/commands.js';
import type { RecordState } from '../conference-record/state.js';
import { CONFERENCE_KIND_LABELS } from '../conference.js';
import type { Conference } from '../conference.js';
import { DomainError, ErrorCodes } from '../errors.js';
import type { Deadline } from '../timescales/deadline.js';
import { andList } from './labels.js';
import { outlinePlan, shareable } from './outline-plan.js';
import type { OutlinePlan } from './outline-plan.js';

export interface AuthorityLetterSettings {
  name: string;
  /** How to complain, in full (who, address, email). */
  complaints: string;
  /** How to ask for the letter in another language or format. */
  otherFormats: string;
}

export const DEFAULT_AUTHORITY_LETTER: AuthorityLetterSettings = {
  name: 'Exampleshire County Council',
  complaints:
    'If you are unhappy about the conference or its decision, please talk to your social worker or ' +
    'the conference chair first. If that does not help, please write to the Complaints Manager, ' +
    'Exampleshire County Council, County Hall, Exampletown EX0 0EX. You can also email ' +
    'complaints@exampleshire.example.org.',
  otherFormats:
    'You can have this letter in another language, in large print, in Braille, as a recording or in ' +
    'easy read. Please ask your social worker and we will arrange it.',
};

export interface DecisionLetterInput {
  conference: Conference;
  record: RecordState;
  /** From the timescales module (afterConference); the letter only repeats them. */
  deadlines: Deadline[];
  authority: AuthorityLetterSettings;
}

export interface LetterSection {
  heading: string;
  paragraphs: string[];
  items?: string[] | undefined;
}

export interface DecisionLetter {
  subject: string;
  /** "Dear Robin and Jo,": the parents with parental responsibility, unless the sender names someone. */
  greeting: string;
  authorityName: string;
  reference: string;
  sections: LetterSection[];
  plan: OutlinePlan;
  signOff: string[];
}

/** `ch` the children's names; `need` and `doNot` agree with how many there are. */
interface Grammar {
  ch: string;
  need: string;
  doNot: string;
}
const DECIDED: Record<Outcome, (g: Grammar) => string> = {
  'child-protection-plan': ({ ch, need }) =>
    `The conference decided that ${ch} ${need} a child protection plan. This means we are worried ` +
    'that serious harm could come to them, and everyone will work with you to keep them safe.',
  'child-in-need-plan': ({ ch, doNot }) =>
    `The conference decided that ${ch} ${doNot} need a child protection plan, but that your family ` +
    'should have a child in need plan: help from your social worker and other services, agreed with you.',
  'early-help': ({ ch, doNot }) =>
    `The conference decided that ${ch} ${doNot} need a child protection plan. Instead your family will ` +
    'be offered early help: support from local services, agreed with you.',
  'no-further-action': ({ ch, doNot }) =>
    `The conference decided that ${ch} ${doNot} need a plan from children’s services. ` +
    'The conference will take no further steps.',
};

const withArticle = (words: string) => `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}`;

export function draftDecisionLetter(input: DecisionLetterInput): DecisionLetter {
  const { conference: c, record: s, deadlines, authority } = input;
  const decision = s.decision;
  if (!decision)
    throw new DomainError(
      ErrorCodes.VALIDATION_FAILED,
      'The conference has not recorded its decision yet, so there is no letter to write. ' +
        'Record the decision first.',
    );
  const kindLabel = CONFERENCE_KIND_LABELS[c.kind];
  const plan = outlinePlan(c, s, decision, deadlines, kindLabel);
  const children = andList(plan.children);
  const agreed = (column: GridColumn) =>
    s.grid.filter((g) => g.column === column && shareable(g)).map((g) => g.text);
  const sections: LetterSection[] = [];
  const add = (heading: string, paragraphs: string[], items?: string[]) =>
    sections.push({ heading, paragraphs, ...(items ? { items } : {}) });

  add('Why we met', [
    `On ${plan.heldOnLabel} we held ${withArticle(kindLabel.toLowerCase())} for ${children}. ` +
      'This letter tells you what was decided and the plan we agreed together. ' +
      'The full written record of the meeting will follow.',
  ]);
  const one = plan.children.length === 1;
  const decided = [
    DECIDED[decision.outcome]({
      ch: children,
      need: one ? 'needs' : 'need',
      doNot: one ? 'does not' : 'do not',
    }),
  ];
  if (plan.categoryLabel)
    decided.push(
      `The plan is under the heading “${plan.categoryLabel.toLowerCase()}”. This is the name ` +
        'used for the main kind of harm we are worried about.',
    );
  add('What was decided', decided);
  const listed = (heading: string, intro: string, items: string[]) => {
    if (items.length) add(heading, [intro], items);
  };
  listed('What is working well', 'These are the good things everyone agreed on.', agreed('working-well'));
  listed('What we are worried about', 'These are the worries everyone agreed on.', agreed('worries'));
  listed(
    'The danger statement',
    'This is what we are most worried could happen if nothing changes.',
    agreed('danger-statement'),
  );
  listed('What we want to see', 'This is what safety will look like.', agreed('safety-goal'));
  add(
    'The plan',
    plan.actions.length
      ? [
          'Each step says what will happen, who will do it, by when, and how we will know it has ' +
            'happened. The plan is also in the table at the end of this letter.',
        ]
      : ['No steps were written down for the plan.'],
    plan.actions.map(
      (a) => `${a.what}. Who: ${a.who}. By: ${a.byWhenLabel}. How we will know: ${a.howWeWillKnow}.`,
    ),
  );
  if (plan.contingency) add('If the plan is not working', [plan.contingency]);
  const network = plan.network ? [plan.network] : [];
  if (plan.familyGroupConferenceOffered)
    network.push(
      'You have been offered a family group conference: a meeting where your family and friends make ' +
        'their own plan to help keep the children safe.',
    );
  if (network.length) add('Family and friends who can help', network);
  if (plan.coreGroup.length)
    add(
      'The core group',
      [
        'The core group is the people who will meet to make the plan work and check how it is going. ' +
          `${plan.leadSocialWorker} is the lead social worker.`,
      ],
      plan.coreGroup.map((p) => `${p.name} (${p.role})`),
    );
  else add('Your social worker', [`${plan.leadSocialWorker} is the lead social worker.`]);
  if (plan.dates.length)
    add(
      'What happens next',
      ['These are the next dates. Your social worker will tell you the exact times.'],
      plan.dates.map((d) => `${d.label}: by ${d.dueLabel} (${d.rule}).`),
    );
  add('If you are unhappy', [authority.complaints]);
  add('This letter in another language or format', [authority.otherFormats]);

  const parents = c.familyMembers.filter((f) => f.parentalResponsibility).map((f) => f.firstName);
  return {
    subject: `Decision and plan from the conference on ${plan.heldOnLabel} (${c.reference})`,
    greeting: parents.length ? `Dear ${andList(parents)},` : 'Dear parent or carer,',
    authorityName: authority.name,
    reference: c.reference,
    sections,
    plan,
    signOff: [
      'Yours sincerely,',
      plan.chairName ?? 'The conference chair',
      'Conference chair',
      authority.name,
    ],
  };
}
