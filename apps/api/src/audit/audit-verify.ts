import 'reflect-metadata';
import { type AuditVerification, createCheckpoint, loadKeyring, S3CheckpointStore, verifyAudit } from '@lyg/audit';
import { ConfigError, loadConfig } from '@lyg/config';
import { createDataSource } from '@lyg/database';
import { createS3Client } from '@lyg/evidence';
import { type RunningService, startEmbeddedPostgres, startS3Server } from '@lyg/embedded';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/**
 * `npm run audit:verify [-- --json] [-- --sign]`: recomputes the audit chain and checks it against the signed
 * checkpoints in the object store, like `GET /api/v1/audit/verify`. Exit code 0 when valid, 1 when not, 2 when it
 * could not verify. With the embedded services (no DATABASE_URL / S3_ENDPOINT) it reads `DATA_DIR`: the running
 * PostgreSQL of `npm start` when there is one (its port is in postmaster.pid), else it starts it for the check.
 * `--sign` also signs the head afterwards when the chain is valid.
 */
export async function auditVerifyCommand(
  argv: string[] = process.argv.slice(2),
  given: NodeJS.ProcessEnv = process.env,
  io: { out: (text: string) => void; err: (text: string) => void } = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  const args = new Set(argv);
  const env = { ...given };
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  const started: RunningService[] = [];
  const say = (line: string) => {
    if (!args.has('--json')) io.err(`${line}\n`);
  };
  try {
    if (!env.DATABASE_URL) {
      const running = await runningEmbeddedPostgres(path.join(dataDir, 'postgres'));
      if (running) {
        env.DATABASE_URL = running;
      } else {
        const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), database: 'lyg_ip' });
        started.push(pg);
        env.DATABASE_URL = pg.url;
      }
    }
    if (!env.S3_ENDPOINT) {
      // The embedded S3 server keeps its objects in files: a second server over the same directory reads them.
      const s3 = await startS3Server({ dir: path.join(dataDir, 's3'), bucket: env.S3_BUCKET || 'evidence' });
      started.push(s3);
      Object.assign(env, { S3_ENDPOINT: s3.url, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey });
    }
    env.SMTP_URL ||= 'smtp://127.0.0.1:25';
    const config = loadConfig(env);
    const keyring = loadKeyring(config, say);
    const s3 = createS3Client(config.s3);
    const store = new S3CheckpointStore(s3, config.s3.bucket, { mode: config.evidence.retentionMode, days: config.evidence.retentionDays });
    // The application's own role: verification needs nothing it may not do.
    const ds = createDataSource(config.databaseUrl, 2, { role: config.databaseAppRole });
    await ds.initialize();
    try {
      say(`verifying the audit chain (trusted keys: ${keyring.trustedKeyIds.join(', ')}) …`);
      const result: AuditVerification = await verifyAudit(ds, store, keyring);
      io.out(`${JSON.stringify(result, null, args.has('--json') ? 0 : 2)}\n`);
      say(
        result.valid
          ? `VALID: ${result.checkedEntries} entries in ${result.durationMs} ms (${result.entriesPerSecond}/s); last checkpoint ${result.lastCheckpoint ? `${result.lastCheckpoint.seq} of ${result.lastCheckpoint.time}` : 'none yet'}`
          : `INVALID: first bad entry ${result.firstBadSeq ?? '—'}: ${result.problem?.message ?? ''}`,
      );
      if (result.valid && args.has('--sign')) {
        const outcome = await createCheckpoint(ds, store, keyring);
        say(`checkpoint: ${outcome.status}${outcome.checkpoint ? ` (seq ${outcome.checkpoint.seq}, ${outcome.checkpoint.objectKey})` : ''}`);
      }
      return result.valid ? 0 : 1;
    } finally {
      await ds.destroy();
      s3.destroy();
    }
  } catch (e) {
    io.err(`audit:verify could not verify: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    for (const svc of started.reverse()) await svc.stop().catch(() => undefined);
  }
}

/** The URL of the embedded PostgreSQL that `npm start` runs on `dir`, if it is up (postmaster.pid line 4 is the port). */
async function runningEmbeddedPostgres(dir: string): Promise<string | null> {
  let port: string | undefined;
  try {
    port = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[3]?.trim();
  } catch {
    return null;
  }
  if (!port || !/^\d+$/.test(port)) return null;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/lyg_ip`;
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return url;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

if (require.main === module) {
  void auditVerifyCommand().then((code) => process.exit(code));
}
