import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { canonicalJson } from './canonical-json';
import { makePageChecker, type PageJob, type PageResult } from './page-checker';

/**
 * Worker threads that check pages in parallel while the main thread reads the next ones from PostgreSQL. They run
 * the page checker's own source (and `canonicalJson`'s), sent as text: the same code as the in-thread path, from
 * the build and under the tests alike.
 */
function workerSource(): string {
  return `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
${canonicalJson.toString()}
const sha256 = crypto.hash ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');
const checkPage = (${makePageChecker.toString()})({ canonicalJson, sha256 });
parentPort.on('message', (job) => parentPort.postMessage(checkPage(job)));
`;
}

/** One fewer than the machine's cores (the main thread reads pages, PostgreSQL writes them), at least one, at most four. */
export const defaultScanWorkers = () => Math.max(1, Math.min(4, (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) - 1));

export class ScanPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: PageResult) => void; reject: (e: unknown) => void }>();
  private next = 0;
  private closing = false;

  constructor(size: number) {
    const source = workerSource();
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(source, { eval: true });
      w.on('message', (r: PageResult) => {
        const p = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        p?.resolve(r);
      });
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => {
        if (!this.closing) this.failAll(new Error(`audit scan worker exited with code ${code}`));
      });
      return w;
    });
  }

  private failAll(e: unknown): void {
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }

  run(job: PageJob): Promise<PageResult> {
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject });
      this.workers[this.next++ % this.workers.length].postMessage(job);
    });
  }

  /** Ends the workers; jobs still out are dropped (their promises never settle). */
  async close(): Promise<void> {
    this.closing = true;
    this.waiting.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
