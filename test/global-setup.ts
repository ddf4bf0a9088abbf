// Starts the real services once per test run: PostgreSQL (TEST_DATABASE_URL's server, or an embedded one), an S3
// server speaking HTTP and an SMTP sink; creates a fresh database and runs the migrations once. Test files then
// isolate themselves with their own organisations and users.
import { createDataSource, migrate } from '@lyg/database';
import { startEmbeddedPostgres, startS3Server, startSmtpSink, type RunningService } from '@lyg/embedded';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

declare global {
  var __LYG_SERVICES__: { stop(): Promise<void> }[] | undefined;
}

export default async function globalSetup(): Promise<void> {
  const stops: { stop(): Promise<void> }[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'lyg-test-'));
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pg: RunningService = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), database: 'postgres_test' });
    stops.push(pg);
    serverUrl = pg.url;
  }
  const dbName = `lyg_test_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  process.env.TEST_DB_URL = url.toString();
  stops.push({
    stop: async () => {
      if (!process.env.TEST_DATABASE_URL) return; // the embedded server and its files go away anyway
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    },
  });

  const ds = createDataSource(process.env.TEST_DB_URL, 2);
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();

  if (process.env.TEST_S3_ENDPOINT) {
    process.env.TEST_S3_URL = process.env.TEST_S3_ENDPOINT;
  } else {
    const s3 = await startS3Server({ dir: path.join(dir, 's3'), bucket: 'evidence' });
    stops.push(s3);
    process.env.TEST_S3_URL = s3.url;
  }
  const mail = await startSmtpSink({ dir: path.join(dir, 'mail') });
  stops.push(mail);
  process.env.TEST_SMTP_URL = mail.url;
  process.env.TEST_MAIL_DIR = mail.dir;
  globalThis.__LYG_SERVICES__ = stops;
}
