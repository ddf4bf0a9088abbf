import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    // The schema comes from migrations only; a test proves entities and migrations agree.
    synchronize: false,
    poolSize,
    extra: { max: poolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000, application_name: 'lyg-ip' },
    logging: ['error'],
  };
}

export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize));
}

/** Runs pending migrations; safe when several processes start at once (TypeORM takes no lock, so we do). */
export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(727000)');
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(727000)').catch(() => undefined);
    await runner.release();
  }
}
