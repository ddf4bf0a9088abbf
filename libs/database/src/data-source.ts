import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface ConnectionRole {
  /**
   * The role every pooled connection takes at start (`-c role=…` in the startup packet, the same as `SET ROLE`):
   * the application runs as `lyg_app`, which may only INSERT and SELECT the audit tables. Null keeps the login role
   * (migrations, the owner's tools).
   */
  role?: string | null;
}

export function dataSourceOptions(url: string, poolSize = 10, connection: ConnectionRole = {}): DataSourceOptions {
  const role = connection.role && /^[a-z_][a-z0-9_]*$/.test(connection.role) ? connection.role : null;
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    // The schema comes from migrations only; a test proves entities and migrations agree.
    synchronize: false,
    poolSize,
    extra: { max: poolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000, application_name: 'lyg-ip', ...(role ? { options: `-c role=${role}` } : {}) },
    logging: ['error'],
  };
}

export function createDataSource(url: string, poolSize = 10, connection: ConnectionRole = {}): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize, connection));
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
