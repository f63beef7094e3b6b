/**
 * The export of messages to the case-management system, for councils whose system takes no webhook
 * (and for reconciling one that does): CSV or JSON, from a date.
 */
import { z } from 'zod';
import { IsoDate } from '../domain/people.js';
import type { CaseSystemRepository, StoredCaseSystemMessage } from '../store/case-system-repository.js';
import { toCsvLines } from './csv.js';
import { parseInput } from './route-input.js';
import type { HttpRoute } from './server.js';

export const CaseSystemExportQuery = z
  .object({
    since: IsoDate.default('1970-01-01'),
    format: z.enum(['csv', 'json']).default('json'),
  })
  .strict();

/** More than a year of any council's conferences; a bigger export is taken in parts with `since`. */
const EXPORT_LIMIT = 10_000;

const HEADER = [
  'messageId',
  'event',
  'occurredAt',
  'conferenceReference',
  'conferenceDate',
  'childId',
  'childFirstName',
  'childLastName',
  'childDateOfBirth',
  'category',
  'leadSocialWorkerEmail',
  'endReason',
  'acknowledgedAt',
] as const;

/** One line per child: case systems hold an alert per child, not per conference. */
const lines = (m: StoredCaseSystemMessage) =>
  m.body.children.map((child) => [
    m.id,
    m.body.event,
    m.body.occurredAt,
    m.body.conference.reference,
    m.body.conference.date,
    child.id,
    child.firstName,
    child.lastName,
    child.dateOfBirth,
    m.body.plan?.category ?? null,
    m.body.plan?.leadSocialWorker.email ?? null,
    m.body.endReason,
    m.acknowledgedAt,
  ]);

export function caseSystemRoutes(messages: CaseSystemRepository): HttpRoute[] {
  return [
    {
      method: 'get',
      path: '/api/case-system/messages',
      handler: async (req) => {
        const { since, format } = parseInput(
          CaseSystemExportQuery,
          Object.fromEntries(req.query),
          'The query has problems.',
        );
        const found = await messages.list(new Date(`${since}T00:00:00Z`), EXPORT_LIMIT);
        const file = `case-system-messages-since-${since}.${format}`;
        return {
          status: 200,
          body:
            format === 'csv'
              ? toCsvLines(HEADER, found.flatMap(lines))
              : JSON.stringify({
                  messages: found.map((m) => ({ ...m.body, acknowledgedAt: m.acknowledgedAt })),
                }),
          headers: {
            'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
            'content-disposition': `attachment; filename="${file}"`,
          },
        };
      },
    },
  ];
}
