import type { Flag } from '../model';
import type { TriageRuleSet } from './triage-rule-set';

/**
 * Section 5: min(cap, base + the weights of the raised flags). Only flags reach priority — never the complainant's
 * country, size or name (同保护) — and `PriorityFlag` keeps foreign_related out of the weights.
 */
export function priorityOf(flags: readonly Flag[], ruleSet: TriageRuleSet): number {
  const { base, cap, weights } = ruleSet.priority;
  const weightOf: Readonly<Partial<Record<Flag, number>>> = weights;
  let score = base;
  for (const flag of flags) score += weightOf[flag] ?? 0;
  return Math.min(cap, score);
}
