import { createHash } from 'node:crypto';
import { type AuditEntry, type Principle, preparingClientOf } from '@lyg/database';
import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from './canonical-json';
import { contentHead, GENESIS_HASH, principlesJson, scanChain } from './chain-scan';
import { principlesFor } from './principles';

export { GENESIS_HASH } from './chain-scan';

/** One chain: every append takes transaction-scoped advisory lock 727001 (in `audit_append`), so writers never fork it. */

export interface AuditFact {
  caseId: string | null;
  actorId: string | null;
  actorRole: string;
  organizationId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  /** The request body or event payload; only its digest and the safe `details` are kept. */
  payload: unknown;
  details?: Record<string, unknown>;
  requestId?: string | null;
  /** The principles the action serves (docs/audit.md); see `principlesFor` for what is added. */
  principles: Principle[];
  at?: Date;
}

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hashed content of an entry: every column but `hash`, with the instant as ISO text. */
export function hashedContent(e: Omit<AuditEntry, 'hash'>): Record<string, unknown> {
  return {
    seq: String(e.seq),
    at: new Date(e.at).toISOString(),
    caseId: e.caseId,
    actorId: e.actorId,
    actorRole: e.actorRole,
    organizationId: e.organizationId,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    payloadDigest: e.payloadDigest,
    details: e.details,
    requestId: e.requestId,
    principles: e.principles,
    prevHash: e.prevHash,
  };
}

/** `sha256(prevHash + canonicalJson(every column but hash))`: the definition a verifier in another system follows. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(e.prevHash + canonicalJson(hashedContent(e)));
}

/**
 * The append, one round trip: `audit_append` (migration AuditAppendFunction) takes the chain's advisory lock, then
 * inserts the entry after the head (a fresh snapshot, so after the previous holder's commit) with PostgreSQL hashing
 * `prevHash + canonical JSON` from the three pieces of canonical text around `prevHash` and `seq` (sha256 over the
 * same UTF-8 bytes node:crypto hashes when verifying).
 */
const APPEND_SQL = `SELECT o_seq::text AS seq, o_prev_hash AS "prevHash", o_hash AS hash
  FROM audit_append($1, $2::timestamptz, $3::uuid, $4::uuid, $5, $6::uuid, $7, $8, $9, $10, $11, $12, $13::text[], $14, $15, $16)`;

/**
 * Text as PostgreSQL can keep it: well-formed Unicode (a lone surrogate would reach the table as U+FFFD) and no NUL
 * (refused by text and jsonb alike). The entry is hashed as it is stored, so that it verifies.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL refuses
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;
export function storable(s: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE, '\uFFFD') : s;
}
const storableOrNull = (s: string | null | undefined) => (s === null || s === undefined ? null : storable(s));

/** A JSON document as jsonb keeps it: the JSON.stringify round trip, every key and string storable. */
function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[storable(k)] = storableJson(v);
    return out;
  }
  return value;
}

/** The `audit_append` call of one fact: its parameters, and the entry as stored but for `seq`, `prevHash`, `hash`. */
function appendCall(fact: AuditFact): { params: unknown[]; entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> } {
  // Truncated to milliseconds: what PostgreSQL keeps (microseconds) must hash the same when read back.
  const at = new Date(Math.floor((fact.at ?? new Date()).getTime()));
  // What jsonb keeps is what JSON.stringify writes: hash exactly that (no toJSON, undefined or NaN surprises).
  const details = storableJson(JSON.parse(JSON.stringify(fact.details ?? {}))) as Record<string, unknown>;
  // Every entry serves at least one principle: the writer's, a triage verdict's, or broad (docs/audit.md).
  const principles = principlesFor(fact.action, details, fact.principles ?? []);
  const entry = {
    at,
    caseId: fact.caseId ?? null,
    actorId: fact.actorId ?? null,
    actorRole: storable(fact.actorRole),
    organizationId: fact.organizationId ?? null,
    action: storable(fact.action),
    fromState: storableOrNull(fact.fromState),
    toState: storableOrNull(fact.toState),
    payloadDigest: sha256Hex(canonicalJson(fact.payload ?? null)),
    details,
    requestId: storableOrNull(fact.requestId),
    principles,
  };
  const before = contentHead({ ...entry, at: at.toISOString() }) + '"';
  const between = `","principles":${principlesJson(principles)},"requestId":${entry.requestId === null ? 'null' : JSON.stringify(entry.requestId)},"seq":"`;
  const after = `","toState":${entry.toState === null ? 'null' : JSON.stringify(entry.toState)}}`;
  const params = [
    GENESIS_HASH,
    at.toISOString(),
    entry.caseId,
    entry.actorId,
    entry.actorRole,
    entry.organizationId,
    entry.action,
    entry.fromState,
    entry.toState,
    entry.payloadDigest,
    canonicalJson(details),
    entry.requestId,
    principles,
    before,
    between,
    after,
  ];
  return { params, entry };
}

type AppendRow = { seq: string; prevHash: string; hash: string };

/** Appends one entry inside the caller's transaction: it commits or rolls back with the change it records. */
export async function appendAudit(m: EntityManager, fact: AuditFact): Promise<AuditEntry> {
  if (!m.queryRunner?.isTransactionActive) return m.transaction((tx) => appendAudit(tx, fact));
  const { params, entry } = appendCall(fact);
  const [row]: AppendRow[] = await m.query(APPEND_SQL, params);
  return { ...entry, seq: row.seq, prevHash: row.prevHash, hash: row.hash };
}

/** What `auditedTransaction`'s work gives back: its answer, and the audit facts to append as the last statements. */
export interface Audited<T> {
  value: T;
  audits: readonly AuditFact[];
}

interface RawClient {
  query(text: string, values?: unknown[]): Promise<QueryResult | QueryResult[]>;
}
interface QueryResult {
  rows: unknown[];
  command: string;
}

/** One parameter of `APPEND_SQL` as an SQL literal (node-postgres' escaping: quotes doubled, `E''` for backslashes). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return `ARRAY[${v.map((x) => literal(x)).join(',')}]`;
  return escapeLiteral(String(v));
}

/** `APPEND_SQL` with its parameters written in, for a statement sent with others in one message. */
export function inlineAppend(params: readonly unknown[]): string {
  return APPEND_SQL.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
}

/**
 * One transaction whose last statements are the audit appends of what it did. The BEGIN waits to leave with the
 * transaction's first statement, and the appends and the COMMIT leave in one round trip with whatever writes the work
 * held back (`deferWrite`): the chain's lock (taken by the first append) is held for the server's work on the appends
 * and the commit alone, with no round trip to this process in between. A failure in that last message stops the
 * server there (it skips the COMMIT); the transaction is rolled back and the error thrown: nothing is answered as done
 * that is not in the chain.
 */
export async function auditedTransaction<T>(ds: DataSource, work: (m: EntityManager) => Promise<Audited<T>>): Promise<T> {
  const qr = ds.createQueryRunner();
  try {
    await qr.connect();
    const client = preparingClientOf(qr);
    if (client) {
      client.defer('BEGIN');
      Object.assign(qr, { isTransactionActive: true, transactionDepth: 1 });
    } else await qr.startTransaction();
    let out: Audited<T>;
    try {
      out = await work(qr.manager);
    } catch (e) {
      if (client?.holdsBegin()) {
        // Nothing reached the server: there is no transaction to roll back.
        client.discardDeferred();
        Object.assign(qr, { isTransactionActive: false, transactionDepth: 0 });
      } else await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    }
    let last: QueryResult | undefined;
    try {
      if (client) {
        const answers = await client.batch([...out.audits.map((fact) => ({ text: APPEND_SQL, values: appendCall(fact).params })), { text: 'COMMIT' }]);
        last = answers[answers.length - 1];
      } else {
        const raw = (qr as unknown as { databaseConnection: RawClient }).databaseConnection;
        const answer = await raw.query([...out.audits.map((fact) => inlineAppend(appendCall(fact).params)), 'COMMIT'].join(';\n'));
        last = Array.isArray(answer) ? answer[answer.length - 1] : answer;
      }
    } catch (e) {
      // The server stopped at the failed statement: the transaction is aborted (or, if the COMMIT failed, over).
      const raw = (qr as unknown as { databaseConnection: RawClient }).databaseConnection;
      await raw.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      // The transaction is over on the server either way: TypeORM's view must follow.
      Object.assign(qr, { isTransactionActive: false, transactionDepth: 0 });
    }
    if (last?.command !== 'COMMIT') throw new Error(`audited transaction ended with ${last?.command}, not COMMIT`);
    return out.value;
  } finally {
    // Never hand the pool a connection that still holds statements of a transaction that is over.
    preparingClientOf(qr)?.discardDeferred();
    await qr.release();
  }
}

export interface ChainVerification {
  valid: boolean;
  checkedEntries: number;
  firstBadSeq: string | null;
}

/**
 * Recomputes the whole chain in pages of `batch` raw rows, in constant memory (the chain alone; `verifyAudit` also
 * checks it against the signed checkpoints, which is what catches a rewrite of the whole table).
 */
export async function verifyChain(m: EntityManager, batch = 10_000): Promise<ChainVerification> {
  const scan = await scanChain(m, { pageSize: batch });
  return { valid: scan.firstBadSeq === null, checkedEntries: scan.checkedEntries, firstBadSeq: scan.firstBadSeq };
}
