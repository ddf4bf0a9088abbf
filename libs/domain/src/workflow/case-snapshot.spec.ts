import { initialTransition } from 'xstate';
import { allowedActions } from './allowed-actions';
import { CASE_MACHINE_VERSION, caseMachine } from './case-machine';
import { createInitialSnapshot, restoreSnapshot, UnsupportedMachineVersionError, type PersistedCaseSnapshot } from './case-snapshot';
import { CASE_STATES } from './case-states';
import { transition } from './case-transition';
import { stateValueToPath } from './state-path';
import { caseAt, eventOf, sampleEvents, step, T0, triageRecommending } from './testing';

const throughJson = (snapshot: PersistedCaseSnapshot): PersistedCaseSnapshot => JSON.parse(JSON.stringify(snapshot));

describe('persisted snapshots', () => {
  it('a new case is a draft of this machine version with an empty context', () => {
    const draft = createInitialSnapshot({ patentDispute: true });
    expect(draft.machineVersion).toBe(CASE_MACHINE_VERSION);
    expect(stateValueToPath(draft)).toEqual({ state: 'draft', respondentAnswer: null });
    expect(draft.context).toMatchObject({ route: null, outcome: null, triage: null, patentDispute: true });
  });

  it('the draft for no input is the machine\'s own initial state, and each call gets its own copy', () => {
    const [fresh] = initialTransition(caseMachine, {});
    const a = createInitialSnapshot();
    expect(a).toEqual(throughJson({ machineVersion: CASE_MACHINE_VERSION, value: fresh.value, context: fresh.context }));
    a.context.route = 'mediation';
    (a as { value: unknown }).value = 'closed';
    const b = createInitialSnapshot();
    expect(b.context.route).toBeNull();
    expect(stateValueToPath(b)).toEqual({ state: 'draft', respondentAnswer: null });
  });

  it.each(CASE_STATES)('a case in %s survives JSON.stringify/parse and acts exactly as before', (state) => {
    const stored = caseAt(state);
    const restored = throughJson(stored);
    expect(restored).toEqual(stored);
    expect(stateValueToPath(restoreSnapshot(restored))).toEqual(stateValueToPath(stored));
    for (const event of sampleEvents()) {
      expect(transition(restored, event)).toEqual(transition(stored, event));
    }
  });

  it('a whole route can be run with the snapshot stored and reloaded between every step', () => {
    let stored = throughJson(createInitialSnapshot());
    const steps = [
      eventOf('submit', 'enterprise', {}),
      eventOf('triage.completed', 'system', { triage: triageRecommending('mediation'), patentDispute: false }),
      eventOf('accept', 'examiner', {}),
      eventOf('assign_mediator', 'supervisor', { mediatorId: 'm-1' }),
      eventOf('respondent_answered', 'respondent', {}),
      eventOf('mediation_failed', 'mediator', { reason: 'no deal', nextRoute: 'administrative_enforcement' }),
      eventOf('file_case', 'officer', {}),
      eventOf('decide', 'officer', { outcome: 'infringement_established', summary: 'copies sold' }),
    ];
    for (const event of steps) {
      const result = transition(stored, event);
      if (!result.ok) throw new Error(`${event.type}: ${result.message}`);
      stored = throughJson(result.snapshot);
    }
    expect(stateValueToPath(stored)).toEqual({ state: 'closed', respondentAnswer: 'answered' });
    expect(stored.context.outcome).toBe('infringement_established');
  });

  it('the persisted form holds only the version, the state value and the context', () => {
    expect(Object.keys(caseAt('mediation.mediating')).sort()).toEqual(['context', 'machineVersion', 'value']);
  });

  it('a snapshot of another machine version is not silently reinterpreted', () => {
    const old = { ...caseAt('screening'), machineVersion: '2025.9' };
    expect(() => transition(old, eventOf('reject', 'examiner', { reason: 'x' }))).toThrow(UnsupportedMachineVersionError);
  });

  it('a live xstate snapshot is accepted as well as a persisted one', () => {
    const [live] = initialTransition(caseMachine, {});
    const submitted = transition(live, eventOf('submit', 'enterprise', {}));
    expect(submitted).toMatchObject({ ok: true, state: 'screening' });
    expect(allowedActions(live, 'enterprise', T0)).toEqual(['submit', 'withdraw']);
  });

  it('a transition, refused or accepted, never changes the stored snapshot it was given', () => {
    const stored = caseAt('screening');
    const before = JSON.stringify(stored);
    transition(stored, eventOf('decide', 'examiner', { outcome: 'not_established', summary: 'x' }));
    step(stored, 'accept', 'examiner', {});
    expect(JSON.stringify(stored)).toBe(before);
  });
});
