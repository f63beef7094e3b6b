/**
 * Report links for people without Teams: made and revoked by conference staff through the API, opened by
 * the holder as a web form. Opening a link finds (or starts) the holder's own report and nothing else.
 */
import { randomUUID } from 'node:crypto';
import type { Conference, FamilyMember, Invitee } from '../domain/conference.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { ReportLinkStore, StoredConference } from '../domain/ports.js';
import {
  linkExpiry,
  linkNotFound,
  linkRefusal,
  type LinkRefusal,
  type ReportLink,
} from '../domain/report-links.js';
import { expectedReports, type Report, type ReportKind } from '../domain/reports.js';
import { deadlineStatus, dueFor } from '../domain/timescales/index.js';
import { conferenceDeadlines } from './conference-view.js';
import type { ReportDeps } from './reports.js';

export interface ReportLinkDeps extends ReportDeps {
  links: ReportLinkStore;
  tokens: {
    sign(link: Pick<ReportLink, 'id' | 'createdAt' | 'expiresAt'>): Promise<string>;
    verify(token: string, now: Date): Promise<{ linkId: string } | 'expired' | 'invalid'>;
  };
  /** The service's public address; links are `${publicUrl}/r/<token>`. */
  publicUrl: string;
  linkDays: number;
  kickOutbox(): void;
}

export type LinkHolder =
  { purpose: 'agency-report'; invitee: Invitee } | { purpose: 'family-views'; familyMember: FamilyMember };

export const linkUrl = (deps: Pick<ReportLinkDeps, 'publicUrl'>, token: string) =>
  `${deps.publicUrl}/r/${token}`;

async function conferenceOf(deps: ReportLinkDeps, id: string): Promise<StoredConference> {
  const c = await deps.conferences.getConference(id);
  if (!c) throw new DomainError(ErrorCodes.CONFERENCE_NOT_FOUND, 'That conference could not be found.');
  return c;
}

/** The person a link is for, if they are still part of the conference. */
export function holderOf(conference: Conference, link: ReportLink): LinkHolder | undefined {
  if (link.purpose === 'agency-report') {
    const invitee = conference.invitees.find((i) => i.id === link.inviteeId);
    return invitee && { purpose: 'agency-report', invitee };
  }
  const familyMember = conference.familyMembers.find((f) => f.id === link.familyMemberId);
  return familyMember && { purpose: 'family-views', familyMember };
}

/** The name the holder's saves are recorded under. */
export const holderName = (h: LinkHolder): string =>
  h.purpose === 'agency-report' ? h.invitee.name : `${h.familyMember.firstName} ${h.familyMember.lastName}`;

/** The list as staff see it: never the token, which only the holder's email carries. */
const describe = (conference: Conference, link: ReportLink, now: Date) => {
  const holder = holderOf(conference, link);
  return {
    ...link,
    holder: holder ? holderName(holder) : null,
    state: linkRefusal(link, now) ?? 'active',
  };
};

export async function createReportLink(
  deps: ReportLinkDeps,
  conferenceId: string,
  input: { inviteeId: string } | { familyMemberId: string },
  createdBy: string,
) {
  const conference = await conferenceOf(deps, conferenceId);
  const now = deps.clock.now();
  let holder: LinkHolder;
  if ('inviteeId' in input) {
    const invitee = conference.invitees.find((i) => i.id === input.inviteeId);
    if (!invitee)
      throw new DomainError(ErrorCodes.VALIDATION_FAILED, 'That person is not invited to this conference.', [
        { path: 'inviteeId', message: 'Choose someone invited to this conference.' },
      ]);
    holder = { purpose: 'agency-report', invitee };
  } else {
    const familyMember = conference.familyMembers.find((f) => f.id === input.familyMemberId);
    if (!familyMember)
      throw new DomainError(
        ErrorCodes.VALIDATION_FAILED,
        'That family member is not part of this conference.',
        [{ path: 'familyMemberId', message: 'Choose a family member of this conference.' }],
      );
    if (!familyMember.email)
      throw new DomainError(
        ErrorCodes.VALIDATION_FAILED,
        'There is no email address for this family member, so a link cannot be sent.',
        [
          {
            path: 'familyMemberId',
            message: 'Add their email address first, or enter their views for them.',
          },
        ],
      );
    holder = { purpose: 'family-views', familyMember };
  }
  const link: ReportLink = {
    id: randomUUID(),
    conferenceId,
    purpose: holder.purpose,
    inviteeId: holder.purpose === 'agency-report' ? holder.invitee.id : null,
    familyMemberId: holder.purpose === 'family-views' ? holder.familyMember.id : null,
    createdBy,
    createdAt: now.toISOString(),
    expiresAt: linkExpiry(now, deps.linkDays).toISOString(),
    revokedAt: null,
    revokedBy: null,
    lastUsedAt: null,
  };
  const saved = await deps.links.create(
    link,
    { kind: 'report-link', payload: { linkId: link.id }, dedupeKey: `report-link:${link.id}` },
    now,
  );
  deps.kickOutbox();
  return {
    id: saved.id,
    url: linkUrl(deps, await deps.tokens.sign(saved)),
    expiresAt: saved.expiresAt,
    purpose: saved.purpose,
  };
}

export async function listReportLinks(deps: ReportLinkDeps, conferenceId: string) {
  const conference = await conferenceOf(deps, conferenceId);
  const now = deps.clock.now();
  return { links: (await deps.links.list(conferenceId)).map((l) => describe(conference, l, now)) };
}

export async function revokeReportLink(
  deps: ReportLinkDeps,
  conferenceId: string,
  linkId: string,
  by: string,
) {
  const conference = await conferenceOf(deps, conferenceId);
  const existing = await deps.links.get(linkId);
  if (!existing || existing.conferenceId !== conferenceId) throw linkNotFound();
  const revoked = await deps.links.revoke(linkId, by, deps.clock.now());
  if (!revoked) throw linkNotFound();
  return describe(conference, revoked, deps.clock.now());
}

/** Everything the form page needs, for the holder of a working link. */
export interface OpenedLink {
  link: ReportLink;
  conference: StoredConference;
  holder: LinkHolder;
  report: Report;
  /** The 'reports-to-service' deadline, for a professional's report; none for the family's views. */
  deadline: { label: string; late: boolean } | null;
}

export type LinkOutcome = { ok: OpenedLink } | { refused: LinkRefusal };

/** The report kind a holder writes: what the conference expects of them, else an agency report. */
function kindFor(conference: Conference, holder: LinkHolder): ReportKind {
  if (holder.purpose === 'family-views') return 'family-views';
  return expectedReports(conference).find((e) => e.inviteeId === holder.invitee.id)?.kind ?? 'agency';
}

const mine = (report: Report, kind: ReportKind, holder: LinkHolder) =>
  report.kind === kind &&
  (holder.purpose === 'agency-report'
    ? report.inviteeId === holder.invitee.id
    : report.familyMemberId === holder.familyMember.id);

async function reportFor(deps: ReportLinkDeps, conference: Conference, holder: LinkHolder): Promise<Report> {
  const kind = kindFor(conference, holder);
  const find = async () => (await deps.reports.list(conference.id)).find((r) => mine(r, kind, holder));
  const existing = await find();
  if (existing) return existing;
  try {
    return await deps.reports.create({
      conferenceId: conference.id,
      inviteeId: holder.purpose === 'agency-report' ? holder.invitee.id : null,
      familyMemberId: holder.purpose === 'family-views' ? holder.familyMember.id : null,
      kind,
      now: deps.clock.now(),
    });
  } catch (e) {
    // Two first visits at once: the other one started it.
    const raced = e instanceof DomainError && e.code === ErrorCodes.REPORT_EXISTS ? await find() : undefined;
    if (raced) return raced;
    throw e;
  }
}

/** Checks a token against its signature, expiry and stored link; on success the holder's own report. */
export async function openLink(deps: ReportLinkDeps, token: string): Promise<LinkOutcome> {
  const now = deps.clock.now();
  const checked = await deps.tokens.verify(token, now);
  if (checked === 'invalid') return { refused: 'unknown' };
  if (checked === 'expired') return { refused: 'expired' };
  const link = await deps.links.get(checked.linkId);
  const refusal = linkRefusal(link, now);
  if (refusal || !link) return { refused: refusal ?? 'unknown' };
  const conference = await deps.conferences.getConference(link.conferenceId);
  const holder = conference && holderOf(conference, link);
  if (!conference || !holder) return { refused: 'unknown' };
  const report = await reportFor(deps, conference, holder);
  // The link's conference must be the report's: a mismatch is never shown.
  if (linkRefusal(link, now, report.conferenceId)) return { refused: 'other-conference' };
  await deps.links.touch(link.id, now);
  const due =
    holder.purpose === 'agency-report'
      ? dueFor(conferenceDeadlines(conference, deps.timescales, now), 'reports-to-service')
      : undefined;
  return {
    ok: {
      link,
      conference,
      holder,
      report,
      deadline: due ? { label: due.dueLabel, late: deadlineStatus(due, now) === 'overdue' } : null,
    },
  };
}
