import { getShortestPaths } from '@xstate/graph';
import { caseMachine } from './case-machine';
import { restoreSnapshot } from './case-snapshot';
import { CASE_STATES, TERMINAL_STATES, isTerminalState, type CaseState } from './case-states';
import { transition } from './case-transition';
import { stateValueToPath } from './state-path';
import { caseAt, sampleEvents } from './testing';

const EVENTS = sampleEvents();
// Reachability is a question about stages, so snapshots that differ only in context count as one vertex; every path
// found is still a real run of the machine, which is all a proof of reachability needs.
const byStage = (snapshot: { value: unknown }) => JSON.stringify(snapshot.value);

const shortestPathsFrom = (from?: ReturnType<typeof restoreSnapshot>) =>
  getShortestPaths(caseMachine, { events: EVENTS, serializeState: byStage, ...(from && { fromState: from }) });

describe('reachability of the statechart (@xstate/graph)', () => {
  const paths = shortestPathsFrom();
  const reached = new Map<CaseState, (typeof paths)[number]>();
  for (const path of paths) {
    const { state } = stateValueToPath(path.state);
    if (!reached.has(state)) reached.set(state, path);
  }

  it.each(CASE_STATES)('stage %s is reachable from a new draft', (state) => {
    expect(reached.has(state)).toBe(true);
  });

  it('every terminal state is reachable', () => {
    expect(TERMINAL_STATES.filter((state) => reached.has(state))).toEqual([...TERMINAL_STATES]);
  });

  it('the pure transition() wrapper accepts every step of every shortest path the graph found', () => {
    for (const path of reached.values()) {
      let snapshot = caseAt('draft');
      // The first step is the machine's own start (xstate.init), not an event anyone sends.
      for (const { event } of path.steps.slice(1)) {
        const result = transition(snapshot, event);
        if (!result.ok) throw new Error(`${event.type} refused on the way to ${stateValueToPath(path.state).state}`);
        snapshot = result.snapshot;
      }
      expect(stateValueToPath(snapshot)).toEqual(stateValueToPath(path.state));
    }
  });

  it.each(CASE_STATES.filter((state) => !isTerminalState(state)))('from %s a terminal state can still be reached', (state) => {
    const from = restoreSnapshot(caseAt(state));
    const terminals = shortestPathsFrom(from).filter((path) => isTerminalState(stateValueToPath(path.state).state));
    expect(terminals.length).toBeGreaterThan(0);
  });
});
