/** Helpers for the Graph calendar tests: query names from the contract, and events as Graph lists them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_PROPERTIES } from '../../bot/graph/calendar-graph-mapping.js';
import { CONTRACTS_DIR } from '../helpers/contracts.js';
import { graphTemplateFor } from '../helpers/graph-contract.js';
import type { CapturedRequest } from './graph-server.js';

type Params = { name?: string; $ref?: string }[];
type Doc = {
  paths: Record<string, Record<string, { parameters?: Params }> & { parameters?: Params }>;
  components: { parameters: Record<string, { name: string }> };
};
let doc: Doc | undefined;

/** Query names the operation does not declare (the contract helper checks method, path and body). */
export function graphQueryProblems(r: Pick<CapturedRequest, 'method' | 'path' | 'query'>): string[] {
  doc ??= JSON.parse(
    readFileSync(path.join(CONTRACTS_DIR, 'graph', 'graph-v1.0-teams-bot.openapi.json'), 'utf8'),
  ) as Doc;
  const template = graphTemplateFor(r.path);
  if (!template) return [];
  const item = doc.paths[template]!;
  const declared = [...(item.parameters ?? []), ...(item[r.method.toLowerCase()]?.parameters ?? [])].map(
    (p) => (p.$ref ? doc!.components.parameters[p.$ref.split('/').pop()!]!.name : p.name),
  );
  // $skiptoken comes from Graph's own nextLink, not from us.
  return Object.keys(r.query).flatMap((q) =>
    declared.includes(q) || q === '$skiptoken' ? [] : [`unknown query ${q}`],
  );
}

/** An event as Graph lists it with the adapter's $select and $expand. */
export const listedEvent = (
  id: string,
  key: string,
  hash: string,
  joinUrl = `https://teams.example.org/${id}`,
) => ({
  id,
  isCancelled: false,
  onlineMeeting: { joinUrl },
  singleValueExtendedProperties: [
    { id: EVENT_PROPERTIES.partKey, value: key },
    { id: EVENT_PROPERTIES.contentHash, value: hash },
  ],
});
