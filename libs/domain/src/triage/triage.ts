import type { CompetentAgency, ComplaintInput, TriageResult } from '../model';
import { shanghaiDayOf } from './calendar-day';
import { compileRuleSet } from './compiled-rule-set';
import { decideCorrection } from './correction-rules';
import { assessFlags } from './flag-rules';
import { decideNotAccepted } from './not-accepted-rules';
import { priorityOf } from './priority';
import { decideRoute, enforcementAgency, fastTrackTarget } from './route-rules';
import { RULE_SETS } from './rule-sets';
import { ruleSetInForceOn } from './select-rule-set';
import { buildTriageContext } from './triage-context';
import type { TriageInput } from './triage-input';
import type { TriageRuleSet } from './triage-rule-set';

/**
 * Recommends a route for a complaint (triage-rules.md): a pure function of the complaint, the system's facts and
 * the rule set — by default the built-in one in force on the submission date (the server passes the one it selected
 * among the built-in sets and its rule-set files). The examiner confirms or overrides it.
 */
export function triage(input: TriageInput, ruleSet?: TriageRuleSet): TriageResult {
  const submissionDay = shanghaiDayOf(input.submittedAt);
  const set = ruleSet ?? ruleSetInForceOn(submissionDay, RULE_SETS);
  const ctx = buildTriageContext(input, compileRuleSet(set), submissionDay);
  // Sections 1-3 in order: the first with a matching rule decides (an incomplete complaint is corrected before
  // admissibility is judged).
  const decision = decideCorrection(ctx) ?? decideNotAccepted(ctx) ?? decideRoute(ctx);
  const { flags, reasons } = assessFlags(ctx);
  return {
    recommendedRoute: decision.route,
    competentAgency: decision.competentAgency,
    flags,
    priority: priorityOf(flags, set),
    targetDays: decision.targetDays,
    reasons: decision.reasons.concat(reasons),
    ruleSetVersion: set.version,
  };
}

/**
 * What a route takes from the rules when the case is sent there on another road than triage's recommendation (an
 * examiner's override on acceptance, an escalation, a failed mediation, a transfer returned by the supervisor or
 * the police): T6's bureau for administrative enforcement, T3's target days for the fast track. The rule set is the
 * one the submission's triage used.
 */
export function routeDefaults(
  complaint: ComplaintInput,
  submittedAt: Date,
  ruleSet?: TriageRuleSet,
): { enforcementAgency: CompetentAgency; fastTrackTargetDays: number } {
  const rules = compileRuleSet(ruleSet ?? ruleSetInForceOn(shanghaiDayOf(submittedAt), RULE_SETS));
  return { enforcementAgency: enforcementAgency(complaint.ipRights, rules).agency, fastTrackTargetDays: fastTrackTarget(complaint, rules).targetDays };
}
