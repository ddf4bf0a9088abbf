import { getNextTransitions } from 'xstate';
import type { CaseEventType } from './case-events';
import type { TransitionSource } from './case-states';
import type { CaseMachineSnapshot } from './case-snapshot';

const sourceOfPath = (path: readonly string[]): TransitionSource => {
  const [region, ...rest] = path;
  return (region === 'stage' ? rest.join('.') : path.join('.')) as TransitionSource;
};

/**
 * Where the machine, in this snapshot, declares a transition for the event type (guards not evaluated). None means
 * the stage does not offer the action at all (409); some means the stage offers it and a guard decides.
 */
export const transitionSourcesFor = (snapshot: CaseMachineSnapshot, type: CaseEventType): TransitionSource[] => [
  ...new Set(
    getNextTransitions(snapshot)
      .filter((transition) => transition.eventType === type)
      .map((transition) => sourceOfPath(transition.source.path)),
  ),
];
