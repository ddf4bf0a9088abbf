import { AppError } from '@lyg/domain';
import type { Response } from 'express';
import type { Outcome } from './idempotency.service';

/** `If-Match: "3"` (or `3`, or a weak `W/"3"`) → 3; absent → null. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header === '*') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw AppError.validation([{ field: 'If-Match', code: 'invalid' }]);
  return Number(m[1]);
}

/** Sends an idempotent outcome: the first response's status and body, marked when replayed. */
export function sendOutcome<T>(res: Response, o: Outcome<T>): T {
  res.status(o.status);
  if (o.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return o.body;
}
