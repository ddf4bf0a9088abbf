import type { AuditFact } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { AppError } from '@lyg/domain';

/**
 * The audit entry of an administrative change to organisations or accounts (no case): the request's digest, and in
 * clear what changed. Tagged broad: the one intake feeds every body whose accounts these are (docs/audit.md).
 */
export function adminFact(caller: Caller, action: string, payload: unknown, details: Record<string, unknown>, requestId: string | null): AuditFact {
  return {
    caseId: null,
    actorId: caller.userId,
    actorRole: caller.role,
    organizationId: caller.organizationId,
    action,
    fromState: null,
    toState: null,
    payload,
    details,
    requestId,
    principles: ['broad'],
  };
}

/** The fields of `after` whose value differs from `before`, as `{field: {from, to}}`. */
export function changesOf<T extends object>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[k];
    if (from !== to) out[k] = { from, to };
  }
  return out;
}

/**
 * A write that a unique index may refuse: a concurrent request that took the same e-mail address or USCC after this
 * one looked is the same 422 on `field` as the look-up gives, not a 500.
 */
export async function uniqueOr422<T>(field: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') throw AppError.validation([{ field, code: 'already_exists' }]);
    throw e;
  }
}
