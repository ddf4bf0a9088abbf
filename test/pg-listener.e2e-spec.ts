// The LISTEN connection helper of libs/database against a real PostgreSQL: notifications arrive, a lost connection
// is reported and made again, and a process that stops (PgListener.stopAll, the launcher's first step on Ctrl-C)
// takes the server's end of its connections quietly.
import { PgListener } from '@lyg/database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const until = async (what: string, ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('PgListener', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = new Client({ connectionString: process.env.TEST_DB_URL });
    await admin.connect();
  });
  afterAll(() => admin.end());

  function listener(channel: string, applicationName: string) {
    const seen = { payloads: [] as (string | undefined)[], listening: 0, lost: [] as unknown[] };
    const l = new PgListener({
      connectionString: process.env.TEST_DB_URL!,
      applicationName,
      channel,
      retryMs: 50,
      onNotification: (p) => seen.payloads.push(p),
      onListening: () => seen.listening++,
      onLost: (e) => seen.lost.push(e),
    });
    return { l, seen };
  }

  const backends = async (applicationName: string): Promise<number> =>
    Number((await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rows[0].n);
  const terminate = (applicationName: string) =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);

  it('hears NOTIFY, reports a lost connection and listens again', async () => {
    const channel = `t_${randomUUID().replace(/-/g, '')}`;
    const name = `listener-${randomUUID().slice(0, 8)}`;
    const { l, seen } = listener(channel, name);
    l.start();
    try {
      await until('listening', () => seen.listening === 1);
      await admin.query(`NOTIFY ${channel}, 'one'`);
      await until('the first notification', () => seen.payloads.length === 1);

      await terminate(name);
      await until('the loss', () => seen.lost.length === 1);
      await until('listening again', () => seen.listening === 2);
      await admin.query(`NOTIFY ${channel}, 'two'`);
      await until('the second notification', () => seen.payloads.length === 2);
      expect(seen.payloads).toEqual(['one', 'two']);
    } finally {
      await l.stop();
    }
  });

  it('stopAll: every running listener closes its connection, and the server ending it afterwards is no loss', async () => {
    const name = `listener-${randomUUID().slice(0, 8)}`;
    const a = listener(`a_${randomUUID().replace(/-/g, '')}`, name);
    const b = listener(`b_${randomUUID().replace(/-/g, '')}`, name);
    a.l.start();
    b.l.start();
    await until('both listening', () => a.seen.listening === 1 && b.seen.listening === 1);
    expect(await backends(name)).toBe(2);

    // As under Ctrl-C: the stop begins, and the server ends the connections while they are being closed.
    const stopping = PgListener.stopAll();
    await terminate(name);
    await stopping;
    await new Promise((r) => setTimeout(r, 300));
    expect(await backends(name)).toBe(0);
    expect(a.seen.lost).toEqual([]);
    expect(b.seen.lost).toEqual([]);
    expect(a.seen.listening + b.seen.listening).toBe(2);

    // A stopped listener stays stopped.
    a.l.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(await backends(name)).toBe(0);
  });

  it('the server ending the connections just before the stop (Ctrl-C reaching PostgreSQL first) is no loss either', async () => {
    const name = `listener-${randomUUID().slice(0, 8)}`;
    const a = listener(`a_${randomUUID().replace(/-/g, '')}`, name);
    a.l.start();
    await until('listening', () => a.seen.listening === 1);
    await terminate(name);
    await new Promise((r) => setTimeout(r, 50)); // the termination has reached the listener
    await PgListener.stopAll();
    await new Promise((r) => setTimeout(r, 800));
    expect(a.seen.lost).toEqual([]);
    expect(a.seen.listening).toBe(1);
    expect(await backends(name)).toBe(0);
  });
});
