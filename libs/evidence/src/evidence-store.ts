import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { EmptyContentError, EvidenceTooLargeError, IntegrityError, ObjectMissingError, ObjectStoreUnavailableError, SourceStreamError, UnsupportedContentError } from './errors';
import type { ContentInspector } from './file-type';
import { ByteBudget } from './byte-budget';
import { IntakeStream, VerifyingStream } from './streams';

export type RetentionMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface EvidenceStoreOptions {
  bucket: string;
  /** Multipart part size (≥ 5 MiB); memory per upload is about (queueSize + 1) × partSize. */
  partSize?: number;
  /** Parts in flight per upload (at most). */
  queueSize?: number;
  /**
   * Memory for uploads in progress, across all concurrent uploads of this store. Each upload reserves what its
   * multipart upload may hold — (queueSize + 2) × partSize, less for a file declared smaller — before it reads a
   * byte; uploads beyond the budget wait (their clients held back by TCP), and fail as unavailable after
   * `budgetWaitMs`. Memory thus stays bounded whatever the sizes and the number of uploads.
   */
  memoryBudgetBytes?: number;
  budgetWaitMs?: number;
  /** Retention written with each object when the bucket has object lock. */
  retention?: { mode: RetentionMode; days: number };
  /**
   * How long the store may make no progress, when it is the store's turn, before it is taken for down: an upload
   * whose bytes have all arrived (or that the store has stopped taking in) and that no part or answer has moved
   * for this long is aborted as unavailable, and so is a download whose answer does not begin. A store that stops
   * answering (hung, or cut off without a reset) is then a fast 503, not a request that waits forever. A slow
   * client is not the store's fault and never trips it.
   */
  stallMs?: number;
}

export interface PutOptions {
  /** The upload fails with `EvidenceTooLargeError` as soon as more bytes than this have arrived. */
  maxBytes: number;
  /** Decides the content type from the bytes; without one the type is left null. */
  inspector?: ContentInspector;
  /** User metadata on the object (ASCII), e.g. the case and evidence ids, for whoever finds it in the bucket. */
  metadata?: Record<string, string>;
  /** At most this many bytes will come (e.g. the request's Content-Length): a small file takes less of the budget. */
  sizeHint?: number;
}

export interface StoredObject {
  key: string;
  versionId: string | null;
  sizeBytes: number;
  sha256: string;
  contentType: string | null;
  retainUntil: Date | null;
}

export interface ObjectListing {
  key: string;
  sizeBytes: number;
  lastModified: Date | null;
}

export interface LockStatus {
  objectLock: boolean;
  checkedAt: Date;
}

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
export const DEFAULT_QUEUE_SIZE = 2;
/** Room for four full-speed uploads at once (4 × 48 MiB with the defaults). */
export const DEFAULT_MEMORY_BUDGET = 4 * (DEFAULT_QUEUE_SIZE + 2) * DEFAULT_PART_SIZE;
/** An 8 MiB part still moves within this at 7 Mbit/s; a store that is down does not answer at all. */
export const DEFAULT_STALL_MS = 10_000;
const LOCK_RECHECK_MS = 60_000;

const notFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.name === 'NoSuchVersion' || err?.$metadata?.httpStatusCode === 404;
};

/**
 * The evidence store: S3 protocol (MinIO in production, any S3 server in tests). Objects are written whole or not
 * at all: uploads stream through a hashing, counting and type-checking pass-through into a multipart upload that is
 * aborted when anything fails, so a failed upload leaves no object. Reads are verified against the recorded hash.
 */
export class EvidenceStore {
  readonly bucket: string;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly budget: ByteBudget;
  private readonly budgetWaitMs: number;
  private readonly retention: { mode: RetentionMode; days: number } | null;
  private readonly stallMs: number;
  private lock: LockStatus | null = null;

  constructor(
    private readonly s3: S3Client,
    opts: EvidenceStoreOptions,
  ) {
    this.bucket = opts.bucket;
    this.partSize = opts.partSize ?? DEFAULT_PART_SIZE;
    this.queueSize = opts.queueSize ?? DEFAULT_QUEUE_SIZE;
    this.budget = new ByteBudget(Math.max(opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET, this.perUploadBytes));
    this.budgetWaitMs = opts.budgetWaitMs ?? 60_000;
    this.retention = opts.retention ?? null;
    this.stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  }

  /**
   * Whether the bucket has object lock (GetObjectLockConfiguration), remembered; an unreachable store is not
   * remembered, so the next write asks again. Called at start-up and before writes when unknown.
   */
  async checkObjectLock(force = false): Promise<LockStatus> {
    if (this.lock && !force && Date.now() - this.lock.checkedAt.getTime() < LOCK_RECHECK_MS) return this.lock;
    // Callers arriving while a check is under way share it: one request, and uploads then go on (and take their
    // share of the memory budget) in the order they came.
    this.lockCheck ??= this.fetchObjectLock().finally(() => {
      this.lockCheck = null;
    });
    return this.lockCheck;
  }

  private lockCheck: Promise<LockStatus> | null = null;

  private async fetchObjectLock(): Promise<LockStatus> {
    try {
      const res = await this.s3.send(new GetObjectLockConfigurationCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(3000) });
      this.lock = { objectLock: res.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled', checkedAt: new Date() };
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // "not configured" (404), "not implemented" (501, test servers) or "denied": no lock to rely on.
      if (status === undefined || (status >= 500 && status !== 501)) {
        if (this.lock) return this.lock;
        throw new ObjectStoreUnavailableError(e);
      }
      this.lock = { objectLock: false, checkedAt: new Date() };
    }
    return this.lock;
  }

  /** The shared upload memory budget: bytes free and uploads waiting for some. */
  get budgetStatus(): { freeBytes: number; waiting: number } {
    return { freeBytes: this.budget.free, waiting: this.budget.queued };
  }

  /** The last known lock status (null before the first successful check). */
  get lockStatus(): LockStatus | null {
    return this.lock;
  }

  /**
   * Streams `source` to `key`: SHA-256 and size computed on the way, the content inspected, the size limit enforced
   * chunk by chunk. On any failure the multipart upload is aborted and any object written is removed, the source is
   * destroyed, and the error says why (`EvidenceTooLargeError`, `UnsupportedContentError`, `EmptyContentError`,
   * `SourceStreamError`, or `ObjectStoreUnavailableError`).
   */
  async put(key: string, source: Readable, opts: PutOptions): Promise<StoredObject> {
    let lock: LockStatus;
    try {
      lock = await this.checkObjectLock();
    } catch (e) {
      source.destroy();
      throw e;
    }
    // The memory this upload may hold, reserved before its first byte is read.
    const reserved = Math.min(this.perUploadBytes, opts.sizeHint !== undefined ? 2 * opts.sizeHint + 64 * 1024 : Infinity);
    if (!(await this.budget.acquire(reserved, this.budgetWaitMs))) {
      source.destroy();
      throw new ObjectStoreUnavailableError(new Error('upload capacity exhausted: too many uploads in progress'));
    }
    try {
      // The source may have failed while this upload waited (its client went away): it will send nothing more.
      if (source.destroyed) throw new SourceStreamError(source.errored ?? new Error('source closed before the upload began'));
      return await this.upload(key, source, opts, lock);
    } finally {
      this.budget.release(reserved);
    }
  }

  /** What one multipart upload may hold: the parts in flight, the one being collected, and one kept by lib-storage. */
  private get perUploadBytes(): number {
    return (this.queueSize + 2) * this.partSize;
  }

  private async upload(key: string, source: Readable, opts: PutOptions, lock: LockStatus): Promise<StoredObject> {
    const intake = new IntakeStream(opts.maxBytes, opts.inspector ?? null);
    // The intake's own errors (too large, refused type) are read from `intake.errored` below; this listener only
    // keeps an error raised before the upload starts reading from being "unhandled".
    intake.on('error', () => undefined);
    let sourceError: unknown = null;
    const onSourceError = (e: unknown) => {
      sourceError = e;
      intake.destroy(new SourceStreamError(e));
    };
    source.once('error', onSourceError);
    source.pipe(intake);
    const retainUntil = lock.objectLock && this.retention ? new Date(Date.now() + this.retention.days * 86_400_000) : null;
    const upload = new Upload({
      client: this.s3,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: intake,
        // The served type comes from the database row; the object itself is opaque bytes.
        ContentType: 'application/octet-stream',
        Metadata: opts.metadata,
        ...(retainUntil && this.retention ? { ObjectLockMode: this.retention.mode, ObjectLockRetainUntilDate: retainUntil } : {}),
      },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });

    // Progress: bytes taken from the client (the store made room for them) and parts the store accepted. It is the
    // store's turn once every byte has arrived, or while the store takes nothing more in.
    let lastProgress = Date.now();
    const progressed = () => {
      lastProgress = Date.now();
    };
    let stalled = false;
    source.on('data', progressed);
    upload.on('httpUploadProgress', progressed);
    const watchdog = setInterval(() => {
      const storesTurn = intake.writableEnded || intake.writableNeedDrain;
      if (storesTurn && Date.now() - lastProgress > this.stallMs && !stalled) {
        stalled = true;
        void upload.abort().catch(() => undefined);
      }
    }, Math.min(500, this.stallMs));
    watchdog.unref();

    let versionId: string | null;
    try {
      const done = await upload.done();
      versionId = done.VersionId ?? null;
    } catch (e) {
      source.unpipe(intake);
      intake.destroy();
      if (!source.destroyed) source.destroy();
      const cause = stalled ? null : (intakeFailure(e, intake) ?? (sourceError ? new SourceStreamError(sourceError) : null));
      // The object may exist if the store completed the upload but its answer was lost: remove it if so. A store
      // that stopped answering would not answer the removal either; `npm run evidence:reconcile` reports whatever
      // it may have kept (an object without a row, never a row without its object).
      if (!cause && !stalled && intake.readableEnded) await this.removeQuietly(key, null);
      throw cause ?? new ObjectStoreUnavailableError(stalled ? new Error(`no progress for ${this.stallMs} ms: the object store does not answer`) : e);
    } finally {
      clearInterval(watchdog);
      source.off('data', progressed);
      source.off('error', onSourceError);
    }

    const digest = intake.digest;
    if (retainUntil && this.retention) {
      // Some servers ignore lock headers on multipart uploads: make sure this version carries the retention.
      try {
        await this.ensureRetention(key, versionId, this.retention.mode, retainUntil);
      } catch (e) {
        await this.removeQuietly(key, versionId);
        throw new ObjectStoreUnavailableError(e);
      }
    }
    return { key, versionId, sizeBytes: digest.sizeBytes, sha256: digest.sha256, contentType: digest.contentType, retainUntil };
  }

  private async ensureRetention(key: string, versionId: string | null, mode: RetentionMode, until: Date): Promise<void> {
    const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId ?? undefined }));
    if (head.ObjectLockMode && head.ObjectLockRetainUntilDate && head.ObjectLockRetainUntilDate.getTime() >= until.getTime() - 1000) return;
    await this.s3.send(
      new PutObjectRetentionCommand({ Bucket: this.bucket, Key: key, VersionId: versionId ?? undefined, Retention: { Mode: mode, RetainUntilDate: until } }),
    );
  }

  /**
   * Opens the object for reading, checked against the recorded hash and size: the returned stream fails with
   * `IntegrityError` (holding back the last chunk) when the bytes differ. A size that differs already in the store's
   * answer fails before any byte is read. `ObjectMissingError` when the object or version is gone.
   */
  async open(key: string, versionId: string | null, expected: { sha256: string; sizeBytes: number }): Promise<Readable> {
    let body: Readable;
    let contentLength: number | undefined;
    // The answer must begin within the stall time; once it streams, the reader sets the pace.
    const answer = new AbortController();
    const timer = setTimeout(() => answer.abort(), this.stallMs);
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId ?? undefined }), { abortSignal: answer.signal });
      body = res.Body as Readable;
      contentLength = res.ContentLength;
    } catch (e) {
      if (notFound(e)) throw new ObjectMissingError(key, versionId);
      throw new ObjectStoreUnavailableError(e);
    } finally {
      clearTimeout(timer);
    }
    if (contentLength !== undefined && contentLength !== expected.sizeBytes) {
      body.destroy();
      throw new IntegrityError(key, expected, { sha256: null, sizeBytes: contentLength });
    }
    const verify = new VerifyingStream(key, expected);
    // Its failure is for whoever reads it (`pipeline` gets it, or `errored` says it): a file read whole before anyone
    // reads from it (a small one, while the caller writes its audit entry) must not fail unheard and end the process.
    verify.on('error', () => undefined);
    body.once('error', (e) => verify.destroy(new ObjectStoreUnavailableError(e)));
    verify.once('close', () => {
      if (!body.destroyed) body.destroy();
    });
    return body.pipe(verify);
  }

  /** Whether the object (the version, when given) exists. */
  async exists(key: string, versionId: string | null = null): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId ?? undefined }));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw new ObjectStoreUnavailableError(e);
    }
  }

  /**
   * Removes an object that never became evidence (failed or replayed upload). With versioning, every version of
   * the key is removed (the key is server-made and unique, so they are all ours); governance retention is
   * bypassed, which needs `s3:BypassGovernanceRetention`. Compliance-mode objects cannot be removed: the
   * reconciler reports them.
   */
  async remove(key: string, versionId: string | null): Promise<void> {
    const versions = versionId ? [versionId] : await this.versionsOf(key);
    for (const v of versions.length ? versions : [null]) {
      try {
        await this.s3.send(
          new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: v ?? undefined, BypassGovernanceRetention: v ? true : undefined }),
          { abortSignal: AbortSignal.timeout(this.stallMs) },
        );
      } catch (e) {
        if (!notFound(e)) throw new ObjectStoreUnavailableError(e);
      }
    }
  }

  /** `remove`, reporting instead of throwing: for clean-up paths that already have an error to report. */
  async removeQuietly(key: string, versionId: string | null): Promise<boolean> {
    try {
      await this.remove(key, versionId);
      return true;
    } catch {
      return false;
    }
  }

  private async versionsOf(key: string): Promise<string[]> {
    try {
      const res = await this.s3.send(new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key }), { abortSignal: AbortSignal.timeout(this.stallMs) });
      return [...(res.Versions ?? []), ...(res.DeleteMarkers ?? [])]
        .filter((v) => v.Key === key && v.VersionId && v.VersionId !== 'null')
        .map((v) => v.VersionId!);
    } catch {
      return []; // servers without versioning (or without this call): a plain delete does it
    }
  }

  /** Every object under `prefix`, in key order (byte order), page by page. */
  async *list(prefix: string): AsyncGenerator<ObjectListing> {
    let token: string | undefined;
    do {
      let res;
      try {
        res = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: 1000 }));
      } catch (e) {
        throw new ObjectStoreUnavailableError(e);
      }
      for (const o of res.Contents ?? []) {
        if (o.Key) yield { key: o.Key, sizeBytes: o.Size ?? 0, lastModified: o.LastModified ?? null };
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }
}

/** The intake's own verdict (too large, wrong type, empty), when that is what stopped the upload. */
function intakeFailure(e: unknown, intake: IntakeStream): Error | null {
  const candidates = [e, (e as { cause?: unknown })?.cause, intake.errored];
  for (const c of candidates) {
    if (c instanceof EvidenceTooLargeError || c instanceof UnsupportedContentError || c instanceof EmptyContentError || c instanceof SourceStreamError) {
      return c;
    }
  }
  return null;
}
