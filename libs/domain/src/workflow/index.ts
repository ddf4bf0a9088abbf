// The case statechart (lifecycle.md): pure TypeScript shared by the API, the worker and the browser UI.
export { allowedActions } from './allowed-actions';
export { NON_ACCOUNT_ROLES, type ActorRole, type CaseActor, type NonAccountRole } from './case-actor';
export type { CaseContext, CaseMachineInput, CaseTriage } from './case-context';
export * from './case-events';
export { ANSWERING_ROUTES, CASE_MACHINE_VERSION, caseMachine, type CaseMachine } from './case-machine';
export {
  createInitialSnapshot,
  persistSnapshot,
  restoreSnapshot,
  UnsupportedMachineVersionError,
  type CaseMachineSnapshot,
  type PersistedCaseSnapshot,
} from './case-snapshot';
export {
  CASE_STATES,
  isTerminalState,
  RESPONDENT_ANSWER_STATES,
  TERMINAL_STATES,
  type ActiveState,
  type CaseState,
  type RespondentAnswerState,
  type TerminalState,
  type TransitionSource,
} from './case-states';
export { transition, type TransitionAccepted, type TransitionRefused, type TransitionResult } from './case-transition';
export type { Refusal, RefusalReason } from './command-refusal';
export { deadlinePlan, type DeadlinePlan } from './deadline-plan';
export { EXTENDED_DEADLINES } from './deadline-extension';
export { claimableStates, keepsAssignee, OPEN_STATES, queueRolesOf, workStates } from './queue-roles';
export { BUREAU_ROUTES, competentAgencyFor, enforcementBureauOf, ENFORCEMENT_AGENCIES } from './route-entry';
export * from './effect';
export * from './outcome-rules';
export type { PayloadProblem } from './payload-rules';
export { ACTION_ROLES, STAGE_ACTION_ROLES, SYSTEM_EVENT_SENDERS } from './stage-action-roles';
export * from './stage-deadlines';
export { stateValueToPath, type CasePath } from './state-path';
export { EVENT_LABELS, FLAG_LABELS, OUTCOME_LABELS, PRINCIPLE_LABELS, STATE_LABELS } from './labels';
