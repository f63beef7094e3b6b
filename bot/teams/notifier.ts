import { CardFactory, MessageFactory } from 'botbuilder';
import type { ConversationReference } from 'botbuilder';
import type { Notifier } from '../domain/ports.js';
import type { ConversationRepository } from '../store/conversation-repository.js';
import { ProactiveSendError } from './proactive-sender.js';
import type { ProactiveSender } from './proactive-sender.js';

/** The Notifier port over the stored conversation references and the rate-limited proactive sender. */
export function teamsNotifier(conversations: ConversationRepository, sender: ProactiveSender): Notifier {
  return {
    async sendCard(aadObjectId, card) {
      const reference = await conversations.find(aadObjectId);
      if (!reference) return 'unreachable';
      try {
        return await sender.send(
          reference as Partial<ConversationReference>,
          MessageFactory.attachment(CardFactory.adaptiveCard(card)),
        );
      } catch (e) {
        // Uninstalled since we stored the chat: treat as unreachable, so the person gets email instead.
        if (
          e instanceof ProactiveSendError &&
          (e.code === 'NOT_INSTALLED' || e.code === 'CONVERSATION_NOT_FOUND')
        )
          return 'unreachable';
        throw e;
      }
    },
  };
}
