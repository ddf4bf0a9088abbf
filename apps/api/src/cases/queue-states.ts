import { AppError, CASE_STATES } from '@lyg/domain';

/**
 * The states a `state=` filter names: the state itself or every sub-state of a stage (`mediation` →
 * `mediation.assigning`, `mediation.mediating`). An explicit list keeps the queue index usable (a LIKE would not).
 */
export function statesMatching(filter: string): string[] {
  const states = CASE_STATES.filter((s) => s === filter || s.startsWith(`${filter}.`));
  if (!states.length) throw AppError.validation([{ field: 'state', code: 'enum', params: { values: CASE_STATES.join(', ') } }]);
  return states;
}
