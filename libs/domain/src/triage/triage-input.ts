import type { ComplaintInput, EvidenceKind } from '../model';

/**
 * Answers "is this USCC on the center's registered-enterprise list (保护名录)?". A `Set` of USCCs or a `Map` keyed
 * by USCC both fit; the list's own industries are informational (T3 reads the rule set's industries).
 */
export interface RegisteredEnterpriseLookup {
  has(uscc: string): boolean;
}

/**
 * A case already in the system that may concern the same respondent. The database fills the list with one query
 * (`respondent USCC = $1 OR normalised respondent name = $2`); over-fetching is harmless because the engine applies
 * the exact matching of N4 and of the repeat rules itself.
 */
export interface PriorCase {
  caseNumber: string;
  complainantUscc: string | null;
  complainantName: string;
  respondentUscc: string | null;
  respondentName: string;
  /** Numbers of the rights that case is about, in the canonical form stored. */
  rightNumbers: readonly string[];
  /** The case has reached a final state; only non-terminal cases are duplicates (N4). */
  terminal: boolean;
  /** Outcome code (contract `Outcome`) once decided. */
  outcome: string | null;
  /** When it was closed: an ISO 8601 instant, a Date, or a YYYY-MM-DD date (Asia/Shanghai). */
  closedAt: string | Date | null;
}

export interface TriageInput {
  complaint: ComplaintInput;
  evidenceKinds: readonly EvidenceKind[];
  /** The organisation whose account files the complaint (an agent when it is not the complainant: C3). */
  filingOrganization: { uscc: string | null };
  registeredEnterprises: RegisteredEnterpriseLookup;
  respondentHistory: readonly PriorCase[];
  /** Submission instant; calendar days are counted in Asia/Shanghai. */
  submittedAt: string | Date;
  /**
   * The instant the respondent's history is read as of; the submission when absent. A re-triage reads it as of its
   * own run (triage-rules.md: "again whenever its facts change (… new history)"): an infringement finding made since
   * the submission then counts, the 2-year window still measured back from the submission.
   */
  historyAsOf?: string | Date;
  /** The case being triaged, when it already has a number: a re-triage must not find itself as a duplicate. */
  caseNumber?: string | null;
}
