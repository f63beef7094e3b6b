import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/render.js';
import type { CardActionTable } from './card-actions.js';
import { cardAction } from './card-actions.js';

export interface CardActionDeps {
  welcomeCard(): AdaptiveCard;
}

/** The one table that routes every card verb to its handler (STYLE.md #1). */
export function cardActionTable(deps: CardActionDeps): CardActionTable {
  return {
    'welcome.show': cardAction(z.object({}).passthrough(), async () => deps.welcomeCard()),
  };
}
