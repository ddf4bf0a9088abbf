// Triage runs again on the respondent's new history (triage-rules.md). Past screening the route and its periods stay
// as decided; the flags the rules now give replace the case's, so a later decision about a repeat infringer serves
// strict protection.
import { CASE_STATES, isTerminalState, type CaseState } from './case-states';
import { caseAt, eventOf, step, triageRecommending } from './testing';
import { transition } from './case-transition';

const ACTIVE_AFTER_SUBMISSION = CASE_STATES.filter((s): s is CaseState => s !== 'draft' && !isTerminalState(s));

describe('triage.revised: the flags of a re-triage on new history', () => {
  it.each(ACTIVE_AFTER_SUBMISSION)('in %s it replaces the flags and changes neither the stage, the route nor any deadline', (state) => {
    const before = caseAt(state);
    const next = step(before, 'triage.revised', 'system', { flags: ['repeat_infringer', 'punitive_damages_candidate'] });
    expect(next.state).toBe(state);
    expect(next.snapshot.context.triage?.flags).toEqual(['repeat_infringer', 'punitive_damages_candidate']);
    expect(next.snapshot.context.triage?.recommendedRoute).toBe(before.context.triage?.recommendedRoute);
    expect(next.snapshot.context.route).toBe(before.context.route);
    expect(next.effects.map((e) => e.type)).toEqual(['audit']);
  });

  it.each(['draft', 'closed', 'not_accepted', 'withdrawn'] as const)('is refused in %s (409): no triage before submission, none after closure', (state) => {
    const result = transition(caseAt(state), eventOf('triage.revised', 'system', { flags: ['repeat_infringer'] }));
    expect(result).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
  });

  it('is the system’s alone, and takes only known flags', () => {
    const at = caseAt('fast_track.examining');
    expect(transition(at, eventOf('triage.revised', 'examiner', { flags: ['repeat_infringer'] })).ok).toBe(false);
    expect(transition(at, eventOf('triage.revised', 'system', { flags: ['not_a_flag' as never] })).ok).toBe(false);
  });

  it('a decision after the revision is tagged strict (a repeat infringer), one before it is not', () => {
    const examining = caseAt('fast_track.examining', { triage: triageRecommending('fast_track') });
    const principles = (s: typeof examining) =>
      step(s, 'decide', 'examiner', { outcome: 'infringement_established', summary: '侵权成立' }).effects.find((e) => e.type === 'audit');
    expect(principles(examining)).toMatchObject({ principles: expect.not.arrayContaining(['strict']) });
    const revised = step(examining, 'triage.revised', 'system', { flags: ['repeat_infringer'] }).snapshot;
    expect(principles(revised)).toMatchObject({ principles: expect.arrayContaining(['strict']) });
  });
});
