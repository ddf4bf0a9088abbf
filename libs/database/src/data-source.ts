import { AdvancedConsoleLogger, DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PreparingClient } from './prepared-statements';

const EMAIL = /([^\s@"'<>()[\]\\,;:])[^\s@"'<>()[\]\\,;:]*@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+)/gu;
const BEARER = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const PHONE = /(?<![\w-])\+?\d[\d\s-]{7,}\d(?![\w-])/g;

/**
 * For log lines (quality.md S7): e-mail addresses as `w***@kangheng.example`, phone numbers down to their last four
 * digits, JWTs dropped. PostgreSQL repeats a refused value in its message (`invalid input syntax …: "…"`), and an
 * error's text may quote anything, so whatever reaches a log goes through this.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(BEARER, '[token]')
    .replace(EMAIL, '$1***@$2')
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, '');
      // 11 digits and more (mobile numbers, landlines with their area code) or an international number; not dates.
      return digits.length >= 11 || m.startsWith('+') ? `***${digits.slice(-4)}` : m;
    });
}

/**
 * TypeORM's console logger, without the bound parameters it appends to a failed query: they are case data (contact
 * e-mail addresses and phone numbers in the complaint), sign-in e-mails and password hashes, which must never reach
 * the logs (quality.md S7). The SQL text and PostgreSQL's message (redacted) are kept.
 */
export class QueryErrorLogger extends AdvancedConsoleLogger {
  protected override prepareLogMessages(...[message, options, runner]: Parameters<AdvancedConsoleLogger['prepareLogMessages']>) {
    return super
      .prepareLogMessages(message, { ...options, appendParameterAsComment: false }, runner)
      .map((m) => ({ ...m, message: redactPersonalData(String(m.message)) }));
  }
}

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
    extra: { Client: PreparingClient, max: poolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000, application_name: 'lyg-ip', ...(role ? { options: `-c role=${role}` } : {}) },
    logging: ['error'],
    logger: new QueryErrorLogger(['error']),
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
