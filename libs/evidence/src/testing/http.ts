// HTTP helpers for the evidence tests: hand-made multipart bodies (so file names, field order and bytes are exactly
// what a test says, which form libraries would "fix"), raw requests that can stop mid-body or use
// `Expect: 100-continue`, and a TCP proxy that can take the object store away mid-upload.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { Readable } from 'node:stream';

export type Part = { name: string; value: string } | { name: string; filename?: string; filenameStar?: string; contentType?: string; data: Buffer };

export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----lyg-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if ('data' in p) {
      if (p.filename !== undefined) head += `; filename="${p.filename}"`;
      if (p.filenameStar !== undefined) head += `; filename*=UTF-8''${p.filenameStar}`;
      head += `\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}\r\n\r\n`;
      chunks.push(Buffer.from(head, 'utf8'), p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${p.value}\r\n`, 'utf8'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The framing before and after a streamed file part, for bodies too big to build in memory. */
export function multipartFraming(fields: Record<string, string>, filename: string): { head: Buffer; tail: Buffer; contentType: string } {
  const boundary = `----lyg-${randomUUID()}`;
  let head = '';
  for (const [k, v] of Object.entries(fields)) head += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { head: Buffer.from(head), tail: Buffer.from(`\r\n--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface RawResponse {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The server sent `100 Continue`. */
  continued: boolean;
  /** Bytes of the request body actually written before the answer came. */
  bodyBytesWritten: number;
  /** The response was cut short (aborted transfer). */
  aborted: boolean;
  error: Error | null;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Written once (or, with `expectContinue`, only after `100 Continue`). */
  body?: Buffer | Readable;
  expectContinue?: boolean;
}

/** One HTTP request on its own connection, reporting whatever happened (status, continue, cut-offs, errors). */
export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve) => {
    const out: RawResponse = { status: null, headers: {}, body: Buffer.alloc(0), continued: false, bodyBytesWritten: 0, aborted: false, error: null };
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(out);
    };
    const req = http.request({
      host: '127.0.0.1',
      port: r.port,
      method: r.method ?? 'POST',
      path: r.path,
      agent: false,
      headers: { ...(r.headers ?? {}), ...(r.expectContinue ? { expect: '100-continue' } : {}) },
    });
    const writeBody = () => {
      const body = r.body;
      if (!body) return void req.end();
      if (Buffer.isBuffer(body)) {
        out.bodyBytesWritten += body.length;
        req.end(body);
        return;
      }
      body.on('data', (c: Buffer) => (out.bodyBytesWritten += c.length));
      body.pipe(req);
      body.on('error', () => req.destroy());
    };
    req.on('continue', () => {
      out.continued = true;
      writeBody();
    });
    req.on('response', (res) => {
      out.status = res.statusCode ?? null;
      out.headers = res.headers;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('aborted', () => (out.aborted = true));
      res.on('error', (e) => (out.error ??= e));
      res.on('close', () => {
        out.body = Buffer.concat(chunks);
        const expected = Number(res.headers['content-length']);
        if (!res.complete || (Number.isFinite(expected) && out.body.length < expected)) out.aborted = true;
        if (r.body && !Buffer.isBuffer(r.body)) (r.body as Readable).destroy();
        req.destroy();
        finish();
      });
    });
    req.on('error', (e) => {
      out.error ??= e;
      // An answer may still be on its way after a reset of our sending side.
      setTimeout(finish, 200);
    });
    if (!r.expectContinue) writeBody();
    else req.flushHeaders();
  });
}

/** A TCP proxy in front of the object store that a test can take down (and back up) at will. */
export class StoreProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  bytesForwarded = 0;
  private onBytes: ((total: number) => void) | null = null;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.on('data', (c: Buffer) => {
        this.bytesForwarded += c.length;
        this.onBytes?.(this.bytesForwarded);
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Calls `fn` once when more than `bytes` have gone through towards the store. */
  whenForwarded(bytes: number, fn: () => void): void {
    this.onBytes = (total) => {
      if (total > bytes) {
        this.onBytes = null;
        fn();
      }
    };
  }

  /** The store "goes down": no new connections, open ones reset. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
