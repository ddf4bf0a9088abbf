import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * The pool's connections prepare the statements that change data (and the row locks taken before a change) as
 * named statements: PostgreSQL parses and plans them once per connection instead of on every execution. Measured
 * under the P1 load (docs/benchmarks.md): about a fifth less database CPU per create + submit, the Parse and Bind
 * messages (an unnamed statement is planned again in each Bind) having cost ~0.26 ms of a ~0.5 ms statement.
 *
 * Only writes and `FOR UPDATE` reads are named: their plans do not depend on the values (a key, a row), so the
 * generic plan PostgreSQL settles on after a few executions is as good as a custom one. Lists, searches and figures
 * stay unnamed and are planned for their values (a busy party's search must not inherit a plan made for a rare one).
 * A statement's name is a digest of its text, so one text always has one name; at most `MAX_NAMED` texts are named
 * per process (each connection keeps its prepared statements until it closes), the rest run unnamed.
 */
const MAX_NAMED = 200;
const WRITE = /^\s*(?:INSERT|UPDATE|DELETE)\b/i;
/** A statement led by common table expressions is a write when one of them (or its end) inserts, updates or deletes. */
const WITH = /^\s*WITH\b/i;
const MODIFIES = /\b(?:INSERT\s+INTO|UPDATE\s+\S+\s+(?:AS\s+\S+\s+)?SET|DELETE\s+FROM)\b/i;
const ROW_LOCK = /\bFOR\s+(?:NO\s+KEY\s+)?UPDATE(?:\s+(?:SKIP\s+LOCKED|NOWAIT))?\s*$/i;
const APPEND = /\baudit_append\(/;

const names = new Map<string, string>();
const chosen = new Set<string>();

/**
 * Marks a read whose plan does not depend on its values (lookups by key) as worth naming too; returns the text, so
 * that it can wrap a statement's constant.
 */
export function prepared<T extends string>(text: T): T {
  chosen.add(text);
  return text;
}

/** The name `text` runs under, or null for a statement that stays unnamed. */
export function statementName(text: string): string | null {
  const known = names.get(text);
  if (known !== undefined) return known;
  const worth = chosen.has(text) || WRITE.test(text) || (WITH.test(text) && MODIFIES.test(text)) || ROW_LOCK.test(text) || APPEND.test(text);
  if (names.size >= MAX_NAMED || !worth) return null;
  const name = `lyg_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/** node-postgres' client, with `query(text, values)` of a statement worth naming sent as a named one. */
export class PreparingClient extends Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (name) return (super.query as (config: unknown) => never)({ name, text, values });
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
