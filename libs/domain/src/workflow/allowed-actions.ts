import type { ActorRole } from './case-actor';
import { CASE_ACTIONS, type CaseAction } from './case-events';
import { restoreSnapshot, type CaseMachineSnapshot, type PersistedCaseSnapshot } from './case-snapshot';
import { mayAct } from './stage-action-roles';
import { conditionProblem } from './stage-conditions';
import { transitionSourcesFor } from './transition-sources';

/**
 * The actions a role can take on the case now, for the UI's buttons and the API's 403/409 choice. Payloads are not
 * judged (there is none yet); the case's facts are, so a spent extension or a closed reconsideration window is not
 * offered. `now` defaults to the caller's clock because a browser showing buttons has no other; the API passes the
 * request time it also puts in the event.
 */
export const allowedActions = (
  from: CaseMachineSnapshot | PersistedCaseSnapshot,
  role: ActorRole,
  now: string = new Date().toISOString(),
): CaseAction[] => {
  const snapshot = restoreSnapshot(from);
  return CASE_ACTIONS.filter((action) =>
    transitionSourcesFor(snapshot, action).some(
      (source) => mayAct(source, action, role) && conditionProblem(source, snapshot.context, { type: action, now }) === null,
    ),
  );
};
