import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort } from './free-port';
import type { RunningService } from './embedded-postgres';

/**
 * An in-process S3-compatible server (s3rver) on `dir`: it speaks HTTP like MinIO, so the evidence store runs the
 * same S3 client code. It has no object lock and no versioning; `/health` says so.
 */
export async function startS3Server(opts: { dir: string; bucket: string; port?: number }): Promise<RunningService & { accessKey: string; secretKey: string }> {
  // s3rver is CommonJS without types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as new (o: Record<string, unknown>) => {
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  };
  const directory = path.resolve(opts.dir);
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? (await freePort()),
    silent: true,
    directory,
    configureBuckets: [{ name: opts.bucket }],
  });
  const addr = await server.run();
  return {
    url: `http://127.0.0.1:${addr.port}`,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    stop: () => server.close(),
  };
}
