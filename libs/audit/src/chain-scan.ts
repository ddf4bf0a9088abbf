import crypto, { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { canonicalJson } from './canonical-json';
import { makePageChecker, type RangeJob } from './page-checker';
import { defaultScanWorkers, type RangeConnection, RangePool } from './scan-pool';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * One audit row as the verifier reads it: raw text from PostgreSQL (no entity hydration, no Date parsing), the
 * instant already formatted as `toISOString()` would, jsonb as its text.
 */
export interface RawAuditRow {
  seq: string;
  at: string;
  caseId: string | null;
  actorId: string | null;
  actorRole: string;
  organizationId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  payloadDigest: string;
  details: unknown;
  requestId: string | null;
  principles: string[];
  prevHash: string;
  hash: string;
}

const q = JSON.stringify;
const qn = (v: string | null) => (v === null ? 'null' : q(v));

/**
 * `canonicalJson(hashedContent(entry))` written out field by field in the sorted key order, for speed: the verifier
 * does this a few hundred thousand times a second. A unit test proves both give the same text.
 * Keys, sorted: action, actorId, actorRole, at, caseId, details, fromState, organizationId, payloadDigest, prevHash,
 * principles, requestId, seq, toState.
 */
export function contentJson(r: Omit<RawAuditRow, 'hash'>): string {
  return (
    contentHead(r) +
    q(r.prevHash) +
    ',"principles":' +
    principlesJson(r.principles) +
    ',"requestId":' +
    qn(r.requestId) +
    ',"seq":' +
    q(r.seq) +
    ',"toState":' +
    qn(r.toState) +
    '}'
  );
}

/** The canonical text up to and including `"prevHash":` (shared with the append statement). */
export function contentHead(r: Omit<RawAuditRow, 'hash' | 'seq' | 'prevHash' | 'principles' | 'requestId' | 'toState'>): string {
  return (
    '{"action":' +
    q(r.action) +
    ',"actorId":' +
    qn(r.actorId) +
    ',"actorRole":' +
    q(r.actorRole) +
    ',"at":' +
    q(r.at) +
    ',"caseId":' +
    qn(r.caseId) +
    ',"details":' +
    canonicalJson(r.details) +
    ',"fromState":' +
    qn(r.fromState) +
    ',"organizationId":' +
    qn(r.organizationId) +
    ',"payloadDigest":' +
    q(r.payloadDigest) +
    ',"prevHash":'
  );
}

export function principlesJson(principles: readonly string[]): string {
  let s = '[';
  for (let i = 0; i < principles.length; i++) s += (i ? ',' : '') + q(principles[i]);
  return s + ']';
}

/** sha256 hex of a string: the one-shot `crypto.hash` where this Node.js has it (20.12+), else a Hash object. */
const nodeHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export const sha256 = nodeHash ? (s: string) => nodeHash('sha256', s, 'hex') : (s: string) => createHash('sha256').update(s).digest('hex');

export function rowHash(r: Omit<RawAuditRow, 'hash'>): string {
  return sha256(r.prevHash + contentJson(r));
}

// --- Row by row: every column as PostgreSQL gives it. The reference path, and the fallback of the page path. ---

const COLUMNS = `seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), case_id::text, actor_id::text, actor_role,
  organization_id::text, action, from_state, to_state, payload_digest, details::text, request_id, principles, prev_hash, hash`;
const ROWS_SQL = `SELECT ${COLUMNS} FROM audit_entry a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT $3`;

type Row = [string, string, string | null, string | null, string, string | null, string, string | null, string | null, string, string, string | null, string[], string, string];

export function toRawRow(a: Row): RawAuditRow {
  return {
    seq: a[0],
    at: a[1],
    caseId: a[2],
    actorId: a[3],
    actorRole: a[4],
    organizationId: a[5],
    action: a[6],
    fromState: a[7],
    toState: a[8],
    payloadDigest: a[9],
    details: a[10] === '{}' ? {} : JSON.parse(a[10]),
    requestId: a[11],
    principles: a[12],
    prevHash: a[13],
    hash: a[14],
  };
}

// --- A page at a time: the fast path (page-checker.ts), in this thread or in worker threads (scan-pool.ts). ---

const PAGE_SQL = `SELECT count(*)::int AS n, string_agg(r, E'\\x1e' ORDER BY seq) AS body, max(seq)::text AS last,
    string_agg(d, E'\\x1e' ORDER BY seq) AS details FROM (
  SELECT a.seq, a.hash || E'\\x1f' || a.seq::text || E'\\x1f' || a.prev_hash || E'\\x1f' || (a.at AT TIME ZONE 'UTC')::text || E'\\x1f'
    || coalesce(a.case_id::text, '') || E'\\x1f' || coalesce(a.actor_id::text, '') || E'\\x1f' || a.actor_role || E'\\x1f'
    || coalesce(a.organization_id::text, '') || E'\\x1f' || a.action || E'\\x1f' || coalesce(a.from_state, E'\\x1d') || E'\\x1f'
    || coalesce(a.to_state, E'\\x1d') || E'\\x1f' || a.payload_digest || E'\\x1f' || coalesce(a.request_id, E'\\x1d') || E'\\x1f'
    || a.principles::text AS r,
    a.details::text AS d
  FROM audit_entry a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT $3) page`;

interface PgClient {
  query(config: { text: string; values: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
}

/** A raw pg client from the caller's transaction, or a pooled one released afterwards. */
export async function withPgClient<T>(db: DataSource | EntityManager, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const existing: QueryRunner | undefined = 'queryRunner' in db && db.queryRunner && !db.queryRunner.isReleased ? db.queryRunner : undefined;
  const runner = existing ?? ('createQueryRunner' in db ? db.createQueryRunner() : db.connection.createQueryRunner());
  try {
    const client = (await runner.connect()) as PgClient;
    return await fn(client);
  } finally {
    if (!existing) await runner.release();
  }
}

export interface ScanOptions {
  /** Start after this entry (whose hash is `prevHash`); from the beginning of the chain by default. */
  afterSeq?: string;
  prevHash?: string;
  /** Stop at this entry; the head when the scan began by default (later appends are the next scan's). */
  untilSeq?: string;
  pageSize?: number;
  /** Entries whose hash the caller wants (checkpoint positions), filled in as the scan passes them. */
  collect?: { seqs: ReadonlySet<string>; hashes: Map<string, string> };
  /** Row by row only (the reference path; tests compare both). */
  rowByRow?: boolean;
  /**
   * Worker threads for the page checks: by default one fewer than the cores (one to four) for scans of more than
   * `WORKER_THRESHOLD` entries, none for smaller ones; 0 keeps everything in this thread.
   */
  workers?: number;
}

export type ChainProblem = 'gap' | 'link' | 'hash';

export interface ScanResult {
  checkedEntries: number;
  /** The first entry that is missing, mislinked or altered; null when the scanned range is intact. */
  firstBadSeq: string | null;
  problem: ChainProblem | null;
  /** The last entry scanned and found good, and its hash. */
  lastGoodSeq: string | null;
  lastGoodHash: string;
  /** The head at the start of the scan. */
  headSeq: string | null;
}

/** How worker threads reach the same database as `db` (its URL and startup options, the app role included). */
function connectionOf(db: DataSource | EntityManager): RangeConnection | null {
  const ds = 'manager' in db ? db : db.connection;
  const o = ds.options as { url?: string; extra?: { options?: string } };
  return o.url ? { connectionString: o.url, options: o.extra?.options } : null;
}

/** Below this many entries threads cost more than they save. */
export const WORKER_THRESHOLD = 50_000;

interface Fetched {
  n: number;
  last: string | null;
  body: string | null;
  details: string | null;
}

/**
 * Recomputes the chain in keyset pages: constant memory (a bounded number of pages in flight), one indexed range
 * read per page, the next pages read while earlier ones are hashed (in worker threads for long chains). Stops at
 * the first bad entry: a gap in `seq` (a deleted row), a `prevHash` that does not link to the previous entry (a
 * removed, inserted or reordered row), or a hash that does not match the content (an edited row). A page the fast
 * path is unsure of (odd content) is read again row by row, which is exact for anything.
 */
export async function scanChain(db: DataSource | EntityManager, opts: ScanOptions = {}): Promise<ScanResult> {
  // Pages of a few thousand entries keep a page's strings in V8's young generation (cheap to collect).
  const pageSize = opts.pageSize ?? 4000;
  return withPgClient(db, async (client) => {
    const head = opts.untilSeq ?? ((await client.query({ text: 'SELECT max(seq)::text FROM audit_entry', values: [], rowMode: 'array' })).rows[0][0] as string | null);
    const result: ScanResult = {
      checkedEntries: 0,
      firstBadSeq: null,
      problem: null,
      lastGoodSeq: opts.afterSeq ?? null,
      lastGoodHash: opts.prevHash ?? GENESIS_HASH,
      headSeq: head,
    };
    if (head === null) return result;

    let prev = result.lastGoodHash;
    // Sequence numbers stay far below 2^53 (285 years at a million entries a second).
    let expected = Number(opts.afterSeq ?? '0') + 1;
    const collect = opts.collect && opts.collect.seqs.size ? opts.collect : null;
    const wantedSorted = collect ? [...collect.seqs].map(Number).sort((a, b) => a - b) : [];
    const fail = (seq: string, problem: ChainProblem) => {
      result.firstBadSeq = seq;
      result.problem = problem;
      return result;
    };
    const good = (seq: string, hash: string) => {
      prev = hash;
      expected = Number(seq) + 1;
      result.lastGoodSeq = seq;
      result.lastGoodHash = hash;
    };

    /** Row by row from `after`: one page of up to `pageSize` rows; false when a bad entry ended the scan. */
    const rowByRowPage = async (after: string): Promise<{ n: number; last: string | null; done: boolean }> => {
      const raw = (await client.query({ text: ROWS_SQL, values: [after, head, pageSize], rowMode: 'array' })).rows as Row[];
      for (const a of raw) {
        const r = toRawRow(a);
        const bad: ChainProblem | null = Number(r.seq) !== expected ? 'gap' : r.prevHash !== prev ? 'link' : rowHash(r) !== r.hash ? 'hash' : null;
        if (bad) {
          fail(bad === 'gap' ? String(expected) : r.seq, bad);
          return { n: raw.length, last: null, done: true };
        }
        if (collect?.seqs.has(r.seq)) collect.hashes.set(r.seq, r.hash);
        result.checkedEntries++;
        good(r.seq, r.hash);
      }
      return { n: raw.length, last: raw.length ? raw[raw.length - 1][0] : null, done: false };
    };

    let after = opts.afterSeq ?? '0';
    if (opts.rowByRow) {
      for (;;) {
        const page = await rowByRowPage(after);
        if (page.done || !page.last) break;
        after = page.last;
        if (page.n < pageSize) break;
      }
      return finish();
    }

    const fetchPage = async (from: string): Promise<Fetched> => {
      const [n, body, last, details] = (await client.query({ text: PAGE_SQL, values: [from, head, pageSize], rowMode: 'array' })).rows[0] as [number, string | null, string | null, string | null];
      return n && body !== null && details !== null ? { n, last, body, details } : { n: 0, last: null, body: null, details: null };
    };
    const wantedIn = (lo: number, hi: number) => wantedSorted.filter((w) => w > lo && w <= hi).map(String);

    const span = Number(head) - Number(after);
    const threads = opts.workers ?? (span > WORKER_THRESHOLD ? defaultScanWorkers() : 0);
    const connection = threads > 0 && span > 0 ? connectionOf(db) : null;
    if (connection) {
      // Ranges of the chain, each read and checked by a worker thread on its own connection; stitched here in order.
      const chunk = Math.max(pageSize * 10, Math.ceil(span / (threads * 4)));
      const jobs: RangeJob[] = [];
      for (let lo = Number(after); lo < Number(head); lo += chunk) {
        const hi = Math.min(Number(head), lo + chunk);
        jobs.push({ id: jobs.length, lo: String(lo), hi: String(hi), pageSize, wanted: wantedIn(lo, hi) });
      }
      const pool = new RangePool(Math.min(threads, jobs.length), connection, PAGE_SQL);
      try {
        const results = pool.run(jobs);
        for (const p of results) p.catch(() => undefined);
        for (let i = 0; i < jobs.length; i++) {
          const r = await results[i];
          if (r.firstSeq !== null) {
            if (Number(r.firstSeq) !== expected) return fail(String(expected), 'gap');
            if (r.firstPrev !== prev) return fail(r.firstSeq, 'link');
          }
          for (const [seq, hash] of r.collected) collect?.hashes.set(seq, hash);
          result.checkedEntries += r.count;
          if (r.count > 0) good(r.lastSeq!, r.lastHash!);
          if (r.kind === 'bad') return fail(r.badSeq!, r.problem!);
          if (r.kind === 'unsure') {
            // Odd content in this range: the rest of it here, row by row where the page path is unsure.
            const rest = await scanChain(db, { afterSeq: result.lastGoodSeq ?? r.lo, prevHash: prev, untilSeq: r.hi, pageSize, collect: opts.collect, workers: 0 });
            result.checkedEntries += rest.checkedEntries;
            if (rest.firstBadSeq !== null) return fail(rest.firstBadSeq, rest.problem!);
            good(rest.lastGoodSeq!, rest.lastGoodHash);
          }
        }
        return finish();
      } finally {
        await pool.close();
      }
    }

    // In this thread: a page is checked while the next one is read.
    const checker = makePageChecker({ canonicalJson, sha256 });
    let jobs = 0;
    let reading: Promise<Fetched> | null = fetchPage(after);
    while (reading) {
      const page: Fetched = await reading;
      reading = null;
      if (!page.n || !page.last) break;
      if (page.n === pageSize) reading = fetchPage(page.last);
      const r = checker({ id: jobs++, n: page.n, body: page.body!, details: page.details!, wanted: wantedIn(Number(after), Number(page.last)) });
      if (r.firstSeq !== null) {
        if (Number(r.firstSeq) !== expected || r.firstPrev !== prev) {
          if (reading) await reading.catch(() => undefined);
          return Number(r.firstSeq) !== expected ? fail(String(expected), 'gap') : fail(r.firstSeq, 'link');
        }
      }
      for (const [seq, hash] of r.collected) collect?.hashes.set(seq, hash);
      result.checkedEntries += r.count;
      if (r.count > 0) good(r.lastSeq!, r.lastHash!);
      if (r.kind === 'bad') {
        if (reading) await reading.catch(() => undefined);
        return fail(r.badSeq!, r.problem!);
      }
      if (r.kind === 'unsure') {
        // Odd content: from the last good entry on, row by row for one page, then the page path again.
        if (reading) await reading.catch(() => undefined);
        const rows = await rowByRowPage(result.lastGoodSeq ?? after);
        if (rows.done) return result;
        if (!rows.last || rows.n < pageSize) break;
        after = rows.last;
        reading = fetchPage(after);
        continue;
      }
      after = page.last;
    }
    return finish();

    function finish(): ScanResult {
      if (result.firstBadSeq === null && String(expected - 1) !== head) {
        // Rows missing at the very end of the scanned range (the head row itself is there, so a gap before it).
        result.firstBadSeq = String(expected);
        result.problem = 'gap';
      }
      return result;
    }
  });
}

/** The hash recorded for one entry (null when the row is missing). */
export async function hashAt(db: DataSource | EntityManager, seq: string): Promise<string | null> {
  const rows: { hash: string }[] = await db.query('SELECT hash FROM audit_entry WHERE seq = $1', [seq]);
  return rows[0]?.hash ?? null;
}
