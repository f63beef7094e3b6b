/** The local outbox against an independent parser: what a mail client would read back from the file. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { AddressObject, ParsedMail } from 'mailparser';
import { FixedClock } from '../../bot/domain/clock.js';
import { DomainError } from '../../bot/domain/errors.js';
import type { OutgoingMail } from '../../bot/domain/mail.js';
import { createLocalOutboxMail, listOutbox } from '../../bot/graph/local-outbox-mail.js';

// Fictional people at example.org only.
const from = { name: 'Roundtable – Example Borough Council (fictional)', email: 'roundtable@example.org' };
const start = new Date('2026-03-03T10:15:00.123Z');

// Bytes that do not survive any text conversion: a PDF header, a NUL, high bytes, bare CR and LF.
const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'),
  Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 13, 0x80]),
  Buffer.from('\n%%EOF\n'),
]);
const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Roundtable//Fictional//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:rt-0001@example.org',
  'DTSTAMP:20260303T101500Z',
  'DTSTART:20260310T100000Z',
  'SUMMARY:Conference RT-0001 – Siân',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

let dir: string;
let clock: FixedClock;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'roundtable-outbox-'));
  clock = new FixedClock(start);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const letter = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  to: [
    { name: 'Siân Llwyd-Example', email: 'sian.llwyd@example.org' },
    { name: 'Zoë Ficticia 🌻', email: 'zoe.ficticia@example.org' },
  ],
  cc: [{ name: 'Chair, Independent (fictional)', email: 'chair@example.org' }],
  subject: 'Penderfyniad y gynhadledd – decision of conference RT-0001 ✅',
  text: 'Annwyl Siân,\n\nThe conference decided on a plan. 🌻\n',
  html: '<p>Annwyl Siân,</p><p>The conference decided on a plan. 🌻</p>',
  idempotencyKey: 'decision:RT-0001/letter',
  ...overrides,
});

const emlFiles = async () => (await readdir(dir)).filter((f) => f.endsWith('.eml'));
const parseOnly = async (): Promise<{ raw: string; mail: ParsedMail }> => {
  const files = await readdir(dir);
  expect(files).toHaveLength(1); // no temp file left behind either
  const raw = await readFile(path.join(dir, files[0]!));
  return { raw: raw.toString('latin1'), mail: await simpleParser(raw) };
};
const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value);

describe('local outbox mail', () => {
  test('writes an RFC 5322 letter that parses back with headers, both bodies and byte-identical attachments', async () => {
    const outbox = createLocalOutboxMail({ outboxDir: dir, from, clock });
    const { messageId } = await outbox.send(
      letter({
        attachments: [
          { filename: 'decision-RT-0001.pdf', contentType: 'application/pdf', content: pdf },
          { filename: 'review-conference.ics', contentType: 'text/calendar; method=REQUEST', content: ics },
        ],
      }),
    );

    const { raw, mail } = await parseOnly();
    expect(mail.messageId).toBe(messageId);
    expect(messageId).toMatch(/^<[0-9a-f]{32}\.roundtable@example\.org>$/);
    expect(mail.date?.toISOString()).toBe('2026-03-03T10:15:00.000Z');
    expect(addresses(mail.from)).toEqual([{ name: from.name, address: from.email }]);
    expect(addresses(mail.to)).toEqual([
      { name: 'Siân Llwyd-Example', address: 'sian.llwyd@example.org' },
      { name: 'Zoë Ficticia 🌻', address: 'zoe.ficticia@example.org' },
    ]);
    expect(addresses(mail.cc)).toEqual([
      { name: 'Chair, Independent (fictional)', address: 'chair@example.org' },
    ]);
    expect(mail.subject).toBe('Penderfyniad y gynhadledd – decision of conference RT-0001 ✅');
    expect(mail.text?.trim()).toBe('Annwyl Siân,\n\nThe conference decided on a plan. 🌻');
    expect(mail.html).toBe('<p>Annwyl Siân,</p><p>The conference decided on a plan. 🌻</p>');

    const [pdfPart, icsPart] = mail.attachments;
    expect(pdfPart).toMatchObject({ filename: 'decision-RT-0001.pdf', contentType: 'application/pdf' });
    expect(pdfPart?.content.equals(pdf)).toBe(true);
    expect(icsPart).toMatchObject({ filename: 'review-conference.ics', contentType: 'text/calendar' });
    expect(icsPart?.content.equals(Buffer.from(ics, 'utf8'))).toBe(true);

    // The structure a mail client relies on, read from the file itself.
    expect(raw).toMatch(/^Content-Type: multipart\/mixed;/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/^Content-Type: text\/calendar; method=REQUEST; charset=utf-8/m);
    expect(raw.split('\n').every((line) => line === '' || line.endsWith('\r'))).toBe(true); // CRLF throughout
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true); // RFC 5322 §2.1.1
  });

  test('without attachments the letter is multipart/alternative', async () => {
    await createLocalOutboxMail({ outboxDir: dir, from, clock }).send(letter());
    const { raw, mail } = await parseOnly();
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).not.toMatch(/multipart\/mixed/);
    expect(mail.attachments).toEqual([]);
  });

  test('names the file by time and idempotency key', async () => {
    await createLocalOutboxMail({ outboxDir: dir, from, clock }).send(letter());
    expect(await emlFiles()).toEqual([
      expect.stringMatching(/^20260303T101500\.123Z-decision-rt-0001-letter-[0-9a-f]{12}\.eml$/),
    ]);
  });

  test('the same idempotency key twice writes one file and returns the same Message-ID, even across instances', async () => {
    const first = await createLocalOutboxMail({ outboxDir: dir, from, clock }).send(letter());
    clock.advanceMs(60_000);
    const again = createLocalOutboxMail({ outboxDir: dir, from, clock });
    const [second, third] = await Promise.all([again.send(letter()), again.send(letter())]);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await emlFiles()).toHaveLength(1);

    const other = await again.send(letter({ idempotencyKey: 'decision:RT-0001-letter' }));
    expect(other.messageId).not.toBe(first.messageId);
    expect(await emlFiles()).toHaveLength(2);
  });

  test('an excluded recipient appears nowhere in the file', async () => {
    await createLocalOutboxMail({ outboxDir: dir, from, clock }).send(
      letter({
        to: [...letter().to, { name: 'Excluded Parent-Fictional', email: 'excluded.parent@example.org' }],
        cc: [{ name: 'Excluded Parent-Fictional', email: 'Excluded.Parent@Example.org' }],
        excluded: ['EXCLUDED.PARENT@example.org'],
      }),
    );
    const { raw, mail } = await parseOnly();
    expect(raw.toLowerCase()).not.toContain('excluded.parent');
    expect(raw.toLowerCase()).not.toContain('excluded parent');
    expect(addresses(mail.to).map((a) => a.address)).toEqual([
      'sian.llwyd@example.org',
      'zoe.ficticia@example.org',
    ]);
    expect(mail.cc).toBeUndefined();
  });

  test('a refused letter writes nothing', async () => {
    const outbox = createLocalOutboxMail({ outboxDir: dir, from, clock });
    await expect(outbox.send(letter({ to: [{ email: 'not-an-address' }] }))).rejects.toBeInstanceOf(
      DomainError,
    );
    await expect(outbox.send(letter({ excluded: letter().to.map((r) => r.email) }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await readdir(dir)).toEqual([]);
  });

  test('listOutbox lists letters newest first with subject, To and date, ignoring other files', async () => {
    const outbox = createLocalOutboxMail({ outboxDir: dir, from, clock });
    await outbox.send(letter({ subject: 'First 🌻', idempotencyKey: 'one' }));
    clock.advanceMs(250); // within the same second: the Date header alone could not order these
    await outbox.send(
      letter({ subject: 'Second – Siân', idempotencyKey: 'two', to: [{ email: 'dai@example.org' }] }),
    );
    clock.advanceMs(86_400_000);
    await outbox.send(letter({ subject: 'Third', idempotencyKey: 'three' }));
    await writeFile(path.join(dir, '.half-written.eml.tmp'), 'From: x');
    await writeFile(path.join(dir, 'notes.txt'), 'not a letter');

    const entries = await listOutbox(dir);
    expect(entries.map((e) => [e.subject, e.date])).toEqual([
      ['Third', '2026-03-04T10:15:00.373Z'],
      ['Second – Siân', '2026-03-03T10:15:00.373Z'],
      ['First 🌻', '2026-03-03T10:15:00.123Z'],
    ]);
    expect(entries[1]).toEqual({
      file: expect.stringMatching(/^20260303T101500\.373Z-two-[0-9a-f]{12}\.eml$/),
      subject: 'Second – Siân',
      to: ['dai@example.org'],
      date: '2026-03-03T10:15:00.373Z',
    });
    expect(entries[0]?.to).toEqual(['sian.llwyd@example.org', 'zoe.ficticia@example.org']);
  });

  test('listOutbox of an outbox not yet created is empty', async () => {
    expect(await listOutbox(path.join(dir, 'missing'))).toEqual([]);
  });
});
