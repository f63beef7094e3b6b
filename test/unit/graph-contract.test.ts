/** The Graph contract validator itself: the README's fixtures, path mapping, and the adapter's body. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sendMailBody } from '../../bot/graph/graph-mail.js';
import { CONTRACTS_DIR } from '../helpers/contracts.js';
import { graphRequestProblems, graphTemplateFor } from '../helpers/graph-contract.js';

interface Fixture {
  name: string;
  method: string;
  path: string;
  valid: boolean | string;
  body: unknown;
}
const fixtures = JSON.parse(
  readFileSync(path.join(CONTRACTS_DIR, 'fixtures', 'graph', 'requests.json'), 'utf8'),
) as Fixture[];

// Strict mode with camelCase aliases: what each fixture's `valid` means here (contracts README §4).
const conforms = (v: Fixture['valid']) => v === true || v === 'needs-case-aliases';

test.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
  const problems = graphRequestProblems(f.method, f.path, f.body);
  if (conforms(f.valid)) expect(problems).toEqual([]);
  else expect(problems).not.toEqual([]);
});

test('concrete paths map to the template, with or without /v1.0 and a query', () => {
  expect(graphTemplateFor('/users/x%40y/sendMail')).toBe('/users/{user-id}/sendMail');
  expect(graphTemplateFor('/v1.0/users/x%40y/events/AAMk%3D/cancel?x=1')).toBe(
    '/users/{user-id}/events/{event-id}/cancel',
  );
  expect(graphTemplateFor('/users/x%40y/messages')).toBeUndefined();
});

test('an unknown method or path is a problem', () => {
  expect(graphRequestProblems('GET', '/users/x%40y/messages')).toEqual([
    'GET /users/x%40y/messages: not an operation in the Graph contract subset',
  ]);
  expect(graphRequestProblems('GET', '/users/x%40y/sendMail')).toHaveLength(1);
  expect(graphRequestProblems('POST', '/users/x%40y/sendMail')).toEqual([
    'POST /users/{user-id}/sendMail: a JSON body is required',
  ]);
});

const mail = {
  to: [{ name: 'Siân (fictional)', email: 'sian@example.org' }],
  cc: [{ email: 'chair@example.org' }],
  subject: 'Conference RT-0001 ✅',
  text: 'Plain.',
  html: '<p>Rich.</p>',
  attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\n' }],
  idempotencyKey: 'invite:RT-0001/sian – ñ',
};

test('the adapter’s sendMail body conforms; the docs’ "HTML" and a misspelling do not', () => {
  const body = sendMailBody(mail, '<abc.roundtable@example.org>');
  expect(graphRequestProblems('POST', '/users/x%40y/sendMail', body)).toEqual([]);
  // A key outside printable ASCII is percent-encoded so the header stays valid.
  expect(body.message.internetMessageHeaders[0]!.value).toBe('invite%3ART-0001%2Fsian%20%E2%80%93%20%C3%B1');

  const shouting = structuredClone(body) as unknown as { message: { body: { contentType: string } } };
  shouting.message.body.contentType = 'HTML';
  expect(graphRequestProblems('POST', '/users/x%40y/sendMail', shouting)).not.toEqual([]);
  const misspelt = { ...body, message: { ...body.message, toRecipents: body.message.toRecipients } };
  expect(graphRequestProblems('POST', '/users/x%40y/sendMail', misspelt)).not.toEqual([]);
});
