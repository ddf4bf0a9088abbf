import type { Role } from '../model';
import type { ActorRole, NonAccountRole } from './case-actor';
import type { CaseAction, CaseEventType, SystemEventType } from './case-events';
import type { ActiveState, TransitionSource } from './case-states';

type StageActions = Readonly<Partial<Record<CaseAction, readonly Role[]>>>;

/**
 * The action and role columns of lifecycle.md, stage by stage. Roles are exactly those of the table: a supervisor
 * does not stand in for an examiner or an officer, because the supervisor is the second pair of eyes that approves
 * what they propose (transfers, extensions); covering for an absent colleague is a reassignment, not a role.
 *
 * Withdrawal ("any non-terminal stage before a decision") is offered until an authority's decision binds the case
 * whatever the complainant wants: once administrative enforcement has filed the case it proceeds ex officio
 * (行政处罚法 Art. 54; patent disputes excepted, see `stage-conditions.ts`), and a suspected crime must be
 * transferred (行政执法机关移送涉嫌犯罪案件的规定 Art. 3), so no withdrawal in police transfer review.
 */
export const STAGE_ACTION_ROLES = {
  draft: { submit: ['enterprise'], withdraw: ['enterprise'] },
  screening: {
    accept: ['examiner'],
    request_correction: ['examiner'],
    reject: ['examiner'],
    withdraw: ['enterprise'],
  },
  awaiting_correction: { resubmit: ['enterprise'], withdraw: ['enterprise'] },
  'fast_track.examining': {
    request_expert_opinion: ['examiner'],
    decide: ['examiner'],
    escalate: ['examiner'],
    withdraw: ['enterprise'],
  },
  'fast_track.awaiting_expert': {
    expert_opinion_received: ['examiner'],
    escalate: ['examiner'],
    withdraw: ['enterprise'],
  },
  'administrative_enforcement.filing_review': {
    file_case: ['officer'],
    decline_filing: ['officer'],
    extend: ['supervisor'],
    withdraw: ['enterprise'],
  },
  'administrative_enforcement.investigating': {
    suspend: ['officer'],
    decide: ['officer'],
    propose_transfer: ['officer'],
    extend: ['supervisor'],
    withdraw: ['enterprise'],
  },
  'administrative_enforcement.suspended': {
    resume: ['officer'],
    extend: ['supervisor'],
    withdraw: ['enterprise'],
  },
  'mediation.assigning': { assign_mediator: ['supervisor'], withdraw: ['enterprise'] },
  'mediation.mediating': {
    record_agreement: ['mediator'],
    mediation_failed: ['mediator'],
    withdraw: ['enterprise'],
  },
  'police_transfer_review.awaiting_approval': { approve_transfer: ['supervisor'], reject_transfer: ['supervisor'] },
  'police_transfer_review.awaiting_police_decision': {
    acknowledge: ['police'],
    police_file_case: ['police'],
    police_decline: ['police'],
  },
  'police_transfer_review.declined': { request_reconsideration: ['supervisor'] },
  customs_referral: { acknowledge: ['customs'], report_outcome: ['customs'], withdraw: ['enterprise'] },
  court_referral: { acknowledge: ['court'], report_outcome: ['court'], withdraw: ['enterprise'] },
} as const satisfies Readonly<Record<ActiveState, StageActions>>;

/** Who may send each system event, wherever the machine accepts it. */
export const SYSTEM_EVENT_SENDERS = {
  'triage.completed': 'system',
  'triage.revised': 'system',
  'deadline.expired': 'system',
  respondent_answered: 'respondent',
} as const satisfies Readonly<Record<SystemEventType, NonAccountRole>>;

const collectActionRoles = (): Readonly<Record<CaseAction, readonly Role[]>> => {
  const roles = {} as Record<CaseAction, Role[]>;
  for (const actions of Object.values(STAGE_ACTION_ROLES) as StageActions[]) {
    for (const [action, allowed] of Object.entries(actions) as [CaseAction, readonly Role[]][]) {
      roles[action] = [...new Set([...(roles[action] ?? []), ...allowed])];
    }
  }
  return roles;
};

/** Action → every role that may send it in some stage (the union of `STAGE_ACTION_ROLES`). */
export const ACTION_ROLES = collectActionRoles();

export const stageActionRoles = (source: TransitionSource): StageActions =>
  source === 'respondentAnswer.notified' ? {} : STAGE_ACTION_ROLES[source];

export const mayAct = (source: TransitionSource, type: CaseEventType, role: ActorRole | undefined): boolean => {
  if (role === undefined) return false;
  if (type in SYSTEM_EVENT_SENDERS) return SYSTEM_EVENT_SENDERS[type as SystemEventType] === role;
  const allowed: readonly ActorRole[] | undefined = stageActionRoles(source)[type as CaseAction];
  return allowed !== undefined && allowed.includes(role);
};
