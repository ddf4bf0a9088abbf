// The pool's connections prepare writes as named statements (libs/database prepared-statements.ts): PostgreSQL
// keeps them per connection, and a second execution runs the prepared plan.
import { createDataSource, statementName } from '@lyg/database';
import { randomUUID } from 'node:crypto';

describe('prepared statements on the pool', () => {
  it('a write runs as a named statement, prepared once per connection; a list read stays unnamed', async () => {
    const ds = createDataSource(process.env.TEST_DB_URL!, 1);
    await ds.initialize();
    const runner = ds.createQueryRunner();
    try {
      await runner.connect();
      await runner.query('CREATE TEMP TABLE prepared_test (key uuid PRIMARY KEY, v text NOT NULL)');
      const insert = 'INSERT INTO prepared_test (key, v) VALUES ($1, $2)';
      const list = 'SELECT key FROM prepared_test WHERE key = ANY($1) ORDER BY key';
      const keys = [randomUUID(), randomUUID()];
      for (const key of keys) await runner.query(insert, [key, 'h']);
      expect(await runner.query(list, [keys])).toHaveLength(2);
      const statements: { name: string; statement: string; generic_plans: number; custom_plans: number }[] = await runner.query(
        'SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements',
      );
      const named = statements.find((s) => s.statement === insert);
      expect(named?.name).toBe(statementName(insert));
      expect(Number(named!.generic_plans) + Number(named!.custom_plans)).toBe(2);
      expect(statements.some((s) => s.statement === list)).toBe(false);
    } finally {
      await runner.release();
      await ds.destroy();
    }
  });
});
