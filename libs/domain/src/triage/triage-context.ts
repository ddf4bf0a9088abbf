import type { ComplaintInput } from '../model';
import { dayNumberOf, shanghaiDayOf } from './calendar-day';
import type { CompiledRuleSet } from './compiled-rule-set';
import { assessCriminalThresholds } from './criminal-thresholds';
import type { CriminalAssessment } from './criminal-thresholds';
import { firstRightOf, hasAny } from './membership';
import { findPriorCases } from './prior-cases';
import type { InfringementRecord, PriorCaseFindings } from './prior-cases';
import type { TriageInput } from './triage-input';

/** The facts every section reads, derived once per decision. */
export interface TriageContext {
  readonly input: TriageInput;
  readonly complaint: ComplaintInput;
  readonly rules: CompiledRuleSet;
  readonly firstKnownDay: number;
  /** Calendar days (Asia/Shanghai) from `firstKnownAt` to the submission date. */
  readonly daysSinceFirstKnown: number;
  readonly priorCases: PriorCaseFindings;
  /** flag repeat_infringer: the infringement finding that makes the respondent one, if any. */
  readonly repeatInfringement: InfringementRecord | null;
  readonly criminal: CriminalAssessment;
  /** T2 and flag cross_border. */
  readonly customsCondition: boolean;
  /** T6a and flag limitation_risk. */
  readonly adminPenaltyTimeBarred: boolean;
}

export function buildTriageContext(input: TriageInput, rules: CompiledRuleSet, submissionDay: number): TriageContext {
  const { complaint } = input;
  const { infringement } = complaint;
  const set = rules.source;
  const firstKnownDay = dayNumberOf(infringement.firstKnownAt);
  const daysSinceFirstKnown = submissionDay - firstKnownDay;
  const asOfDay = input.historyAsOf === undefined ? submissionDay : Math.max(submissionDay, shanghaiDayOf(input.historyAsOf));
  const priorCases = findPriorCases(input, rules, submissionDay, asOfDay);
  const last = priorCases.lastInfringement;
  return {
    input,
    complaint,
    rules,
    firstKnownDay,
    daysSinceFirstKnown,
    priorCases,
    // 商标法 Art. 60(2) (五年内实施两次以上): "within" includes the last day of the window.
    repeatInfringement: last !== null && last.daysBeforeSubmission <= set.repeatInfringerWindowDays ? last : null,
    criminal: assessCriminalThresholds(complaint, rules, last),
    // 知识产权海关保护条例: customs act on goods crossing the border, for the rights it protects.
    customsCondition:
      (rules.customsChannels.has(infringement.channel) || hasAny(infringement.conducts, rules.customsConducts)) &&
      firstRightOf(complaint.ipRights, rules.customsRightTypes) !== undefined,
    // 行政处罚法 Art. 36: no penalty once the act went undiscovered for two years; "more than" is strict.
    adminPenaltyTimeBarred: daysSinceFirstKnown > set.adminPenaltyLimitationDays,
  };
}
