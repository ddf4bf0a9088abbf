import { type IpCase, prepared } from '@lyg/database';
import type { EvidenceKind, PriorCase, TriageInput, TriageRuleSet } from '@lyg/domain';
import type { EntityManager } from 'typeorm';

/**
 * The system's own facts that triage reads (triage-rules.md): the registered-enterprise list, the respondent's
 * history in this system and the evidence kinds on file, in one query; the history holds the prior cases the rules
 * can use (below), and the engine applies the exact matching rules itself.
 */
interface HistoryRow {
  case_number: string;
  complainant_name: string;
  respondent_name: string;
  complainant_uscc: string | null;
  respondent_uscc: string | null;
  right_numbers: (string | null)[];
  /** An ISO instant (the row comes as JSON). */
  closed_at: string | null;
  outcome: string | null;
}

/** Open duplicates named in N4's reason (more than this many open copies of one complaint is not a real case). */
export const HISTORY_OPEN_LIMIT = 200;
/** Infringing closures read, newest first: the engine needs the latest on or before the submission day. */
export const HISTORY_INFRINGING_LIMIT = 20;

export interface TriageSubject {
  id: string | null;
  caseNumber: string | null;
  organizationId: string | null;
  complaint: IpCase['complaint'];
  respondentKey: string;
  respondentNameKey: string;
}

/**
 * Lookups by key (a USCC, an organisation, a case, a respondent's keys): one plan fits all, so it is prepared once.
 *
 * The respondent's history holds only the prior cases a rule can use (prior-cases.ts), each part complete however
 * busy the respondent: the open cases sharing a right number with the complaint (N4, whose complainant test the
 * engine makes), and the most recent cases closed as infringing up to the submission (T1 "repeat",
 * `repeat_infringer`; the engine takes the latest on or before the submission day). The respondent is matched as N4
 * says in SQL too: by either key (the indexes), less rows whose USCC differs from the complaint's, so that other
 * companies of the same name never crowd out the respondent's own cases.
 */
const TRIAGE_FACTS_SQL = prepared(
  `WITH prior AS NOT MATERIALIZED (
     SELECT * FROM ip_case
      WHERE (respondent_key = $4 OR respondent_name_key = $5) AND case_number IS NOT NULL AND id <> $6
        AND NOT ($4 LIKE 'uscc:%' AND respondent_key LIKE 'uscc:%' AND respondent_key <> $4))
   SELECT EXISTS (SELECT 1 FROM registered_enterprise WHERE uscc = $1) AS registered,
            (SELECT uscc FROM organization WHERE id = $2) AS filing_uscc,
            ARRAY(SELECT DISTINCT kind FROM evidence WHERE case_id = $3) AS kinds,
            coalesce((SELECT json_agg(h) FROM (
              (SELECT case_number, complainant_name, respondent_name, closed_at, outcome,
                      complaint #>> '{complainant,uscc}' AS complainant_uscc,
                      complaint #>> '{respondent,uscc}' AS respondent_uscc,
                      jsonb_path_query_array(complaint, '$.ipRights[*].number') AS right_numbers
                 FROM prior
                WHERE closed_at IS NULL
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements(complaint -> 'ipRights') r WHERE r ->> 'number' = ANY($7::text[]))
                ORDER BY submitted_at DESC
                LIMIT ${HISTORY_OPEN_LIMIT})
              UNION ALL
              (SELECT case_number, complainant_name, respondent_name, closed_at, outcome,
                      complaint #>> '{complainant,uscc}' AS complainant_uscc,
                      complaint #>> '{respondent,uscc}' AS respondent_uscc,
                      jsonb_path_query_array(complaint, '$.ipRights[*].number') AS right_numbers
                 FROM prior
                WHERE closed_at IS NOT NULL AND outcome = ANY($8::text[]) AND closed_at < $9::timestamptz
                ORDER BY closed_at DESC
                LIMIT ${HISTORY_INFRINGING_LIMIT})) h), '[]'::json) AS history`);

/**
 * The facts for triage of `c` submitted at `submittedAt` by `ruleSet` (the one in force then): its history holds the
 * closures that set counts as infringing, which a set read from a file may define otherwise than the built-in ones.
 * `historyAsOf` reads the respondent's history as of a later instant (a re-triage on new history or a correction):
 * closures since the submission count too.
 */
export async function gatherTriageInput(
  m: EntityManager,
  c: TriageSubject,
  submittedAt: Date,
  ruleSet: TriageRuleSet,
  givenEvidenceKinds?: readonly EvidenceKind[],
  historyAsOf?: Date,
): Promise<TriageInput> {
  const asOf = historyAsOf && historyAsOf.getTime() > submittedAt.getTime() ? historyAsOf : submittedAt;
  const complainantUscc = c.complaint.complainant.uscc;
  // One round trip: the small facts, and the respondent's history as one JSON array (only the fields the rules read,
  // not the whole complaint documents of a busy respondent's history).
  const [facts]: { registered: boolean; filing_uscc: string | null; kinds: EvidenceKind[]; history: HistoryRow[] }[] = await m.query(
    TRIAGE_FACTS_SQL,
    [
      complainantUscc,
      c.organizationId,
      c.id,
      c.respondentKey,
      c.respondentNameKey,
      c.id ?? '00000000-0000-0000-0000-000000000000',
      c.complaint.ipRights.map((r) => r.number).filter((n): n is string => typeof n === 'string' && n !== ''),
      ruleSet.infringementOutcomes,
      // A day's margin past the as-of instant for its Shanghai day; the engine compares the days exactly.
      new Date(asOf.getTime() + 86_400_000).toISOString(),
    ],
  );
  const history = facts.history;
  const respondentHistory: PriorCase[] = history.map((h) => ({
    caseNumber: h.case_number,
    complainantUscc: h.complainant_uscc,
    complainantName: h.complainant_name,
    respondentUscc: h.respondent_uscc,
    respondentName: h.respondent_name,
    rightNumbers: h.right_numbers.filter((n): n is string => typeof n === 'string' && n !== ''),
    terminal: h.closed_at !== null,
    outcome: h.outcome,
    closedAt: h.closed_at === null ? null : new Date(h.closed_at),
  }));
  return {
    complaint: c.complaint,
    evidenceKinds: givenEvidenceKinds ? [...givenEvidenceKinds] : facts.kinds,
    filingOrganization: { uscc: facts.filing_uscc },
    registeredEnterprises: new Set(facts.registered && complainantUscc ? [complainantUscc] : []),
    respondentHistory,
    submittedAt,
    ...(asOf === submittedAt ? {} : { historyAsOf: asOf }),
    caseNumber: c.caseNumber,
  };
}
