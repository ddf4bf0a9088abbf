import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { canonicalJson } from './canonical-json';
import { makePageChecker, makeRangeScanner, type RangeJob, type RangeResult } from './page-checker';

/** As many as the machine has cores, at most four: each reads and checks its ranges (PostgreSQL works meanwhile). */
export const defaultScanWorkers = () => Math.max(1, Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));

export interface RangeConnection {
  connectionString: string;
  /** libpq `options`, e.g. `-c role=lyg_app`. */
  options?: string;
}

/**
 * Worker threads that each scan whole ranges of the chain on a PostgreSQL connection of their own: reading and
 * checking both run in parallel, nothing is copied between threads but small summaries. They take ranges from a
 * queue as they finish one, and results come back in range order.
 */
export class RangePool {
  private readonly workers: Worker[];
  private readonly queue: RangeJob[] = [];
  private readonly waiting = new Map<number, { resolve: (r: RangeResult) => void; reject: (e: unknown) => void }>();
  private closing = false;

  constructor(size: number, connection: RangeConnection, pageSql: string) {
    const source = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const { Client } = require(workerData.pgPath);
${canonicalJson.toString()}
const sha256 = crypto.hash ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');
const checkPage = (${makePageChecker.toString()})({ canonicalJson, sha256 });
const client = new Client({ connectionString: workerData.connectionString, options: workerData.options, application_name: 'lyg-audit-verify' });
const ready = client.connect();
const fetchPage = async (after, hi, pageSize) => {
  await ready;
  return (await client.query({ text: workerData.pageSql, values: [after, hi, pageSize], rowMode: 'array' })).rows[0];
};
const scanRange = (${makeRangeScanner.toString()})({ checkPage, fetchPage });
parentPort.on('message', (job) => {
  if (job === 'close') {
    client.end().catch(() => undefined).finally(() => parentPort.close());
    return;
  }
  scanRange(job).then(
    (r) => parentPort.postMessage(r),
    (e) => parentPort.postMessage({ id: job.id, lo: job.lo, hi: job.hi, kind: 'error', error: String((e && e.message) || e) }),
  );
});
`;
    const workerData = { pgPath: require.resolve('pg'), connectionString: connection.connectionString, options: connection.options, pageSql };
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(source, { eval: true, workerData, resourceLimits: { maxOldGenerationSizeMb: 128 } });
      w.on('message', (r: RangeResult) => {
        const p = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        if (r.kind === ('error' as string)) p?.reject(new Error(`audit scan worker: ${r.error}`));
        else p?.resolve(r);
        this.feed(w);
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => {
        if (!this.closing) this.failAll(new Error(`audit scan worker exited with code ${code}`));
      });
      return w;
    });
  }

  private readonly busy = new Set<Worker>();

  private feed(w: Worker): void {
    this.busy.delete(w);
    const job = this.queue.shift();
    if (!job || this.closing) return;
    this.busy.add(w);
    w.postMessage(job);
  }

  private failAll(e: unknown): void {
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }

  /** Queues the ranges; the promises settle as workers finish them. */
  run(jobs: RangeJob[]): Promise<RangeResult>[] {
    const promises = jobs.map((job) => new Promise<RangeResult>((resolve, reject) => this.waiting.set(job.id, { resolve, reject })));
    this.queue.push(...jobs);
    for (const w of this.workers) if (!this.busy.has(w)) this.feed(w);
    return promises;
  }

  /** Ends the workers (each closes its connection first); ranges not yet taken are dropped. */
  async close(): Promise<void> {
    this.closing = true;
    this.queue.length = 0;
    this.waiting.clear();
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => void w.terminate().then(() => resolve()), 2000);
            w.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            w.postMessage('close');
          }),
      ),
    );
  }
}
