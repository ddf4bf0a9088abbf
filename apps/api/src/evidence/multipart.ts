import type { FieldError } from '@lyg/domain';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { type Readable, Transform, type TransformCallback } from 'node:stream';

export interface IncomingFile {
  /** The file name as sent (not yet cleaned). */
  fileName: string;
  stream: Readable;
}

export interface MultipartResult<T> {
  fields: Record<string, string>;
  /** What `onFile` returned for the one accepted file; null when no file came. */
  file: { fileName: string; result: T } | null;
  fieldErrors: FieldError[];
}

export interface MultipartOptions {
  /** The one file part accepted. */
  fileField: string;
  /** Text fields accepted, with their maximum size in bytes. */
  fields: Record<string, number>;
  /** Total bytes of the request body, framing included; beyond it the request fails with `BodyTooLargeError`. */
  maxBodyBytes: number;
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export class MalformedMultipartError extends Error {
  override readonly name = 'MalformedMultipartError';
}

/** Counts request bytes on the way to the parser: a chunked body without Content-Length is bounded too. */
class BodyCounter extends Transform {
  private bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) return cb(new BodyTooLargeError(`request body larger than ${this.max} bytes`));
    cb(null, chunk);
  }
}

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;.*boundary=/i.test(req.headers['content-type'] ?? '');
}

/**
 * Parses a `multipart/form-data` request as it arrives (busboy; nothing is buffered but small text fields): the file
 * part is handed to `onFile` as a stream together with the fields that came before it, and `onFile` must consume it.
 * Resolves when the body has been parsed and `onFile` has settled; rejects as soon as `onFile` rejects (the rest of
 * the body is then left unread: answer with `Connection: close`), or when the body is malformed, too large or
 * cut off. Unknown parts, a second file or oversized fields become field errors, reported once the body is read.
 */
export function receiveMultipart<T>(
  req: IncomingMessage,
  opts: MultipartOptions,
  onFile: (file: IncomingFile, fieldsSoFar: Readonly<Record<string, string>>) => Promise<T>,
): Promise<MultipartResult<T>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const fieldErrors: FieldError[] = [];
    let file: { fileName: string; result: T } | null = null;
    let pending: Promise<void> | null = null;
    let settled = false;
    let parsed = false;

    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8', // file names in UTF-8 (browsers send them raw)
        preservePath: true, // the name is cleaned by us, with the rules we test
        limits: { fields: Object.keys(opts.fields).length + 4, parts: Object.keys(opts.fields).length + 6, fieldSize: 64 * 1024, headerPairs: 50 },
      });
    } catch (e) {
      reject(new MalformedMultipartError((e as Error).message));
      return;
    }
    const counter = new BodyCounter(opts.maxBodyBytes);

    const stop = () => {
      req.unpipe(counter);
      counter.unpipe(bb);
      req.pause();
    };
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      stop();
      // A file still streaming learns that its source failed.
      bb.destroy(e instanceof Error ? e : new Error(String(e)));
      reject(e);
    };
    const finish = () => {
      if (settled || !parsed) return;
      void (pending ?? Promise.resolve()).then(() => {
        if (settled) return;
        settled = true;
        resolve({ fields, file, fieldErrors });
      });
    };

    bb.on('field', (name, value, info) => {
      if (!(name in opts.fields)) {
        fieldErrors.push({ field: name, code: 'unknown_field' });
      } else if (info.valueTruncated || Buffer.byteLength(value) > opts.fields[name]) {
        fieldErrors.push({ field: name, code: 'max_length', params: { max: opts.fields[name] } });
      } else if (name in fields) {
        fieldErrors.push({ field: name, code: 'single_value' });
      } else {
        fields[name] = value;
      }
    });
    bb.on('file', (name, stream, info) => {
      if (name !== opts.fileField) {
        fieldErrors.push({ field: name, code: 'unknown_field' });
        stream.resume();
        return;
      }
      if (pending) {
        fieldErrors.push({ field: name, code: 'single_file' });
        stream.resume();
        return;
      }
      const fileName = info.filename ?? '';
      // Until its handler reads it, the stream may be destroyed (client gone, body cut off): never an unhandled 'error'.
      stream.on('error', () => undefined);
      pending = onFile({ fileName, stream }, { ...fields }).then(
        (result) => {
          file = { fileName, result };
          finish();
        },
        (e: unknown) => fail(e),
      );
    });
    bb.on('filesLimit', () => fieldErrors.push({ field: opts.fileField, code: 'single_file' }));
    bb.on('partsLimit', () => fieldErrors.push({ field: 'body', code: 'invalid' }));
    bb.on('fieldsLimit', () => fieldErrors.push({ field: 'body', code: 'invalid' }));
    bb.on('error', (e: Error) => {
      // Parsing failed, or the client went away: a file still streaming fails (busboy destroys it), and so do we
      // once it has cleaned up.
      if (settled) return;
      const error = e instanceof BodyTooLargeError ? e : new MalformedMultipartError(e.message);
      if (pending) void pending.finally(() => fail(error));
      else fail(error);
    });
    bb.on('close', () => {
      parsed = true;
      finish();
    });
    counter.on('error', (e) => bb.destroy(e));
    req.on('aborted', () => bb.destroy(new MalformedMultipartError('request aborted by the client')));
    req.on('error', (e) => bb.destroy(e));
    req.pipe(counter).pipe(bb);
  });
}
