// R4 (quality.md): the SMTP server is down for a while (killed, and killed again while the worker is delivering the
// backlog). The API is not held up by it; after recovery every outbox message is delivered, none is lost, and a
// message delivered twice came both times under its own Message-ID.
import { Checker, settleOutbox } from './harness/checker';
import { ApiClient, Ledger } from './harness/client';
import { MixedLoad } from './harness/load';
import { sleep, waitFor } from './harness/processes';
import { readSinkMessages } from '../../libs/embedded/src/smtp-sink';
import { pick } from './harness/scale';
import { FaultWorld } from './harness/world';

describe('R4: SMTP down for a while', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.start({ name: 'r4' });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('every mail is delivered after recovery; none lost; duplicates only with the same Message-ID', async () => {
    const ledger = new Ledger();
    const client = new ApiClient([world.apiUrl(0)], ledger);
    const tokens = { enterprise: await client.login(0, 'enterprise@demo.example'), examiner: await client.login(0, 'examiner@demo.example') };
    // Whatever the start-up enqueued (demo data) is delivered first, so the outage meets only the load's mail.
    expect((await settleOutbox(world, 60_000)).pending).toBe(0);

    await world.smtp.kill();
    const downAt = Date.now();
    const load = new MixedLoad(client, tokens, { operations: pick(300, 120), concurrency: 8 });
    const result = await load.run();
    // The API did its work without the mail server: every request answered, none with 5xx.
    expect(result.unexpected).toEqual([]);
    expect(ledger.entries.filter((e) => e.status === 0 || e.status >= 500)).toEqual([]);
    await sleep(Math.max(0, pick(25_000, 12_000) - (Date.now() - downAt)));
    // Mail piled up and the worker's attempts failed meanwhile.
    const [{ pending, failed }] = await world.query<{ pending: number; failed: number }>(
      "SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failed FROM outbox_message",
    );
    expect(pending).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(0);

    // Back up; then down again as soon as the backlog starts coming in (the worker mid-delivery), and up for good.
    const before = readSinkMessages(world.mailDir).length;
    await world.smtp.start();
    await waitFor('the first mail of the backlog', async () => readSinkMessages(world.mailDir).length > before, 60_000, 50);
    await world.smtp.kill();
    const deliveredBeforeSecondOutage = readSinkMessages(world.mailDir).length - before;
    await sleep(3000);
    await world.smtp.start();

    const settled = await settleOutbox(world, 240_000);
    expect(settled.pending).toBe(0);
    const checker = new Checker(world, ledger);
    try {
      const report = await checker.all({ client, supervisorToken: await client.login(0, 'supervisor@demo.example') });
      console.log(`R4 ${result.operations} operations with the mail server down; backlog of ${pending} messages, ${deliveredBeforeSecondOutage} delivered before the second outage, the rest within ${settled.waitedMs} ms of the last restart\n${report.summary()}\n${JSON.stringify(report.figures)}`);
      expect(report.failures()).toEqual([]);
      const [{ dead }] = await world.query<{ dead: number }>("SELECT count(*)::int AS dead FROM outbox_message WHERE status = 'dead'");
      expect(dead).toBe(0);
    } finally {
      checker.close();
    }
  });
});
