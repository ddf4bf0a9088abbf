import { AppError } from '@lyg/domain';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Requests per client address and window on the respondent link (public, no account): modest, per API process. */
export const RESPOND_LIMIT = { requests: 30, windowMs: 60_000 };

/**
 * A fixed-window counter per client address (`req.ip`: the proxy's client address when it is on loopback, see
 * create-app). In memory: each API process counts on its own, which is enough to slow a guessing or flooding client
 * (tokens are 256 random bits; guessing is hopeless anyway) without a database write per request.
 */
@Injectable()
export class RespondRateLimiter implements CanActivate {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const retryAfter = this.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown', Date.now());
    if (retryAfter === null) return true;
    res.setHeader('Retry-After', String(retryAfter));
    throw new AppError('rate_limited');
  }

  /** Counts a request; null when within the limit, else the seconds until the window ends. */
  hit(key: string, now: number): number | null {
    if (now - this.lastSweep > RESPOND_LIMIT.windowMs) {
      for (const [k, w] of this.windows) if (now - w.start >= RESPOND_LIMIT.windowMs) this.windows.delete(k);
      this.lastSweep = now;
    }
    let w = this.windows.get(key);
    if (!w || now - w.start >= RESPOND_LIMIT.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count <= RESPOND_LIMIT.requests ? null : Math.max(1, Math.ceil((w.start + RESPOND_LIMIT.windowMs - now) / 1000));
  }

  reset(): void {
    this.windows.clear();
  }
}
