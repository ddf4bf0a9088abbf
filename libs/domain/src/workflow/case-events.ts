import type { AcceptableRoute, Flag, Outcome } from '../model';
import type { CaseActor } from './case-actor';
import type { CaseTriage } from './case-context';
import type { DeadlineStage } from './stage-deadlines';

/** The action names of the public contract (`POST /cases/:id/actions/:action`). */
export const CASE_ACTIONS = [
  'submit',
  'accept',
  'request_correction',
  'reject',
  'resubmit',
  'request_expert_opinion',
  'expert_opinion_received',
  'decide',
  'escalate',
  'file_case',
  'decline_filing',
  'extend',
  'suspend',
  'resume',
  'propose_transfer',
  'assign_mediator',
  'record_agreement',
  'mediation_failed',
  'approve_transfer',
  'reject_transfer',
  'acknowledge',
  'police_file_case',
  'police_decline',
  'request_reconsideration',
  'report_outcome',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Events no user sends through the actions endpoint: the worker's and the respondent link's. */
export const SYSTEM_EVENTS = ['triage.completed', 'triage.revised', 'deadline.expired', 'respondent_answered'] as const;
export type SystemEventType = (typeof SYSTEM_EVENTS)[number];
export type CaseEventType = CaseAction | SystemEventType;

export const isCaseAction = (value: unknown): value is CaseAction =>
  typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);

/**
 * Every event says who sends it and when. Time is an input, never read from a clock, so a transition is a pure
 * function that the API, the worker and a replay of the audit log all compute alike.
 */
interface EventBase {
  actor: CaseActor;
  /** ISO 8601 instant at which the command was received. */
  now: string;
}

export interface SubmitEvent extends EventBase { type: 'submit' }
export interface AcceptEvent extends EventBase {
  type: 'accept';
  /** Defaults to triage's recommendation. */
  route?: AcceptableRoute;
  /** Required when the route differs from the recommendation. */
  overrideReason?: string;
}
export interface RequestCorrectionEvent extends EventBase { type: 'request_correction'; items: string[]; message: string }
export interface RejectEvent extends EventBase { type: 'reject'; reason: string }
export interface ResubmitEvent extends EventBase { type: 'resubmit' }
export interface RequestExpertOpinionEvent extends EventBase { type: 'request_expert_opinion' }
export interface ExpertOpinionReceivedEvent extends EventBase { type: 'expert_opinion_received' }
export interface DecideEvent extends EventBase { type: 'decide'; outcome: Outcome; summary: string }
export interface EscalateEvent extends EventBase { type: 'escalate'; route: AcceptableRoute; reason: string }
export interface FileCaseEvent extends EventBase { type: 'file_case' }
export interface DeclineFilingEvent extends EventBase { type: 'decline_filing'; reason: string }
export interface ExtendEvent extends EventBase { type: 'extend'; reason?: string }
export interface SuspendEvent extends EventBase { type: 'suspend'; reason: string }
export interface ResumeEvent extends EventBase { type: 'resume' }
export interface ProposeTransferEvent extends EventBase { type: 'propose_transfer'; reason?: string }
export interface AssignMediatorEvent extends EventBase { type: 'assign_mediator'; mediatorId?: string }
export interface RecordAgreementEvent extends EventBase { type: 'record_agreement'; summary: string }
export interface MediationFailedEvent extends EventBase {
  type: 'mediation_failed';
  reason: string;
  nextRoute: 'administrative_enforcement' | 'court_referral';
}
export interface ApproveTransferEvent extends EventBase { type: 'approve_transfer' }
export interface RejectTransferEvent extends EventBase { type: 'reject_transfer'; reason: string }
export interface AcknowledgeEvent extends EventBase { type: 'acknowledge' }
export interface PoliceFileCaseEvent extends EventBase { type: 'police_file_case' }
export interface PoliceDeclineEvent extends EventBase { type: 'police_decline'; reason: string }
export interface RequestReconsiderationEvent extends EventBase { type: 'request_reconsideration'; reason?: string }
export interface ReportOutcomeEvent extends EventBase { type: 'report_outcome'; outcome: Outcome }
export interface WithdrawEvent extends EventBase { type: 'withdraw'; reason?: string }

export interface TriageCompletedEvent extends EventBase {
  type: 'triage.completed';
  triage: CaseTriage;
  patentDispute: boolean;
}
/**
 * The respondent's history changed after the route was decided (triage-rules.md: triage runs again on new history):
 * the flags the rules now give replace the case's, so a later decision is tagged as about a repeat infringer; the
 * route the case is on and its periods stay as decided.
 */
export interface TriageRevisedEvent extends EventBase {
  type: 'triage.revised';
  flags: Flag[];
}
export interface DeadlineExpiredEvent extends EventBase { type: 'deadline.expired'; stage: DeadlineStage }
export interface RespondentAnsweredEvent extends EventBase { type: 'respondent_answered' }

export type CaseEvent =
  | SubmitEvent
  | AcceptEvent
  | RequestCorrectionEvent
  | RejectEvent
  | ResubmitEvent
  | RequestExpertOpinionEvent
  | ExpertOpinionReceivedEvent
  | DecideEvent
  | EscalateEvent
  | FileCaseEvent
  | DeclineFilingEvent
  | ExtendEvent
  | SuspendEvent
  | ResumeEvent
  | ProposeTransferEvent
  | AssignMediatorEvent
  | RecordAgreementEvent
  | MediationFailedEvent
  | ApproveTransferEvent
  | RejectTransferEvent
  | AcknowledgeEvent
  | PoliceFileCaseEvent
  | PoliceDeclineEvent
  | RequestReconsiderationEvent
  | ReportOutcomeEvent
  | WithdrawEvent
  | TriageCompletedEvent
  | TriageRevisedEvent
  | DeadlineExpiredEvent
  | RespondentAnsweredEvent;
