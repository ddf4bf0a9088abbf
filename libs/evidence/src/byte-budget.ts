/** Bytes that may be held at once, handed out first come, first served. */
export class ByteBudget {
  private available: number;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(readonly total: number) {
    this.available = total;
  }

  /** Takes `bytes` (at most the whole budget) when they are free; false if `timeoutMs` passes first. */
  acquire(bytes: number, timeoutMs = Infinity): Promise<boolean> {
    const n = Math.min(bytes, this.total);
    if (!this.waiting.length && this.available >= n) {
      this.available -= n;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const entry = {
        bytes: n,
        grant: () => {
          if (timer) clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            const i = this.waiting.indexOf(entry);
            if (i >= 0) this.waiting.splice(i, 1);
            resolve(false);
            this.grantWaiting(); // a large request at the head may have blocked smaller ones
          }, timeoutMs)
        : null;
      this.waiting.push(entry);
    });
  }

  release(bytes: number): void {
    this.available = Math.min(this.total, this.available + Math.min(bytes, this.total));
    this.grantWaiting();
  }

  private grantWaiting(): void {
    while (this.waiting.length && this.available >= this.waiting[0].bytes) {
      const next = this.waiting.shift()!;
      this.available -= next.bytes;
      next.grant();
    }
  }

  get free(): number {
    return this.available;
  }

  /** Requests waiting for bytes. */
  get queued(): number {
    return this.waiting.length;
  }
}
