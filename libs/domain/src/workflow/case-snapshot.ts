import { initialTransition, type StateValue } from 'xstate';
import type { CaseContext, CaseMachineInput } from './case-context';
import { CASE_MACHINE_VERSION, caseMachine } from './case-machine';

/** What the case row stores (jsonb): plain JSON, restorable by the machine of the same version. */
export interface PersistedCaseSnapshot {
  machineVersion: string;
  value: StateValue;
  context: CaseContext;
}

export type CaseMachineSnapshot = ReturnType<typeof caseMachine.resolveState>;

export class UnsupportedMachineVersionError extends Error {
  constructor(readonly machineVersion: string) {
    super(`case snapshot of machine version ${machineVersion} cannot be restored by version ${CASE_MACHINE_VERSION}`);
    this.name = 'UnsupportedMachineVersionError';
  }
}

export const isPersistedCaseSnapshot = (value: CaseMachineSnapshot | PersistedCaseSnapshot): value is PersistedCaseSnapshot =>
  'machineVersion' in value;

export const persistSnapshot = (snapshot: CaseMachineSnapshot): PersistedCaseSnapshot => ({
  machineVersion: CASE_MACHINE_VERSION,
  value: snapshot.value,
  context: snapshot.context,
});

/**
 * Restores a stored snapshot. Business deadlines live in deadline rows, not in the machine (no `after` delays), so
 * nothing is lost here: the value and the context are the whole state.
 */
export const restoreSnapshot = (snapshot: CaseMachineSnapshot | PersistedCaseSnapshot): CaseMachineSnapshot => {
  if (!isPersistedCaseSnapshot(snapshot)) return snapshot;
  if (snapshot.machineVersion !== CASE_MACHINE_VERSION) throw new UnsupportedMachineVersionError(snapshot.machineVersion);
  return caseMachine.resolveState({ value: snapshot.value, context: snapshot.context });
};

let emptyInputSnapshot: string | null = null;

/**
 * A new case: a draft, with nothing open yet (no deadline runs before submission). The machine's initial state is a
 * pure function of its input, so the one for no input is worked out once and copied (every draft starts from it).
 */
export const createInitialSnapshot = (input?: CaseMachineInput): PersistedCaseSnapshot => {
  if (input !== undefined) return persistSnapshot(initialTransition(caseMachine, input)[0]);
  emptyInputSnapshot ??= JSON.stringify(persistSnapshot(initialTransition(caseMachine, {})[0]));
  return JSON.parse(emptyInputSnapshot) as PersistedCaseSnapshot;
};
