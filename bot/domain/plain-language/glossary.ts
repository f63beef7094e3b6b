import { z } from 'zod';
import { DomainError } from '../errors.js';

/**
 * Jargon and acronyms common in English child protection writing, with words a parent would use instead.
 * Seed 003 §2.9: conference attendees use language that is clear and does not include jargon or acronyms.
 *
 * Matching rules (see matcher.ts): whole words; case-insensitive unless `caseSensitive`; spaces in a term
 * also match newlines and hyphens; a dot in a term is optional; "s47" also matches "s.47" and "s 47";
 * an optional plural or possessive ending ("LACs", "CIN's") is accepted.
 *
 * Words with an everyday meaning are listed only in the phrases where they are jargon: "contact" as in
 * "supervised contact" but not "please contact me"; "looked after child" but not "Gran looked after Pip";
 * "presented as" but not "presented her report"; "engaged with" but not "engaged to be married".
 * GP, NHS, A&E and DNA are not listed: they are everyday words in England (see unknown-acronyms.ts).
 */
export const GlossaryEntry = z
  .object({
    /** The term as people write it, e.g. "ICPC" or "disguised compliance". */
    term: z.string().trim().min(1).max(80),
    kind: z.enum(['acronym', 'jargon']),
    /** What to say instead, written for a parent. */
    plain: z.string().trim().min(1).max(200),
    /** Extra advice shown after the suggestion, e.g. "Describe what actually happened." */
    tip: z.string().trim().min(1).max(200).optional(),
    /** For acronyms that are also ordinary words ("LA", "MASH", "SMART"): match capitals only. */
    caseSensitive: z.boolean().optional(),
    /** Other spellings of the same term. */
    variants: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
  })
  .strict();
export type GlossaryEntry = z.output<typeof GlossaryEntry>;
export type GlossaryKind = GlossaryEntry['kind'];

const A = 'acronym' as const;
const J = 'jargon' as const;

export const GLOSSARY: readonly GlossaryEntry[] = [
  // Conferences, plans and meetings
  { term: 'ICPC', kind: A, plain: 'initial child protection conference' },
  { term: 'RCPC', kind: A, plain: 'review child protection conference' },
  { term: 'CP', kind: A, plain: 'child protection', caseSensitive: true },
  { term: 'CP plan', kind: A, plain: 'child protection plan', variants: ['CPP'] },
  { term: 'CIN', kind: A, plain: 'child in need' },
  { term: 'EH', kind: A, plain: 'early help (support for the family from the council)', caseSensitive: true },
  { term: 'EHA', kind: A, plain: 'early help assessment' },
  { term: 'TAC', kind: A, plain: 'team around the child (the people who help the child, meeting together)' },
  {
    term: 'TAF',
    kind: A,
    plain: 'team around the family (the people who help the family, meeting together)',
  },
  { term: 'FGC', kind: A, plain: 'family group conference (a meeting where the family makes its own plan)' },
  { term: 'QARO', kind: A, plain: 'the conference chair' },
  {
    term: 'IRO',
    kind: A,
    plain: 'independent reviewing officer (the person who checks plans for children in care)',
  },
  {
    term: 'SMART',
    kind: A,
    plain: 'clear: say what will happen, who will do it, by when, and how we will know',
    caseSensitive: true,
  },
  {
    term: 'core group',
    kind: J,
    plain: 'the small group of family members and workers who meet to check the plan is working',
    variants: ['core group meeting'],
  },
  { term: 'CGM', kind: A, plain: 'core group meeting' },
  {
    term: 'strategy discussion',
    kind: J,
    plain: 'a meeting between police, social care and health to decide what to do next',
    variants: ['strategy meeting'],
  },
  {
    term: 'legal planning meeting',
    kind: J,
    plain: 'a meeting with the council’s lawyers to decide whether to go to court',
    variants: ['legal gateway meeting'],
  },
  { term: 'LPM', kind: A, plain: 'a meeting with the council’s lawyers to decide whether to go to court' },
  {
    term: 'pre-proceedings',
    kind: J,
    plain: 'the stage before the council asks a court to decide',
    tip: 'Say what it means for the family: a letter, a meeting, what must change.',
  },
  {
    term: 'PLO',
    kind: A,
    plain: 'the formal letter and meeting before the council goes to court (Public Law Outline)',
  },
  {
    term: 'contingency plan',
    kind: J,
    plain: 'what will happen if the plan is not working',
    variants: ['contingency'],
  },
  {
    term: 'step down',
    kind: J,
    plain: 'move to a lighter kind of support',
    variants: ['stepped down', 'stepping down', 'step-down'],
  },
  { term: 'NFA', kind: A, plain: 'no further action', variants: ["NFA'd"] },
  { term: 'single assessment', kind: J, plain: 'the social worker’s assessment of how the child is doing' },
  {
    term: 'made subject to',
    kind: J,
    plain: 'put on',
    tip: 'For example: "Pip now has a child protection plan."',
  },
  {
    term: 'professionals meeting',
    kind: J,
    plain: 'a meeting of the workers involved, without the family',
    variants: ["professionals' meeting"],
  },
  { term: 'convened', kind: J, plain: 'held', variants: ['convene', 'convenes'] },
  {
    term: 'chronology',
    kind: J,
    plain: 'a list of important events in date order',
    variants: ['chronologies'],
  },
  // Law and orders
  {
    term: 's47',
    kind: A,
    plain: 'an investigation by children’s services into whether a child has been harmed',
    variants: ['S47s'],
  },
  {
    term: 'section 47 enquiries',
    kind: J,
    plain: 'an investigation by children’s services into whether a child has been harmed',
    variants: [
      'section 47 enquiry',
      'section 47 investigation',
      'section 47',
      's47 enquiries',
      's47 enquiry',
    ],
  },
  { term: 's17', kind: A, plain: 'support for a child in need', variants: ['section 17'] },
  {
    term: 's20',
    kind: A,
    plain: 'the child living away from home with the parents’ agreement',
    variants: ['section 20'],
  },
  {
    term: 'SGO',
    kind: A,
    plain: 'special guardianship order (a court order that lets a relative or friend bring the child up)',
  },
  {
    term: 'ICO',
    kind: A,
    plain: 'interim care order (a court order made before the court’s final decision)',
  },
  {
    term: 'EPO',
    kind: A,
    plain: 'emergency protection order (a court order to keep a child safe straight away)',
  },
  {
    term: 'PR',
    kind: A,
    plain: 'parental responsibility (the legal rights and duties of a parent)',
    caseSensitive: true,
  },
  {
    term: 'significant harm',
    kind: J,
    plain: 'serious harm',
    tip: 'Say what has happened or could happen to the child.',
  },
  {
    term: 'threshold',
    kind: J,
    plain: 'the level of worry at which the council must act',
    tip: 'Say what worries people and why.',
    variants: ['thresholds', 'meets threshold'],
  },
  { term: 'statutory', kind: J, plain: 'required by law' },
  // Services, teams and people
  { term: 'LA', kind: A, plain: 'the council', caseSensitive: true },
  { term: 'local authority', kind: J, plain: 'the council', variants: ['local authorities'] },
  { term: 'CSC', kind: A, plain: 'children’s social care' },
  {
    term: 'MASH',
    kind: A,
    plain: 'the team that decides what happens when someone is worried about a child',
    caseSensitive: true,
  },
  {
    term: 'LADO',
    kind: A,
    plain: 'the council officer who looks into worries about adults who work with children',
    caseSensitive: true,
  },
  { term: 'SW', kind: A, plain: 'social worker', caseSensitive: true },
  { term: 'HV', kind: A, plain: 'health visitor' },
  { term: 'CAMHS', kind: A, plain: 'the mental health service for children and young people' },
  {
    term: 'SENCO',
    kind: A,
    plain: 'the teacher who leads on special educational needs',
    variants: ['SENCo'],
  },
  { term: 'DSL', kind: A, plain: 'the member of school staff who leads on keeping children safe' },
  {
    term: 'IDVA',
    kind: A,
    plain: 'domestic abuse adviser (someone who supports people being harmed by a partner)',
    variants: ['IDVAs'],
  },
  {
    term: 'MARAC',
    kind: A,
    plain: 'a meeting where services plan how to protect people at high risk of domestic abuse',
  },
  {
    term: 'MAPPA',
    kind: A,
    plain: 'the way police, probation and prisons manage people who may cause serious harm',
  },
  { term: 'PCSO', kind: A, plain: 'police community support officer' },
  { term: 'multi-agency', kind: J, plain: 'different services working together', variants: ['multiagency'] },
  { term: 'partner agencies', kind: J, plain: 'the other services working with the family' },
  {
    term: 'case holding',
    kind: J,
    plain: 'the worker responsible for the child',
    variants: ['case-holding', 'holding social worker', 'holding the case'],
  },
  // Children in care, education, health
  { term: 'LAC', kind: A, plain: 'child in care', caseSensitive: true },
  { term: 'CLA', kind: A, plain: 'child in care' },
  {
    term: 'looked after child',
    kind: J,
    plain: 'child in care',
    variants: [
      'looked after children',
      'looked-after child',
      'looked-after children',
      'child looked after',
      'children looked after',
    ],
  },
  {
    term: 'PEP',
    kind: A,
    plain: 'personal education plan (the school plan for a child in care)',
    caseSensitive: true,
  },
  { term: 'EHCP', kind: A, plain: 'education, health and care plan', variants: ['EHC plan'] },
  { term: 'SEN', kind: A, plain: 'special educational needs', caseSensitive: true, variants: ['SEND'] },
  { term: 'SDQ', kind: A, plain: 'a questionnaire about the child’s feelings and behaviour' },
  { term: 'ADHD', kind: A, plain: 'attention deficit hyperactivity disorder' },
  { term: 'ASD', kind: A, plain: 'autism' },
  { term: 'WNB', kind: A, plain: 'was not brought to the appointment' },
  { term: "DNA'd", kind: A, plain: 'did not come to the appointment', variants: ['DNAd', "DNA'ed"] },
  // Harm and risk
  { term: 'DV', kind: A, plain: 'domestic abuse (violence or control by a partner or family member)' },
  {
    term: 'DA',
    kind: A,
    plain: 'domestic abuse (violence or control by a partner or family member)',
    caseSensitive: true,
  },
  { term: 'CSE', kind: A, plain: 'child sexual exploitation' },
  { term: 'CCE', kind: A, plain: 'child criminal exploitation (adults using children to commit crimes)' },
  {
    term: 'ACEs',
    kind: A,
    plain: 'hard or harmful things that happened in childhood',
    caseSensitive: true,
    variants: ['ACE'],
  },
  {
    term: 'toxic trio',
    kind: J,
    plain: 'domestic abuse, mental health problems and drug or alcohol use happening together',
  },
  { term: 'substance misuse', kind: J, plain: 'drug or alcohol use', variants: ['substance use'] },
  {
    term: 'safeguarding concerns',
    kind: J,
    plain: 'worries about the child’s safety',
    variants: ['safeguarding concern'],
  },
  { term: 'safeguarding', kind: J, plain: 'keeping children safe' },
  {
    term: 'protective factors',
    kind: J,
    plain: 'things that help keep the child safe',
    variants: ['protective factor'],
  },
  { term: 'risk factors', kind: J, plain: 'things that make harm more likely', variants: ['risk factor'] },
  { term: 'cumulative harm', kind: J, plain: 'harm that builds up over time' },
  {
    term: 'neglectful',
    kind: J,
    plain: 'not meeting the child’s needs',
    tip: 'Say which needs were not met, for example food, warmth or school.',
  },
  { term: 'parenting capacity', kind: J, plain: 'how well a parent can care for the child' },
  { term: 'home conditions', kind: J, plain: 'what the home was like', tip: 'Describe what was seen.' },
  { term: 'lived experience', kind: J, plain: 'what daily life is like for the child' },
  {
    term: 'voice of the child',
    kind: J,
    plain: 'what the child has told us and how they feel',
    variants: ["child's voice"],
  },
  // Behaviour words that judge rather than describe
  {
    term: 'disguised compliance',
    kind: J,
    plain: 'saying you will do things but not doing them',
    tip: 'Describe what was agreed and what actually happened.',
  },
  {
    term: 'engagement',
    kind: J,
    plain: 'taking part',
    tip: 'Say what the person did: came to appointments, answered calls, let workers in.',
  },
  {
    term: 'non-engagement',
    kind: J,
    plain: 'not taking part',
    tip: 'Say what happened: missed appointments, did not answer the door.',
    variants: ['disengagement', 'non-engaging'],
  },
  {
    term: 'engaged with',
    kind: J,
    plain: 'worked with',
    tip: 'Say what the person did.',
    variants: [
      'engage with',
      'engages with',
      'engaging with',
      'engage well',
      'engaged well',
      'disengaged',
      'hard to engage',
    ],
  },
  {
    term: 'hard to reach',
    kind: J,
    plain: 'we have not managed to see or speak to them',
    tip: 'Say what was tried and when.',
  },
  {
    term: 'presented as',
    kind: J,
    plain: 'seemed',
    tip: 'Describe what you saw and heard.',
    variants: [
      'presenting as',
      'presents as',
      'presenting issues',
      'presenting concerns',
      'presenting needs',
    ],
  },
  {
    term: 'minimised',
    kind: J,
    plain: 'said it was less serious than it was',
    variants: ['minimising', 'minimises', 'minimized', 'minimizing'],
  },
  {
    term: 'disclosed',
    kind: J,
    plain: 'told',
    tip: 'Say who they told and what they said.',
    variants: ['disclosure', 'disclosures', 'made a disclosure'],
  },
  {
    term: 'dysregulated',
    kind: J,
    plain: 'upset and finding it hard to calm down',
    variants: ['dysregulation'],
  },
  {
    term: 'escalate',
    kind: J,
    plain: 'get worse, or pass to a more senior person',
    tip: 'Say which you mean.',
    variants: ['escalated', 'escalates', 'escalating', 'escalation'],
  },
  {
    term: 'de-escalate',
    kind: J,
    plain: 'calm things down',
    variants: ['de-escalated', 'de-escalation', 'de-escalating'],
  },
  // Family time
  {
    term: 'supervised contact',
    kind: J,
    plain: 'family time with a worker present',
    variants: [
      'contact session',
      'contact sessions',
      'contact centre',
      'contact arrangements',
      'indirect contact',
      'unsupervised contact',
      'family contact',
    ],
  },
  // Words of the trade
  {
    term: 'intervention',
    kind: J,
    plain: 'help or support',
    tip: 'Name the help: a parenting course, a weekly visit.',
    variants: ['interventions'],
  },
  {
    term: 'signposted',
    kind: J,
    plain: 'told about a service and how to reach it',
    variants: ['signpost', 'signposting'],
  },
  { term: 'robust', kind: J, plain: 'strong or firm', tip: 'Say what will be done.' },
  {
    term: 'triangulate',
    kind: J,
    plain: 'check with other people',
    variants: ['triangulated', 'triangulation'],
  },
];

/**
 * The base glossary with an authority's own terms added (e.g. "MOSAIC", its case record system). An
 * authority entry replaces a base entry with the same term, compared without regard to case or spacing.
 */
export function extendGlossary(base: readonly GlossaryEntry[], authorityEntries: unknown): GlossaryEntry[] {
  const parsed = z.array(GlossaryEntry).max(1000).safeParse(authorityEntries);
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Some glossary entries are not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const byKey = new Map<string, GlossaryEntry>();
  for (const entry of [...base, ...parsed.data]) byKey.set(glossaryKey(entry.term), entry);
  return [...byKey.values()];
}

/** Terms are the same when they differ only in case and spacing: "Core  Group" = "core group". */
export const glossaryKey = (term: string): string => term.trim().replace(/\s+/g, ' ').toLowerCase();
