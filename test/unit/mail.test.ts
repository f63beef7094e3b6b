import { DomainError } from '../../bot/domain/errors.js';
import { applyExclusions, parseOutgoingMail, SUBJECT_MAX } from '../../bot/domain/mail.js';
import type { OutgoingMail } from '../../bot/domain/mail.js';

// Fictional people at example.org only.
const letter = (overrides: Partial<Record<keyof OutgoingMail, unknown>> = {}) => ({
  to: [
    { name: 'Morwenna Testfield', email: 'morwenna.testfield@example.org' },
    { name: 'Dai Placeholder', email: 'dai.placeholder@example.org' },
  ],
  cc: [{ name: 'Chair Fictional', email: 'chair@example.org' }],
  subject: 'Decision of the conference RT-0001',
  text: 'The conference decided…',
  html: '<p>The conference decided…</p>',
  idempotencyKey: 'decision:RT-0001',
  ...overrides,
});

const errorOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('parseOutgoingMail', () => {
  test('accepts a complete letter and normalises addresses', () => {
    const mail = parseOutgoingMail(
      letter({ to: [{ name: '  Siân Llwyd-Example ', email: ' Sian.Example@EXAMPLE.org ' }] }),
    );
    expect(mail.to).toEqual([{ name: 'Siân Llwyd-Example', email: 'sian.example@example.org' }]);
    expect(mail.subject).toBe('Decision of the conference RT-0001');
  });

  test.each([
    ['To, recipient 2', 'to', 1, 'not-an-address', 'to.1.email'],
    ['To, recipient 1', 'to', 0, 'two@@example.org', 'to.0.email'],
    ['Cc, recipient 1', 'cc', 0, 'chair@', 'cc.0.email'],
    ['Cc, recipient 1', 'cc', 0, '', 'cc.0.email'],
  ] as const)(
    'refuses a bad address as "%s" and names that position',
    (position, field, index, bad, path) => {
      const base = letter();
      const list = (base[field] as { name: string; email: string }[]).map((r, i) =>
        i === index ? { ...r, email: bad } : r,
      );
      const err = errorOf(() => parseOutgoingMail({ ...base, [field]: list }));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details).toEqual([{ path, message: expect.stringContaining(position) }]);
      expect(err.message).toContain(position);
      // The message is for a person and may reach a log: it names the position, never the address.
      if (bad) expect(err.message).not.toContain(bad);
    },
  );

  test('lists every bad address at once', () => {
    const err = errorOf(() =>
      parseOutgoingMail(letter({ to: [{ email: 'a@example.org' }, { email: 'b' }, { email: 'c@' }] })),
    );
    expect(err.details.map((d) => d.path)).toEqual(['to.1.email', 'to.2.email']);
  });

  test('refuses a bad excluded address and an attachment without a file name, by position', () => {
    const err = errorOf(() =>
      parseOutgoingMail(
        letter({
          excluded: ['x@example.org', 'nope'],
          attachments: [{ filename: ' ', contentType: 'application/pdf', content: Buffer.from('%PDF') }],
        }),
      ),
    );
    expect(err.details.map((d) => d.message)).toEqual([
      expect.stringContaining('Attachment 1'),
      expect.stringContaining('Excluded, address 2'),
    ]);
  });

  test.each([
    ['empty', '', 'Give the letter a subject.'],
    ['too long', 'x'.repeat(SUBJECT_MAX + 1), `at most ${SUBJECT_MAX} characters`],
    ['a header injection', 'Decision\r\nBcc: someone@example.org', 'line breaks'],
  ])('refuses a subject that is %s', (_label, subject, message) => {
    const err = errorOf(() => parseOutgoingMail(letter({ subject })));
    expect(err.details[0]).toEqual({ path: 'subject', message: expect.stringContaining(message) });
  });

  test('accepts a subject of exactly the longest length', () => {
    expect(parseOutgoingMail(letter({ subject: 'x'.repeat(SUBJECT_MAX) })).subject).toHaveLength(SUBJECT_MAX);
  });

  test.each(['text', 'html', 'idempotencyKey'] as const)('requires %s', (field) => {
    expect(errorOf(() => parseOutgoingMail(letter({ [field]: '' }))).details[0]?.path).toBe(field);
  });

  test('refuses a name with a line break and a malformed content type', () => {
    const err = errorOf(() =>
      parseOutgoingMail(
        letter({
          to: [{ name: 'Dai\nBcc: x@example.org', email: 'dai@example.org' }],
          attachments: [{ filename: 'a.pdf', contentType: 'pdf', content: 'x' }],
        }),
      ),
    );
    expect(err.details.map((d) => d.path)).toEqual(['to.0.name', 'attachments.0.contentType']);
  });

  test('applies exclusions, case-insensitively, to To and Cc', () => {
    const mail = parseOutgoingMail(
      letter({ excluded: ['DAI.Placeholder@Example.ORG', 'CHAIR@example.org'] }),
    );
    expect(mail.to.map((r) => r.email)).toEqual(['morwenna.testfield@example.org']);
    expect(mail.cc).toEqual([]);
  });

  test('refuses a letter when everyone in To is excluded', () => {
    const err = errorOf(() =>
      parseOutgoingMail(
        letter({ excluded: ['morwenna.testfield@example.org', 'dai.placeholder@example.org'] }),
      ),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toMatch(/nobody is left/);
    expect(err.details).toEqual([{ path: 'to', message: expect.any(String) }]);
  });

  test('refuses a letter with nobody in To', () => {
    expect(errorOf(() => parseOutgoingMail(letter({ to: [] }))).details[0]?.path).toBe('to');
  });
});

describe('applyExclusions', () => {
  test('is pure: compares case-insensitively and leaves the input untouched', () => {
    const input = {
      to: [{ email: 'Parent.One@Example.org' }, { email: 'pro@example.org' }],
      cc: [{ email: 'PARENT.ONE@example.org' }],
      excluded: [' parent.one@example.ORG '],
    };
    const copy = structuredClone(input);
    expect(applyExclusions(input)).toEqual({ ...input, to: [{ email: 'pro@example.org' }], cc: [] });
    expect(input).toEqual(copy);
  });

  test('without exclusions returns the letter as it was', () => {
    const input = { to: [{ email: 'a@example.org' }] };
    expect(applyExclusions(input)).toBe(input);
  });
});
