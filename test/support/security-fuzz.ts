// Arbitraries for the property-based fuzzing of request bodies (quality.md S4). Bodies are built as JSON text, not as
// JavaScript objects, so that keys such as `__proto__` really reach the server as own keys, exactly as an attacker
// would send them.
import fc from 'fast-check';

/**
 * A JSON document as a tree; objects keep their keys in order and may repeat them. `deep` stands for `depth` nested
 * arrays or objects, written out only as text (a real tree that deep would overflow fast-check's own printing).
 */
export type J = null | boolean | number | string | { arr: J[] } | { obj: [string, J][] } | { deep: number; arrays: boolean };

export function toJson(j: J): string {
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return JSON.stringify(j);
  if (typeof j === 'number') return Number.isFinite(j) ? JSON.stringify(j) : 'null';
  if ('deep' in j) return j.arrays ? `${'['.repeat(j.deep)}1${']'.repeat(j.deep)}` : `${'{"a":'.repeat(j.deep)}1${'}'.repeat(j.deep)}`;
  if ('arr' in j) return `[${j.arr.map(toJson).join(',')}]`;
  return `{${j.obj.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}

export function fromValue(v: unknown): J {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (Array.isArray(v)) return { arr: v.map(fromValue) };
  return { obj: Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromValue(x)]) };
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\uFEFF',
  '\u202Eexe.pdf',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  '%00',
  '%2e%2e%2f',
  "' OR 1=1 --",
  "'; DROP TABLE ip_case; --",
  '"; SELECT pg_sleep(5); --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'ZL202310586421.6',
  '91320706MA1XK7H21A',
  '2026-02-30',
  '9999-12-31',
  '-0',
  'NaN',
  '1e309',
  '𠮷野家',
  '👨‍👩‍👧‍👦',
  'ｚｌ２０２３',
  'e\u0301',
  '\r\n\tX-Injected: 1',
  'a'.repeat(5001),
  '侵'.repeat(20_000),
  'x'.repeat(200_000),
];

/** Strings of every kind: any UTF-16 code unit (lone surrogates too), control characters, injections, huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const NASTY_NUMBERS = [0, -0, -1, 1, 0.5, -1e-7, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21, 1.7976931348623157e308, 5e-324];
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'id', 'state', 'organizationId', 'role', 'version', '', '\u0000', 'a.b', '[0]'];
export const hostileKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));

/** Deeply nested arrays or objects (well past any real document). */
export const deepNesting: fc.Arbitrary<J> = fc.record({ deep: fc.integer({ min: 20, max: 5000 }), arrays: fc.boolean() });

/** Any JSON value, hostile at every level. */
export const hostileJson: fc.Arbitrary<J> = fc.letrec<{ node: J }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: fc.oneof(fc.constant(null), fc.boolean(), hostileNumber, hostileString) as fc.Arbitrary<J> },
    { weight: 1, arbitrary: fc.array(tie('node'), { maxLength: 6 }).map((arr): J => ({ arr })) },
    { weight: 1, arbitrary: fc.array(fc.tuple(hostileKey, tie('node')), { maxLength: 6 }).map((obj): J => ({ obj })) },
    { weight: 1, arbitrary: deepNesting },
  ),
})).node;

/** Every path of a document (objects and arrays included), for mutating one place of a valid body. */
export function pathsOf(j: J, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (j !== null && typeof j === 'object' && !('deep' in j)) {
    if ('arr' in j) j.arr.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
    else j.obj.forEach(([k, x]) => out.push(...pathsOf(x, [...prefix, k])));
  }
  return out;
}

export type Mutation = { kind: 'set'; value: J } | { kind: 'delete' } | { kind: 'add'; key: string; value: J };

/** A copy of `j` with one mutation at `path` (set the value, delete it, or add a sibling key to an object). */
export function mutate(j: J, path: (string | number)[], m: Mutation): J {
  if (!path.length) {
    if (m.kind === 'set') return m.value;
    if (m.kind === 'add' && j !== null && typeof j === 'object' && 'obj' in j) return { obj: [...j.obj, [m.key, m.value]] };
    return m.kind === 'delete' ? null : j;
  }
  if (j === null || typeof j !== 'object' || 'deep' in j) return j;
  const [head, ...rest] = path;
  // An earlier mutation may have removed or replaced what this path led to.
  if ('arr' in j ? Number(head) >= j.arr.length : !j.obj.some(([k]) => k === head)) return j;
  if ('arr' in j) {
    const arr = [...j.arr];
    if (rest.length === 0 && m.kind === 'delete') arr.splice(Number(head), 1);
    else arr[Number(head)] = mutate(arr[Number(head)], rest, m);
    return { arr };
  }
  if (rest.length === 0 && m.kind === 'delete') return { obj: j.obj.filter(([k]) => k !== head) };
  return { obj: j.obj.map(([k, v]) => [k, k === head ? mutate(v, rest, m) : v]) };
}

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: hostileJson.map((value): Mutation => ({ kind: 'set', value })) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'delete' }) },
  { weight: 2, arbitrary: fc.tuple(hostileKey, hostileJson).map(([key, value]): Mutation => ({ kind: 'add', key, value })) },
);

/** A valid document with one, two or three places mutated. */
export function mutated(valid: unknown): fc.Arbitrary<J> {
  const base = fromValue(valid);
  const paths = pathsOf(base);
  return fc.array(fc.tuple(fc.constantFrom(...paths), mutation), { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((doc, [p, m]) => mutate(doc, p, m), base));
}
