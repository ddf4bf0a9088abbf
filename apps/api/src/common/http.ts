import { AppError } from '@lyg/domain';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';
import type { Outcome } from './idempotency.service';

/** `If-Match: "3"` (or `3`, or a weak `W/"3"`) → 3; absent → null. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header === '*') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw AppError.validation([{ field: 'If-Match', code: 'invalid' }]);
  return Number(m[1]);
}

/**
 * `ETag: "<version>"` on a response carrying one Case, the value a client echoes in `If-Match` (contract.md).
 * Express's own ETag, a hash of the body, is off (create-app.ts): `If-Match` takes a version, not a hash.
 * The version names the case, not the bytes (`allowedActions` differ by caller), so no cache may keep the answer and
 * revalidate it with `If-None-Match` for someone else: `no-store`.
 */
@Injectable()
export class CaseETag implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((body) => {
        const version = (body as { version?: unknown } | undefined)?.version;
        if (typeof version !== 'number') return; // claim-next with nothing to claim: 204, no case
        res.setHeader('ETag', `"${version}"`);
        res.setHeader('Cache-Control', 'private, no-store');
      }),
    );
  }
}

/** Sends an idempotent outcome: the first response's status and body, marked when replayed. */
export function sendOutcome<T>(res: Response, o: Outcome<T>): T {
  res.status(o.status);
  if (o.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return o.body;
}
