/** A person's own conferences: those they chair, lead, minute or are invited to, still to come. */
import type { MyConferenceItem } from '../../cards/my-conferences.js';
import { initials } from '../domain/conference.js';
import type { ConferenceStatus } from '../domain/conference.js';
import { statusLabel } from '../domain/lifecycle.js';
import type { InvitationDeps } from './invitations.js';
import { isOrganiser } from './invitations.js';

const FINISHED: ReadonlySet<ConferenceStatus> = new Set(['closed', 'cancelled', 'minutes-approved']);

export async function myConferences(
  deps: InvitationDeps,
  aadObjectId: string | undefined,
): Promise<MyConferenceItem[]> {
  if (!aadObjectId) return [];
  const summaries = await deps.conferences.listConferences({
    participant: aadObjectId,
    limit: 20,
    offset: 0,
  });
  const items: MyConferenceItem[] = [];
  for (const summary of summaries.filter((s) => !FINISHED.has(s.status))) {
    const conference = await deps.conferences.getConference(summary.id);
    if (!conference) continue;
    const invitee = conference.invitees.find((i) => i.aadObjectId === aadObjectId);
    const invitation =
      invitee &&
      (await deps.invitations.list(conference.id)).find((i) => i.inviteeId === invitee.id && !i.withdrawn);
    const organiser = isOrganiser(conference, aadObjectId);
    const part =
      conference.chair?.aadObjectId === aadObjectId
        ? 'Chair'
        : conference.leadSocialWorker.aadObjectId === aadObjectId
          ? 'Lead social worker'
          : conference.minuteTaker?.aadObjectId === aadObjectId
            ? 'Minute-taker'
            : (invitee?.role ?? 'Invited');
    items.push({
      conferenceId: conference.id,
      reference: conference.reference,
      kind: conference.kind,
      scheduledStart: conference.scheduledStart,
      durationMinutes: conference.durationMinutes,
      statusLabel: statusLabel(conference.status),
      part,
      childInitials: conference.children.map(initials),
      organiser,
      canSendInvitations: organiser && conference.status === 'scheduled',
      ...(invitation ? { invitationId: invitation.id, cardVersion: invitation.version } : {}),
    });
  }
  // Soonest first; conferences without a date last.
  return items.sort((a, b) => (a.scheduledStart ?? '9999').localeCompare(b.scheduledStart ?? '9999'));
}
