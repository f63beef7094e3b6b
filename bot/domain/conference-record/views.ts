/**
 * The two projections of the record. The chair's view holds everything; the stage view is what
 * everyone in the meeting sees, the family included, so it is built from an allow-list: never a
 * restricted item, never an unagreed item unless the chair chose to show them, never a name and never
 * anyone's own score (only the distribution, once the chair shares it).
 */
import { CONFERENCE_KIND_LABELS } from '../conference.js';
import type { Conference, ConferenceStatus } from '../conference.js';
import { checkPlainLanguage } from '../plain-language/index.js';
import { assessLiveQuorum } from '../quorum.js';
import type { QuorumSettingsInput, QuorumState } from '../quorum.js';
import type { GridColumn } from './commands.js';
import { OUTLINE_AGENDA, PRE_MEETING_CHECKLIST, agendaFor } from './outline.js';
import { checkSmart } from './smart.js';
import type { SmartFinding } from './smart.js';
import type { Decision, MeetingLink, PromptSent, RecordState, RestrictedPart } from './state.js';

export type PersonRole = 'chair' | 'lead-social-worker' | 'minute-taker' | 'professional' | 'family';

export interface RecordPerson {
  id: string;
  name: string;
  role: PersonRole;
  agency?: string | undefined;
  /** Entra object id, when known: how a signed-in person is matched to their place in the record. */
  aadObjectId?: string | undefined;
  /** Invitee id, for quorum. */
  inviteeId?: string | undefined;
}

/** The people of a conference with the ids attendance, prompts and the core group use. */
export function recordPeople(c: Conference): RecordPerson[] {
  const people: RecordPerson[] = [];
  if (c.chair)
    people.push({ id: 'chair', name: c.chair.name, role: 'chair', aadObjectId: c.chair.aadObjectId });
  const isLead = (i: { email: string }) => i.email === c.leadSocialWorker.email;
  const isMinutes = (i: { email: string }) => i.email === c.minuteTaker?.email;
  if (!c.invitees.some(isLead))
    people.push({
      id: 'lead-social-worker',
      name: c.leadSocialWorker.name,
      role: 'lead-social-worker',
      aadObjectId: c.leadSocialWorker.aadObjectId,
    });
  if (c.minuteTaker && !c.invitees.some(isMinutes))
    people.push({
      id: 'minute-taker',
      name: c.minuteTaker.name,
      role: 'minute-taker',
      aadObjectId: c.minuteTaker.aadObjectId,
    });
  for (const i of c.invitees)
    people.push({
      id: i.id,
      name: i.name,
      role: isLead(i) ? 'lead-social-worker' : isMinutes(i) ? 'minute-taker' : 'professional',
      agency: i.agency,
      aadObjectId: i.aadObjectId,
      inviteeId: i.id,
    });
  for (const f of c.familyMembers)
    people.push({ id: f.id, name: `${f.firstName} ${f.lastName}`, role: 'family' });
  return people;
}

export interface Readiness {
  answered: number;
  invited: number;
  reportsIn: number;
  reportsExpected: number;
  reportsRead: number;
  reportsSharedWithFamily: number;
}

export interface ViewContext {
  /** Entra object id of the viewer (their own score). */
  viewer: string;
  today: string;
  readiness: Readiness;
  quorum?: QuorumSettingsInput;
}

const findings = (text: string) =>
  checkPlainLanguage(text).findings.map((f) => ({ term: f.match, suggestion: f.suggestion }));

export interface ChairView {
  conferenceId: string;
  version: number;
  status: ConferenceStatus;
  kindLabel: string;
  scheduledStart?: string | undefined;
  childFirstNames: string[];
  people: (Omit<RecordPerson, 'aadObjectId' | 'inviteeId'> & {
    present: boolean;
    arrivedAt?: string;
    leftAt?: string;
  })[];
  quorum: { state: QuorumState; sentence: string };
  readiness: Readiness;
  checklist: { id: string; label: string; done: boolean; note: string }[];
  agenda: { id: string; title: string; prompts: string[]; startedAt?: string; endedAt?: string }[];
  currentAgendaItemId?: string | undefined;
  restricted: { active: boolean; parts: RestrictedPart[] };
  grid: {
    id: string;
    column: GridColumn;
    text: string;
    agreed: boolean;
    restricted: boolean;
    createdAt: string;
    plainLanguage: { term: string; suggestion: string }[];
  }[];
  stageShowsUnagreed: boolean;
  scaling: {
    count: number;
    distribution: number[];
    shared: boolean;
    mine?: { score: number; reason: string };
    entries: { personId: string; score: number; reason: string }[];
  };
  plan: {
    actions: {
      id: string;
      what: string;
      who: string;
      byWhen: string;
      howWeWillKnow: string;
      worryItemId?: string;
      restricted: boolean;
      smart: SmartFinding[];
      plainLanguage: { term: string; suggestion: string }[];
    }[];
    contingency: string;
    network: string;
    familyGroupConferenceOffered: boolean;
  };
  decision?: Decision | undefined;
  prompts: PromptSent[];
  /** The Teams meeting prompts go to; absent until the side panel has been opened in it. */
  meeting?: MeetingLink | undefined;
}

const distribution = (s: RecordState) => {
  const d = Array.from({ length: 11 }, () => 0);
  for (const { score } of Object.values(s.scaling)) d[score] = (d[score] ?? 0) + 1;
  return d;
};

export function chairView(c: Conference, s: RecordState, ctx: ViewContext): ChairView {
  const people = recordPeople(c);
  const byInvitee = new Map(people.filter((p) => p.inviteeId).map((p) => [p.inviteeId as string, p.id]));
  const quorum = assessLiveQuorum(
    c,
    (inviteeId) => {
      const a = s.attendance[byInvitee.get(inviteeId) ?? ''];
      return a?.present ? 'present' : a?.leftAt ? 'left' : 'not-arrived';
    },
    ctx.quorum,
  );
  const personOf = (aad: string) => people.find((p) => p.aadObjectId === aad)?.id ?? aad;
  const mine = s.scaling[ctx.viewer];
  // Someone excluded from a restricted part never receives what was written in it, nor its reason.
  const viewerIds = new Set(people.filter((p) => p.aadObjectId === ctx.viewer).map((p) => p.id));
  const hiddenParts = new Set(
    s.restrictedParts.filter((p) => p.excludedPersonIds.some((id) => viewerIds.has(id))).map((p) => p.id),
  );
  const visible = (item: { partId?: string | undefined }) => !item.partId || !hiddenParts.has(item.partId);
  return {
    conferenceId: c.id,
    version: s.version,
    status: c.status,
    kindLabel: CONFERENCE_KIND_LABELS[c.kind],
    scheduledStart: c.scheduledStart,
    childFirstNames: c.children.map((ch) => ch.firstName),
    people: people.map(({ aadObjectId: _a, inviteeId: _i, ...p }) => {
      const a = s.attendance[p.id];
      return {
        ...p,
        present: a?.present ?? false,
        ...(a?.arrivedAt ? { arrivedAt: a.arrivedAt } : {}),
        ...(a?.leftAt ? { leftAt: a.leftAt } : {}),
      };
    }),
    quorum,
    readiness: ctx.readiness,
    checklist: PRE_MEETING_CHECKLIST.map((i) => ({
      ...i,
      done: s.checklist[i.id]?.done ?? false,
      note: s.checklist[i.id]?.note ?? '',
    })),
    agenda: agendaFor(c.kind).map((i) => ({ ...i, prompts: [...i.prompts], ...s.agenda[i.id] })),
    currentAgendaItemId: s.currentAgendaItemId,
    restricted: {
      active: s.restrictedParts.some((p) => !p.endedAt),
      parts: s.restrictedParts.map((p) => (hiddenParts.has(p.id) ? { ...p, reason: '' } : p)),
    },
    grid: s.grid.filter(visible).map(({ partId: _p, ...g }) => ({ ...g, plainLanguage: findings(g.text) })),
    stageShowsUnagreed: s.stageShowsUnagreed,
    scaling: {
      count: Object.keys(s.scaling).length,
      distribution: distribution(s),
      shared: s.scalingShared,
      ...(mine ? { mine } : {}),
      entries: Object.entries(s.scaling).map(([aad, e]) => ({ personId: personOf(aad), ...e })),
    },
    plan: {
      actions: s.actions.filter(visible).map(({ partId: _p, ...a }) => ({
        ...a,
        smart: checkSmart(a, ctx.today),
        plainLanguage: findings(`${a.what}\n${a.howWeWillKnow}`),
      })),
      contingency: s.contingency,
      network: s.network,
      familyGroupConferenceOffered: s.familyGroupConferenceOffered,
    },
    decision: s.decision,
    prompts: s.prompts,
    ...(s.meeting ? { meeting: s.meeting } : {}),
  };
}

export interface StageView {
  conferenceId: string;
  version: number;
  kindLabel: string;
  childFirstNames: string[];
  currentAgendaItem?: { title: string };
  grid: { id: string; column: GridColumn; text: string }[];
  plan: {
    actions: { id: string; what: string; who: string; byWhen: string; howWeWillKnow: string }[];
    contingency: string;
  };
  scaling?: { distribution: number[]; count: number };
  decision?: { outcome: Decision['outcome']; category?: Decision['category'] };
}

/** Built field by field, never by spreading a stored object, so nothing new can slip onto the stage. */
export function stageView(c: Conference, s: RecordState): StageView {
  const current = OUTLINE_AGENDA.find((i) => i.id === s.currentAgendaItemId);
  return {
    conferenceId: c.id,
    version: s.version,
    kindLabel: CONFERENCE_KIND_LABELS[c.kind],
    childFirstNames: c.children.map((ch) => ch.firstName),
    ...(current ? { currentAgendaItem: { title: current.title } } : {}),
    grid: s.grid
      .filter((g) => !g.restricted && (g.agreed || s.stageShowsUnagreed))
      .map((g) => ({ id: g.id, column: g.column, text: g.text })),
    plan: {
      actions: s.actions
        .filter((a) => !a.restricted)
        .map((a) => ({
          id: a.id,
          what: a.what,
          who: a.who,
          byWhen: a.byWhen,
          howWeWillKnow: a.howWeWillKnow,
        })),
      contingency: s.contingency,
    },
    ...(s.scalingShared
      ? { scaling: { distribution: distribution(s), count: Object.keys(s.scaling).length } }
      : {}),
    ...(s.decision
      ? {
          decision: {
            outcome: s.decision.outcome,
            ...(s.decision.category ? { category: s.decision.category } : {}),
          },
        }
      : {}),
  };
}
