import type { Principle } from '@lyg/database';

/** The four principles of the pilot plan (tasks 9–12), in the order entries list them. */
export const PRINCIPLES: readonly Principle[] = ['strict', 'broad', 'fast', 'equal'];

/** The known principles of `given`, once each, in the fixed order. */
export function normalisePrinciples(given: readonly string[]): Principle[] {
  return PRINCIPLES.filter((p) => given.includes(p));
}

/** Triage flags that put a case on the strict path (repeat or wilful infringement, criminal thresholds). */
const STRICT_FLAGS = ['repeat_infringer', 'punitive_damages_candidate', 'criminal_threshold_reached', 'criminal_threshold_near'];

/** What a triage verdict serves: broad (the one intake routed to the competent authority) and equal (routing never
 * looks at nationality or size; the equal metrics measure it), plus strict when it flags repeat or wilful
 * infringement or a criminal threshold. */
function triagePrinciples(flags: unknown): Principle[] {
  const list = Array.isArray(flags) ? flags.map(String) : [];
  return list.some((f) => STRICT_FLAGS.includes(f)) ? ['strict', 'broad', 'equal'] : ['broad', 'equal'];
}

/**
 * The principles an entry is tagged with (docs/audit.md): those its writer names (the statechart's mapping,
 * `libs/domain/src/workflow/audit-principles.ts`, for workflow steps), plus the triage verdict's when the entry
 * records one (a `triage` entry, or a submission whose `details.triage` holds the verdict), and `broad` (the one
 * intake and its record) when that still leaves none, so that no entry is without a principle.
 */
export function principlesFor(action: string, details: Record<string, unknown>, given: readonly string[]): Principle[] {
  const served = new Set<Principle>(normalisePrinciples(given));
  const verdict = action === 'triage' ? details : details.triage;
  if (verdict && typeof verdict === 'object') for (const p of triagePrinciples((verdict as Record<string, unknown>).flags)) served.add(p);
  if (!served.size) served.add('broad');
  return PRINCIPLES.filter((p) => served.has(p));
}
