// R2 (quality.md): PostgreSQL restarted mid-load. During the outage the API answers 503 (fast, never 500, never a
// hang); afterwards it recovers without being restarted (same process), and nothing acknowledged is lost. The worker
// recovers too: the mail of the load is delivered.
import { Checker, settleOutbox } from './harness/checker';
import { ApiClient, Ledger } from './harness/client';
import { MixedLoad } from './harness/load';
import type { PgStopMode } from './harness/postgres';
import { sleep } from './harness/processes';
import { pick } from './harness/scale';
import { FaultWorld } from './harness/world';

describe('R2: PostgreSQL restarted mid-load', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.start({ name: 'r2' });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('503 during the outage, recovery without restarting the app, nothing acknowledged lost', async () => {
    const operations = pick(600, 200);
    const downMs = pick(8000, 5000);
    const ledger = new Ledger();
    const client = new ApiClient([world.apiUrl(0)], ledger);
    const tokens = { enterprise: await client.login(0, 'enterprise@demo.example'), examiner: await client.login(0, 'examiner@demo.example') };
    const apiPid = world.apis[0]!.pid;
    const workerPid = world.workers[0]!.pid;

    // A fast shutdown (sessions ended mid-transaction) and a crash (immediate shutdown, recovery at start).
    const modes: PgStopMode[] = ['fast', 'immediate'];
    const at = modes.map((_, i) => Math.round(((i + 1) / (modes.length + 1)) * operations));
    const outages: { from: number; to: number }[] = [];
    let faults: Promise<void> = Promise.resolve();
    let next = 0;
    const load = new MixedLoad(client, tokens, {
      operations,
      concurrency: 12,
      onOperation: (sent) => {
        while (next < at.length && sent >= at[next]!) {
          const mode = modes[next++]!;
          faults = faults.then(async () => {
            await world.pg.stop(mode);
            const from = Date.now();
            await sleep(downMs);
            // Down means refused: the last requests of the outage are answered before the server returns.
            const to = Date.now();
            await world.pg.proc.start();
            outages.push({ from, to });
          });
        }
      },
    });
    const result = await load.run();
    await faults;
    expect(outages).toHaveLength(modes.length);
    // No process ended on its own (an API that crashed in the outage would refuse connections): the end of its output if one did.
    expect(world.unexpectedExits()).toEqual([]);

    // Requests sent well inside an outage (a second after it began, answered before it ended) were all 503, fast.
    const inside = ledger.entries.filter((e) => outages.some((o) => e.startedAt >= o.from + 1000 && e.startedAt + e.ms <= o.to));
    expect(inside.length).toBeGreaterThan(10);
    // Every one 503; a failure lists the others with what the client saw (status 0: no answer, and why).
    const notServiceUnavailable = inside
      .filter((e) => e.status !== 503)
      .map((e) => ({ op: e.op, method: e.method, path: e.path, status: e.status, error: e.error, ms: e.ms, intoOutageMs: e.startedAt - outages.find((o) => e.startedAt >= o.from + 1000 && e.startedAt + e.ms <= o.to)!.from }));
    // With the ports of the system, to tell a refusal by the API from one elsewhere.
    expect({ ports: notServiceUnavailable.length ? world.ports() : null, notServiceUnavailable }).toEqual({ ports: null, notServiceUnavailable: [] });
    expect(Math.max(...inside.map((e) => e.ms))).toBeLessThan(10_000);
    // Nothing the database outage caused was answered with anything but 503 (no 500, no hang without an answer).
    expect(ledger.entries.filter((e) => e.status >= 500 && e.status !== 503)).toEqual([]);
    expect(ledger.unanswered()).toEqual([]);
    expect(result.unexpected).toEqual([]);
    // Recovery without a restart: the same API and worker processes serve after the last outage. How much of the
    // first load is left by then depends on how fast the outage's 503s used it up, so a second load follows.
    const lastUp = outages[outages.length - 1]!.to;
    const after = await new MixedLoad(client, tokens, { operations: pick(80, 40), concurrency: 12 }).run();
    expect(after.unexpected).toEqual([]);
    expect(world.apis[0]!.pid).toBe(apiPid);
    expect(world.workers[0]!.pid).toBe(workerPid);
    expect(ledger.ok().filter((e) => e.startedAt > lastUp).length).toBeGreaterThan(20);

    expect((await settleOutbox(world, 120_000)).pending).toBe(0);
    const checker = new Checker(world, ledger);
    try {
      const report = await checker.all({ client, supervisorToken: await client.login(0, 'supervisor@demo.example') });
      console.log(`R2 ${operations} operations, outages ${JSON.stringify(modes)} of ${downMs} ms, ${inside.length} requests inside them\n${report.summary()}\n${JSON.stringify(report.figures)}`);
      expect(report.failures()).toEqual([]);
    } finally {
      checker.close();
    }
  });
});
