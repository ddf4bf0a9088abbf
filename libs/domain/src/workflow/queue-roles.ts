import type { Role } from '../model';
import { CASE_STATES, isTerminalState, type CaseState } from './case-states';
import { STAGE_ACTION_ROLES } from './stage-action-roles';

/**
 * Whose queue a case is in at each stage (lifecycle.md): screening, a correction the examiner waits for and the
 * center's fast track are the examiners'; administrative enforcement, and a police transfer it proposes, the
 * officers'; mediation the mediators'; referrals to customs or the court stay with the center's examiners, who follow
 * them up while the agency works them. An assignee whose role is not the stage's keeps nothing to do there: a case that moves into another queue is
 * released into it (`keepsAssignee`). Supervisors approve across all of them and are never released.
 */
export function queueRolesOf(state: CaseState): readonly Role[] {
  if (state === 'screening' || state === 'awaiting_correction' || state.startsWith('fast_track.')) return ['examiner'];
  // The receiving agency works a referral; the center's examiner follows it up (its reminders, the agency's outcome).
  if (state === 'customs_referral' || state === 'court_referral') return ['examiner'];
  if (state.startsWith('administrative_enforcement.') || state.startsWith('police_transfer_review.')) return ['officer'];
  if (state.startsWith('mediation.')) return ['mediator'];
  return [];
}

/** Whether an assignee of `role` stays assigned when the case moves into `state` (closed cases keep theirs). */
export function keepsAssignee(role: Role, state: CaseState): boolean {
  return role === 'supervisor' || isTerminalState(state) || queueRolesOf(state).includes(role);
}

/** The states of a case being worked: submitted and not yet final. */
export const OPEN_STATES = CASE_STATES.filter((s) => s !== 'draft' && !isTerminalState(s));

/** The states in which a case may be claimed by, or given to, an account of `role`: its queue's (any, for supervisors). */
export function claimableStates(role: Role): CaseState[] {
  return OPEN_STATES.filter((s) => role === 'supervisor' || queueRolesOf(s).includes(role));
}

/**
 * The states "give me the next case" takes from for `role`: the claimable ones in which it has an action of its own
 * (an examiner is not handed a case waiting for the complainant's correction, a supervisor gets approvals and
 * mediator assignments).
 */
export function workStates(role: Role): CaseState[] {
  return claimableStates(role).filter((s) => Object.values((STAGE_ACTION_ROLES as Record<string, Record<string, readonly Role[]>>)[s] ?? {}).some((roles) => roles.includes(role)));
}
