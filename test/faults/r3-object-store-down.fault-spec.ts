// R3 (quality.md): the object store goes down during uploads. Uploads are refused fast with 503 and leave no
// evidence row (nor audit entry); once the store is back, a retry with the same Idempotency-Key succeeds exactly
// once, and a further retry replays that same evidence.
import { Checker } from './harness/checker';
import { ApiClient, type Answer, complaint, Ledger, pdfBytes } from './harness/client';
import { sleep } from './harness/processes';
import { pick } from './harness/scale';
import { FaultWorld } from './harness/world';

/** A PDF of about `mib` MiB (padding in a comment), so that uploads are still in flight when the store dies. */
const bigPdf = (tag: string, mib: number) => Buffer.concat([pdfBytes(tag), Buffer.from(`%${'x'.repeat(mib * 1024 * 1024)}\n`, 'latin1')]);

describe('R3: object store down during uploads', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.start({ name: 'r3' });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('fast 503 and no evidence row while it is down; the retry with the same Idempotency-Key succeeds exactly once', async () => {
    const n = pick(40, 12);
    const ledger = new Ledger();
    const client = new ApiClient([world.apiUrl(0)], ledger);
    const token = await client.login(0, 'enterprise@demo.example');
    const drafts: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await client.call(0, 'POST', '/complaints', { op: 'create', token, body: complaint(i), idempotencyKey: `r3-case-${i}` });
      expect(r.status).toBe(201);
      drafts.push(String(r.json!.id));
    }
    const files = drafts.map((_, i) => bigPdf(`r3-${i}`, 2));
    const upload = (i: number): Promise<Answer> =>
      client.call(0, 'POST', `/complaints/${drafts[i]}/evidence`, {
        op: 'upload', token, caseId: drafts[i], idempotencyKey: `r3-evidence-${i}`, form: { file: files[i]!, fileName: `购买记录-${i}.pdf`, kind: 'purchase_record' },
      });

    // The first half is on its way when the store is killed; the second half is sent while it is down.
    const half = Math.floor(n / 2);
    const inFlight = Array.from({ length: half }, (_, i) => upload(i));
    await sleep(150);
    await world.s3.kill();
    const killedAt = Date.now();
    const first = await Promise.all(inFlight);
    const whileDown = await Promise.all(Array.from({ length: n - half }, (_, i) => upload(half + i)));

    // Answers: 201 for what got through before the kill, otherwise 503, and fast.
    for (const a of first) expect([201, 503]).toContain(a.status);
    expect(first.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(whileDown.map((a) => a.status)).toEqual(whileDown.map(() => 503));
    expect(whileDown.every((a) => a.entry.code === 'service_unavailable')).toBe(true);
    const slowest = Math.max(...[...first.filter((a) => a.status === 503), ...whileDown].map((a) => a.entry.startedAt + a.entry.ms - Math.max(a.entry.startedAt, killedAt)));
    expect(slowest).toBeLessThan(5000);
    const health = await fetch(`${world.apiUrl(0)}/health`);
    expect(health.status).toBe(503);

    // Nothing of a refused upload was kept: no evidence row, no audit entry.
    const refused = [...first, ...whileDown].filter((a) => a.status === 503);
    const refusedCases = refused.map((a) => a.entry.caseId!);
    const [{ rows }] = await world.query<{ rows: number }>('SELECT count(*)::int AS rows FROM evidence WHERE case_id = ANY($1)', [refusedCases]);
    expect(rows).toBe(0);
    const [{ audits }] = await world.query<{ audits: number }>('SELECT count(*)::int AS audits FROM audit_entry WHERE request_id = ANY($1)', [refused.map((a) => a.entry.requestId)]);
    expect(audits).toBe(0);

    // The store comes back (same port, same storage): each key retried succeeds once; a second retry replays it.
    await world.s3.start();
    const retried = await Promise.all(refused.map((a) => upload(drafts.indexOf(a.entry.caseId!))));
    expect(retried.map((a) => a.status)).toEqual(retried.map(() => 201));
    const again = await Promise.all(drafts.map((_, i) => upload(i)));
    expect(again.map((a) => a.status)).toEqual(again.map(() => 201));
    const firstId = new Map(ledger.ok('upload').map((e) => [e.idempotencyKey!, e.resultId!]));
    for (const a of again) expect(a.entry.resultId).toBe(firstId.get(a.entry.idempotencyKey!));
    const perCase = await world.query<{ case_id: string; n: number }>('SELECT case_id, count(*)::int AS n FROM evidence WHERE case_id = ANY($1) GROUP BY 1', [drafts]);
    expect(perCase.length).toBe(n);
    expect(perCase.every((x) => x.n === 1)).toBe(true);

    const checker = new Checker(world, ledger);
    try {
      const report = await checker.all({ client, supervisorToken: await client.login(0, 'supervisor@demo.example') });
      console.log(`R3 ${n} uploads of 2 MiB, ${refused.length} refused while the store was down (slowest refusal ${slowest} ms)\n${report.summary()}\n${JSON.stringify(report.figures)}`);
      expect(report.failures()).toEqual([]);
    } finally {
      checker.close();
    }
  });

  it('a store that stops answering (hung, not refusing) is a 503 within seconds too, and the retry succeeds once', async () => {
    const ledger = new Ledger();
    const client = new ApiClient([world.apiUrl(0)], ledger);
    const token = await client.login(0, 'enterprise@demo.example');
    const n = pick(6, 3);
    const drafts: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await client.call(0, 'POST', '/complaints', { op: 'create', token, body: complaint(1000 + i), idempotencyKey: `r3-hung-case-${i}` });
      drafts.push(String(r.json!.id));
    }
    // Small files and ones of a few MiB: all bytes arrive, the store takes them in (or not) and never answers.
    const files = drafts.map((_, i) => (i % 2 ? bigPdf(`r3-hung-${i}`, 4) : pdfBytes(`r3-hung-${i}`)));
    const upload = (i: number) =>
      client.call(0, 'POST', `/complaints/${drafts[i]}/evidence`, {
        op: 'upload', token, caseId: drafts[i], idempotencyKey: `r3-hung-evidence-${i}`, form: { file: files[i]!, fileName: `截图-${i}.pdf`, kind: 'screenshot' }, timeoutMs: 120_000,
      });
    world.s3.freeze(true);
    let answers: Answer[];
    try {
      answers = await Promise.all(drafts.map((_, i) => upload(i)));
    } finally {
      world.s3.freeze(false);
    }
    expect(answers.map((a) => `${a.status} ${a.entry.code}`)).toEqual(answers.map(() => '503 service_unavailable'));
    const slowest = Math.max(...answers.map((a) => a.entry.ms));
    expect(slowest).toBeLessThan(20_000);
    const [{ rows }] = await world.query<{ rows: number }>('SELECT count(*)::int AS rows FROM evidence WHERE case_id = ANY($1)', [drafts]);
    expect(rows).toBe(0);

    // Answering again: each key succeeds once, and a repeat replays it.
    const retried = await Promise.all(drafts.map((_, i) => upload(i)));
    expect(retried.map((a) => a.status)).toEqual(retried.map(() => 201));
    const again = await Promise.all(drafts.map((_, i) => upload(i)));
    expect(again.map((a) => a.entry.resultId)).toEqual(retried.map((a) => a.entry.resultId));
    const checker = new Checker(world, ledger);
    try {
      const report = await checker.all({ client, supervisorToken: await client.login(0, 'supervisor@demo.example') });
      console.log(`R3 (hung store) ${n} uploads, slowest 503 after ${slowest} ms\n${report.summary()}`);
      expect(report.failures()).toEqual([]);
    } finally {
      checker.close();
    }
  });
});
