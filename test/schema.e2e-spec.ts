import { createDataSource } from '@lyg/database';

describe('database schema', () => {
  it('entities and migrations agree (no pending schema change)', async () => {
    const ds = createDataSource(process.env.TEST_DB_URL!, 1);
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('every migration has run', async () => {
    const ds = createDataSource(process.env.TEST_DB_URL!, 1);
    await ds.initialize();
    try {
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });
});
