import 'reflect-metadata';
import { entryHash } from '@lyg/audit';
import type { AuditEntry } from '@lyg/database';
import { createDataSource, migrate } from '@lyg/database';
import { type CalendarYear, type Channel, STATUTORY_CALENDAR_2024_2026, WorkingDayCalendar } from '@lyg/domain';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { seedDemoAccounts } from '../seed/seed-demo';
import { MachineCache } from './machine-cache';
import { CHANNEL_WEIGHTS, makeComplaint, makeOrg, makeRespondent, type Org, type Respondent } from './parties';
import { Rng } from './random';
import { type AuditDraft, type CaseSeed, simulateCase, type User, type World } from './simulate';
import { AuditChain, BulkWriter } from './writer';

const USAGE = `npm run seed:bulk -- --cases 1000000 [--audit 10000000] [--database-url postgres://…/lyg_bulk] [--fresh]
  --cases N          cases to generate (default 1000)
  --audit M          audit entries to reach (default 10 × cases); staff evidence views make up the difference
  --database-url U   target database (default $BULK_DATABASE_URL or postgres://postgres@127.0.0.1:5432/lyg_bulk);
                     created when missing, migrated, demo accounts seeded
  --fresh            drop and recreate the database first (required when it already holds cases)
  --seed S           random seed (default 20261125): the same seed gives the same data
  --now ISO          the simulation's present (default now); cases are submitted from 2024-01-01 to it
  --keep-indexes     keep secondary indexes during the load (slower; default drops and rebuilds them)
  --allow-test-name  allow a database whose name contains "test"`;

const H = 3_600_000;
const DAY = 24 * H;
const SHANGHAI = 8 * H;
const MAX_DRAFT_MS = 20 * DAY;
const START = Date.UTC(2024, 0, 1) - SHANGHAI;
/** Commands decided on the files (simulate.ts `VIEWING`): staff open evidence first. */
const VIEWING_DECISIONS = new Set(['accept', 'reject', 'request_correction', 'decide', 'file_case', 'decline_filing', 'record_agreement', 'mediation_failed', 'approve_transfer', 'reject_transfer']);

interface Options {
  cases: number;
  audit: number;
  url: string;
  fresh: boolean;
  seed: number;
  now: number;
  keepIndexes: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      audit: { type: 'string' },
      'database-url': { type: 'string' },
      fresh: { type: 'boolean' },
      seed: { type: 'string' },
      now: { type: 'string' },
      'keep-indexes': { type: 'boolean' },
      'allow-test-name': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const cases = Number((values.cases ?? '1000').replace(/_/g, ''));
  const audit = values.audit === undefined ? cases * 10 : Number(values.audit.replace(/_/g, ''));
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(audit) || audit < 0) throw new Error(`bad --cases/--audit\n${USAGE}`);
  const url = values['database-url'] ?? process.env.BULK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lyg_bulk';
  const db = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!db || db === 'postgres') throw new Error('--database-url must name a dedicated database (e.g. …/lyg_bulk)');
  // Never the test suites' databases: they are made and dropped by the test run.
  if (/test/i.test(db) && !values['allow-test-name']) throw new Error(`refusing database "${db}": it looks like a test database (--allow-test-name to insist)`);
  const now = values.now ? Date.parse(values.now) : Date.now();
  if (!Number.isFinite(now) || now < START + 30 * DAY) throw new Error('--now must be an ISO instant after 2024-02-01');
  return { cases, audit, url, fresh: !!values.fresh, seed: Number(values.seed ?? 20261125), now: Math.floor(now / 1000) * 1000, keepIndexes: !!values['keep-indexes'] };
}

async function prepareDatabase(o: Options): Promise<void> {
  const target = new URL(o.url);
  const db = decodeURIComponent(target.pathname.slice(1));
  const server = new URL(o.url);
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount;
    if (exists && o.fresh) await admin.query(`DROP DATABASE "${db.replace(/"/g, '""')}" WITH (FORCE)`);
    if (!exists || o.fresh) await admin.query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const ds = createDataSource(o.url, 2);
  await ds.initialize();
  try {
    const ran = await migrate(ds);
    if (ran.length) console.log(`migrations: ${ran.length} run`);
    await seedDemoAccounts(ds);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM ip_case');
    if (n > 0) throw new Error(`${db} already holds ${n} cases: use --fresh to start over`);
  } finally {
    await ds.destroy();
  }
}

/** Submission instants, ascending: more per working day, growing over the years, in office hours mostly. */
function* submissionTimes(rng: Rng, calendar: WorkingDayCalendar, n: number, now: number): Generator<number> {
  const days = Math.ceil((now - START) / DAY);
  const weights: number[] = [];
  let total = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = START + d * DAY;
    const working = calendar.isWorkingDay(new Date(dayStart + 12 * H));
    const part = Math.min(1, (now - dayStart) / DAY);
    const w = (0.55 + (0.9 * d) / days) * (working ? 1 : 0.18) * part;
    weights.push(w);
    total += w;
  }
  let cum = 0;
  let emitted = 0;
  for (let d = 0; d < days; d++) {
    cum += weights[d];
    const upto = d === days - 1 ? n : Math.round((n * cum) / total);
    const count = upto - emitted;
    emitted = upto;
    const dayStart = START + d * DAY;
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      // Hours of the day in Asia/Shanghai: office hours, some evenings, few nights.
      const hour = rng.weighted([[rng.between(8, 11), 40], [rng.between(12, 17), 40], [rng.between(18, 22), 15], [rng.between(0, 7), 5]] as const);
      const t = dayStart + hour * H + rng.int(H);
      times.push(Math.min(t, now - 1000));
    }
    times.sort((a, b) => a - b);
    yield* times;
  }
}

class AuditHeap {
  private items: { at: number; ord: number; e: AuditDraft }[] = [];
  private ord = 0;

  get size(): number {
    return this.items.length;
  }

  push(e: AuditDraft): void {
    const a = this.items;
    const item = { at: e.at, ord: this.ord++, e };
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[p], item)) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = item;
  }

  peekAt(): number {
    return this.items.length ? this.items[0].at : Infinity;
  }

  pop(): AuditDraft {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && less(a[r], a[l]) ? r : l;
        if (less(last, a[c])) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top.e;
  }
}
const less = (x: { at: number; ord: number }, y: { at: number; ord: number }) => x.at < y.at || (x.at === y.at && x.ord < y.ord);

function cumulative(weights: number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) c[i] = s += weights[i];
  return c;
}
function pickCumulative(rng: Rng, c: Float64Array): number {
  const x = rng.next() * c[c.length - 1];
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

async function main(): Promise<void> {
  const o = options();
  const t0 = performance.now();
  await prepareDatabase(o);
  // Foreign keys are not checked row by row during the load (the generator writes consistent rows) when the role
  // may switch them off (a superuser); otherwise the writer orders case batches before their deadline rows.
  const probe = new Client({ connectionString: o.url });
  await probe.connect();
  const superuser = (await probe.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).rows[0]?.rolsuper === true;
  await probe.end();
  const pool = new Pool({
    connectionString: o.url,
    max: 4,
    application_name: 'lyg-seed-bulk',
    options: `-c synchronous_commit=off${superuser ? ' -c session_replication_role=replica' : ''}`,
  });
  const rng = new Rng(o.seed);

  // --- What is already there: the calendar, the demo organisations and accounts, the audit head. ---
  const years: CalendarYear[] = (await pool.query('SELECT year, holidays, workdays FROM calendar_year ORDER BY year')).rows;
  const calendar = new WorkingDayCalendar(years.length ? years : STATUTORY_CALENDAR_2024_2026);
  const orgRows: { id: string; name: string; kind: string; uscc: string | null; region_code: string | null }[] = (
    await pool.query('SELECT id, name, kind, uscc, region_code FROM organization ORDER BY created_at, name')
  ).rows;
  const userRows: { id: string; email: string; role: string; organization_id: string | null; password_hash: string }[] = (
    await pool.query('SELECT id, email, role, organization_id, password_hash FROM user_account ORDER BY email')
  ).rows;
  const orgOfKind = (kind: string) => orgRows.find((r) => r.kind === kind)?.id;
  const center = orgOfKind('protection_center');
  const mediationOrg = orgOfKind('mediation_committee');
  const samr = orgOfKind('market_regulation');
  const police = orgOfKind('police');
  const court = orgOfKind('court');
  const customs = orgOfKind('customs');
  if (!center || !mediationOrg || !samr || !police || !court || !customs) throw new Error('demo organisations missing');
  const passwordHash = userRows.find((u) => u.email === 'enterprise@demo.example')?.password_hash ?? userRows[0]?.password_hash;
  const head: { seq: string; hash: string }[] = (await pool.query('SELECT seq::text, hash FROM audit_entry ORDER BY seq DESC LIMIT 1')).rows;
  const chain = new AuditChain(BigInt(head[0]?.seq ?? '0'), head[0]?.hash ?? '0'.repeat(64));

  // --- Staff: the demo accounts plus enough colleagues for the volume. ---
  const n = o.cases;
  const newUsers: { id: string; email: string; name: string; role: string; org: string | null }[] = [];
  const staffOf = (role: string, org: string, count: number): User[] => {
    const list: User[] = userRows.filter((u) => u.role === role).map((u) => ({ id: u.id, orgId: u.organization_id }));
    for (let i = list.length; i < count; i++) {
      const id = rng.uuid();
      newUsers.push({ id, email: `${role}${i}@staff.bulk.example`, name: `${role} ${i}`, role, org });
      list.push({ id, orgId: org });
    }
    return list;
  };
  const staff: World['staff'] = {
    examiner: staffOf('examiner', center, Math.max(4, Math.round(n / 25_000))),
    supervisor: staffOf('supervisor', center, Math.max(2, Math.round(n / 250_000))),
    officer: staffOf('officer', samr, Math.max(3, Math.round(n / 50_000))),
    mediator: staffOf('mediator', mediationOrg, Math.max(3, Math.round(n / 50_000))),
    police: staffOf('police', police, Math.max(1, Math.round(n / 200_000))),
    court: staffOf('court', court, Math.max(1, Math.round(n / 200_000))),
    customs: staffOf('customs', customs, Math.max(1, Math.round(n / 200_000))),
  };
  const roles = new Map<User, string>();
  for (const [role, list] of Object.entries(staff)) for (const u of list) roles.set(u, role);

  // --- Complainants: the demo enterprises (a fixed share each) and generated ones with a long-tailed volume. ---
  const orgs: Org[] = [];
  const weights: number[] = [];
  const demoOrg = (uscc: string, agent: boolean, share: number) => {
    const r = orgRows.find((x) => x.uscc === uscc);
    const u = userRows.find((x) => x.organization_id === r?.id && x.role === 'enterprise');
    if (!r || !u) return;
    const org = makeOrg(rng, orgs.length, agent);
    Object.assign(org, { id: r.id, userId: u.id, name: r.name, uscc: r.uscc, regionCode: r.region_code, country: 'CN', language: 'zh-CN', existing: true, size: 'sme', registered: !agent });
    if (uscc === '91320706MA1XK7H21A') Object.assign(org, { industry: 'new_medicine', contactName: '王敏', contactEmail: 'ip@kangheng.example' });
    if (uscc === '91320703MA20QW5L3D') Object.assign(org, { industry: 'new_materials', contactName: '李娜', contactEmail: 'legal@haixin.example' });
    orgs.push(org);
    weights.push(share);
  };
  const generated = Math.max(30, Math.round(n / 100));
  const agents = Math.max(3, Math.round(n / 5000));
  const zipf: number[] = [];
  for (let i = 0; i < generated + agents; i++) zipf.push(1 / Math.pow(i + 3, 0.9));
  const zipfTotal = zipf.reduce((a, b) => a + b, 0);
  demoOrg('91320706MA1XK7H21A', false, 0.005);
  demoOrg('91320703MA20QW5L3D', false, 0.002);
  demoOrg('91320706MA1YT3C88M', true, 0.003);
  const rest = 1 - weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < generated + agents; i++) {
    orgs.push(makeOrg(rng, orgs.length, i >= generated));
    weights.push((rest * zipf[(i * 7919) % zipf.length]) / zipfTotal);
  }
  const orgCum = cumulative(weights);
  const clients = orgs.filter((x) => !x.agent);
  const registered = new Set(orgs.filter((x) => x.registered && x.uscc).map((x) => x.uscc!));

  const fresh = orgs.filter((x) => !x.existing);
  await pool.query(
    `INSERT INTO organization (id, name, kind, uscc, region_code) SELECT id, name, 'enterprise', uscc, region FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, name, uscc, region)`,
    [fresh.map((x) => x.id), fresh.map((x) => x.name), fresh.map((x) => x.uscc), fresh.map((x) => x.regionCode)],
  );
  const enterpriseUsers = fresh.map((x) => ({ id: x.userId, email: `filer${x.index}@org.bulk.example`, name: x.contactName, role: 'enterprise', org: x.id }));
  const allNew = [...newUsers, ...enterpriseUsers];
  await pool.query(
    `INSERT INTO user_account (id, email, display_name, password_hash, role, organization_id, language, active)
     SELECT id, email, name, $5, role, org, 'zh-CN', true FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $6::uuid[]) AS t(id, email, name, role, org)`,
    [allNew.map((u) => u.id), allNew.map((u) => u.email), allNew.map((u) => u.name), allNew.map((u) => u.role), passwordHash, allNew.map((u) => u.org)],
  );
  const reg = orgs.filter((x) => x.registered && x.uscc && !x.existing);
  await pool.query(
    `INSERT INTO registered_enterprise (uscc, name, industries) SELECT uscc, name, ARRAY[industry] FROM unnest($1::text[], $2::text[], $3::text[]) AS t(uscc, name, industry) ON CONFLICT DO NOTHING`,
    [reg.map((x) => x.uscc), reg.map((x) => x.name), reg.map((x) => x.industry)],
  );

  // --- Secondary indexes are built once at the end: far faster than maintaining them row by row. ---
  const indexes: { name: string; def: string }[] = o.keepIndexes
    ? []
    : (
        await pool.query(`SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
          FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
         WHERE t.relname IN ('ip_case', 'case_deadline', 'evidence', 'audit_entry', 'party_name') AND t.relnamespace = 'public'::regnamespace
           AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`)
      ).rows;
  for (const ix of indexes) await pool.query(`DROP INDEX ${ix.name}`);
  const rebuild = async () => {
    const t = performance.now();
    const queue = [...indexes];
    await Promise.all(
      [0, 1].map(async () => {
        const c = await pool.connect();
        try {
          await c.query("SET maintenance_work_mem = '512MB'");
          await c.query('SET max_parallel_maintenance_workers = 1').catch(() => undefined);
          for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.def);
        } finally {
          c.release();
        }
      }),
    );
    if (indexes.length) console.log(`indexes: ${indexes.length} rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  // --- The cases, in submission order; their audit entries in time order across cases. ---
  const world: World = {
    rng,
    machine: new MachineCache(),
    calendar,
    now: o.now,
    staff,
    agencyOrg: { police, customs, court },
    roles,
    registered,
    stats: { refused: new Map() },
    views: 1,
  };
  const writer = new BulkWriter(pool);
  const heap = new AuditHeap();
  const respondents: Respondent[] = [];
  const respondentOfCase = new Int32Array(n);
  const numbers = new Map<number, number>();
  const states = new Map<string, number>();
  let auditsMade = 0;
  let viewsMade = 0;
  let decisions = 0;
  let bonusViews = 0;
  let checked = 0;
  let lastReport = performance.now();
  const tGen = performance.now();

  const emitUntil = async (until: number) => {
    while (heap.size && heap.peekAt() < until) {
      const e = heap.pop();
      const link = chain.next(e);
      if (checked < 2000) {
        // The fast canonical text must hash exactly as libs/audit's definition does.
        const ref = entryHash({ ...e, seq: link.seq, at: new Date(link.at), details: JSON.parse(e.details), prevHash: link.prevHash } as unknown as Omit<AuditEntry, 'hash'>);
        if (ref !== link.hash) throw new Error(`audit hash mismatch at seq ${link.seq}`);
        checked++;
      }
      await writer.addAudit(e, link);
    }
  };

  let i = 0;
  for (const submitAt of submissionTimes(rng, calendar, n, o.now)) {
    const filer = orgs[pickCumulative(rng, orgCum)];
    const complainant = filer.agent ? clients[Math.floor(Math.pow(rng.next(), 2) * clients.length)] : filer;
    const channel: Channel = rng.weighted(CHANNEL_WEIGHTS);
    let ri: number;
    // A new respondent, or one of an earlier case (preferential: busy infringers come back more often).
    if (i === 0 || rng.chance(0.62)) {
      ri = respondents.length;
      respondents.push(makeRespondent(rng, complainant.industry, channel));
    } else ri = respondentOfCase[rng.int(i)];
    respondentOfCase[i] = ri;
    const respondent = respondents[ri];
    const { complaint, evidenceKinds } = makeComplaint(rng, complainant, respondent, channel, submitAt);
    // An agency files with the client's power of attorney (triage C3 asks for it).
    if (filer.agent && !evidenceKinds.includes('authorization_letter') && rng.chance(0.9)) evidenceKinds.push('authorization_letter');
    const draftOnly = rng.chance(0.02);
    const createdAt = draftOnly ? submitAt : Math.max(START, submitAt - Math.min(MAX_DRAFT_MS, Math.floor(rng.logNormal(0.6, 1.6) * H)));
    // Staff opening evidence before their decisions make up the audit volume asked for, beyond what the workflow
    // and the uploads write themselves (the statechart steps per case vary little, the views per decision are tuned).
    if (i >= 200) {
      const need = (o.audit - auditsMade) / (n - i);
      const natural = (auditsMade - viewsMade) / i;
      const bonus = bonusViews / i;
      world.views = Math.min(20, Math.max(0, (need - natural - bonus) / Math.max(0.5, decisions / i)));
    }
    const edits = rng.poisson(2);
    const seed: CaseSeed = {
      id: rng.uuid(),
      filer,
      creatorId: filer.userId,
      complaint,
      evidenceKinds,
      respondent,
      createdAt,
      submitAt: draftOnly ? null : submitAt,
      edits,
      caseNumberFor: (t) => {
        const year = new Date(t + SHANGHAI).getUTCFullYear();
        const k = (numbers.get(year) ?? 0) + 1;
        numbers.set(year, k);
        return `LYG-IP-${year}-${String(k).padStart(6, '0')}`;
      },
    };
    const sim = simulateCase(world, seed);
    if (sim.row.caseNumber) {
      respondent.history.push({
        caseNumber: sim.row.caseNumber,
        complainantUscc: complaint.complainant.uscc,
        complainantName: complaint.complainant.name,
        rightNumbers: complaint.ipRights.map((r) => r.number).filter((x): x is string => !!x),
        submittedAt: sim.row.submittedAt!,
        closedAt: sim.row.closedAt,
        outcome: sim.row.outcome,
      });
      if (respondent.history.length > 600) respondent.history.splice(0, 100);
    }
    states.set(sim.row.state, (states.get(sim.row.state) ?? 0) + 1);
    auditsMade += sim.audits.length;
    for (const a of sim.audits) {
      if (a.action === 'evidence_downloaded') viewsMade++;
      else if (VIEWING_DECISIONS.has(a.action)) {
        decisions++;
        if (a.actorRole === 'examiner' && a.action !== 'decide') bonusViews++;
      }
    }
    for (const a of sim.audits) heap.push(a);
    await writer.addCase(sim.row, sim.deadlines, sim.evidence);
    await emitUntil(submitAt - MAX_DRAFT_MS);
    i++;
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      const s = (performance.now() - tGen) / 1000;
      console.log(
        `  ${i.toLocaleString('en')} cases (${Math.round(i / s).toLocaleString('en')}/s), ${writer.stats.audits.toLocaleString('en')} audit entries written ` +
          `(${Math.round(writer.stats.audits / s).toLocaleString('en')}/s), ${heap.size.toLocaleString('en')} pending; statechart cache ${world.machine.size} nodes`,
      );
    }
  }
  await emitUntil(Infinity);
  await writer.drain();
  const genSeconds = (performance.now() - tGen) / 1000;

  // The search's party names: the trigger that keeps them does not fire during the load (replication role).
  if ((await pool.query("SELECT to_regclass('party_name') IS NOT NULL AS ok")).rows[0].ok) {
    await pool.query('INSERT INTO party_name (name) SELECT complainant_name FROM ip_case UNION SELECT respondent_name FROM ip_case ON CONFLICT DO NOTHING');
  }
  await rebuild();
  // The app continues each year's numbering after the generated cases.
  for (const [year, last] of numbers) await pool.query(`SELECT setval('case_number_${year}', $1)`, [last]).catch(() => undefined);
  const tv = performance.now();
  await pool.query('VACUUM (ANALYZE) ip_case');
  await pool.query('VACUUM (ANALYZE) case_deadline');
  await pool.query('VACUUM (ANALYZE) evidence');
  await pool.query('VACUUM (ANALYZE) audit_entry');
  await pool.query('VACUUM (ANALYZE) party_name').catch(() => undefined);
  await pool.query('ANALYZE organization, user_account');
  const vacuumSeconds = (performance.now() - tv) / 1000;
  const sizes: { rel: string; size: string }[] = (
    await pool.query(`SELECT relname AS rel, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
       WHERE relname IN ('ip_case', 'case_deadline', 'evidence', 'audit_entry') ORDER BY relname`)
  ).rows;
  await pool.end();

  const total = (performance.now() - t0) / 1000;
  const w = writer.stats;
  console.log(`\nseed:bulk done in ${total.toFixed(0)} s (generation and load ${genSeconds.toFixed(0)} s, vacuum/analyze ${vacuumSeconds.toFixed(0)} s)`);
  console.log(`  cases          ${w.cases.toLocaleString('en')}  (${Math.round(w.cases / genSeconds).toLocaleString('en')} rows/s)`);
  console.log(`  deadline rows  ${w.deadlines.toLocaleString('en')}  (${Math.round(w.deadlines / genSeconds).toLocaleString('en')} rows/s)`);
  console.log(`  evidence rows  ${w.evidence.toLocaleString('en')}  (${Math.round(w.evidence / genSeconds).toLocaleString('en')} rows/s; the files' bytes are not generated)`);
  console.log(`  audit entries  ${w.audits.toLocaleString('en')}  (${Math.round(w.audits / genSeconds).toLocaleString('en')} rows/s), chain head seq ${chain.seq} ${chain.prevHash.slice(0, 16)}…`);
  console.log(`  complainants   ${orgs.length.toLocaleString('en')} organisations (${orgs.filter((x) => x.country !== 'CN').length} foreign), respondents ${respondents.length.toLocaleString('en')}, staff ${newUsers.length + userRows.length}`);
  console.log(`  sizes          ${sizes.map((s) => `${s.rel} ${s.size}`).join(', ')}`);
  console.log(`  states         ${[...states].sort((a, b) => b[1] - a[1]).map(([s, c]) => `${s} ${c}`).join(', ')}`);
  const b = writer.busy;
  console.log(`  writer         inserting cases ${b.cases.toFixed(0)} s, deadlines ${b.deadlines.toFixed(0)} s, evidence ${b.evidence.toFixed(0)} s, audit ${b.audits.toFixed(0)} s; generator waited ${b.waiting.toFixed(0)} s`);
  const refused = [...world.stats.refused].sort((a, b) => b[1] - a[1]);
  if (refused.length) console.log(`  refused steps  ${refused.slice(0, 8).map(([k, c]) => `${k} ${c}`).join(', ')}`);
  console.log(`  statechart     ${world.machine.computed} transitions computed, ${world.machine.hits.toLocaleString('en')} reused`);
  if (process.env.SEED_BULK_DEBUG) console.log([...world.machine.byType].sort((a, b) => b[1] - a[1]));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
