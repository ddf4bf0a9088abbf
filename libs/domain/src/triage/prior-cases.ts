import type { ComplaintInput } from '../model';
import { shanghaiDayOf } from './calendar-day';
import type { CompiledRuleSet } from './compiled-rule-set';
import { isSameParty, partyKey } from './party-key';
import type { PartyKey } from './party-key';
import type { PriorCase, TriageInput } from './triage-input';

/** An earlier case that found this respondent infringing. */
export interface InfringementRecord {
  readonly priorCase: PriorCase;
  readonly closedDay: number;
  /** Negative for a finding made after the submission (read by a re-triage on new history). */
  readonly daysBeforeSubmission: number;
}

export interface PriorCaseFindings {
  /** N4: open cases with the same complainant, the same respondent and a shared right number. */
  readonly duplicates: readonly PriorCase[];
  /** The respondent's most recent case closed as infringing on or before the day the history is read as of. */
  readonly lastInfringement: InfringementRecord | null;
}

const NO_PRIOR_CASES: PriorCaseFindings = { duplicates: [], lastInfringement: null };

const sharesRightNumber = (complaint: ComplaintInput, prior: PriorCase): boolean =>
  // Right numbers are stored canonical (validation), so equal rights have equal strings.
  complaint.ipRights.some((right) => right.number !== null && prior.rightNumbers.includes(right.number));

/** One pass over the respondent's history for N4, the T1 "repeat" reduction and the repeat_infringer flag. */
export function findPriorCases(input: TriageInput, rules: CompiledRuleSet, submissionDay: number, asOfDay: number = submissionDay): PriorCaseFindings {
  const history = input.respondentHistory;
  if (history.length === 0) return NO_PRIOR_CASES;
  const { complainant, respondent } = input.complaint;
  const respondentKey = partyKey(respondent.uscc, respondent.name);
  let complainantKey: PartyKey | null = null;
  let duplicates: PriorCase[] | null = null;
  let lastInfringement: InfringementRecord | null = null;

  for (const prior of history) {
    if (prior.caseNumber === input.caseNumber) continue;
    if (!isSameParty(respondentKey, prior.respondentUscc, prior.respondentName)) continue;
    if (!prior.terminal) {
      complainantKey ??= partyKey(complainant.uscc, complainant.name);
      if (
        isSameParty(complainantKey, prior.complainantUscc, prior.complainantName) &&
        sharesRightNumber(input.complaint, prior)
      ) {
        (duplicates ??= []).push(prior);
      }
    }
    if (prior.closedAt !== null && prior.outcome !== null && rules.infringementOutcomes.has(prior.outcome)) {
      const closedDay = shanghaiDayOf(prior.closedAt);
      const daysBeforeSubmission = submissionDay - closedDay;
      // History is read as of the triage's run: the submission, or a re-triage on new history, for which a finding
      // made meanwhile counts (the respondent's conduct complained of continues while the case is open).
      if (closedDay <= asOfDay && (lastInfringement === null || closedDay > lastInfringement.closedDay)) {
        lastInfringement = { priorCase: prior, closedDay, daysBeforeSubmission };
      }
    }
  }
  return duplicates === null && lastInfringement === null
    ? NO_PRIOR_CASES
    : { duplicates: duplicates ?? [], lastInfringement };
}
