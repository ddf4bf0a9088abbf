// Scratch databases and buckets for the audit and metrics suites: they tamper with the audit table (as a superuser,
// with its triggers disabled) or need exact figures, so they run on their own database on the test server, migrated
// like the shared one and dropped afterwards, and keep their checkpoints in their own bucket.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createDataSource, migrate } from '@lyg/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface Scratch {
  url: string;
  bucket: string;
  /** A superuser connection to the scratch database (the hostile administrator of the tamper tests). */
  su: Client;
  drop(): Promise<void>;
}

export async function scratchDatabase(prefix: string): Promise<Scratch> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: process.env.TEST_DB_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DB_URL!);
  url.pathname = `/${name}`;
  // Two connections: migrate() holds one for its advisory lock while the migrations run on the other.
  const ds = createDataSource(url.toString(), 2);
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();

  const bucket = `${prefix.replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
  const s3 = testS3();
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  s3.destroy();

  const su = new Client({ connectionString: url.toString() });
  await su.connect();
  return {
    url: url.toString(),
    bucket,
    su,
    drop: async () => {
      await su.end().catch(() => undefined);
      const c = new Client({ connectionString: process.env.TEST_DB_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testS3(): S3Client {
  return new S3Client({
    endpoint: process.env.TEST_S3_URL,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER', secretAccessKey: process.env.TEST_S3_SECRET_KEY ?? 'S3RVER' },
  });
}
