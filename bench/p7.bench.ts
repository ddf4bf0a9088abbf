// P7 (spec/quality.md): queue list and search at 1,000,000 cases / 10,000,000 audit entries against 10,000 cases,
// p99 at 1 M ≤ 1.5 × p99 at 10 k, measured through the HTTP API, with EXPLAIN (ANALYZE, BUFFERS) of every query.
// Run by bench/p7.sh (`npm run bench:p7`), which makes the two databases with `npm run seed:bulk` and starts one API on
// each; usable alone:
//   node dist/bench/p7.bench.js --small http://127.0.0.1:PORT1=postgres://…/lyg_bulk_10k --large http://…:PORT2=postgres://…/lyg_bulk
// The two APIs are measured in alternating rounds (small, large, small, …), so that the load of a shared machine
// falls on both alike. Output: a markdown section (figures, then the plans) on stdout.
import 'reflect-metadata';
import type { Caller } from '@lyg/auth';
import { dataSourceOptions } from '@lyg/database';
import type { Role } from '@lyg/domain';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { CasesService } from '../apps/api/src/cases/cases.service';
import type { ListCasesQuery } from '../apps/api/src/cases/list-cases.query';

const { values: opt } = parseArgs({
  options: {
    small: { type: 'string' },
    large: { type: 'string' },
    connections: { type: 'string' },
    'round-seconds': { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    'no-explain': { type: 'boolean' },
  },
});
const CONNS = Number(opt.connections ?? 4);
const ROUND_S = Number(opt['round-seconds'] ?? 6);
const ROUNDS = Number(opt.rounds ?? 3);
const BAR = 1.5;
const BUSY_PARTY = '连云港康恒医药有限公司';

interface Target {
  label: string;
  api: string;
  db: string;
  cases: number;
  audits: number;
  tokens: Record<string, string>;
  users: Record<string, Caller>;
  params: {
    caseNumbers: string[];
    parties: string[];
    ownParties: string[];
    queueCursor: string;
    queuePage: number;
    allCursor: string;
    allPage: number;
    ownCursor: string;
    ownPage: number;
  };
}

const WHO = ['examiner', 'enterprise', 'customs'] as const;
type Who = (typeof WHO)[number];

interface QueryDef {
  id: string;
  what: string;
  as: Who;
  /** The request path for the i-th request. */
  path: (t: Target, i: number) => string;
  /** The same list call, for EXPLAIN. */
  query: (t: Target) => ListCasesQuery;
}

const QUERIES: QueryDef[] = [
  { id: 'queue', what: 'queue page 1: `?state=screening&sort=due`', as: 'examiner', path: () => '/cases?state=screening&sort=due', query: () => ({ state: 'screening', sort: 'due' }) },
  {
    id: 'queue-deep',
    what: 'queue deep page (keyset cursor, 10 a page)',
    as: 'examiner',
    path: (t) => `/cases?state=screening&sort=due&limit=${DEEP_LIMIT}&cursor=${t.params.queueCursor}`,
    query: (t) => ({ state: 'screening', sort: 'due', limit: DEEP_LIMIT, cursor: t.params.queueCursor }),
  },
  { id: 'all', what: 'examiner\'s "All" queue page 1: `?sort=due` (no state)', as: 'examiner', path: () => '/cases?sort=due', query: () => ({ sort: 'due' }) },
  {
    id: 'all-deep',
    what: '"All" queue deep page (keyset cursor, 10 a page)',
    as: 'examiner',
    path: (t) => `/cases?sort=due&limit=${DEEP_LIMIT}&cursor=${t.params.allCursor}`,
    query: (t) => ({ sort: 'due', limit: DEEP_LIMIT, cursor: t.params.allCursor }),
  },
  {
    id: 'stage',
    what: 'a stage of several states: `?state=administrative_enforcement&sort=due`',
    as: 'examiner',
    path: () => '/cases?state=administrative_enforcement&sort=due',
    query: () => ({ state: 'administrative_enforcement', sort: 'due' }),
  },
  { id: 'agency', what: "customs' inbox: `?sort=due` (cases transferred to customs)", as: 'customs', path: () => '/cases?sort=due', query: () => ({ sort: 'due' }) },
  { id: 'q-number', what: '`?q=` case number (200 different)', as: 'examiner', path: (t, i) => `/cases?q=${t.params.caseNumbers[i % t.params.caseNumbers.length]}`, query: (t) => ({ q: t.params.caseNumbers[0] }) },
  {
    id: 'q-party',
    what: '`?q=` party name (respondents of 200 random cases)',
    as: 'examiner',
    path: (t, i) => `/cases?q=${encodeURIComponent(t.params.parties[i % t.params.parties.length])}`,
    query: (t) => ({ q: t.params.parties[0] }),
  },
  { id: 'q-busy', what: `\`?q=\` busy party (${BUSY_PARTY}, 0.5 % of all cases)`, as: 'examiner', path: () => `/cases?q=${encodeURIComponent(BUSY_PARTY)}`, query: () => ({ q: BUSY_PARTY }) },
  { id: 'mine', what: '`?assignee=me` (examiner)', as: 'examiner', path: () => '/cases?assignee=me', query: () => ({ assignee: 'me' }) },
  {
    id: 'own-q',
    what: "enterprise's search of its own cases: `?q=` respondent (200 of its cases)",
    as: 'enterprise',
    path: (t, i) => `/cases?q=${encodeURIComponent(t.params.ownParties[i % t.params.ownParties.length])}`,
    query: (t) => ({ q: t.params.ownParties[0] }),
  },
  { id: 'own', what: "enterprise's own list, page 1", as: 'enterprise', path: () => '/cases', query: () => ({}) },
  {
    id: 'own-deep',
    what: "enterprise's own list, deep page (cursor, 10 a page)",
    as: 'enterprise',
    path: (t) => `/cases?limit=${DEEP_LIMIT}&cursor=${t.params.ownCursor}`,
    query: (t) => ({ limit: DEEP_LIMIT, cursor: t.params.ownCursor }),
  },
];

function parseTarget(label: string, spec: string | undefined): Pick<Target, 'label' | 'api' | 'db'> {
  const m = /^(https?:\/\/[^=]+)=(postgres(?:ql)?:\/\/.+)$/.exec(spec ?? '');
  if (!m) throw new Error(`--${label} API_URL=DATABASE_URL is required`);
  return { label, api: m[1].replace(/\/$/, ''), db: m[2] };
}

async function http(t: Target, path: string, token: string): Promise<{ status: number; body: { items?: { id: string }[]; nextCursor?: string | null } }> {
  const res = await fetch(`${t.api}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function login(api: string, email: string): Promise<string> {
  const res = await fetch(`${api}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-pass-2026' }) });
  if (res.status !== 200 && res.status !== 201) throw new Error(`login ${email} at ${api}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Deep pages are read 10 at a time, so that the short queue of the small database has full deep pages too. */
const DEEP_LIMIT = 10;

/**
 * Walks up to `pages` pages of `DEEP_LIMIT` and returns the cursor of the deepest page that is still full (a keyset
 * page costs the same however deep; a full one does the same work in both databases).
 */
async function deepCursor(t: Target, base: string, token: string, pages: number): Promise<{ cursor: string; page: number }> {
  let cursor: string | null = null;
  let best: { cursor: string; page: number } | null = null;
  for (let page = 1; page <= pages; page++) {
    const r = await http(t, `${base}${base.includes('?') ? '&' : '?'}limit=${DEEP_LIMIT}${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (cursor && (r.body.items?.length ?? 0) === DEEP_LIMIT) best = { cursor, page };
    if (!r.body.nextCursor) break;
    cursor = r.body.nextCursor;
  }
  if (!best) throw new Error(`${t.label}: ${base} has no full second page; no deep page to measure`);
  return best;
}

async function prepare(base: Pick<Target, 'label' | 'api' | 'db'>): Promise<Target> {
  const c = new Client({ connectionString: base.db });
  await c.connect();
  try {
    const [{ cases }] = (await c.query('SELECT count(*)::int AS cases FROM ip_case')).rows;
    const [{ audits }] = (await c.query('SELECT count(*)::int AS audits FROM audit_entry')).rows;
    const pct = Math.min(100, (400 / Math.max(1, cases)) * 100);
    const sample = (await c.query(`SELECT case_number, respondent_name FROM ip_case TABLESAMPLE BERNOULLI (${pct}) REPEATABLE (7) WHERE case_number IS NOT NULL LIMIT 200`)).rows;
    const users: Record<string, Caller> = {};
    for (const email of WHO.map((w) => `${w}@demo.example`)) {
      const [u] = (await c.query('SELECT id, role, organization_id FROM user_account WHERE email = $1', [email])).rows;
      users[email.split('@')[0]] = { userId: u.id, role: u.role as Role, organizationId: u.organization_id, email };
    }
    const tokens: Record<string, string> = {};
    for (const w of WHO) tokens[w] = await login(base.api, `${w}@demo.example`);
    const own = (
      await c.query('SELECT DISTINCT respondent_name FROM ip_case WHERE organization_id = $1 ORDER BY respondent_name LIMIT 200', [users.enterprise.organizationId])
    ).rows.map((r: { respondent_name: string }) => r.respondent_name);
    const t: Target = {
      ...base,
      cases,
      audits,
      tokens,
      users,
      params: {
        caseNumbers: sample.map((r) => r.case_number),
        parties: sample.map((r) => r.respondent_name),
        ownParties: own,
        queueCursor: '',
        queuePage: 0,
        allCursor: '',
        allPage: 0,
        ownCursor: '',
        ownPage: 0,
      },
    };
    const q = await deepCursor(t, '/cases?state=screening&sort=due', tokens.examiner, 50);
    const a = await deepCursor(t, '/cases?sort=due', tokens.examiner, 50);
    const o = await deepCursor(t, '/cases', tokens.enterprise, 50);
    Object.assign(t.params, { queueCursor: q.cursor, queuePage: q.page, allCursor: a.cursor, allPage: a.page, ownCursor: o.cursor, ownPage: o.page });
    return t;
  } finally {
    await c.end();
  }
}

/** One round: `CONNS` clients in a closed loop for `ROUND_S` seconds; the request latencies in ms. */
async function round(t: Target, q: QueryDef, seconds: number, offset: number): Promise<number[]> {
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  let i = offset;
  await Promise.all(
    Array.from({ length: CONNS }, async () => {
      while (performance.now() < end) {
        const path = q.path(t, i++);
        const t0 = performance.now();
        const r = await http(t, path, t.tokens[q.as]);
        if (r.status !== 200) throw new Error(`${t.label} ${path}: ${r.status}`);
        lat.push(performance.now() - t0);
      }
    }),
  );
  return lat;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

/** The SQL a list call issues, captured from TypeORM, each run again under EXPLAIN (ANALYZE, BUFFERS). */
async function explain(t: Target, q: QueryDef): Promise<string> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const logger: Logger = {
    logQuery: (sql, params) => {
      captured.push({ sql, params: Array.isArray(params) ? params : [] });
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const ds = new DataSource({ ...dataSourceOptions(t.db, 2), logging: ['query'], logger } as ConstructorParameters<typeof DataSource>[0]);
  await ds.initialize();
  try {
    const service = new CasesService(ds, null as never, { allowedActions: () => [] } as never);
    const caller = t.users[q.as];
    await service.list(caller, q.query(t)); // warm
    captured.length = 0;
    await service.list(caller, q.query(t));
    const out: string[] = [];
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      for (const { sql, params } of captured.filter((x) => /^\s*(SELECT|WITH)\b/i.test(x.sql))) {
        // The search's name lookup is a function (`party_names_like`): show the statement inside it, with its setting.
        const inner = /party_names_like/.test(sql);
        const text = inner ? 'SELECT name FROM party_name WHERE name ILIKE $1 LIMIT $2' : sql;
        await runner.startTransaction();
        if (inner) await runner.query('SET LOCAL enable_seqscan = off');
        const plan = (await runner.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)) as { 'QUERY PLAN': string }[];
        await runner.commitTransaction();
        const shown = params.map((p) => (Array.isArray(p) && p.length > 3 ? `[${p.length} values]` : JSON.stringify(p)));
        out.push(`${compact(inner ? `${text} -- inside party_names_like(), SET enable_seqscan = off` : text)}\n-- parameters: ${shown.join(', ')}\n${plan.map((r) => shorten(r['QUERY PLAN'])).join('\n')}`);
      }
    } finally {
      await runner.release();
    }
    return out.join('\n\n');
  } finally {
    await ds.destroy();
  }
}

/** The statement without its long select list (the entity's columns). */
function compact(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().replace(/^SELECT ("?\w+"?\."?\w+"? AS "?\w+"?, )+"?\w+"?\."?\w+"? AS "?\w+"? FROM/, (m) => `SELECT <${m.split(' AS ').length - 1} columns> FROM`);
}

/** Long id lists in plan lines shortened to their count. */
function shorten(line: string): string {
  return line.replace(/'\{([0-9a-f-]{36},){3,}[0-9a-f-]{36}\}'/g, (m) => `'{…${m.split(',').length} ids…}'`);
}

async function main(): Promise<void> {
  const small = await prepare(parseTarget('small', opt.small));
  const large = await prepare(parseTarget('large', opt.large));
  const only = opt.only ? new Set(opt.only.split(',')) : null;
  const queries = QUERIES.filter((q) => !only || only.has(q.id));
  const lines: string[] = [];
  const say = (s = '') => {
    lines.push(s);
    process.stderr.write(`${s}\n`);
  };
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  say(`run ${new Date().toISOString()}: ${os.cpus().length} cores (${cpu}), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, node ${process.version}`);
  say(`small: ${small.cases.toLocaleString('en')} cases, ${small.audits.toLocaleString('en')} audit entries; large: ${large.cases.toLocaleString('en')} cases, ${large.audits.toLocaleString('en')} audit entries`);
  say(`${CONNS} closed-loop clients per API, ${ROUNDS} rounds of ${ROUND_S} s per query and database, alternating; deep pages: queue page ${small.params.queuePage} / ${large.params.queuePage}, "All" page ${small.params.allPage} / ${large.params.allPage}, own list page ${small.params.ownPage} / ${large.params.ownPage}`);
  say('');
  say('| query | p50 10 k | p99 10 k | p50 1 M | p99 1 M | p99 ratio | bar ≤ 1.5× |');
  say('|---|---|---|---|---|---|---|');
  let failed = 0;
  for (const q of queries) {
    // Warm both (caches, JIT, plans), then alternate.
    await round(small, q, 2, 0);
    await round(large, q, 2, 0);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      a.push(...(await round(small, q, ROUND_S, r * 1000)));
      b.push(...(await round(large, q, ROUND_S, r * 1000)));
    }
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);
    const ratio = pct(b, 0.99) / pct(a, 0.99);
    if (ratio > BAR) failed++;
    say(`| ${q.what} | ${pct(a, 0.5).toFixed(1)} ms | ${pct(a, 0.99).toFixed(1)} ms | ${pct(b, 0.5).toFixed(1)} ms | ${pct(b, 0.99).toFixed(1)} ms | ${ratio.toFixed(2)}× | ${ratio <= BAR ? 'pass' : 'FAIL'} |`);
  }
  say('');
  say(`${failed ? `FAIL: ${failed} of ${queries.length}` : `PASS: all ${queries.length}`} within ${BAR}× (requests: ${small.label} ${small.api}, ${large.label} ${large.api})`);
  if (!opt['no-explain']) {
    say('');
    say('Every statement a request runs, under `EXPLAIN (ANALYZE, BUFFERS)`, at both sizes:');
    for (const q of queries) {
      say('');
      say(`<details><summary><code>${q.id}</code> — ${q.what}</summary>`);
      for (const t of [small, large]) {
        say('');
        say(`${t.cases.toLocaleString('en')} cases:`);
        say('');
        say('```');
        say(await explain(t, q));
        say('```');
      }
      say('');
      say('</details>');
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(2);
});
