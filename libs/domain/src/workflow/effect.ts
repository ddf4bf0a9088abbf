import type { Clock } from '../model';
import type { DeadlineStage } from './stage-deadlines';

/** The four principles of the pilot plan (tasks 9–12) that every audit entry is tagged with. */
export const AUDIT_PRINCIPLES = ['strict', 'broad', 'fast', 'equal'] as const;
export type AuditPrinciple = (typeof AUDIT_PRINCIPLES)[number];

/**
 * Who a notice goes to. `assignee_or_queue`: whoever holds the case or, while nobody does, the stage's queue
 * (lifecycle.md, "to the assignee (or the stage's queue)"): for notices that ask for work.
 */
export const NOTICE_RECIPIENTS = ['complainant', 'respondent', 'supervisor', 'assignee', 'assignee_or_queue', 'agency'] as const;
export type NoticeRecipient = (typeof NOTICE_RECIPIENTS)[number];

/** Every notice the workflow asks for; libs/notify keeps a zh and an en template for each. */
export const NOTICE_TEMPLATES = [
  'submission_acknowledged',
  'correction_requested',
  'complaint_resubmitted',
  'complaint_deemed_withdrawn',
  'complaint_not_accepted',
  'complaint_accepted',
  'respondent_notice',
  'respondent_answered',
  'respondent_answer_lapsed',
  'expert_opinion_requested',
  'case_decided',
  'route_changed',
  'enforcement_case_filed',
  'enforcement_filing_declined',
  'deadline_extended',
  'investigation_suspended',
  'investigation_resumed',
  'transfer_approval_requested',
  'transfer_rejected',
  'mediator_assignment_requested',
  'mediator_assigned',
  /** To the mediators' queue when a case enters mediation with no mediator named. */
  'mediation_case_queued',
  'mediation_settled',
  'mediation_failed',
  'case_transferred',
  'agency_acknowledged',
  'police_case_filed',
  'police_declined',
  'reconsideration_requested',
  'police_decline_final',
  'referral_received',
  'agency_outcome_reported',
  'case_withdrawn',
  'deadline_breached',
  /** Sent by the worker at 80 % of a period (lifecycle.md), not by a transition. */
  'deadline_reminder',
  /** Sent by the worker to the respondent at 80 % of the answer period, with a fresh answer link. */
  'respondent_answer_reminder',
  /** Sent by the worker to the complainant at 80 % of the correction period (it ends in a deemed withdrawal). */
  'correction_reminder',
  /** Sent by the worker to the parties at 80 % of the 30 days to apply for judicial confirmation of a settlement. */
  'judicial_confirmation_reminder',
  /** Sent by the worker to the assignee when triage run again on the respondent's new history changed the verdict. */
  'triage_revised',
] as const;
export type NoticeTemplate = (typeof NOTICE_TEMPLATES)[number];

export type NoticeData = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/** The agencies a transfer package (case summary, parties, rights, evidence manifest, audit excerpt) is made for. */
export const TRANSFER_AGENCIES = ['police', 'customs', 'court'] as const;
export type TransferAgency = (typeof TRANSFER_AGENCIES)[number];

/**
 * What a transition asks the outside world to do, as plain data. libs/workflow carries these out in the same
 * database transaction as the new snapshot (deadline rows, outbox rows, audit entry), so none is lost or doubled.
 */
export type Effect =
  | { type: 'set_deadline'; stage: DeadlineStage; period: number; clock: Clock; basis: string }
  | { type: 'cancel_deadline'; stage: DeadlineStage }
  | { type: 'pause_clock'; stage: DeadlineStage }
  | { type: 'resume_clock'; stage: DeadlineStage }
  | { type: 'extend_deadline'; stage: DeadlineStage; period: number }
  | { type: 'notify'; template: NoticeTemplate; to: NoticeRecipient; data?: NoticeData }
  | { type: 'run_triage' }
  /**
   * The case goes to an organisation of `agency`'s kind: `organizationId` when the step names one (a hand-over to a
   * successor), else the one the command chose (`agencyId`), else the longest-standing active one.
   */
  | { type: 'make_transfer_package'; agency: TransferAgency; organizationId?: string }
  | { type: 'audit'; principles: AuditPrinciple[] };

export type EffectType = Effect['type'];
