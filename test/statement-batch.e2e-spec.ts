// Writes held back on a connection (deferWrite) leave with the transaction's next statement in one round trip
// (libs/database statement-batch.ts): in order, each seeing the ones before it, and a failure among them fails
// that statement and aborts the transaction, leaving nothing half-written.
import { auditedTransaction } from '@lyg/audit';
import { createDataSource, deferWrite, preparingClientOf, type PreparingClient } from '@lyg/database';
import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

describe('statement batches on the pool', () => {
  let ds: DataSource;
  let runner: QueryRunner;
  let client: PreparingClient;
  let table: string;

  beforeAll(async () => {
    ds = createDataSource(process.env.TEST_DB_URL!, 2);
    await ds.initialize();
    table = `batch_test_${randomUUID().slice(0, 8)}`;
    await ds.query(`CREATE TABLE ${table} (key uuid PRIMARY KEY, v int NOT NULL CHECK (v >= 0))`);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE ${table}`);
    await ds.destroy();
  });
  beforeEach(async () => {
    runner = ds.createQueryRunner();
    await runner.connect();
    client = preparingClientOf(runner)!;
    await runner.query(`TRUNCATE ${table}`);
  });
  afterEach(async () => {
    client.discardDeferred();
    await runner.release();
  });

  const roundTrips = () => {
    // Counts the messages that end a round trip (Sync and simple Query) on this connection from now on.
    const conn = (client as unknown as { connection: { sync(): void; query(t: string): void } }).connection;
    let n = 0;
    const sync = conn.sync.bind(conn);
    const query = conn.query.bind(conn);
    conn.sync = () => { n++; sync(); };
    conn.query = (t: string) => { n++; query(t); };
    return () => n;
  };

  it('held-back writes leave with the next statement, in order, in one round trip, and it sees them', async () => {
    const count = roundTrips();
    await runner.startTransaction();
    const before = count();
    const a = randomUUID();
    await deferWrite(runner.manager, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [a, 1]);
    await deferWrite(runner.manager, `UPDATE ${table} SET v = v + $2 WHERE key = $1`, [a, 10]);
    expect(client.deferredCount).toBe(2);
    expect(count()).toBe(before);
    const rows: { v: number }[] = await runner.query(`SELECT v FROM ${table} WHERE key = $1`, [a]);
    expect(rows).toEqual([{ v: 11 }]);
    expect(count()).toBe(before + 1);
    expect(client.deferredCount).toBe(0);
    await runner.commitTransaction();
    expect(await ds.query(`SELECT v FROM ${table}`)).toEqual([{ v: 11 }]);
  });

  it('a failing held-back write fails the statement it left with; the transaction keeps nothing', async () => {
    await runner.startTransaction();
    await deferWrite(runner.manager, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [randomUUID(), 1]);
    await deferWrite(runner.manager, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [randomUUID(), -1]);
    await expect(runner.query(`SELECT count(*)::int AS n FROM ${table}`)).rejects.toThrow(/check constraint/);
    await runner.rollbackTransaction();
    expect(await ds.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
    // The connection is usable again, and a named statement whose Parse was skipped after the error is parsed anew.
    await runner.query(`INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [randomUUID(), 5]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 1 }]);
  });

  it('a ROLLBACK drops held-back writes unsent', async () => {
    await runner.startTransaction();
    await runner.query('SELECT 1');
    await deferWrite(runner.manager, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [randomUUID(), 1]);
    await runner.rollbackTransaction();
    expect(client.deferredCount).toBe(0);
    expect(await ds.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 0 }]);
  });

  it('outside a transaction a write runs at once', async () => {
    await deferWrite(runner.manager, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [randomUUID(), 1]);
    expect(client.deferredCount).toBe(0);
    expect(await ds.query(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: 1 }]);
  });

  it('an audited transaction: BEGIN leaves with the first statement, held-back writes with the appends and COMMIT', async () => {
    const key = randomUUID();
    const value = await auditedTransaction(ds, async (m) => {
      const c = preparingClientOf(m.queryRunner)!;
      expect(c.holdsBegin()).toBe(true);
      const [row]: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM ${table} WHERE key <> $1`, [key]);
      expect(c.holdsBegin()).toBe(false);
      await deferWrite(m, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [key, row.n + 7]);
      return { value: 'done', audits: [{ caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'batch_test', fromState: null, toState: null, payload: { key }, principles: ['strict'] }] };
    });
    expect(value).toBe('done');
    expect(await ds.query(`SELECT v FROM ${table} WHERE key = $1`, [key])).toEqual([{ v: 7 }]);
    const [entry]: { action: string }[] = await ds.query("SELECT action FROM audit_entry WHERE action = 'batch_test' ORDER BY seq DESC LIMIT 1");
    expect(entry.action).toBe('batch_test');
  });

  it('an audited transaction whose held-back write fails at the end appends nothing and keeps nothing', async () => {
    const key = randomUUID();
    const entries = async () => (await ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'batch_test_failed'"))[0].n as number;
    const before = await entries();
    await expect(
      auditedTransaction(ds, async (m) => {
        await m.query('SELECT 1 AS one WHERE $1::uuid IS NOT NULL', [key]);
        await deferWrite(m, `INSERT INTO ${table} (key, v) VALUES ($1, $2)`, [key, -5]);
        return { value: null, audits: [{ caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'batch_test_failed', fromState: null, toState: null, payload: null, principles: ['strict'] }] };
      }),
    ).rejects.toThrow(/check constraint/);
    expect(await entries()).toBe(before);
    expect(await ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE key = $1`, [key])).toEqual([{ n: 0 }]);
    // The pool's connection came back out of the transaction.
    expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('work that fails before sending anything sends no ROLLBACK and leaves the connection clean', async () => {
    await expect(auditedTransaction(ds, async () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
