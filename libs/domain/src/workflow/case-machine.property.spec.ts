import fc from 'fast-check';
import { getNextTransitions } from 'xstate';
import { ROLES } from '../model';
import { allowedActions } from './allowed-actions';
import type { ActorRole } from './case-actor';
import { isCaseAction, type CaseEvent } from './case-events';
import { createInitialSnapshot, restoreSnapshot, type PersistedCaseSnapshot } from './case-snapshot';
import { isTerminalState } from './case-states';
import { transition } from './case-transition';
import { deadlinePlan } from './deadline-plan';
import { STAGE_DEADLINES, type DeadlineStage } from './stage-deadlines';
import { stateValueToPath } from './state-path';
import { sampleEvents, T0 } from './testing';

// Events at the submission time and five days later, so time windows (reconsideration) are both open and closed.
const LATER = '2026-11-30T10:00:00+08:00';
const POOL = [...sampleEvents(T0), ...sampleEvents(LATER)];
const KINDS = [...new Set(POOL.map((event) => event.type))];
const ROLES_AND_SENDERS: ActorRole[] = [...ROLES, 'system', 'respondent'];

/**
 * A run of the machine as a list of choices: at each step an event of a kind the current stage has a transition for
 * (so runs get past screening), now and then sent by some other role.
 */
const aRun = fc.array(
  fc.record({ pick: fc.nat(), impostor: fc.option(fc.constantFrom(...ROLES_AND_SENDERS), { freq: 5 }) }),
  { maxLength: 40 },
);
type Run = (typeof aRun extends fc.Arbitrary<infer T> ? T : never);

const eventFor = (snapshot: PersistedCaseSnapshot, { pick, impostor }: Run[number]): CaseEvent => {
  // Pick the kind first and the variant second, so sixteen kinds of deadline firing do not crowd out the rest.
  const offered = new Set(getNextTransitions(restoreSnapshot(snapshot)).map((t) => t.eventType));
  const offeredKinds = KINDS.filter((kind) => offered.has(kind));
  const kinds = offeredKinds.length > 0 ? offeredKinds : KINDS;
  const kind = kinds[pick % kinds.length];
  const variants = POOL.filter((event) => event.type === kind);
  const event = variants[Math.floor(pick / kinds.length) % variants.length];
  return impostor === null ? event : { ...event, actor: { ...event.actor, role: impostor } };
};

/** Plays the run from a new draft, handing each step to `check`. */
const play = (
  run: Run,
  check: (before: PersistedCaseSnapshot, event: CaseEvent, result: ReturnType<typeof transition>) => void,
): void => {
  let snapshot = createInitialSnapshot();
  for (const choice of run) {
    const event = eventFor(snapshot, choice);
    const result = transition(snapshot, event);
    check(snapshot, event, result);
    if (result.ok) snapshot = result.snapshot;
  }
};

/** The deadline rows libs/workflow would hold after carrying out the effects so far. */
class DeadlineRows {
  readonly open = new Map<DeadlineStage, 'running' | 'paused'>();

  apply(result: Extract<ReturnType<typeof transition>, { ok: true }>, event: CaseEvent): void {
    // A breached deadline stays open until its stage is done; one that moves the case is closed by firing.
    if (event.type === 'deadline.expired' && STAGE_DEADLINES[event.stage].onExpiry === 'transition') {
      this.open.delete(event.stage);
    }
    for (const effect of result.effects) {
      if (effect.type === 'set_deadline') this.open.set(effect.stage, 'running');
      if (effect.type === 'cancel_deadline') this.open.delete(effect.stage);
      if (effect.type === 'pause_clock') this.open.set(effect.stage, 'paused');
      if (effect.type === 'resume_clock') this.open.set(effect.stage, 'running');
    }
  }
}

describe('any sequence of events (property-based)', () => {
  it('keeps the case consistent: known stage, outcome only when closed, every effect list ends with one audit entry', () => {
    fc.assert(
      fc.property(aRun, (run) =>
        play(run, (before, _event, result) => {
          if (!result.ok) {
            expect(['not_allowed_in_state', 'forbidden_role', 'invalid_payload']).toContain(result.reason);
            return;
          }
          expect(isTerminalState(stateValueToPath(before).state)).toBe(false);
          const { state, effects } = result;
          const { outcome, closedAt } = result.snapshot.context;
          expect(outcome !== null).toBe(state === 'closed');
          expect(closedAt !== null).toBe(isTerminalState(state));
          expect(effects.filter((e) => e.type === 'audit')).toHaveLength(1);
          expect(effects.at(-1)?.type).toBe('audit');
          expect(JSON.parse(JSON.stringify(result.snapshot))).toEqual(result.snapshot);
        }),
      ),
      { numRuns: 300 },
    );
  });

  it('the deadline effects, carried out in order, leave exactly the deadlines the stage runs or has stopped', () => {
    fc.assert(
      fc.property(aRun, (run) => {
        const rows = new DeadlineRows();
        play(run, (_before, event, result) => {
          if (!result.ok) return;
          rows.apply(result, event);
          const plan = deadlinePlan(result.state, result.respondentAnswer ?? 'none', result.snapshot.context);
          const expected = new Map<DeadlineStage, 'running' | 'paused'>([
            ...plan.running.map((stage) => [stage, 'running'] as const),
            ...plan.paused.map((stage) => [stage, 'paused'] as const),
          ]);
          expect(Object.fromEntries(rows.open)).toEqual(Object.fromEntries(expected));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('whatever the machine accepts from a role was offered to that role by allowedActions', () => {
    fc.assert(
      fc.property(aRun, (run) =>
        play(run, (before, event, result) => {
          if (result.ok && isCaseAction(event.type)) {
            expect(allowedActions(before, event.actor.role, event.now)).toContain(event.type);
          }
        }),
      ),
      { numRuns: 200 },
    );
  });
});
