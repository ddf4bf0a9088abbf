// P6 (spec/quality.md): audit. Verification >= 200,000 entries/s; appending adds <= 20 % to an action's time.
// Run: npm run bench:audit [-- --entries=1000000 --actions=300 --rounds=5]. Embedded PostgreSQL and S3 server in a
// temporary directory (or BENCH_DATABASE_URL's server); prints the figures, the machine, and PASS/FAIL (exit 1).
//
// 1. Appending: one workflow action (`request_expert_opinion` / `expert_opinion_received` on a fast-track case:
//    lock the case row, statechart step, deadline pause/resume, notices, case row update; the API's own
//    CasesService code path minus HTTP) in one transaction, with and without its audit append, in alternating
//    blocks, one at a time and 8 at a time (the chain's advisory lock serialises concurrent appends).
// 2. Verification: `--entries` generated entries appended to the chain (hashes computed as appendAudit does), a
//    checkpoint signed and written to the S3 server, then `verifyAudit` (the endpoint's and the command's code) as
//    the application role, three times; RSS is sampled during each run (constant memory).
import { canonicalJson, createCheckpoint, defaultScanConnections, generateSigningKeyPem, inclusionProofs, loadKeyring, rowHash, S3CheckpointStore, type ScanOptions, scanChain, verifyAudit } from '@lyg/audit';
import { verifyInclusion } from '@lyg/domain';
import type { Caller } from '@lyg/auth';
import { loadConfig } from '@lyg/config';
import { createDataSource, migrate } from '@lyg/database';
import { type RunningService, startEmbeddedPostgres, startS3Server } from '@lyg/embedded';
import { createS3Client } from '@lyg/evidence';
import { WorkflowService } from '@lyg/workflow';
import { JwtService } from '@nestjs/jwt';
import type { INestApplication } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CasesService } from '../apps/api/src/cases/cases.service';
import { ComplaintInputDto } from '../apps/api/src/complaints/complaint-input.dto';
import { createApp } from '../apps/api/src/create-app';

const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
const ENTRIES = arg('entries', 1_000_000);
const ACTIONS = arg('actions', 300);
const ROUNDS = arg('rounds', 5);
const CONCURRENCY = 8;
const BAR_VERIFY_PER_S = 200_000;
const BAR_APPEND_OVERHEAD = 0.2;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
const log = (s: string) => console.log(s);

function complaint(i: number): ComplaintInputDto {
  return {
    language: 'zh-CN',
    complainant: {
      name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706',
      contactName: '王敏', contactEmail: 'ip@kangheng.example', contactPhone: '+86 518 8555 0101',
    },
    respondent: {
      name: `海州区某药房${i}`, uscc: null, country: 'CN', regionCode: '320706', address: '连云港市海州区…', onlineStoreUrl: null, platform: null, contactEmail: null,
    },
    ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: '连云港康恒医药有限公司', validUntil: '2043-05-10', niceClasses: null }],
    infringement: {
      conducts: ['sale'], channel: 'offline', industry: 'new_medicine', regionCode: '320706', firstKnownAt: '2026-10-08',
      description: '被投诉方在其门店公开销售落入本专利权利要求保护范围的缓释片剂产品，已公证购买。', estimatedTurnoverCny: 80000,
      estimatedGainsCny: null, estimatedLossCny: null, priorWarningSent: false, urls: [],
    },
    requestedRemedies: ['stop_infringement', 'administrative_penalty'],
  } as unknown as ComplaintInputDto;
}

/** Part 1: the cost of the audit append in one action. */
async function appendCost(app: INestApplication, ds: DataSource) {
  const cases = app.get(CasesService);
  const workflow = app.get(WorkflowService);
  const org = randomUUID();
  const center = randomUUID();
  await ds.query("INSERT INTO organization (id, name, kind, uscc) VALUES ($1, '连云港康恒医药有限公司', 'enterprise', '91320706MA1XK7H21A'), ($2, '保护中心', 'protection_center', null)", [org, center]);
  const user = async (role: string, organizationId: string): Promise<Caller> => {
    const id = randomUUID();
    const email = `${role}-${id.slice(0, 8)}@bench.example`;
    await ds.query("INSERT INTO user_account (id, email, display_name, password_hash, role, organization_id) VALUES ($1, $2, 'bench', 'x', $3, $4)", [id, email, role, organizationId]);
    return { userId: id, role: role as Caller['role'], organizationId, email };
  };
  const enterprise = await user('enterprise', org);
  const examiner = await user('examiner', center);
  const ids: string[] = [];
  for (let i = 0; i < CONCURRENCY * 2; i++) {
    const draft = await cases.createDraft(enterprise, complaint(i), undefined);
    const id = (draft.body as { id: string }).id;
    await cases.act(enterprise, id, 'submit', {}, null, randomUUID());
    await cases.act(examiner, id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' }, null, randomUUID());
    ids.push(id);
  }
  const next = new Map(ids.map((id) => [id, 'request_expert_opinion']));
  const nextAction = (id: string) => {
    const name = next.get(id)!;
    next.set(id, name === 'request_expert_opinion' ? 'expert_opinion_received' : 'request_expert_opinion');
    return name;
  };
  // "Without" = the same code with no audit facts coming out of the workflow step, so that the command's
  // transaction (auditedTransaction: the appends and the COMMIT back to back) commits without appending.
  const perform = workflow.perform.bind(workflow);
  const setAudit = (on: boolean) => {
    workflow.perform = on ? perform : async (...args: Parameters<typeof perform>) => (await perform(...args), []);
  };

  // An action over HTTP, as a client makes it: POST /api/v1/cases/:id/actions/:action.
  const server = app.getHttpServer() as import('node:http').Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  const token = await app.get(JwtService).signAsync({ sub: examiner.userId, role: examiner.role, org: examiner.organizationId, email: examiner.email });
  const http = async (id: string) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/cases/${id}/actions/${nextAction(id)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (res.status !== 200) throw new Error(`action: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  // The command's transaction alone (CasesService.act without HTTP).
  const transaction = (id: string) => cases.act(examiner, id, nextAction(id), {}, null, randomUUID()).then(() => undefined);

  const sequential = async (run: (id: string) => Promise<void>, n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await run(ids[i % ids.length]);
    return (performance.now() - t0) / n;
  };
  const concurrent = async (run: (id: string) => Promise<void>, n: number) => {
    const t0 = performance.now();
    let started = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = 0; started < n; i++) {
          started++;
          await run(ids[(w + i * CONCURRENCY) % ids.length]);
        }
      }),
    );
    return (n * 1000) / (performance.now() - t0);
  };
  const compare = async <T>(measure: () => Promise<T>) => {
    const out = { with: [] as T[], without: [] as T[] };
    // Small alternating blocks, so that the drift of a shared machine falls on both modes alike.
    for (let r = 0; r < ROUNDS * 4; r++) {
      for (const on of r % 2 ? [false, true] : [true, false]) {
        setAudit(on);
        out[on ? 'with' : 'without'].push(await measure());
      }
    }
    setAudit(true);
    return out;
  };
  for (const on of [true, false]) {
    setAudit(on);
    await sequential(http, 60);
  }
  const block = Math.max(10, Math.round(ACTIONS / 4));
  const httpSeq = await compare(() => sequential(http, block));
  const txSeq = await compare(() => sequential(transaction, block));
  const httpPar = await compare(() => concurrent(http, block * 2));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    httpWith: median(httpSeq.with),
    httpWithout: median(httpSeq.without),
    overhead: median(httpSeq.with) / median(httpSeq.without) - 1,
    txWith: median(txSeq.with),
    txWithout: median(txSeq.without),
    txOverhead: median(txSeq.with) / median(txSeq.without) - 1,
    perSecondWith: median(httpPar.with),
    perSecondWithout: median(httpPar.without),
    throughputCost: 1 - median(httpPar.with) / median(httpPar.without),
  };
}

/** Part 2: `n` more entries on the chain, written in batches (content like the workflow's, hashes like appendAudit's). */
async function generateEntries(ds: DataSource, n: number): Promise<void> {
  const [head] = await ds.query<{ seq: string; hash: string }[]>('SELECT a.seq::text AS seq, a.hash FROM audit_entry a ORDER BY a.seq DESC LIMIT 1');
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? '0'.repeat(64);
  const actions = [
    ['submit', 'draft', 'screening', ['fast']],
    ['triage', 'screening', 'screening', ['broad', 'equal']],
    ['accept', 'screening', 'fast_track.examining', ['fast', 'equal']],
    ['claim', 'fast_track.examining', 'fast_track.examining', ['fast']],
    ['request_expert_opinion', 'fast_track.examining', 'fast_track.awaiting_expert', ['fast']],
    ['approve_transfer', 'police_transfer_review.awaiting_approval', 'police_transfer_review.awaiting_police_decision', ['strict', 'broad', 'fast']],
  ] as const;
  const orgs = Array.from({ length: 50 }, () => randomUUID());
  const actors = Array.from({ length: 200 }, () => randomUUID());
  const t0 = Date.now() - n * 10;
  const BATCH = 10_000;
  for (let done = 0; done < n; ) {
    const k = Math.min(BATCH, n - done);
    const cols: unknown[][] = Array.from({ length: 15 }, () => []);
    let caseId = randomUUID();
    for (let i = 0; i < k; i++) {
      seq++;
      if (seq % 6 === 0) caseId = randomUUID();
      const [action, from, to, principles] = actions[seq % actions.length];
      const row = {
        seq: String(seq),
        at: new Date(t0 + seq * 10).toISOString(),
        caseId,
        actorId: actors[seq % actors.length],
        actorRole: 'examiner',
        organizationId: orgs[seq % orgs.length],
        action,
        fromState: from,
        toState: to,
        payloadDigest: createHash('sha256').update(String(seq)).digest('hex'),
        details: action === 'accept' ? { action, route: 'fast_track', overrideReason: '证据材料已线下核验' } : { action },
        requestId: randomUUID(),
        principles: [...principles],
        prevHash: prev,
      };
      const hash = rowHash(row);
      const values = [row.seq, row.at, row.caseId, row.actorId, row.actorRole, row.organizationId, row.action, row.fromState, row.toState, row.payloadDigest,
        canonicalJson(row.details), row.requestId, `{${row.principles.join(',')}}`, row.prevHash, hash];
      values.forEach((v, j) => cols[j].push(v));
      prev = hash;
    }
    await ds.query(
      `INSERT INTO audit_entry (seq, at, case_id, actor_id, actor_role, organization_id, action, from_state, to_state, payload_digest, details, request_id, principles, prev_hash, hash)
       SELECT s, a, c::uuid, ac::uuid, r, o::uuid, x, f, t, d, j, q, p::text[], ph, h
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
         AS u(s, a, c, ac, r, o, x, f, t, d, j, q, p, ph, h)`,
      cols,
    );
    done += k;
    if (done % 200_000 === 0 || done === n) process.stdout.write(`  generated ${fmt(done)} entries\n`);
  }
}

async function main() {
  const cpu = os.cpus();
  log(`P6 audit benchmark — ${cpu[0]?.model ?? 'cpu'}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.type()} ${os.release()}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lyg-bench-audit-'));
  const services: RunningService[] = [];
  let app: INestApplication | null = null;
  try {
    let server = process.env.BENCH_DATABASE_URL;
    if (!server) {
      const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), database: 'postgres_bench' });
      services.push(pg);
      server = pg.url;
    }
    const dbName = `lyg_bench_audit_${process.pid}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server);
    url.pathname = `/${dbName}`;
    services.push({
      url: '',
      stop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      },
    });
    const owner = createDataSource(url.toString(), 2);
    await owner.initialize();
    await migrate(owner);
    const s3 = await startS3Server({ dir: path.join(dir, 's3'), bucket: 'evidence' });
    services.push(s3);

    const env = {
      NODE_ENV: 'development', DATA_DIR: dir, DATABASE_URL: url.toString(), S3_ENDPOINT: s3.url, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey,
      SMTP_URL: 'smtp://127.0.0.1:2525', LOG_LEVEL: 'error', DEMO: 'false', AUDIT_SIGNING_KEY: generateSigningKeyPem(), WORKER_POLL_MS: '0',
    };
    const config = loadConfig(env);
    app = await createApp(config);
    await app.init();
    // The app's own pool: connections run as lyg_app.
    const ds = app.get(DataSource);

    log(`\n1. appending: ${ROUNDS * 4} alternating blocks of ${Math.max(10, Math.round(ACTIONS / 4))} actions per mode`);
    const a = await appendCost(app, ds);
    log(`   HTTP action, one at a time: ${a.httpWith.toFixed(2)} ms with the audit append, ${a.httpWithout.toFixed(2)} ms without → ${pct(a.overhead)} (bar ≤ +${BAR_APPEND_OVERHEAD * 100} %)`);
    log(`   its transaction alone:      ${a.txWith.toFixed(2)} ms with, ${a.txWithout.toFixed(2)} ms without → ${pct(a.txOverhead)}`);
    log(`   HTTP, ${CONCURRENCY} at a time:         ${fmt(a.perSecondWith)} actions/s with, ${fmt(a.perSecondWithout)} without → ${pct(-a.throughputCost)} throughput`);

    log(`\n2. verification over ${fmt(ENTRIES)} generated entries`);
    const g0 = performance.now();
    await generateEntries(owner, ENTRIES);
    await owner.query('VACUUM ANALYZE audit_entry');
    log(`   generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const keyring = loadKeyring(config);
    const s3client = createS3Client(config.s3);
    const store = new S3CheckpointStore(s3client, 'evidence', null);
    const c0 = performance.now();
    const cp = await createCheckpoint(ds, store, keyring);
    log(`   first checkpoint (verifies the whole chain, builds its Merkle tree, signs): seq ${cp.checkpoint?.seq} in ${((performance.now() - c0) / 1000).toFixed(2)} s`);
    const [{ nodes }]: { nodes: number }[] = await owner.query('SELECT count(*)::int AS nodes FROM audit_merkle_node');
    // Inclusion proofs as a transfer package asks for them: 40 entries spread over the chain, proven and checked.
    const size = Number(cp.checkpoint!.seq);
    const picks: { seq: string; hash: string }[] = await owner.query('SELECT seq::text AS seq, hash FROM audit_entry WHERE seq = ANY($1)', [
      Array.from({ length: 40 }, (_, i) => Math.max(1, Math.floor((size * (i + 0.5)) / 40))),
    ]);
    const p0 = performance.now();
    const { proofs } = await inclusionProofs(ds, size, picks);
    const proofMs = performance.now() - p0;
    const allOk = (await Promise.all(proofs.map((p) => verifyInclusion(p.leafIndex, size, p.hash, p.path, cp.checkpoint!.merkleRoot!)))).every(Boolean);
    log(`   Merkle tree: ${fmt(nodes)} stored nodes; 40 inclusion proofs (${proofs[0]?.path.length} hashes each) in ${proofMs.toFixed(1)} ms, ${allOk ? 'all verify' : 'NOT ALL VERIFY'}`);
    if (!allOk) process.exitCode = 1;
    const runs: { perSecond: number; ms: number; rssGrowth: number; entries: number; valid: boolean }[] = [];
    for (let i = 0; i < 3; i++) {
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const t0 = performance.now();
      const r = await verifyAudit(ds, store, keyring);
      const ms = performance.now() - t0;
      clearInterval(sampler);
      runs.push({ perSecond: (r.checkedEntries * 1000) / ms, ms, rssGrowth: peak - rss0, entries: r.checkedEntries, valid: r.valid });
      log(`   run ${i + 1}: ${r.valid ? 'valid' : `INVALID (${r.problem?.message})`}, ${fmt(r.checkedEntries)} entries in ${(ms / 1000).toFixed(2)} s = ${fmt((r.checkedEntries * 1000) / ms)} entries/s; RSS +${((peak - rss0) / 2 ** 20).toFixed(0)} MiB`);
    }
    const connections = defaultScanConnections();
    const modes: { label: string; opts: ScanOptions }[] = [
      { label: `in PostgreSQL, ${connections} connection${connections > 1 ? 's' : ''}`, opts: { mode: 'sql', connections } },
      { label: 'in PostgreSQL, 1 connection', opts: { mode: 'sql', connections: 1 } },
      { label: 'pages decoded and hashed in Node', opts: { mode: 'pages' } },
    ];
    for (const { label, opts } of modes) {
      const t1 = performance.now();
      const chain = await scanChain(ds, opts);
      const ms = performance.now() - t1;
      log(`   chain only, ${label}: ${fmt((chain.checkedEntries * 1000) / ms)} entries/s${chain.recheckedEntries ? ` (${fmt(chain.recheckedEntries)} re-checked in Node)` : ''}`);
    }
    s3client.destroy();
    await owner.destroy();

    const verifyRate = median(runs.map((r) => r.perSecond));
    const okVerify = verifyRate >= BAR_VERIFY_PER_S && runs.every((r) => r.valid);
    const okAppend = a.overhead <= BAR_APPEND_OVERHEAD;
    log('\nP6 — audit');
    log(`  verification: median ${fmt(verifyRate)} entries/s over ${fmt(runs[0].entries)} entries (bar ≥ ${fmt(BAR_VERIFY_PER_S)}) ${okVerify ? 'PASS' : 'FAIL'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    log(`  append cost:  ${pct(a.overhead)} of an action's time over HTTP (bar ≤ +${BAR_APPEND_OVERHEAD * 100} %) ${okAppend ? 'PASS' : 'FAIL'}; ${pct(a.txOverhead)} of its transaction alone`);
    process.exitCode = okVerify && okAppend ? 0 : 1;
  } finally {
    await app?.close().catch(() => undefined);
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
