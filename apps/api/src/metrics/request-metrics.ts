import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * HTTP request counts by route pattern and status, and durations by route, kept in this process (Prometheus
 * scrapes every replica and sums). Route patterns (`/api/v1/cases/:id`), never raw paths, keep the label set small.
 */
@Injectable()
export class RequestMetrics {
  private readonly counts = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  record(method: string, route: string, status: number, seconds: number): void {
    const key = `${method}\u0000${route}\u0000${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let h = this.durations.get(route);
    if (!h) this.durations.set(route, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
  }

  exposition(): string {
    const lines = ['# HELP lyg_http_requests_total HTTP requests answered, by method, route pattern and status.', '# TYPE lyg_http_requests_total counter'];
    for (const [key, n] of [...this.counts.entries()].sort()) {
      const [method, route, status] = key.split('\u0000');
      lines.push(`lyg_http_requests_total{method="${esc(method)}",route="${esc(route)}",status="${status}"} ${n}`);
    }
    lines.push('# HELP lyg_http_request_duration_seconds Time to answer an HTTP request, by route pattern.', '# TYPE lyg_http_request_duration_seconds histogram');
    for (const [route, h] of [...this.durations.entries()].sort()) {
      BUCKETS.forEach((b, i) => lines.push(`lyg_http_request_duration_seconds_bucket{route="${esc(route)}",le="${b}"} ${h.buckets[i]}`));
      lines.push(`lyg_http_request_duration_seconds_bucket{route="${esc(route)}",le="+Inf"} ${h.count}`);
      lines.push(`lyg_http_request_duration_seconds_sum{route="${esc(route)}"} ${h.sum.toFixed(6)}`);
      lines.push(`lyg_http_request_duration_seconds_count{route="${esc(route)}"} ${h.count}`);
    }
    return lines.join('\n');
  }
}

/** Label values per the exposition format: backslash, double quote and newline escaped. */
export const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: RequestMetrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const pattern = route ? `${req.baseUrl ?? ''}${route}` : 'unmatched';
      this.metrics.record(req.method, pattern, res.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  }
}
