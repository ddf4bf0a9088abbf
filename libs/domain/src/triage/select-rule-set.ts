import { shanghaiDayOf } from './calendar-day';
import { compileRuleSet } from './compiled-rule-set';
import { RULE_SETS } from './rule-sets';
import type { TriageRuleSet } from './triage-rule-set';

/**
 * The rule set in force on a Shanghai calendar day: the one with the latest `effectiveFrom` on or before it.
 * A complaint is judged by the thresholds in force when it was submitted, not by later (or earlier) ones.
 */
export function ruleSetInForceOn(day: number, sets: readonly TriageRuleSet[]): TriageRuleSet {
  let chosen: TriageRuleSet | null = null;
  let chosenDay = Number.NEGATIVE_INFINITY;
  for (const set of sets) {
    const effectiveDay = compileRuleSet(set).effectiveDay;
    if (effectiveDay <= day && effectiveDay > chosenDay) {
      chosen = set;
      chosenDay = effectiveDay;
    }
  }
  if (chosen === null) throw new RangeError('no triage rule set was in force on the submission date');
  return chosen;
}

/** The rule set for a complaint submitted at `submittedAt` (its Asia/Shanghai date decides). */
export function selectRuleSet(submittedAt: string | Date, sets: readonly TriageRuleSet[] = RULE_SETS): TriageRuleSet {
  return ruleSetInForceOn(shanghaiDayOf(submittedAt), sets);
}
