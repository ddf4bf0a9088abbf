import type { FieldError } from '@lyg/domain';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { type Readable, Transform, type TransformCallback } from 'node:stream';

export interface AnswerPart {
  /** The file name as sent (not yet cleaned). */
  fileName: string;
  stream: Readable;
}

export interface AnswerMultipart<T> {
  fields: { statement?: string; kinds: string[] };
  files: { fileName: string; result: T }[];
  fieldErrors: FieldError[];
}

export class AnswerBodyTooLargeError extends Error {
  override readonly name = 'AnswerBodyTooLargeError';
}

export class MalformedAnswerError extends Error {
  override readonly name = 'MalformedAnswerError';
}

class Counter extends Transform {
  private bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) return cb(new AnswerBodyTooLargeError(`request body larger than ${this.max} bytes`));
    cb(null, chunk);
  }
}

export const isMultipartRequest = (req: IncomingMessage) => /^multipart\/form-data\s*;.*boundary=/i.test(req.headers['content-type'] ?? '');

/**
 * The respondent's answer as `multipart/form-data`: a `statement` text field, up to `maxFiles` file parts named
 * `files`, and optional `kinds` fields (the i-th names the evidence kind of the i-th file). Files are handed to
 * `onFile` one at a time, as streams, in the order they arrive; nothing but the text fields is buffered. Unknown
 * parts, oversized fields and extra files become field errors.
 */
export function receiveAnswerMultipart<T>(
  req: IncomingMessage,
  opts: { maxFiles: number; maxBodyBytes: number; statementMaxBytes: number },
  onFile: (part: AnswerPart, index: number) => Promise<T>,
): Promise<AnswerMultipart<T>> {
  return new Promise((resolve, reject) => {
    const fields: AnswerMultipart<T>['fields'] = { kinds: [] };
    const files: { fileName: string; result: T }[] = [];
    const fieldErrors: FieldError[] = [];
    let chain: Promise<void> = Promise.resolve();
    let settled = false;
    let fileCount = 0;

    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        preservePath: true,
        limits: { fields: opts.maxFiles + 4, files: opts.maxFiles + 1, parts: 2 * opts.maxFiles + 6, fieldSize: opts.statementMaxBytes + 1, headerPairs: 50 },
      });
    } catch (e) {
      reject(new MalformedAnswerError((e as Error).message));
      return;
    }
    const counter = new Counter(opts.maxBodyBytes);
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(counter);
      counter.unpipe(bb);
      req.pause();
      bb.destroy(e instanceof Error ? e : new Error(String(e)));
      // Files already handed over are settled before the caller hears of the failure (it removes what was stored).
      void chain.then(
        () => reject(e),
        () => reject(e),
      );
    };

    bb.on('field', (name, value, info) => {
      if (name === 'statement') {
        if (info.valueTruncated) fieldErrors.push({ field: 'statement', code: 'length', params: { min: 20, max: 20000 } });
        else if (fields.statement !== undefined) fieldErrors.push({ field: 'statement', code: 'single_value' });
        else fields.statement = value;
      } else if (name === 'kinds') {
        fields.kinds.push(value.trim());
      } else {
        fieldErrors.push({ field: name, code: 'unknown_field' });
      }
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'files') {
        fieldErrors.push({ field: name, code: 'unknown_field' });
        stream.resume();
        return;
      }
      const index = fileCount++;
      if (index >= opts.maxFiles) {
        fieldErrors.push({ field: 'files', code: 'array_size', params: { min: 0, max: opts.maxFiles } });
        stream.resume();
        return;
      }
      const fileName = info.filename ?? '';
      // Queued behind the files before it: it may be destroyed (client gone, body cut off) before anyone listens.
      stream.on('error', () => undefined);
      chain = chain.then(async () => {
        if (settled) {
          stream.resume();
          return;
        }
        files.push({ fileName, result: await onFile({ fileName, stream }, index) });
      });
      chain.catch((e: unknown) => fail(e));
    });
    bb.on('filesLimit', () => fieldErrors.push({ field: 'files', code: 'array_size', params: { min: 0, max: opts.maxFiles } }));
    bb.on('partsLimit', () => fieldErrors.push({ field: 'body', code: 'invalid' }));
    bb.on('fieldsLimit', () => fieldErrors.push({ field: 'body', code: 'invalid' }));
    bb.on('error', (e: Error) => fail(e instanceof AnswerBodyTooLargeError ? e : new MalformedAnswerError(e.message)));
    bb.on('close', () => {
      void chain.then(
        () => {
          if (settled) return;
          settled = true;
          resolve({ fields, files, fieldErrors });
        },
        () => undefined,
      );
    });
    counter.on('error', (e) => bb.destroy(e));
    req.on('aborted', () => bb.destroy(new MalformedAnswerError('request aborted by the client')));
    req.on('error', (e) => bb.destroy(e));
    req.pipe(counter).pipe(bb);
  });
}
