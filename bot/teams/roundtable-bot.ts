import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext } from 'botbuilder';
import type {
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  ConversationReference,
  TaskModuleRequest,
  TaskModuleResponse,
} from 'botbuilder';
import { isErrorCard } from '../../cards/error.js';
import type { AdaptiveCard } from '../../cards/render.js';
import type { Logger } from '../logger.js';
import type { Actor, CardActionContext } from './card-actions.js';

export interface BotDependencies {
  welcomeCard(): AdaptiveCard;
  /** The person's own conferences (they typed "my conferences"). */
  myConferencesCard(aadObjectId: string | undefined): Promise<AdaptiveCard>;
  /** The person's own reports (they typed "my reports"). */
  myReportsCard(aadObjectId: string | undefined): Promise<AdaptiveCard>;
  /** The report dialog: task/fetch opens it, task/submit carries its buttons; always something to show. */
  reportDialog(
    kind: 'fetch' | 'submit',
    data: unknown,
    actor: Actor,
    correlationId: string,
  ): Promise<TaskModuleResponse>;
  /** Handles an Action.Execute; always resolves to the card to show. */
  cardAction(
    verb: unknown,
    data: unknown,
    context: CardActionContext,
    correlationId: string,
  ): Promise<AdaptiveCard>;
  /** Remembers where the bot can reach a person or chat later (proactive messages need it). */
  rememberConversation(
    reference: Partial<ConversationReference>,
    aadObjectId: string | undefined,
  ): Promise<void>;
  logger: Logger;
}

/**
 * The Teams bot: a thin layer that turns activities into calls on use cases. No state of its own;
 * everything that matters is in the database (several instances must behave as one).
 */
export class RoundtableBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();

    this.onMessage(async (context, next) => {
      await this.remember(context);
      const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '')
        .trim()
        .toLowerCase();
      if (text === 'help' || text === 'hi' || text === 'hello' || text === '') {
        await this.sendWelcome(context);
      } else if (text === 'my conferences' || text === 'conferences') {
        const card = await this.deps.myConferencesCard(context.activity.from?.aadObjectId);
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      } else if (text === 'my reports' || text === 'reports') {
        const card = await this.deps.myReportsCard(context.activity.from?.aadObjectId);
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      } else {
        await context.sendActivity(
          MessageFactory.text(
            'I did not understand that. Type **help** to see what Roundtable can do for you.',
          ),
        );
      }
      await next();
    });

    // Welcome once, when the bot itself joins a personal chat, group chat or team (Teams' install).
    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.sendWelcome(context);
      await next();
    });

    this.onInstallationUpdate(async (context, next) => {
      await this.remember(context);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const { from, id, timestamp } = context.activity;
    const card = await this.deps.cardAction(
      invokeValue.action.verb,
      invokeValue.action.data,
      {
        actor: { id: from.id, aadObjectId: from.aadObjectId },
        activityId: id ?? randomUUID(),
        timestamp: validTime(timestamp) ?? new Date().toISOString(),
      },
      randomUUID(),
    );
    // A refused action says "nothing was changed": that includes the stored conversation.
    if (!isErrorCard(card)) await this.remember(context);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }

  protected override async handleTeamsTaskModuleFetch(
    context: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    return this.dialog(context, 'fetch', request);
  }

  protected override async handleTeamsTaskModuleSubmit(
    context: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    return this.dialog(context, 'submit', request);
  }

  private async dialog(
    context: TurnContext,
    kind: 'fetch' | 'submit',
    request: TaskModuleRequest | undefined,
  ): Promise<TaskModuleResponse> {
    const { from } = context.activity;
    return this.deps.reportDialog(
      kind,
      (request as { data?: unknown } | undefined)?.data,
      { id: from.id, aadObjectId: from.aadObjectId },
      randomUUID(),
    );
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(this.deps.welcomeCard())));
  }

  private async remember(context: TurnContext): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    await this.deps.rememberConversation(reference, context.activity.from?.aadObjectId);
  }
}

/** The activity's timestamp when it is a real date (Teams sends ISO strings; botbuilder may make a Date). */
function validTime(t: unknown): string | undefined {
  const d = t instanceof Date ? t : typeof t === 'string' ? new Date(t) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}
