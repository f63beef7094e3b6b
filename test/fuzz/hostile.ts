/**
 * Hostile values for the fuzz suite: a fixed corpus of strings that have broken real services, and
 * fast-check arbitraries that mix them with random text.
 */
import fc from 'fast-check';

/** Strings worth trying in every text field; none of them looks like a stack trace or a file path. */
export const HOSTILE_STRINGS: readonly string[] = [
  "'; drop table conferences; --",
  "' or '1'='1",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '[click me](https://evil.example.org)',
  // adaptivecards-templating expressions: must stay text, never be expanded a second time.
  '${title}',
  '${$root}',
  '{{7*7}}',
  '\u202Eevil\u202C', // right-to-left override
  'a\u200Db\u200Bc\uFEFFd', // zero-width joiner, zero-width space, BOM
  '\u0000',
  'nul\u0000inside',
  '\uD800', // lone high surrogate
  'x\uDFFFy', // lone low surrogate
  '\uD83D\uDE00\uD83D', // emoji then a dangling half
  '👨‍👩‍👧‍👦',
  'Z̴̡̪͎a̷̧l̶g̵o̸',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  '\r\nSet-Cookie: pwned=1',
  '\t\n\v\f\r ',
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  '1e309',
  '-0',
  '00000000-0000-0000-0000-000000000000',
  'ﬀ𝓤𝓷𝓲𝓬𝓸𝓭𝓮',
  'A'.repeat(10_000),
  'é'.repeat(50_000),
];

/** Keys that pollute prototypes in careless code. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A fixed hostile string with random text before and after it, or random text of any code point. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 8 }))
        .map(([a, b, c]) => a + b + c),
      weight: 2,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\u0000', '\u202E', '\u200D'), fc.string())
        .map(([odd, s]) => s + odd + s),
      weight: 1,
    },
    // Very long strings, some beyond any field's limit and some beyond the body limit.
    {
      arbitrary: fc
        .tuple(fc.constantFrom('x', 'é', '😀', '\u200D'), fc.integer({ min: 101, max: 120_000 }))
        .map(([c, n]) => c.repeat(n)),
      weight: 1,
    },
  );

/** Hostile object keys: pollution keys, the real field names given, and random text. */
export const hostileKey = (fieldNames: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...POLLUTION_KEYS),
    ...(fieldNames.length ? [fc.constantFrom(...fieldNames)] : []),
    hostileString().filter((s) => s.length < 200),
  );
