/**
 * In-meeting prompts (ask for cameras on, or announce the next agenda item). In Teams they are targeted
 * meeting notifications: a small tab page opened on the chosen people's meeting stage. Teams needs the
 * meeting id (linked from the side panel), the bot's conversation reference for the meeting chat, the
 * RSC permission OnlineMeetingNotification.Send.Chat, and at most 10 recipients a call. Without a
 * linked meeting or a reference the prompt is only recorded, and says so. Logs carry ids and counts.
 */
import { TeamsInfo } from 'botbuilder';
import type { MeetingNotificationResponse, TargetedMeetingNotification } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { StoredReference } from '../store/conversation-repository.js';
import type { MeetingPrompter, PromptOutcome } from '../use-cases/conference-record.js';
import type { ProactiveSender } from './proactive-sender.js';

/** Teams' limit of recipients in one targeted meeting notification. */
export const RECIPIENTS_PER_CALL = 10;

export interface TeamsPrompterOptions {
  sender: Pick<ProactiveSender, 'call'>;
  /** Stored conversation references, keyed by conversation id for group and meeting chats. */
  conversations: { find(key: string): Promise<StoredReference | undefined> };
  /** Where the tab is served (the prompt page's URL must be in the manifest's valid domains). */
  publicUrl: string;
  logger: Logger;
}

/** The page the notification opens on the meeting stage: no names, no case data in its address. */
export function promptPageUrl(publicUrl: string, kind: 'camera' | 'next-item', conferenceId: string) {
  const query = new URLSearchParams({ kind, conferenceId });
  return `${publicUrl}/tab/prompt?${query.toString()}`;
}

export function promptNotification(url: string, recipients: string[]): TargetedMeetingNotification {
  return {
    type: 'targetedMeetingNotification',
    value: {
      recipients,
      surfaces: [
        {
          surface: 'meetingStage',
          contentType: 'task',
          content: { value: { height: 240, width: 400, title: 'Roundtable', url } },
        },
      ],
    },
  } as TargetedMeetingNotification;
}

/** Teams names a failed recipient by MRI ("8:orgid:<object id>") or by the object id itself. */
const objectIdOf = (mri: string) => mri.replace(/^\d+:orgid:/i, '').toLowerCase();

export function teamsMeetingPrompter(options: TeamsPrompterOptions): MeetingPrompter {
  const { sender, conversations, publicUrl, logger } = options;
  return {
    async send({ conference, meeting, kind, people }): Promise<PromptOutcome> {
      const log = { conferenceId: conference.id, kind, chosen: people.length };
      if (!meeting) {
        logger.info(log, 'meeting prompt recorded, not sent: no Teams meeting linked');
        return { delivered: [], notSent: 'no-meeting' };
      }
      const reference = await conversations.find(meeting.chatId);
      if (!reference) {
        logger.info(log, 'meeting prompt recorded, not sent: the bot has not been in the meeting chat');
        return { delivered: [], notSent: 'no-conversation' };
      }
      // People without an Entra object id cannot be addressed in Teams.
      const reachable = people.filter((p): p is { id: string; aadObjectId: string } => !!p.aadObjectId);
      const url = promptPageUrl(publicUrl, kind, conference.id);
      const delivered: string[] = [];
      let refused = 0;
      for (let i = 0; i < reachable.length; i += RECIPIENTS_PER_CALL) {
        const batch = reachable.slice(i, i + RECIPIENTS_PER_CALL);
        const notification = promptNotification(
          url,
          batch.map((p) => p.aadObjectId),
        );
        try {
          const answer: MeetingNotificationResponse | undefined = await sender.call(
            reference,
            'meeting-notification',
            (ctx) => TeamsInfo.sendMeetingNotification(ctx, notification, meeting.meetingId),
          );
          const failed = new Set(
            (answer?.recipientsFailureInfo ?? []).map((f) => objectIdOf(f.recipientMri ?? '')),
          );
          delivered.push(...batch.filter((p) => !failed.has(p.aadObjectId.toLowerCase())).map((p) => p.id));
        } catch {
          // The sender has logged the status; these people were not reached.
          refused += 1;
        }
      }
      logger.info(
        { ...log, reachable: reachable.length, delivered: delivered.length, refusedCalls: refused },
        'meeting prompt sent',
      );
      const calls = Math.ceil(reachable.length / RECIPIENTS_PER_CALL);
      return calls > 0 && refused === calls ? { delivered, notSent: 'teams-refused' } : { delivered };
    },
  };
}
