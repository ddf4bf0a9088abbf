// Triage (triage-rules.md): the rule engine that recommends a route for a complaint. Pure TypeScript, shared by
// the API, the worker and the browser UI's live preview.
export { routeDefaults, triage } from './triage';
export { selectRuleSet } from './select-rule-set';
export { parseRuleSet, type RuleSetParse, type RuleSetProblem } from './parse-rule-set';
export { legalBasisEn } from './legal-basis-text';
export { RULE_SETS } from './rule-sets';
export { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
export { RULE_SET_2004_12_22 } from './rule-set-2004-12-22';
export type { PriorCase, RegisteredEnterpriseLookup, TriageInput } from './triage-input';
export type {
  AgencyAssignment,
  AmountKind,
  AmountThresholds,
  CriminalOffenceId,
  CriminalOffenceRule,
  JurisdictionPlace,
  PriorityFlag,
  ReducedThresholds,
  TriageRuleSet,
} from './triage-rule-set';
