/** Builds each invitation-related card from the stored records (no I/O; used by handlers and the outbox). */
import { renderInvitation, invitationCardData } from '../../cards/invitation.js';
import type { InvitationCardState } from '../../cards/invitation.js';
import { readinessCardData, renderReadiness } from '../../cards/readiness.js';
import type { AdaptiveCard } from '../../cards/render.js';
import { quorumWarningData, renderQuorumWarning, renderReminder } from '../../cards/reminder.js';
import type { Conference } from '../domain/conference.js';
import { DomainError, ErrorCodes } from '../domain/errors.js';
import type { QuorumAssessment } from '../domain/quorum.js';
import type { Invitation } from '../domain/rsvp.js';
import type { InvitationDeps } from './invitations.js';
import { reportDue } from './invitations.js';

type Deps = Pick<InvitationDeps, 'timescales' | 'clock'>;

function inviteeOf(conference: Conference, invitation: Invitation) {
  const invitee = conference.invitees.find((i) => i.id === invitation.inviteeId);
  if (!invitee)
    throw new DomainError(
      ErrorCodes.RSVP_NOT_INVITED,
      'This invitation is no longer part of the conference.',
    );
  return invitee;
}

/** Refuses anyone but the invitee: a card's buttons and refreshes act for that one person only. */
export function assertInvitee(
  conference: Conference,
  invitation: Invitation,
  aadObjectId: string | undefined,
): void {
  const invitee = inviteeOf(conference, invitation);
  if (!aadObjectId || invitee.aadObjectId !== aadObjectId)
    throw new DomainError(
      ErrorCodes.RSVP_NOT_INVITED,
      'This invitation is for someone else, so nothing was changed.',
    );
}

export function invitationCard(
  deps: Deps,
  conference: Conference,
  invitation: Invitation,
  state?: InvitationCardState,
  /** The invitee has saved some of their report: the button says "Open my report". */
  reportStarted = false,
): AdaptiveCard {
  return renderInvitation(
    invitationCardData(
      conference,
      inviteeOf(conference, invitation),
      invitation,
      reportDue(deps, conference),
      state,
      reportStarted,
    ),
  );
}

export function reminderCard(deps: Deps, conference: Conference, invitation: Invitation): AdaptiveCard {
  return renderReminder(
    invitationCardData(
      conference,
      inviteeOf(conference, invitation),
      invitation,
      reportDue(deps, conference),
    ),
  );
}

export function readinessCard(
  conference: Conference,
  invitations: readonly Invitation[],
  assessment: QuorumAssessment,
  pending: readonly { lastError: string | null }[] = [],
): AdaptiveCard {
  return renderReadiness(
    readinessCardData(conference, invitations, assessment, invitations.length > 0, pending),
  );
}

/** The chair's warning, or undefined when the conference is quorate. */
export function quorumWarningCard(
  conference: Conference,
  assessment: QuorumAssessment,
): AdaptiveCard | undefined {
  const data = quorumWarningData(conference, assessment);
  return data ? renderQuorumWarning(data) : undefined;
}
