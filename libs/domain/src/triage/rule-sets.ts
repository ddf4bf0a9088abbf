import { RULE_SET_2004_12_22 } from './rule-set-2004-12-22';
import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import type { TriageRuleSet } from './triage-rule-set';

/**
 * The built-in rule sets; `selectRuleSet` picks by the submission date. The server selects among these and the sets
 * of its rule-set files (TRIAGE_RULE_SETS_DIR, checked by `parseRuleSet`); the browser's fallback has these alone.
 */
export const RULE_SETS: readonly TriageRuleSet[] = [RULE_SET_2025_04_26, RULE_SET_2004_12_22];
