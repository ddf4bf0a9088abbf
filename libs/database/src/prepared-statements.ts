import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { type BatchResult, type BatchStatement, StatementBatch } from './statement-batch';

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

const ROLLBACK = /^\s*ROLLBACK\b/i;

/**
 * node-postgres' client, with `query(text, values)` of a statement worth naming sent as a named one, and writes
 * whose answer nobody waits for held back (`defer`) until the next statement is sent: they then leave with it in one
 * round trip (a `StatementBatch`), in the order they were made. A ROLLBACK drops them unsent.
 */
export class PreparingClient extends Client {
  private deferred: BatchStatement[] = [];

  /**
   * Holds `text` back until the next statement on this connection. Its failure fails that statement's query (the
   * transaction is then aborted, as it would have been). For use inside a transaction only: see `deferWrite`.
   */
  defer(text: string, values?: readonly unknown[]): void {
    this.deferred.push({ text, values, name: values && values.length > 0 ? statementName(text) : null });
  }

  /** Statements held back and not yet sent. */
  get deferredCount(): number {
    return this.deferred.length;
  }

  /** Whether the first statement held back is a BEGIN: nothing of the transaction it opens has been sent yet. */
  holdsBegin(): boolean {
    return this.deferred[0]?.text === 'BEGIN';
  }

  /** Drops the statements held back (the transaction they belong to is being given up). */
  discardDeferred(): void {
    this.deferred = [];
  }

  /** Sends `statements` in one round trip; the answers in order. */
  batch(statements: readonly { text: string; values?: readonly unknown[] }[]): Promise<BatchResult[]> {
    const all = [...this.deferred, ...statements.map((s) => ({ ...s, name: s.values && s.values.length > 0 ? statementName(s.text) : null }))];
    this.deferred = [];
    return new Promise((resolve, reject) => {
      (super.query as (q: unknown) => unknown)(new StatementBatch(all, (err, results) => (err ? reject(err) : resolve(results))));
    });
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const plain = typeof text === 'string' && args.length <= 2 && (values === undefined || Array.isArray(values));
    if (this.deferred.length > 0) {
      if (plain && ROLLBACK.test(text)) this.discardDeferred();
      else if (plain) {
        return this.batch([{ text, values: values as unknown[] | undefined }]).then((r) => r[r.length - 1]) as never;
      } else {
        // Any other form of query (a config object, a callback, a cursor) goes after the held-back statements, which
        // leave first on their own; a failure among them aborts the transaction, so that query fails too.
        void this.batch([]).catch(() => undefined);
      }
    }
    if (plain && Array.isArray(values) && values.length > 0) {
      const name = statementName(text);
      if (name) return (super.query as (config: unknown) => never)({ name, text, values });
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

interface WithConnection {
  databaseConnection?: unknown;
  isTransactionActive?: boolean;
}

/** The connection of a query runner as a `PreparingClient`, or null (not connected, or another client class). */
export function preparingClientOf(qr: unknown): PreparingClient | null {
  const c = (qr as WithConnection | undefined)?.databaseConnection;
  return c instanceof PreparingClient ? c : null;
}

/**
 * A write inside the manager's transaction whose answer the caller does not need: held back and sent with the
 * transaction's next statement (one round trip for both). Outside a transaction, or on another client, it runs now.
 */
export async function deferWrite(m: { queryRunner?: unknown; query(text: string, values?: unknown[]): Promise<unknown> }, text: string, values?: unknown[]): Promise<void> {
  const qr = m.queryRunner as WithConnection | undefined;
  const client = qr?.isTransactionActive ? preparingClientOf(qr) : null;
  if (client) client.defer(text, values);
  else await m.query(text, values);
}
