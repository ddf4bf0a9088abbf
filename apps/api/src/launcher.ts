import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lyg/config';
import { createDataSource, migrate, PgListener } from '@lyg/database';
import { type RunningService, startEmbeddedPostgres, startS3Server, startSmtpSink } from '@lyg/embedded';
import type { INestApplicationContext } from '@nestjs/common';
import path from 'node:path';
import { startWorker } from '../../worker/src/main';
import { startApi } from './main';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-accounts';
import { seedDemoCases } from './seed/demo-cases';
import { seedDemoAccounts } from './seed/seed-demo';

/**
 * The main command (`npm start`): embedded PostgreSQL, S3 server and SMTP sink for whatever DATABASE_URL,
 * S3_ENDPOINT and SMTP_URL leave unset; migrations; demo data on an empty database; then the API and the worker
 * (`--api` or `--worker` runs one of them). Ctrl-C stops everything it started, embedded services included.
 */
async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const runApi = !args.has('--worker');
  const runWorker = !args.has('--api');
  const env = { ...process.env };
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  const services: { name: string; svc: RunningService }[] = [];
  const apps: INestApplicationContext[] = [];
  const t0 = Date.now();
  let stopping = false;
  let seededCases = 0;
  let seedProblem: string | null = null;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await PgListener.stopAll();
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    for (const { svc } of services.reverse()) await svc.stop().catch(() => undefined);
    process.exit(code);
  };
  // Ctrl-C, a process manager's stop, a closed terminal: the same orderly stop (the embedded PostgreSQL runs in a
  // process group of its own, so it is stopped here, after the API and the worker, not by the terminal).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

  try {
    // The embedded services are for a demo machine: in production a forgotten URL must not quietly become a database
    // on local disk, or mail kept in a directory and never sent.
    if (env.NODE_ENV === 'production') {
      const missing = ['DATABASE_URL', 'S3_ENDPOINT', 'SMTP_URL'].filter((name) => !env[name]);
      if (missing.length) throw new ConfigError(missing.map((name) => `${name} is required in production (the embedded service it would start is for development and demos)`));
    }
    if (!env.DATABASE_URL) {
      const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), database: 'lyg_ip', ownProcessGroup: true });
      services.push({ name: 'PostgreSQL (embedded)', svc: pg });
      env.DATABASE_URL = pg.url;
    }
    if (!env.S3_ENDPOINT) {
      const s3 = await startS3Server({ dir: path.join(dataDir, 's3'), bucket: env.S3_BUCKET || 'evidence' });
      services.push({ name: 'S3 (embedded)', svc: s3 });
      Object.assign(env, { S3_ENDPOINT: s3.url, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey });
    }
    if (!env.SMTP_URL) {
      const mail = await startSmtpSink({ dir: path.join(dataDir, 'mail') });
      services.push({ name: `SMTP sink (messages in ${mail.dir})`, svc: mail });
      env.SMTP_URL = mail.url;
      // Nothing leaves the machine: administrators read what was sent on the admin page.
      env.MAIL_SINK_DIR = mail.dir;
    }
    const config = loadConfig(env);

    const ds = createDataSource(config.databaseOwnerUrl, 2);
    await ds.initialize();
    const ran = await migrate(ds);
    const seeded = config.demo ? await seedDemoAccounts(ds) : false;
    await ds.destroy();

    if (runApi) {
      const api = await startApi(env);
      apps.push(api);
      // The demo cases go through the running API (uploads over HTTP). A failure there (the database gone for a
      // moment) leaves the accounts and the cases seeded so far: said, not fatal to a server already serving.
      if (seeded) {
        seededCases = await seedDemoCases(api).catch((e: unknown) => {
          seedProblem = e instanceof Error ? e.message : String(e);
          console.error(`demo cases not all seeded (${seedProblem}); the system runs with those seeded so far`);
          return 0;
        });
      }
    }
    if (runWorker) apps.push(await startWorker(env));

    const url = `http://localhost:${config.port}`;
    const lines = [
      '',
      `连云港知识产权纠纷快速保护系统 ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      runApi ? `  API         ${url}/api/v1   (OpenAPI: ${url}/api/docs, health: ${url}/health)` : '  API         not started (--worker)',
      `  worker      ${runWorker ? 'running' : 'not started (--api)'}`,
      ...services.map((s) => `  ${s.name.padEnd(11)} ${s.svc.url.replace(/:\/\/[^@/]*@/, '://')}`),
      `  migrations  ${ran.length ? ran.join(', ') : 'up to date'}${seeded ? (seedProblem ? '; demo accounts seeded, demo cases not all (see above)' : `; demo data seeded (${seededCases} cases)`) : ''}`,
    ];
    if (config.demo) {
      lines.push(`  demo logins (password ${DEMO_PASSWORD}):`);
      for (const u of DEMO_USERS) lines.push(`    ${u.role.padEnd(11)} ${u.email}`);
    }
    lines.push('  Ctrl-C stops everything.', '');
    console.log(lines.join('\n'));
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    await stop(e instanceof ConfigError ? 78 : 1);
  }
}

void main();
