/**
 * JSON as a tree of text fragments, so the fuzz suite can send what JSON.stringify never writes:
 * duplicate keys, own `__proto__` keys, NaN, Infinity and 1e309 as bare tokens.
 */
import fc from 'fast-check';
import { hostileKey, hostileString } from './hostile.js';

export type Raw =
  | {
      t: 'lit';
      // token: a number JSON.stringify never writes; deep-*: nesting kept as text (too deep for recursion)
      kind: 'null' | 'boolean' | 'number' | 'string' | 'token' | 'deep-array' | 'deep-object';
      text: string;
    }
  | { t: 'arr'; items: Raw[] }
  | { t: 'obj'; entries: [string, Raw][] };

export type Lit = Extract<Raw, { t: 'lit' }>;
export type Step = string | number;

const lit = (kind: Lit['kind'], text: string): Lit => ({ t: 'lit', kind, text });
export const str = (s: string): Lit => lit('string', JSON.stringify(s));
const isString = (r: Raw | undefined) => r?.t === 'lit' && r.kind === 'string';

/** The tree of a plain JSON value. */
export function toRaw(value: unknown): Raw {
  if (value === null || value === undefined) return lit('null', 'null');
  if (typeof value === 'boolean') return lit('boolean', String(value));
  if (typeof value === 'number') return lit('number', JSON.stringify(value));
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return { t: 'arr', items: value.map(toRaw) };
  return { t: 'obj', entries: Object.entries(value as object).map(([k, v]) => [k, toRaw(v)]) };
}

/** Makes fast-check print a value as a short excerpt of its JSON (deep trees overflow its printer). */
export function printable<T extends object>(value: T, text: () => string): T {
  Object.defineProperty(value, fc.toStringMethod, {
    value: () => {
      const t = text();
      return t.length > 300 ? `${t.slice(0, 300)}… (${t.length} chars)` : t;
    },
    enumerable: false,
  });
  return value;
}

export function serialize(raw: Raw): string {
  if (raw.t === 'lit') return raw.text;
  if (raw.t === 'arr') return `[${raw.items.map(serialize).join(',')}]`;
  return `{${raw.entries.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
}

/** Every position that holds a value, depth first (the root is []). */
export function paths(raw: Raw, at: Step[] = []): Step[][] {
  const here = [at];
  if (raw.t === 'arr') return here.concat(...raw.items.map((v, i) => paths(v, [...at, i])));
  if (raw.t === 'obj') return here.concat(...raw.entries.map(([k, v]) => paths(v, [...at, k])));
  return here;
}

export function get(raw: Raw, at: Step[]): Raw | undefined {
  let node: Raw | undefined = raw;
  for (const step of at) {
    if (!node) return undefined;
    if (node.t === 'arr' && typeof step === 'number') node = node.items[step];
    else if (node.t === 'obj') node = node.entries.find(([k]) => k === step)?.[1];
    else return undefined;
  }
  return node;
}

/** A copy with the value at `at` replaced (or removed, when `next` is undefined). */
export function replace(raw: Raw, at: Step[], next: Raw | undefined): Raw {
  if (at.length === 0) return next ?? lit('null', 'null');
  const [step, ...rest] = at;
  if (raw.t === 'arr' && typeof step === 'number') {
    const items = raw.items.flatMap((v, i) => {
      if (i !== step) return [v];
      return rest.length === 0 && !next ? [] : [replace(v, rest, next)];
    });
    return { t: 'arr', items };
  }
  if (raw.t === 'obj') {
    const entries = raw.entries.flatMap(([k, v]): [string, Raw][] => {
      if (k !== step) return [[k, v]];
      return rest.length === 0 && !next ? [] : [[k, replace(v, rest, next)]];
    });
    return { t: 'obj', entries };
  }
  return raw;
}

/** A copy with one more entry in the object at `at` (duplicates and pollution keys included). */
export function addEntry(raw: Raw, at: Step[], key: string, value: Raw, first = false): Raw {
  const target = get(raw, at);
  if (!target || target.t !== 'obj') return raw;
  const entries: [string, Raw][] = first
    ? [[key, value], ...target.entries]
    : [...target.entries, [key, value]];
  return replace(raw, at, { t: 'obj', entries });
}

/** The JSON type of a node, as JSON Schema names it. */
export function typeOf(raw: Raw): string {
  if (raw.t === 'arr') return 'array';
  if (raw.t === 'obj') return 'object';
  const kinds = { token: 'number', 'deep-array': 'array', 'deep-object': 'object' } as Record<string, string>;
  return kinds[raw.kind] ?? raw.kind;
}

/** Numbers JSON.stringify never writes: bare NaN and Infinity are invalid JSON, 1e309 parses as Infinity. */
export const ODD_NUMBERS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '1e-400',
  '9'.repeat(400),
];

export const rawLiteral = (): fc.Arbitrary<Lit> =>
  fc.oneof(
    fc.constant(lit('null', 'null')),
    fc.boolean().map((b) => lit('boolean', String(b))),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => lit('number', JSON.stringify(n))),
    fc.integer().map((n) => lit('number', String(n))),
    fc.constantFrom(...ODD_NUMBERS).map((t) => lit('token', t)),
    hostileString().map(str),
  );

/** Any JSON-ish value: nested arrays and objects of hostile keys and literals. */
export const rawValue = (fieldNames: readonly string[] = [], maxDepth = 4): fc.Arbitrary<Raw> =>
  fc.letrec<{ value: Raw }>((tie) => ({
    value: fc.oneof(
      { maxDepth, depthIdentifier: 'raw' },
      rawLiteral(),
      fc.array(tie('value'), { maxLength: 5 }).map((items): Raw => ({ t: 'arr', items })),
      fc
        .array(fc.tuple(hostileKey(fieldNames), tie('value')), { maxLength: 6 })
        .map((entries): Raw => ({ t: 'obj', entries })),
    ),
  })).value;

/** Arrays or objects nested thousands deep, the kind that overflows a recursive walker. */
export const deepNesting = (): fc.Arbitrary<Lit> =>
  fc
    .tuple(fc.constantFrom('arr', 'obj'), fc.integer({ min: 500, max: 20_000 }))
    .map(([kind, depth]) =>
      kind === 'arr'
        ? lit('deep-array', `${'['.repeat(depth)}1${']'.repeat(depth)}`)
        : lit('deep-object', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    );

/** Large arrays of small things (under the body limit, far over any field's limit). */
export const hugeArray = (): fc.Arbitrary<Raw> =>
  fc
    .tuple(
      fc.integer({ min: 1_000, max: 40_000 }),
      rawLiteral().filter((r) => r.text.length < 20),
    )
    .map(([n, item]) => ({ t: 'arr', items: Array.from({ length: n }, () => item) }));

/** A value whose JSON type differs from `original`'s: the caller's schema must refuse it. */
export const wrongTypeFor = (original: Raw): fc.Arbitrary<Raw> => {
  const was = typeOf(original);
  const options: fc.Arbitrary<Raw>[] = [];
  if (was !== 'null') options.push(fc.constant(lit('null', 'null')));
  if (was !== 'boolean') options.push(fc.boolean().map((b) => lit('boolean', String(b))));
  if (was !== 'number')
    options.push(
      fc.oneof(
        fc.integer().map((n) => lit('number', String(n))),
        fc.constantFrom('1e309', '-0', '0.5').map((t) => lit('token', t)),
      ),
    );
  if (was !== 'string') options.push(hostileString().map(str));
  if (was !== 'array')
    options.push(fc.oneof(fc.constant<Raw>({ t: 'arr', items: [] }), hugeArray(), deepNesting()));
  if (was !== 'object')
    options.push(
      fc.oneof(
        fc.constant<Raw>({ t: 'obj', entries: [] }),
        fc.constantFrom('__proto__', 'constructor').map((k): Raw => ({
          t: 'obj',
          entries: [[k, { t: 'obj', entries: [['polluted', lit('boolean', 'true')]] }]],
        })),
      ),
    );
  return fc.oneof(...options);
};

export type Mutation =
  | { kind: 'wrong-type'; at: Step[]; value: Raw }
  | { kind: 'hostile-string'; at: Step[]; value: Raw }
  | { kind: 'remove'; at: Step[] }
  | { kind: 'extra-key'; at: Step[]; key: string; value: Raw }
  | { kind: 'duplicate-key'; at: Step[]; key: string; value: Raw };

/** Whether the mutation alone makes the body invalid, whatever the schema (all schemas check types). */
export const surelyInvalid = (m: Mutation): boolean => m.kind === 'wrong-type';

/**
 * One mutation of a valid body: a wrong type at any field, a hostile string in a text field, a field
 * taken away, an extra (pollution) key, or a key repeated with a hostile value before the real one.
 */
export function mutation(valid: Raw, fieldNames: readonly string[] = []): fc.Arbitrary<Mutation> {
  return anyMutation(valid, fieldNames).map((m) =>
    printable(
      { ...m },
      () =>
        `${m.kind} at ${m.at.join('.') || '(root)'}${'key' in m ? ` key ${JSON.stringify(m.key)}` : ''}${'value' in m ? `: ${serialize(m.value)}` : ''}`,
    ),
  );
}

function anyMutation(valid: Raw, fieldNames: readonly string[]): fc.Arbitrary<Mutation> {
  const all = paths(valid).filter((p) => p.length > 0);
  const strings = all.filter((p) => isString(get(valid, p)));
  const objects = paths(valid).filter((p) => get(valid, p)?.t === 'obj');
  const options: fc.Arbitrary<Mutation>[] = [];
  if (all.length)
    options.push(
      fc
        .constantFrom(...all)
        .chain((at) =>
          wrongTypeFor(get(valid, at)!).map((value): Mutation => ({ kind: 'wrong-type', at, value })),
        ),
      fc.constantFrom(...all).map((at): Mutation => ({ kind: 'remove', at })),
    );
  if (strings.length)
    options.push(
      fc
        .tuple(fc.constantFrom(...strings), hostileString())
        .map(([at, s]): Mutation => ({ kind: 'hostile-string', at, value: str(s) })),
    );
  if (objects.length)
    options.push(
      fc
        .tuple(fc.constantFrom(...objects), hostileKey(fieldNames), rawValue(fieldNames, 2))
        .map(([at, key, value]): Mutation => ({ kind: 'extra-key', at, key, value })),
      fc.constantFrom(...objects).chain((at) => {
        const keys = (get(valid, at) as Extract<Raw, { t: 'obj' }>).entries.map(([k]) => k);
        return keys.length
          ? fc
              .tuple(fc.constantFrom(...keys), rawValue(fieldNames, 2))
              .map(([key, value]): Mutation => ({ kind: 'duplicate-key', at, key, value }))
          : fc.constant<Mutation>({ kind: 'remove', at });
      }),
    );
  return fc.oneof(...options);
}

export function applyMutation(valid: Raw, m: Mutation): Raw {
  switch (m.kind) {
    case 'wrong-type':
    case 'hostile-string':
      return replace(valid, m.at, m.value);
    case 'remove':
      return replace(valid, m.at, undefined);
    case 'extra-key':
      return addEntry(valid, m.at, m.key, m.value);
    case 'duplicate-key':
      // The hostile copy comes first, so JSON.parse keeps the real value (last one wins).
      return addEntry(valid, m.at, m.key, m.value, true);
  }
}

/** The hostile strings a mutation put into the body (for "was it echoed?" checks). */
export function stringsIn(raw: Raw): string[] {
  const found: string[] = [];
  const walk = (r: Raw) => {
    if (r.t === 'lit' && r.kind === 'string') found.push(JSON.parse(r.text) as string);
    else if (r.t === 'arr') r.items.forEach(walk);
    else if (r.t === 'obj')
      r.entries.forEach(([k, v]) => {
        found.push(k);
        walk(v);
      });
  };
  walk(raw);
  return found;
}
