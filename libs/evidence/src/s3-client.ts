import { GetObjectLockConfigurationCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { AppConfig } from '@lyg/config';

export function createS3Client(c: AppConfig['s3']): S3Client {
  return new S3Client({
    endpoint: c.endpoint,
    region: c.region,
    forcePathStyle: c.forcePathStyle,
    credentials: { accessKeyId: c.accessKey, secretAccessKey: c.secretKey },
    // Fail fast when the store is down: the API answers 503 instead of hanging a client. The connection timeout
    // covers a store that refuses or cannot be reached; `requestTimeout` only logs a warning in this SDK, so a store
    // that accepts and then stops answering is given up by the evidence store's own stall watchdog (`stallMs`).
    requestHandler: { connectionTimeout: 2000, requestTimeout: 30000 },
    maxAttempts: 2,
  });
}

export interface ObjectStoreStatus {
  ok: boolean;
  bucket: string;
  objectLock: boolean;
  error?: string;
}

/** Reachability of the evidence bucket and whether it has object lock (immutability), for `/health`. */
export async function objectStoreStatus(s3: S3Client, bucket: string): Promise<ObjectStoreStatus> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(3000) });
  } catch (e) {
    return { ok: false, bucket, objectLock: false, error: (e as Error).name };
  }
  try {
    const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(3000) });
    return { ok: true, bucket, objectLock: lock.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled' };
  } catch {
    return { ok: true, bucket, objectLock: false };
  }
}
