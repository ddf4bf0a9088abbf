import { transition as machineTransition } from 'xstate';
import { principlesServed } from './audit-principles';
import type { CaseEvent } from './case-events';
import { caseMachine } from './case-machine';
import {
  persistSnapshot,
  restoreSnapshot,
  type CaseMachineSnapshot,
  type PersistedCaseSnapshot,
} from './case-snapshot';
import type { CaseState } from './case-states';
import { refusalOf, type Refusal } from './command-refusal';
import { deadlineEffects, deadlinePlan } from './deadline-plan';
import type { Effect } from './effect';
import { stateValueToPath, type CasePath } from './state-path';
import { transitionSourcesFor } from './transition-sources';

export interface TransitionAccepted {
  ok: true;
  snapshot: PersistedCaseSnapshot;
  state: CaseState;
  respondentAnswer: CasePath['respondentAnswer'];
  /** To carry out in the command's transaction, in this order; the last one is always the audit entry. */
  effects: Effect[];
}

export interface TransitionRefused extends Refusal {
  ok: false;
}

export type TransitionResult = TransitionAccepted | TransitionRefused;

const refused = (refusal: Refusal): TransitionRefused => ({ ok: false, ...refusal });

/**
 * Why the machine refused: no transition for the event in this stage → not allowed in the state (409); the stage
 * offers it but not to this role → forbidden (403); the role may but the body is wrong → invalid (422); the body is
 * fine but the case's facts stand against it (extension spent, window closed) → not allowed in the state (409).
 */
const explainRefusal = (snapshot: CaseMachineSnapshot, state: CaseState, event: CaseEvent): TransitionRefused => {
  const sources = transitionSourcesFor(snapshot, event.type);
  const refusals = sources.flatMap((source) => refusalOf(source, snapshot.context, event) ?? []);
  // Where the role may act somewhere, that refusal says more than the role refusal of another region.
  const refusal = refusals.find((r) => r.reason !== 'forbidden_role') ?? refusals[0];
  return refused(refusal ?? { reason: 'not_allowed_in_state', message: `${String(event.type)} is not possible in ${state}` });
};

/**
 * The case workflow as a pure function: the stored snapshot and one event in, the next snapshot and the effects to
 * carry out, or the reason for refusal. Nothing is executed and no clock is read, so the API can run it inside the
 * transaction that holds the case row's version: a lost race is a 409/412, never a lost update.
 */
export const transition = (from: CaseMachineSnapshot | PersistedCaseSnapshot, event: CaseEvent): TransitionResult => {
  const snapshot = restoreSnapshot(from);
  const before = stateValueToPath(snapshot);
  if (!snapshot.can(event)) return explainRefusal(snapshot, before.state, event);

  const [next, actions] = machineTransition(caseMachine, snapshot, event);
  const after = stateValueToPath(next);
  const effects: Effect[] = [
    ...deadlineEffects(
      deadlinePlan(before.state, before.respondentAnswer ?? 'none', snapshot.context),
      deadlinePlan(after.state, after.respondentAnswer ?? 'none', next.context),
      next.context,
      event.type === 'deadline.expired' ? event.stage : null,
      event.now,
    ),
    ...actions.flatMap((action) => (action.type === 'effect' ? [action.params as Effect] : [])),
  ];
  effects.push({
    type: 'audit',
    principles: principlesServed({ event, from: before.state, to: after.state, context: next.context, effects }),
  });
  return { ok: true, snapshot: persistSnapshot(next), ...after, effects };
};
