import type { CaseContext } from './case-context';
import type { CaseEvent } from './case-events';
import type { TransitionSource } from './case-states';
import { payloadProblems, type PayloadProblem } from './payload-rules';
import { mayAct } from './stage-action-roles';
import { type ConditionCode, conditionProblem } from './stage-conditions';

/** Why the machine refuses an event; the API maps them to 409, 403 and 422. */
export type RefusalReason = 'not_allowed_in_state' | 'forbidden_role' | 'invalid_payload';

export interface Refusal {
  reason: RefusalReason;
  message: string;
  errors?: PayloadProblem[];
  /** The fact of the case that stands against the action (an allowed action refused now). */
  condition?: ConditionCode;
}

/**
 * Whether an event may take a transition declared at `source`, and if not, why. The role is checked first so that a
 * caller who may not act learns nothing about the payload rules or the case's facts.
 */
export const refusalOf = (source: TransitionSource, context: CaseContext, event: CaseEvent): Refusal | null => {
  if (!mayAct(source, event.type, event.actor?.role)) {
    return { reason: 'forbidden_role', message: `${String(event.actor?.role)} may not ${event.type} in ${source}` };
  }
  const errors = payloadProblems(source, context, event);
  if (errors.length > 0) {
    return { reason: 'invalid_payload', message: errors.map((e) => e.message).join('; '), errors };
  }
  const problem = conditionProblem(source, context, event);
  return problem === null ? null : { reason: 'not_allowed_in_state', message: problem.message, condition: problem.code };
};
