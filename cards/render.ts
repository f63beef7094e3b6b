import { readFileSync } from 'node:fs';
import templating from 'adaptivecards-templating';

/** An Adaptive Card as sent to Teams: plain JSON. */
export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

const templates = new Map<string, object>();

/** Loads a card template that sits beside the calling module (read once, then cached). */
function loadTemplate(url: URL): object {
  const key = url.href;
  let t = templates.get(key);
  if (!t) {
    t = JSON.parse(readFileSync(url, 'utf8')) as object;
    templates.set(key, t);
  }
  return t;
}

/**
 * Expands a JSON template with adaptivecards-templating (`${…}`, `$when`, `$data`).
 * Values from data are inserted as text, never evaluated, so user-written text is safe here.
 */
export function expandCard(templateUrl: URL, data: object): AdaptiveCard {
  const template = new templating.Template(loadTemplate(templateUrl));
  return template.expand({ $root: data }) as AdaptiveCard;
}
