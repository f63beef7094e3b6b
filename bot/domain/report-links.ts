/**
 * Links to the report form for people without Teams: an external professional writing their agency's
 * report, or a family member writing their own views. A link belongs to one conference and one person,
 * expires, and can be revoked; the signed token only carries the link's id, so this record decides.
 */
import { DomainError, ErrorCodes } from './errors.js';

export const ReportLinkPurposes = ['agency-report', 'family-views'] as const;
export type ReportLinkPurpose = (typeof ReportLinkPurposes)[number];

export interface ReportLink {
  id: string;
  conferenceId: string;
  purpose: ReportLinkPurpose;
  /** Set for 'agency-report'. */
  inviteeId: string | null;
  /** Set for 'family-views'. */
  familyMemberId: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
}

/** Why a link does not open the form. The page shown is the same kind page for each; only the status differs. */
export type LinkRefusal = 'unknown' | 'expired' | 'revoked' | 'other-conference';

/**
 * Whether a link whose signature has been checked may open the form now. A link for another
 * conference than the one asked about is treated as unknown, so ids never leak across conferences.
 */
export function linkRefusal(
  link: ReportLink | undefined,
  now: Date,
  conferenceId?: string,
): LinkRefusal | null {
  if (!link) return 'unknown';
  if (conferenceId !== undefined && link.conferenceId !== conferenceId) return 'other-conference';
  if (link.revokedAt) return 'revoked';
  if (now.getTime() >= Date.parse(link.expiresAt)) return 'expired';
  return null;
}

/** The expiry of a link made now: whole days, as the setting says. */
export const linkExpiry = (now: Date, days: number): Date => new Date(now.getTime() + days * 86_400_000);

/** Revoking twice changes nothing: the first revocation (who and when) is the one kept. */
export function revoke(link: ReportLink, by: string, now: Date): ReportLink {
  if (link.revokedAt) return link;
  return { ...link, revokedAt: now.toISOString(), revokedBy: by };
}

export const linkNotFound = () =>
  new DomainError(ErrorCodes.NOT_FOUND, 'That report link could not be found.');
