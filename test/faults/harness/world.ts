// A whole system of separate processes on one machine, as production runs it: PostgreSQL, the S3 server, the SMTP
// sink, N API processes and M workers (the built launcher with --api / --worker), each killable and restartable on
// its own port and with its own storage kept. Everything lives in one scratch directory.
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { createServer } from 'node:net';
import { PostgresProcess } from './postgres';
import { ManagedProcess, outputMatches, type UnexpectedExit, waitFor } from './processes';

const ROOT = path.resolve(__dirname, '../../..');
const LAUNCHER = path.join(ROOT, 'dist/apps/api/src/launcher.js');
/** The heap budget the product runs with (package.json `start`, docker/Dockerfile). */
const HEAP = ['--max-old-space-size=256'];
const SERVICE_CHILD = path.join(__dirname, 'service-child.cjs');
export const DATABASE = 'lyg_faults';
export const BUCKET = 'evidence';

export interface WorldOptions {
  /** Names the scratch directory and the logs. */
  name: string;
  apis?: number;
  workers?: number;
  /** Extra environment for the API and worker processes. */
  env?: Record<string, string>;
  /** Start the workers (default true); a test may start them later. */
  startWorkers?: boolean;
}

export class FaultWorld {
  readonly pg: PostgresProcess;
  readonly s3: ManagedProcess;
  readonly smtp: ManagedProcess;
  readonly apis: ManagedProcess[] = [];
  readonly workers: ManagedProcess[] = [];
  readonly apiPorts: number[] = [];
  readonly mailDir: string;
  readonly s3Dir: string;
  readonly s3Url: string;
  readonly logDir: string;
  /** The owner's connection (the schema owner, as an operator would look), for the checker. */
  readonly db: Pool;
  private readonly env: NodeJS.ProcessEnv;

  private constructor(
    readonly dir: string,
    readonly opts: WorldOptions,
    ports: { pg: number; s3: number; smtp: number; apis: number[] },
  ) {
    this.logDir = path.join(dir, 'logs');
    this.mailDir = path.join(dir, 'mail');
    this.s3Dir = path.join(dir, 's3');
    this.s3Url = `http://127.0.0.1:${ports.s3}`;
    mkdirSync(this.logDir, { recursive: true });
    this.pg = new PostgresProcess(path.join(dir, 'pg', 'data'), ports.pg, path.join(this.logDir, 'postgres.log'));
    const child = (name: string, args: string[]) =>
      new ManagedProcess({
        name,
        command: process.execPath,
        args: [SERVICE_CHILD, ...args],
        env: { ...process.env },
        logFile: path.join(this.logDir, `${name}.log`),
        ready: outputMatches(/^ready /m),
        readyTimeoutMs: 30_000,
      });
    this.s3 = child('s3', ['s3', String(ports.s3), this.s3Dir, BUCKET]);
    this.smtp = child('smtp', ['smtp', String(ports.smtp), this.mailDir]);
    const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    this.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TZ: process.env.TZ,
      NODE_ENV: 'development',
      DATA_DIR: path.join(dir, 'data'),
      DATABASE_URL: this.pg.url(DATABASE),
      S3_ENDPOINT: this.s3Url,
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
      S3_BUCKET: BUCKET,
      SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
      JWT_SECRET: 'fault-suite-jwt-secret-0123456789abcdef',
      AUDIT_SIGNING_KEY: signingKey,
      // Checkpoints signed every few seconds, so they too meet the faults.
      AUDIT_CHECKPOINT_MS: '3000',
      DEMO: 'true',
      LOG_LEVEL: 'log',
      WORKER_POLL_MS: '500',
      OUTBOX_POLL_MS: '500',
      // A killed worker's claimed mail goes back to the queue after this lease (the minimum), not the default minute.
      OUTBOX_LEASE_SECONDS: '10',
      ...opts.env,
    };
    for (const [i, port] of ports.apis.entries()) {
      this.apiPorts.push(port);
      this.apis.push(
        new ManagedProcess({
          name: `api${i + 1}`,
          command: process.execPath,
          args: [...HEAP, LAUNCHER, '--api'],
          env: { ...this.env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
          cwd: ROOT,
          logFile: path.join(this.logDir, `api${i + 1}.log`),
          // Ready when the launcher says so: listening, and the demo cases of a first start seeded (through the API's
          // own upload path, so after it listens). A load started at the first /health would race the seeding.
          ready: async (ctx) => {
            await waitFor(`api${i + 1}`, () => fetch(`http://127.0.0.1:${port}/health`).then(() => true), 120_000, 200, ctx.cancelled);
            await outputMatches(/ready in [\d.]+ s/)(ctx);
          },
          readyTimeoutMs: 180_000,
        }),
      );
    }
    for (let i = 0; i < (opts.workers ?? 1); i++) {
      this.workers.push(
        new ManagedProcess({
          name: `worker${i + 1}`,
          command: process.execPath,
          args: [...HEAP, LAUNCHER, '--worker'],
          env: { ...this.env },
          cwd: ROOT,
          logFile: path.join(this.logDir, `worker${i + 1}.log`),
          ready: outputMatches(/ready in [\d.]+ s/),
          readyTimeoutMs: 120_000,
        }),
      );
    }
    this.db = new Pool({ connectionString: this.pg.url(DATABASE), max: 4 });
    // The checker's pool lives through PostgreSQL restarts: a dropped idle connection is not an error of the test.
    this.db.on('error', () => undefined);
  }

  /** Starts PostgreSQL, the S3 server and the SMTP sink, then the APIs (the first one migrates and seeds), then the workers. */
  static async start(opts: WorldOptions): Promise<FaultWorld> {
    if (!existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is missing: run npm run build first`);
    // Not directly under /tmp: PostgreSQL's parent directory is made reachable for the postgres account.
    const dir = mkdtempSync(path.join(tmpdir(), `lyg-faults-${opts.name}-`));
    chmodSync(dir, 0o755);
    const taken = new Set<number>();
    const port = () => servicePort(taken);
    const apis: number[] = [];
    for (let i = 0; i < (opts.apis ?? 1); i++) apis.push(await port());
    const world = new FaultWorld(dir, opts, { pg: await port(), s3: await port(), smtp: await port(), apis });
    try {
      await world.pg.start(DATABASE);
      await Promise.all([world.s3.start(), world.smtp.start()]);
      // The first API runs the migrations and seeds the demo data; the others start on a ready schema.
      await world.apis[0]!.start();
      await Promise.all(world.apis.slice(1).map((a) => a.start()));
      if (opts.startWorkers !== false) await Promise.all(world.workers.map((w) => w.start()));
    } catch (e) {
      await world.close();
      throw e;
    }
    return world;
  }

  /** Every port of the system, by service. */
  ports(): Record<string, number | string> {
    return { postgres: this.pg.port, s3: this.s3Url, smtp: this.env.SMTP_URL ?? '', ...Object.fromEntries(this.apiPorts.map((p, i) => [`api${i + 1}`, p])) };
  }

  apiUrl(i = 0): string {
    return `http://127.0.0.1:${this.apiPorts[i]}`;
  }

  async restartApi(i = 0): Promise<void> {
    await this.apis[i]!.kill();
    await this.apis[i]!.start();
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  /** Where to look when something failed. */
  describe(): string {
    return `scratch directory ${this.dir} (logs in ${this.logDir})`;
  }

  /** Processes that ended without the suite stopping them (a crash of the API, say), with the end of their output. */
  unexpectedExits(): UnexpectedExit[] {
    return [this.pg.proc, this.s3, this.smtp, ...this.apis, ...this.workers].flatMap((p) => p.unexpectedExits);
  }

  /** Stops everything; the scratch directory is removed unless FAULTS_KEEP is set. */
  async close(): Promise<void> {
    // The logs go with the scratch directory: a crash is told here, where CI shows it.
    for (const e of this.unexpectedExits()) {
      console.error(`${this.opts.name}: ${e.name} (pid ${e.pid}) exited on its own at ${e.at} (${e.signal ?? e.code}); its last output:\n${e.tail}`);
    }
    for (const w of this.workers) await w.stop().catch(() => undefined);
    for (const a of this.apis) await a.stop().catch(() => undefined);
    await this.db.end().catch(() => undefined);
    await Promise.all([this.s3.stop().catch(() => undefined), this.smtp.stop().catch(() => undefined)]);
    await this.pg.stop('fast').catch(() => undefined);
    if (!process.env.FAULTS_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A port for a service of the world, kept for its life (a restart listens on it again). Not one the system hands out
 * for port 0: that range (net.ipv4.ip_local_port_range, 32768–60999 by default) is also where outgoing connections
 * take their local ports, so a port picked there early can be some connection's by the time a process listens on it
 * (an API start once failed with EADDRINUSE that way). Picked at random below that range, checked free to bind.
 */
export async function servicePort(taken: Set<number> = new Set()): Promise<number> {
  for (;;) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(candidate)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.unref();
      srv.once('error', () => resolve(false));
      srv.listen(candidate, '0.0.0.0', () => srv.close(() => resolve(true)));
    });
    if (free) {
      taken.add(candidate);
      return candidate;
    }
  }
}
