// R1 (quality.md): kill -9 of the API and the worker during 1,000 mixed submissions and actions. After the restarts,
// every action answered 2xx exists exactly once with its audit entry, the audit chain verifies, and no evidence row
// is without its object; mail and deadlines are held to the same ledger.
import { Checker, settleOutbox } from './harness/checker';
import { ApiClient, Ledger } from './harness/client';
import { MixedLoad } from './harness/load';
import { sleep } from './harness/processes';
import { pick } from './harness/scale';
import { FaultWorld } from './harness/world';

describe('R1: kill -9 of the API and the worker under load', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.start({ name: 'r1' });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('after the restarts every 2xx is there exactly once with its audit entry, the audit verifies, no evidence row lacks its object', async () => {
    const operations = pick(1000, 150);
    const ledger = new Ledger();
    const client = new ApiClient([world.apiUrl(0)], ledger);
    const tokens = { enterprise: await client.login(0, 'enterprise@demo.example'), examiner: await client.login(0, 'examiner@demo.example') };
    const api = world.apis[0]!;
    const worker = world.workers[0]!;

    // Kills at fixed points of the load, while requests are in flight: the API, the worker, both at once.
    const schedule: ('api' | 'worker' | 'both')[] = pick(['api', 'worker', 'both', 'api', 'worker', 'both', 'api', 'both'], ['api', 'both', 'worker']);
    const at = schedule.map((_, i) => Math.round(((i + 1) / (schedule.length + 1)) * operations));
    const kills = { api: 0, worker: 0 };
    let faults: Promise<void> = Promise.resolve();
    let next = 0;
    const fault = async (what: 'api' | 'worker' | 'both') => {
      const targets = what === 'both' ? [api, worker] : what === 'api' ? [api] : [worker];
      await Promise.all(targets.map((p) => p.kill()));
      if (what !== 'worker') kills.api++;
      if (what !== 'api') kills.worker++;
      // The API comes back at once (clients are waiting); a killed worker stays down a little while work piles up.
      if (what !== 'worker') await api.start();
      if (what !== 'api') {
        await sleep(1500);
        await worker.start();
      }
    };
    const load = new MixedLoad(client, tokens, {
      operations,
      concurrency: 12,
      onOperation: (sent) => {
        while (next < at.length && sent >= at[next]!) {
          const what = schedule[next++]!;
          faults = faults.then(() => fault(what));
        }
      },
    });
    const result = await load.run();
    await faults;

    expect(kills.api).toBe(schedule.filter((s) => s !== 'worker').length);
    expect(kills.worker).toBe(schedule.filter((s) => s !== 'api').length);
    // The kills really hit requests in flight (some got no answer), and the load still got through.
    expect(ledger.unanswered().length).toBeGreaterThan(0);
    expect(result.operations).toBeGreaterThanOrEqual(operations);
    expect(result.unexpected).toEqual([]);
    expect(ledger.ok('action').length).toBeGreaterThan(operations / 4);

    const settled = await settleOutbox(world, 120_000);
    expect(settled.pending).toBe(0);
    const checker = new Checker(world, ledger);
    try {
      const supervisorToken = await client.login(0, 'supervisor@demo.example');
      const report = await checker.all({ client, supervisorToken });
      console.log(`R1 ${operations} operations, ${kills.api} API kills, ${kills.worker} worker kills, ${(result.elapsedMs / 1000).toFixed(1)} s\n${report.summary()}\n${JSON.stringify(report.figures)}`);
      expect(report.failures()).toEqual([]);
    } finally {
      checker.close();
    }
  });
});
