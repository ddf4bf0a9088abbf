import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { EvidenceTooLargeError, IntegrityError } from './errors';
import type { ContentInspector } from './file-type';

/**
 * Pass-through on the way in: counts the bytes (failing as soon as they pass `maxBytes`), hashes them with SHA-256
 * and shows them to the content inspector, which may refuse the file at any chunk or at the end. The verdict comes
 * in `_flush`, before the stream ends, so a consumer never sees a clean end for a refused file.
 */
export class IntakeStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private result: { sha256: string; sizeBytes: number; contentType: string | null } | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly inspector: ContentInspector | null = null,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new EvidenceTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    try {
      this.inspector?.update(chunk);
    } catch (e) {
      return callback(e as Error);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    try {
      const contentType = this.inspector ? this.inspector.finish() : null;
      this.result = { sha256: this.hash.digest('hex'), sizeBytes: this.bytes, contentType };
      callback();
    } catch (e) {
      callback(e as Error);
    }
  }

  /** Bytes seen so far. */
  get bytesSeen(): number {
    return this.bytes;
  }

  /** Hash, size and type once the stream has ended cleanly; throws before. */
  get digest(): { sha256: string; sizeBytes: number; contentType: string | null } {
    if (!this.result) throw new Error('IntakeStream: not finished');
    return this.result;
  }
}

/**
 * Pass-through on the way out: re-hashes the stored bytes and holds back the last chunk until the hash and size are
 * known to match what was recorded, so a reader of a tampered object never receives a complete, plausible copy —
 * the stream fails with `IntegrityError` instead (an HTTP response is then cut short).
 */
export class VerifyingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private held: Buffer | null = null;

  constructor(
    private readonly key: string,
    private readonly expected: { sha256: string; sizeBytes: number },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expected.sizeBytes) {
      return callback(new IntegrityError(this.key, this.expected, { sha256: null, sizeBytes: this.bytes }));
    }
    this.hash.update(chunk);
    const previous = this.held;
    this.held = chunk;
    callback(null, previous ?? undefined);
  }

  override _flush(callback: TransformCallback): void {
    const sha256 = this.hash.digest('hex');
    if (sha256 !== this.expected.sha256 || this.bytes !== this.expected.sizeBytes) {
      return callback(new IntegrityError(this.key, this.expected, { sha256, sizeBytes: this.bytes }));
    }
    if (this.held) this.push(this.held);
    this.held = null;
    callback();
  }
}
