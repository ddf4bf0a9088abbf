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

/** A new case: a draft, with nothing open yet (no deadline runs before submission). */
export const createInitialSnapshot = (input: CaseMachineInput = {}): PersistedCaseSnapshot => {
  const [snapshot] = initialTransition(caseMachine, input);
  return persistSnapshot(snapshot);
};
