// Scale-out (architecture.md decision 6): two API processes and two workers on one database and one object store,
// under the P1 load (create + submit, 32 connections, split over both APIs) plus workflow actions on the cases it
// files, while screening deadlines of those cases are made due (the workers race to fire them, and the actions race
// the firings). Afterwards the fault suite's checker, and three checks of its own: no deadline fired twice, no mail
// sent twice, no lost update. Prints the figures and a section for docs/benchmarks.md.
//   npm run bench:scaleout            (env LOAD_S=20, INTAKE_CONNECTIONS=32, ACTION_CONNECTIONS=8)
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { Checker, messageIdOf, settleOutbox } from './harness/checker';
import { type Answer, ApiClient, complaint, Ledger } from './harness/client';
import { killAllNow, sleep, waitFor } from './harness/processes';
import { FaultWorld } from './harness/world';
import { readSinkMessages } from '../../libs/embedded/src/smtp-sink';

const SECONDS = Number(process.env.LOAD_S ?? 20);
const INTAKE = Number(process.env.INTAKE_CONNECTIONS ?? 32);
const ACTIONS = Number(process.env.ACTION_CONNECTIONS ?? 8);

interface Stats {
  lat: number[];
  submits: number;
  creates: number;
  actions: number;
  errors: string[];
}
const stats = (): Stats => ({ lat: [], submits: 0, creates: 0, actions: 0, errors: [] });
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : NaN;
};

async function main(): Promise<void> {
  const t0 = Date.now();
  const world = await FaultWorld.start({ name: 'scaleout', apis: 2, workers: 2 });
  current = world;
  console.log(`2 APIs (${world.apiUrl(0)}, ${world.apiUrl(1)}) and 2 workers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${world.describe()}`);
  const exitCode = await run(world).finally(() => world.close());
  process.exit(exitCode);
}

async function run(world: FaultWorld): Promise<number> {
  const ledger = new Ledger();
  const client = new ApiClient([world.apiUrl(0), world.apiUrl(1)], ledger);
  const enterprise = await client.login(0, 'enterprise@demo.example');
  const examiner = await client.login(1, 'examiner@demo.example');
  // The demo data's own mail is out of the way first.
  await settleOutbox(world, 60_000);

  const perApi = [stats(), stats()];
  const pool: { id: string; version: number }[] = [];
  const madeDue = new Set<string>();
  const end = Date.now() + SECONDS * 1000;
  const timed = async (s: Stats, f: () => Promise<Answer>) => {
    const a = await f();
    s.lat.push(a.entry.ms);
    return a;
  };
  const unexpected = (s: Stats, what: string, a: Answer) => s.errors.push(`${what} ${a.status} ${a.entry.code ?? a.entry.error ?? ''}`);

  // P1: create + submit, closed loop, connections alternating between the two APIs.
  let n = 0;
  const intake = Array.from({ length: INTAKE }, async (_, conn) => {
    const api = conn % 2;
    const s = perApi[api]!;
    while (Date.now() < end) {
      const i = n++;
      const c = await timed(s, () => client.call(api, 'POST', '/complaints', { op: 'create', token: enterprise, body: complaint(i), idempotencyKey: `scaleout-${i}` }));
      if (c.status !== 201) {
        unexpected(s, 'create', c);
        continue;
      }
      s.creates++;
      const id = String(c.json!.id);
      const sub = await timed(s, () => client.call(api, 'POST', `/cases/${id}/actions/submit`, { op: 'action', token: enterprise, caseId: id, action: 'submit', ifMatch: Number(c.json!.version) }));
      if (sub.status !== 200) {
        unexpected(s, 'submit', sub);
        continue;
      }
      s.submits++;
      pool.push({ id, version: Number(sub.json!.version) });
    }
  });

  // Workflow actions on filed cases (accept, expert opinion asked and received, decision), with If-Match; a case
  // whose deadline fired in between is read again and the action retried on its new version.
  const STEPS: { action: string; body?: Record<string, unknown> }[] = [
    { action: 'accept', body: { route: 'fast_track', overrideReason: '快速维权通道' } },
    { action: 'request_expert_opinion', body: { reason: '需技术比对' } },
    { action: 'expert_opinion_received' },
    { action: 'decide', body: { outcome: 'infringement_established', summary: '被控产品落入专利保护范围' } },
  ];
  let staleRetries = 0;
  const actors = Array.from({ length: ACTIONS }, async (_, conn) => {
    const api = conn % 2;
    const s = perApi[api]!;
    while (Date.now() < end) {
      const c = pool.shift();
      if (!c) {
        await sleep(50);
        continue;
      }
      let version = c.version;
      for (let k = 0; k < STEPS.length && Date.now() < end + 5000; ) {
        const step = STEPS[k]!;
        const a = await timed(s, () => client.call(api, 'POST', `/cases/${c.id}/actions/${step.action}`, { op: 'action', token: examiner, body: step.body, caseId: c.id, action: step.action, ifMatch: version }));
        if (a.status === 200) {
          s.actions++;
          version = Number(a.json!.version);
          k++;
        } else if (a.status === 412) {
          staleRetries++;
          const g = await client.call(api, 'GET', `/cases/${c.id}`, { op: 'get', token: examiner });
          version = Number(g.json!.version);
        } else {
          unexpected(s, step.action, a);
          break;
        }
      }
    }
  });

  // Deadlines made due while the load runs: a few filed cases' screening periods end every half second, some of
  // them on cases the actors are accepting at that very moment.
  const mover = (async () => {
    while (Date.now() < end) {
      const ids = [...pool.slice(-4), ...pool.slice(0, 2)].map((c) => c.id).filter((id) => !madeDue.has(id));
      for (const id of ids) madeDue.add(id);
      if (ids.length) await world.query("UPDATE case_deadline SET due_at = now() - interval '1 second' WHERE case_id = ANY($1) AND stage = 'screening' AND status = 'active'", [ids]);
      await sleep(500);
    }
  })();

  const loadStart = Date.now();
  await Promise.all([...intake, ...actors, mover]);
  const elapsed = (Date.now() - loadStart) / 1000;
  const load = execSync('uptime').toString().trim().replace(/.*load average:\s*/, '');

  // The workers fire whatever is still due, and deliver the mail.
  const due = [...madeDue];
  await waitFor('the due deadlines to fire', async () => {
    const [{ open }] = await world.query<{ open: number }>("SELECT count(*)::int AS open FROM case_deadline WHERE case_id = ANY($1) AND stage = 'screening' AND status = 'active' AND due_at <= now()", [due]);
    return open === 0;
  }, 120_000, 250);
  const settled = await settleOutbox(world, 180_000);

  // No deadline fired twice: one expiry entry per fired row (a row closed on leaving the stage does not fire).
  const firings = await world.query<{ case_id: string; rows: number; entries: number }>(
    `SELECT d.case_id, count(*) FILTER (WHERE d.fired_at IS NOT NULL AND d.status <> 'cancelled')::int AS rows,
            (SELECT count(*)::int FROM audit_entry a WHERE a.case_id = d.case_id AND a.action = 'deadline.expired' AND a.details::jsonb->>'stage' = 'screening') AS entries
       FROM case_deadline d WHERE d.case_id = ANY($1) AND d.stage = 'screening' GROUP BY d.case_id`,
    [due],
  );
  const firedTwice = firings.filter((f) => f.entries > 1 || f.entries !== f.rows);
  const fired = firings.reduce((s, f) => s + f.entries, 0);
  // No mail sent twice: each outbox message is in the sink exactly once, under its Message-ID.
  const outbox = await world.query<{ message_id: string }>('SELECT message_id FROM outbox_message');
  const deliveries = new Map<string, number>();
  for (const m of readSinkMessages(world.mailDir)) {
    const id = messageIdOf(m.raw);
    if (id) deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
  }
  const sentTwice = outbox.filter((o) => (deliveries.get(o.message_id) ?? 0) > 1).length;
  const notSent = outbox.filter((o) => !deliveries.has(o.message_id)).length;
  // Which worker did what, from their own logs.
  const perWorker = world.workers.map((w) => {
    const log = w.log();
    const firedHere = [...log.matchAll(/deadlines: (\d+) fired/g)].reduce((s, m) => s + Number(m[1]), 0);
    const sentHere = [...log.matchAll(/"sent":(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
    return { fired: firedHere, sent: sentHere };
  });

  const checker = new Checker(world, ledger);
  let report;
  try {
    report = await checker.all({ client, supervisorToken: await client.login(0, 'supervisor@demo.example') });
  } finally {
    checker.close();
  }
  const lostUpdate = report.checks.find((c) => c.name.startsWith('versions'))!;
  const extra = [
    { name: 'scale-out: no deadline fired twice', ok: firedTwice.length === 0, detail: `${due.length} deadlines made due, ${fired} fired, each once${firedTwice.length ? `; NOT: ${JSON.stringify(firedTwice.slice(0, 5))}` : ''}` },
    { name: 'scale-out: no mail sent twice', ok: sentTwice === 0 && notSent === 0, detail: `${outbox.length} outbox messages, ${sentTwice} delivered twice, ${notSent} not delivered` },
  ];
  for (const e of extra) report.add(e.name, e.ok, e.detail);

  const all = [...perApi[0]!.lat, ...perApi[1]!.lat];
  const row = (i: number) => {
    const s = perApi[i]!;
    return `| API ${i + 1} | ${s.creates} | ${s.submits} | ${(s.submits / elapsed).toFixed(1)}/s | ${s.actions} | ${pct(s.lat, 0.5).toFixed(0)} ms | ${pct(s.lat, 0.99).toFixed(0)} ms | ${s.errors.length} |`;
  };
  const totals = perApi.reduce((t, s) => ({ creates: t.creates + s.creates, submits: t.submits + s.submits, actions: t.actions + s.actions, errors: t.errors + s.errors.length }), { creates: 0, submits: 0, actions: 0, errors: 0 });
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), node ${process.version}, PostgreSQL 18 (embedded), load average during the run ${load}`;
  const lines = [
    `## Scale-out`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench:scaleout\` (LOAD_S=${SECONDS}): two API processes and two workers (the launcher's \`--api\` / \`--worker\`) on one PostgreSQL, one S3 server and one SMTP sink, each its own process; ${INTAKE} connections of P1 intake (create + submit) alternating between the APIs, ${ACTIONS} more doing workflow actions (accept, expert opinion asked and received, decision, with If-Match) on the filed cases, while the screening deadlines of ${due.length} of them were made due during the load (the workers race to fire them; actions race the firings). Machine: ${machine}.`,
    '',
    '| process | creates | submits | intake rate | actions | p50 | p99 | errors |',
    '|---|---|---|---|---|---|---|---|',
    row(0),
    row(1),
    `| both | ${totals.creates} | ${totals.submits} | ${(totals.submits / elapsed).toFixed(1)}/s | ${totals.actions} | ${pct(all, 0.5).toFixed(0)} ms | ${pct(all, 0.99).toFixed(0)} ms | ${totals.errors} |`,
    '',
    `| worker | deadlines fired | mails sent |`,
    '|---|---|---|',
    ...perWorker.map((w, i) => `| worker ${i + 1} | ${w.fired} | ${w.sent} |`),
    '',
    `Checks: ${extra.map((e) => `${e.ok ? 'pass' : 'FAIL'} — ${e.name.replace('scale-out: ', '')} (${e.detail})`).join('; ')}; ${lostUpdate.ok ? 'pass' : 'FAIL'} — no lost update (${lostUpdate.detail}; ${staleRetries} actions told 412 after a firing or another change moved the version, read again and retried). The fault suite's checker over the whole run: ${report.failures().length === 0 ? `all ${report.checks.length} checks pass` : `FAILURES: ${report.failures().join('; ')}`}. Mail settled ${(settled.waitedMs / 1000).toFixed(1)} s after the load.`,
  ];
  console.log(`\n${report.summary()}\n${JSON.stringify(report.figures)}\n`);
  for (const [i, s] of perApi.entries()) if (s.errors.length) console.log(`API ${i + 1} errors: ${JSON.stringify(s.errors.slice(0, 10))}`);
  console.log(lines.join('\n'));
  return report.failures().length === 0 && totals.errors === 0 ? 0 : 1;
}

// Interrupted (Ctrl-C, a timeout): the processes it started go with it, and their scratch directory.
let current: FaultWorld | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllNow();
    if (current && !process.env.FAULTS_KEEP) rmSync(current.dir, { recursive: true, force: true });
    process.exit(130);
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
