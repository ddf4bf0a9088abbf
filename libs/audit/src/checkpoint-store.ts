import {
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { SignedCheckpoint } from './checkpoint';

/** Where checkpoints live in the bucket: `audit-checkpoints/<seq, 20 digits>.json`, so key order is seq order. */
export const CHECKPOINT_PREFIX = 'audit-checkpoints/';
export const checkpointKey = (seq: string) => `${CHECKPOINT_PREFIX}${seq.padStart(20, '0')}.json`;
const KEY_PATTERN = /^audit-checkpoints\/(\d{20})\.json$/;

export interface StoredCheckpointRef {
  key: string;
  versionId: string | null;
  /** Object-lock retention written with it, when the bucket has object lock. */
  retainUntil: Date | null;
}

/** The store outside the database that keeps the signed checkpoints (the object store in production). */
export interface CheckpointStore {
  put(cp: SignedCheckpoint): Promise<StoredCheckpointRef>;
  /** Every checkpoint's seq, ascending. */
  listSeqs(): Promise<string[]>;
  get(seq: string): Promise<SignedCheckpoint | null>;
}

export class CheckpointStoreUnavailableError extends Error {
  override name = 'CheckpointStoreUnavailableError';
  constructor(override readonly cause: unknown) {
    super(`the checkpoint store is unavailable: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
  }
}

const byNumber = (a: string, b: string) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checkpoints as objects in the evidence bucket. With object lock on the bucket each one is written with a
 * retention (GOVERNANCE or COMPLIANCE, as evidence), so nobody without the store's own admin rights can change or
 * remove it; without it (the embedded S3 server) they are plain objects, and `/health` says the bucket has no lock.
 */
export class S3CheckpointStore implements CheckpointStore {
  private lock: { enabled: boolean; at: number } | null = null;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly retention: { mode: 'GOVERNANCE' | 'COMPLIANCE'; days: number } | null,
  ) {}

  private async objectLock(): Promise<boolean> {
    if (this.lock && Date.now() - this.lock.at < 600_000) return this.lock.enabled;
    let enabled: boolean;
    try {
      const res = await this.s3.send(new GetObjectLockConfigurationCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(5000) });
      enabled = res.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    } catch {
      enabled = false;
    }
    this.lock = { enabled, at: Date.now() };
    return enabled;
  }

  async put(cp: SignedCheckpoint): Promise<StoredCheckpointRef> {
    const key = checkpointKey(cp.seq);
    try {
      const locked = this.retention ? await this.objectLock() : false;
      const retainUntil = locked && this.retention ? new Date(Date.now() + this.retention.days * 86_400_000) : null;
      const res = await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: `${JSON.stringify(cp, null, 2)}\n`,
          ContentType: 'application/json',
          ...(retainUntil && this.retention ? { ObjectLockMode: this.retention.mode, ObjectLockRetainUntilDate: retainUntil } : {}),
        }),
        { abortSignal: AbortSignal.timeout(15_000) },
      );
      return { key, versionId: res.VersionId ?? null, retainUntil };
    } catch (e) {
      throw new CheckpointStoreUnavailableError(e);
    }
  }

  async listSeqs(): Promise<string[]> {
    const seqs: string[] = [];
    let token: string | undefined;
    try {
      do {
        const res = await this.s3.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: CHECKPOINT_PREFIX, ContinuationToken: token, MaxKeys: 1000 }),
          { abortSignal: AbortSignal.timeout(15_000) },
        );
        for (const o of res.Contents ?? []) {
          const m = KEY_PATTERN.exec(o.Key ?? '');
          if (m) seqs.push(m[1].replace(/^0+(?=\d)/, ''));
        }
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
    } catch (e) {
      throw new CheckpointStoreUnavailableError(e);
    }
    return seqs.sort(byNumber);
  }

  async get(seq: string): Promise<SignedCheckpoint | null> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkpointKey(seq) }), { abortSignal: AbortSignal.timeout(15_000) });
      const text = await res.Body!.transformToString('utf8');
      try {
        return JSON.parse(text) as SignedCheckpoint;
      } catch {
        return { seq, malformed: true } as unknown as SignedCheckpoint;
      }
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') return null;
      throw new CheckpointStoreUnavailableError(e);
    }
  }
}

/** In memory: unit tests and the benchmark. */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly objects = new Map<string, string>();

  async put(cp: SignedCheckpoint): Promise<StoredCheckpointRef> {
    this.objects.set(checkpointKey(cp.seq), JSON.stringify(cp));
    return { key: checkpointKey(cp.seq), versionId: null, retainUntil: null };
  }

  async listSeqs(): Promise<string[]> {
    return [...this.objects.keys()].map((k) => KEY_PATTERN.exec(k)?.[1].replace(/^0+(?=\d)/, '')).filter((s): s is string => !!s).sort(byNumber);
  }

  async get(seq: string): Promise<SignedCheckpoint | null> {
    const text = this.objects.get(checkpointKey(seq));
    return text ? (JSON.parse(text) as SignedCheckpoint) : null;
  }
}
