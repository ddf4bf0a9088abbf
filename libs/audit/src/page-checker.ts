/**
 * The verifier's page path: PostgreSQL sends a whole page of entries as one text (rows joined by \x1e, fields by
 * \x1f, \x1d for a null text; the details documents in a second text, so that the rest stays one-byte), which is
 * one field to decode instead of fifteen per row (where a row-by-row client spends most of its time). The page is
 * taken apart here, each entry's canonical JSON written out (details and principle lists through small caches: most
 * entries repeat a few shapes) and hashed.
 * It is the exact check behind `scanChain`'s `sql` path (a range PostgreSQL did not find intact is read again
 * here) and a path of its own (`mode: 'pages'`).
 */

export interface PageJob {
  id: number;
  n: number;
  body: string;
  details: string;
  /** Checkpoint positions in this page whose hashes the caller wants back. */
  wanted: string[];
}

export type PageProblem = 'gap' | 'link' | 'hash';

export interface PageResult {
  id: number;
  /** `unsure`: the page path cannot be sure of entry `count` (odd content); the caller reads on row by row. */
  kind: 'ok' | 'bad' | 'unsure';
  /** Entries checked and good, from the first of the page (links checked from the second on). */
  count: number;
  /** The first entry's seq and stored prevHash (the caller checks them against the page before). */
  firstSeq: string | null;
  firstPrev: string | null;
  lastSeq: string | null;
  lastHash: string | null;
  badSeq: string | null;
  problem: PageProblem | null;
  collected: [string, string][];
}

export interface PageCheckerDeps {
  canonicalJson: (value: unknown) => string;
  sha256: (text: string) => string;
}

export function makePageChecker(deps: PageCheckerDeps): (job: PageJob) => PageResult {
  const SEP = '\x1f';
  const NUL = '\x1d';
  const ROW = '\x1e';
  const FIELDS = 14;
  const q = JSON.stringify;
  const TS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.(\d{1,6}))?$/;
  const detailsCache = new Map<string, string>();
  const principlesCache = new Map<string, string | null>();
  const starts = new Int32Array(FIELDS + 1);

  /** `YYYY-MM-DD HH:MI:SS[.f…]` (ISO DateStyle, UTC) as `toISOString()` writes it; null if it is not that. */
  const isoOf = (t: string): string | null => {
    const m = TS.exec(t);
    return m ? `${t.slice(0, 10)}T${t.slice(11, 19)}.${((m[1] ?? '') + '000').slice(0, 3)}Z` : null;
  };
  /** `{strict,fast}` as `["strict","fast"]`; null for array text that needs the real parser (quotes, NULL). */
  const principlesOf = (p: string): string | null => {
    let c = principlesCache.get(p);
    if (c !== undefined) return c;
    if (p === '{}') c = '[]';
    else if (p.charCodeAt(0) !== 123 || p.charCodeAt(p.length - 1) !== 125 || p.includes('"') || p.includes('\\')) c = null;
    else {
      const items = p.slice(1, -1).split(',');
      c = items.includes('NULL') ? null : `[${items.map((x) => q(x)).join(',')}]`;
    }
    if (principlesCache.size >= 256) principlesCache.clear();
    principlesCache.set(p, c);
    return c;
  };
  const detailsOf = (text: string): string => {
    let c = detailsCache.get(text);
    if (c === undefined) {
      c = deps.canonicalJson(JSON.parse(text));
      // Bounded: the verifier's memory stays flat however long the chain.
      if (detailsCache.size >= 4096) detailsCache.clear();
      detailsCache.set(text, c);
    }
    return c;
  };
  const nullable = (v: string) => (v === NUL ? 'null' : q(v));
  const uuid = (v: string) => (v === '' ? 'null' : `"${v}"`);

  return (job: PageJob): PageResult => {
    const { body, details, n } = job;
    const wanted = job.wanted.length ? new Set(job.wanted) : null;
    const result: PageResult = {
      id: job.id,
      kind: 'ok',
      count: 0,
      firstSeq: null,
      firstPrev: null,
      lastSeq: null,
      lastHash: null,
      badSeq: null,
      problem: null,
      collected: [],
    };
    let from = 0;
    let dFrom = 0;
    for (let i = 0; i < n; i++) {
      let to = body.indexOf(ROW, from);
      if (to < 0) to = body.length;
      let dTo = details.indexOf(ROW, dFrom);
      if (dTo < 0) dTo = details.length;
      const last = i === n - 1;
      // Field boundaries by indexOf: no arrays of pieces, little garbage.
      let ok = to > from && (!last || (to === body.length && dTo === details.length));
      starts[0] = from;
      for (let k = 1; ok && k < FIELDS; k++) {
        const at = body.indexOf(SEP, starts[k - 1]);
        if (at < 0 || at >= to) ok = false;
        else starts[k] = at + 1;
      }
      if (ok) {
        const extra = body.indexOf(SEP, starts[FIELDS - 1]);
        if (extra !== -1 && extra < to) ok = false;
      }
      starts[FIELDS] = to + 1;
      const f = (k: number) => body.slice(starts[k], starts[k + 1] - 1);
      const at = ok ? isoOf(f(3)) : null;
      const principles = ok ? principlesOf(f(13)) : null;
      if (!ok || at === null || principles === null) {
        result.kind = 'unsure';
        return result;
      }
      const seq = f(1);
      const prevHash = f(2);
      const stored = f(0);
      if (i === 0) {
        result.firstSeq = seq;
        result.firstPrev = prevHash;
      } else {
        const expected = String(Number(result.lastSeq) + 1);
        const problem: PageProblem | null = seq !== expected ? 'gap' : prevHash !== result.lastHash ? 'link' : null;
        if (problem) {
          result.kind = 'bad';
          result.problem = problem;
          result.badSeq = problem === 'gap' ? expected : seq;
          return result;
        }
      }
      const text =
        `${prevHash}{"action":${q(f(8))},"actorId":${uuid(f(5))},"actorRole":${q(f(6))},"at":"${at}","caseId":${uuid(f(4))}` +
        `,"details":${detailsOf(details.slice(dFrom, dTo))},"fromState":${nullable(f(9))},"organizationId":${uuid(f(7))}` +
        `,"payloadDigest":${q(f(11))},"prevHash":${q(prevHash)},"principles":${principles},"requestId":${nullable(f(12))}` +
        `,"seq":"${seq}","toState":${nullable(f(10))}}`;
      if (deps.sha256(text) !== stored) {
        result.kind = 'bad';
        result.problem = 'hash';
        result.badSeq = seq;
        return result;
      }
      if (wanted?.has(seq)) result.collected.push([seq, stored]);
      result.count++;
      result.lastSeq = seq;
      result.lastHash = stored;
      from = to + 1;
      dFrom = dTo + 1;
    }
    return result;
  };
}
