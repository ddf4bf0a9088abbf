import { caseMachine } from './case-machine';

describe('the statechart definition', () => {
  it('every event transition checks role, payload and the case’s facts for the stage where it is declared', () => {
    // Guards are `{ type: 'permitted', params: { at } }`, alone or inside `and([...])` (which keeps them in `.guards`).
    type Guard = { type?: string; params?: { at?: string }; guards?: Guard[] } | undefined;
    const permittedAt = (guard: Guard): string[] =>
      guard === undefined ? [] : guard.type === 'permitted' ? [String(guard.params?.at)] : (guard.guards ?? []).flatMap(permittedAt);
    const mismatches: string[] = [];
    let checked = 0;
    const visit = (node: typeof caseMachine.root) => {
      const [region, ...path] = node.path;
      const source = region === 'stage' ? path.join('.') : node.path.join('.');
      for (const [eventType, transitions] of node.transitions) {
        for (const t of transitions) {
          const at = permittedAt(t.guard as Guard);
          checked += 1;
          // The one event the main region takes in every stage (a re-triage's flags) changes no state and checks
          // its sender and payload in its own guard (`revisable`).
          const regionWide = source === '' && eventType === 'triage.revised' && t.guard === 'revisable' && !t.target?.length;
          if (eventType !== '' && !regionWide && (at.length !== 1 || at[0] !== source)) mismatches.push(`${source} ${eventType}: ${at}`);
        }
      }
      Object.values(node.states).forEach(visit);
    };
    visit(caseMachine.root);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('no business deadline is an xstate `after` delay: they would be lost when a snapshot is restored', () => {
    const delayed: string[] = [];
    const visit = (node: typeof caseMachine.root) => {
      if (node.after.length > 0) delayed.push(node.id);
      Object.values(node.states).forEach(visit);
    };
    visit(caseMachine.root);
    expect(delayed).toEqual([]);
  });
});
