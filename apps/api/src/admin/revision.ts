import { AppError } from '@lyg/domain';
import { createHash } from 'node:crypto';

/**
 * An account's or organisation's revision: a digest of what an administrator may change, so that an edit made from a
 * stale form is refused (`If-Match: "<revision>"` → 412) instead of silently undoing another administrator's change.
 * Accounts and organisations keep no version column; the digest serves as one (any change changes it).
 */
export function revisionOf(fields: Record<string, unknown>): string {
  const text = JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k] ?? null]));
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/** `If-Match` as sent (`"rev"`, `W/"rev"` or bare): null when absent. */
export function ifMatchOf(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  return header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** Refuses a stale edit: 412 naming both revisions. */
export function assertRevision(expected: string | null, actual: string): void {
  if (expected !== null && expected !== actual) throw new AppError('precondition_failed', { expected, actual });
}
