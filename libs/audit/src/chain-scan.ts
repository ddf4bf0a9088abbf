import crypto, { createHash } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { canonicalJson } from './canonical-json';
import os from 'node:os';
import { Client } from 'pg';
import { makePageChecker } from './page-checker';

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

// --- A page at a time (page-checker.ts): the exact check of ranges the `sql` path did not find intact. ---

const PAGE_SQL = `SELECT count(*)::int AS n, string_agg(r, E'\\x1e' ORDER BY seq) AS body, max(seq)::text AS last,
    string_agg(d, E'\\x1e' ORDER BY seq) AS details FROM (
  SELECT a.seq, a.hash || E'\\x1f' || a.seq::text || E'\\x1f' || a.prev_hash || E'\\x1f' || (a.at AT TIME ZONE 'UTC')::text || E'\\x1f'
    || coalesce(a.case_id::text, '') || E'\\x1f' || coalesce(a.actor_id::text, '') || E'\\x1f' || a.actor_role || E'\\x1f'
    || coalesce(a.organization_id::text, '') || E'\\x1f' || a.action || E'\\x1f' || coalesce(a.from_state, E'\\x1d') || E'\\x1f'
    || coalesce(a.to_state, E'\\x1d') || E'\\x1f' || a.payload_digest || E'\\x1f' || coalesce(a.request_id, E'\\x1d') || E'\\x1f'
    || a.principles::text AS r,
    a.details::text AS d
  FROM audit_entry a WHERE a.seq > $1 AND a.seq <= $2 ORDER BY a.seq LIMIT $3) page`;

/**
 * The `sql` path: PostgreSQL itself recomputes every entry of a range (`$1`, `$2`] (its canonical text written out
 * by the statement, hashed with `sha256`) and checks the links (`lag`), and answers with one row: `[count, first seq,
 * last seq, first bad seq, first entry's prevHash, last entry's hash, "seq hash" of the wanted seqs ($3)]`.
 * Nothing here is taken on trust: the statement is this code's, and an entry it finds good hashes, under SHA-256,
 * to a text that names every column unambiguously (strings JSON-quoted by `to_json`, `details` the stored canonical
 * text between fixed keys), so it cannot have been changed without changing its hash. Where its text differs from
 * `contentJson`'s (content this statement writes otherwise, e.g. before migration AuditDetailsText) the range is
 * merely re-checked by the page path.
 */
const RANGE_SQL = `SELECT count(*)::int, min(seq)::text, max(seq)::text, (min(seq) FILTER (WHERE ok IS NOT TRUE))::text,
    max(prev_hash) FILTER (WHERE seq = $1::bigint + 1), max(hash) FILTER (WHERE seq = $2::bigint),
    coalesce(array_agg(seq::text || ' ' || hash) FILTER (WHERE seq = ANY($3::bigint[])), '{}')
  FROM (SELECT seq, prev_hash, hash,
      hash = encode(sha256(convert_to(concat(prev_hash, '{"action":', to_json(action), ',"actorId":', coalesce('"' || actor_id || '"', 'null'),
        ',"actorRole":', to_json(actor_role), ',"at":"', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        '","caseId":', coalesce('"' || case_id || '"', 'null'), ',"details":', details, ',"fromState":', coalesce(to_json(from_state)::text, 'null'),
        ',"organizationId":', coalesce('"' || organization_id || '"', 'null'), ',"payloadDigest":', to_json(payload_digest),
        ',"prevHash":', to_json(prev_hash), ',"principles":', array_to_json(principles), ',"requestId":', coalesce(to_json(request_id)::text, 'null'),
        ',"seq":"', seq, '","toState":', coalesce(to_json(to_state)::text, 'null'), '}'), 'UTF8')), 'hex')
      AND (ls IS NULL OR (seq = ls + 1 AND prev_hash = lh)) AS ok
    FROM (SELECT a.*, lag(a.seq) OVER w AS ls, lag(a.hash) OVER w AS lh FROM audit_entry a WHERE a.seq > $1::bigint AND a.seq <= $2::bigint
      WINDOW w AS (ORDER BY a.seq)) linked) checked`;

type RangeRow = [number, string | null, string | null, string | null, string | null, string | null, string[]];

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
  /**
   * How entries are recomputed (every way gives the same verdict; tests compare them):
   * - `sql` (default): PostgreSQL recomputes each range's hashes and links in one statement (`RANGE_SQL`), several
   *   ranges at once on connections of their own; a range it does not find intact is checked again by `pages`;
   * - `pages`: a page of entries at a time as one text, decoded and hashed here (page-checker.ts);
   * - `rows`: row by row, every column as PostgreSQL gives it (the reference).
   */
  mode?: 'sql' | 'pages' | 'rows';
  /**
   * Connections the `sql` path works on at once: the caller's and more of its own. By default as many as the
   * cores, at most four, for scans of more than `PARALLEL_THRESHOLD` entries, else the caller's alone.
   */
  connections?: number;
  /** Entries per range of the `sql` path. */
  rangeSize?: number;
}

export type ChainProblem = 'gap' | 'link' | 'hash';

export interface ScanResult {
  checkedEntries: number;
  /** Of those, entries the `sql` path did not find intact and the page path checked again (0 on the other paths). */
  recheckedEntries: number;
  /** The first entry that is missing, mislinked or altered; null when the scanned range is intact. */
  firstBadSeq: string | null;
  problem: ChainProblem | null;
  /** The last entry scanned and found good, and its hash. */
  lastGoodSeq: string | null;
  lastGoodHash: string;
  /** The head at the start of the scan. */
  headSeq: string | null;
}

interface ExtraConnection {
  connectionString: string;
  /** libpq `options`, e.g. `-c role=lyg_app`. */
  options?: string;
  statementTimeout?: number;
}

/** How more connections reach the same database as `db` (its URL and startup options, the app role included). */
function connectionOf(db: DataSource | EntityManager): ExtraConnection | null {
  const ds = 'manager' in db ? db : db.connection;
  const o = ds.options as { url?: string; extra?: { options?: string; statement_timeout?: number } };
  return o.url ? { connectionString: o.url, options: o.extra?.options, statementTimeout: o.extra?.statement_timeout } : null;
}

/** Below this many entries one connection does it all. */
export const PARALLEL_THRESHOLD = 20_000;

export const defaultScanConnections = () => Math.max(1, Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));

interface Fetched {
  n: number;
  last: string | null;
  body: string | null;
  details: string | null;
}

/**
 * Recomputes the chain in constant memory. By default PostgreSQL does the work (`RANGE_SQL`: each range of entries
 * rewritten as canonical text, hashed and linked in one statement, ranges on several connections at once, verdicts
 * read in chain order); a range it does not find intact is read again a page at a time and checked here, which
 * names the first bad entry exactly: a gap in `seq` (a deleted row), a `prevHash` that does not link to the previous
 * entry (a removed, inserted or reordered row), or a hash that does not match the content (an edited row). A page
 * the page path is unsure of (odd content) is read again row by row, which is exact for anything.
 */
export async function scanChain(db: DataSource | EntityManager, opts: ScanOptions = {}): Promise<ScanResult> {
  // Pages of a few thousand entries keep a page's strings in V8's young generation (cheap to collect).
  const pageSize = opts.pageSize ?? 4000;
  return withPgClient(db, async (client) => {
    const head = opts.untilSeq ?? ((await client.query({ text: 'SELECT max(seq)::text FROM audit_entry', values: [], rowMode: 'array' })).rows[0][0] as string | null);
    const result: ScanResult = {
      checkedEntries: 0,
      recheckedEntries: 0,
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
    if (opts.mode === 'rows') {
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

    if ((opts.mode ?? 'sql') === 'sql') {
      const span = Number(head) - Number(after);
      if (span <= 0) return finish();
      const want = Math.max(1, opts.connections ?? (span > PARALLEL_THRESHOLD ? defaultScanConnections() : 1));
      const size = Math.max(1, opts.rangeSize ?? Math.max(5_000, Math.min(100_000, Math.ceil(span / (want * 4)))));
      const ranges: [number, number][] = [];
      for (let lo = Number(after); lo < Number(head); lo += size) ranges.push([lo, Math.min(Number(head), lo + size)]);
      const extra = want > 1 && ranges.length > 1 ? connectionOf(db) : null;
      const own: Client[] = [];
      if (extra) {
        for (let i = 1; i < Math.min(want, ranges.length); i++) {
          own.push(new Client({ connectionString: extra.connectionString, options: extra.options, statement_timeout: extra.statementTimeout, application_name: 'lyg-audit-verify' }));
        }
      }
      try {
        // A connection that cannot be had (the server's limit, say) only makes the scan slower.
        const opened = await Promise.allSettled(own.map((c) => c.connect()));
        const clients: PgClient[] = [client, ...own.filter((_, i) => opened[i].status === 'fulfilled')];
        const pending = ranges.map(() => {
          const d = {} as { promise: Promise<RangeRow>; resolve: (r: RangeRow) => void; reject: (e: unknown) => void };
          d.promise = new Promise<RangeRow>((resolve, reject) => Object.assign(d, { resolve, reject }));
          d.promise.catch(() => undefined);
          return d;
        });
        let taken = 0;
        let stop = false;
        // Each connection takes the next range as it finishes one; the verdicts are read in chain order below.
        const workOn = async (c: PgClient) => {
          while (!stop && taken < ranges.length) {
            const i = taken++;
            const [lo, hi] = ranges[i];
            try {
              const row = (await c.query({ text: RANGE_SQL, values: [String(lo), String(hi), wantedIn(lo, hi)], rowMode: 'array' })).rows[0] as RangeRow;
              pending[i].resolve(row);
            } catch (e) {
              pending[i].reject(e);
            }
          }
        };
        let working = Promise.all(clients.map(workOn));
        try {
          for (let i = 0; i < ranges.length; i++) {
            const [lo, hi] = ranges[i];
            const [n, first, last, bad, firstPrev, lastHash, collected] = await pending[i].promise;
            if (n === hi - lo && first === String(lo + 1) && last === String(hi) && bad === null && firstPrev === prev && lastHash !== null) {
              for (const pair of collected) {
                const [seq, hash] = pair.split(' ');
                collect?.hashes.set(seq, hash);
              }
              result.checkedEntries += n;
              good(last, lastHash);
              continue;
            }
            // Not intact, or not written as the statement writes entries: this range again, exactly, to name the
            // first bad entry (or to find it good after all). The connections pause meanwhile (the caller's one may
            // be the one the page path reads on), then go on with the ranges not yet taken.
            stop = true;
            await working;
            const rest = await scanChain(db, { afterSeq: String(lo), prevHash: prev, untilSeq: String(hi), pageSize, collect: opts.collect, mode: 'pages' });
            result.checkedEntries += rest.checkedEntries;
            result.recheckedEntries += rest.checkedEntries;
            if (rest.firstBadSeq !== null) return fail(rest.firstBadSeq, rest.problem!);
            good(rest.lastGoodSeq!, rest.lastGoodHash);
            stop = false;
            working = Promise.all(clients.map(workOn));
          }
          return finish();
        } finally {
          stop = true;
          await working;
        }
      } finally {
        await Promise.all(own.map((c) => c.end().catch(() => undefined)));
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
