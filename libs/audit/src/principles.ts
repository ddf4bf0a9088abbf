import type { Principle } from '@lyg/database';

/** The four principles of the pilot plan (tasks 9–12), in the order entries list them. */
export const PRINCIPLES: readonly Principle[] = ['strict', 'broad', 'fast', 'equal'];

/** The known principles of `given`, once each, in the fixed order. */
export function normalisePrinciples(given: readonly string[]): Principle[] {
  return PRINCIPLES.filter((p) => given.includes(p));
}

/** Triage flags that put a case on the strict path (repeat or wilful infringement, criminal thresholds). */
const STRICT_FLAGS = ['repeat_infringer', 'punitive_damages_candidate', 'criminal_threshold_reached', 'criminal_threshold_near'];

/**
 * The principles of an entry whose writer named none (docs/audit.md). The statechart's mapping
 * (`libs/domain/src/workflow/audit-principles.ts`) tags every decision it knows; this covers the steps it leaves
 * untagged, so that no entry is without a principle:
 * - `triage` (the system's recommendation at submission): broad (one intake routed to the competent authority) and
 *   equal (routing never looks at nationality or size; the equal metrics measure it), plus strict when the
 *   recommendation flags repeat or wilful infringement or a criminal threshold;
 * - anything else: broad (the one intake and its record).
 */
export function defaultPrinciples(action: string, details: Record<string, unknown>): Principle[] {
  if (action === 'triage') {
    const flags = Array.isArray(details.flags) ? (details.flags as unknown[]) : [];
    return flags.some((f) => STRICT_FLAGS.includes(String(f))) ? ['strict', 'broad', 'equal'] : ['broad', 'equal'];
  }
  return ['broad'];
}
