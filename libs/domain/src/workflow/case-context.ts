import type { AcceptableRoute, CompetentAgency, Flag, Outcome, Route } from '../model';
import type { DeadlineStage } from './stage-deadlines';

/** What the machine keeps of a triage result: enough to check overrides, size the fast-track period and tag audits. */
export interface CaseTriage {
  recommendedRoute: Route;
  competentAgency: CompetentAgency | null;
  flags: Flag[];
  targetDays: number | null;
  ruleSetVersion: string;
  /**
   * What the rules give a route triage did not recommend, should the case be sent there (`routeDefaults`): T6's
   * bureau for administrative enforcement, T3's target days for the fast track. Absent in snapshots of cases
   * triaged before they were kept (market regulation and 30 days then).
   */
  enforcementAgency?: CompetentAgency;
  fastTrackTargetDays?: number;
}

/** The machine's extended state. JSON only (instants as ISO 8601 strings), so a snapshot persists as jsonb. */
export interface CaseContext {
  triage: CaseTriage | null;
  /** Patent disputes follow their own investigation limits and may be withdrawn after filing (专利纠纷行政裁决和调解办法). */
  patentDispute: boolean;
  /** The current route: set on acceptance, changed by escalation, failed mediation or a returned transfer. */
  route: AcceptableRoute | null;
  competentAgency: CompetentAgency | null;
  outcome: Outcome | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  /** When administrative enforcement filed the case (立案); a returned police transfer resumes the investigation. */
  filedAt: string | null;
  closedAt: string | null;
  mediatorId: string | null;
  extensionsUsed: Partial<Record<DeadlineStage, number>>;
  /** Receipt by the receiving agency of the current referral or transfer. */
  agencyAcknowledgedAt: string | null;
  declinedAt: string | null;
  reconsiderationRequestedAt: string | null;
}

/** What a new case may start with: a triage preview made while drafting, and whether a patent is in dispute. */
export type CaseMachineInput = Partial<Pick<CaseContext, 'triage' | 'patentDispute'>>;

export const initialCaseContext = (input: CaseMachineInput = {}): CaseContext => ({
  triage: input.triage ?? null,
  patentDispute: input.patentDispute ?? false,
  route: null,
  competentAgency: null,
  outcome: null,
  submittedAt: null,
  acceptedAt: null,
  filedAt: null,
  closedAt: null,
  mediatorId: null,
  extensionsUsed: {},
  agencyAcknowledgedAt: null,
  declinedAt: null,
  reconsiderationRequestedAt: null,
});
