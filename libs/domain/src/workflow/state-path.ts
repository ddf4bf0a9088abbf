import type { StateValue } from 'xstate';
import { isCaseState, RESPONDENT_ANSWER_STATES, type CaseState, type RespondentAnswerState } from './case-states';

export interface CasePath {
  /** The main region as a dotted path, e.g. `mediation.mediating` (contract `Case.state`). */
  state: CaseState;
  /** The respondent's answer, or null before the respondent is notified. */
  respondentAnswer: Exclude<RespondentAnswerState, 'none'> | null;
}

// The main region is a tree of compound states without parallel parts, so exactly one child is active at each level.
const dottedPath = (value: StateValue): string => {
  if (typeof value === 'string') return value;
  const [child] = Object.entries(value);
  if (child === undefined || child[1] === undefined) throw new Error('an empty state value has no path');
  return `${child[0]}.${dottedPath(child[1])}`;
};

/** The API's view of a snapshot (or a persisted snapshot): the main stage and the answer region, apart. */
export const stateValueToPath = (snapshot: { value: StateValue }): CasePath => {
  const { value } = snapshot;
  if (typeof value === 'string' || value.stage === undefined || typeof value.respondentAnswer !== 'string') {
    throw new Error('not a case state value: expected the regions stage and respondentAnswer');
  }
  const state = dottedPath(value.stage);
  const answer = value.respondentAnswer;
  if (!isCaseState(state) || !(RESPONDENT_ANSWER_STATES as readonly string[]).includes(answer)) {
    throw new Error(`unknown case state ${state} / ${answer}`);
  }
  return { state, respondentAnswer: answer === 'none' ? null : (answer as Exclude<RespondentAnswerState, 'none'>) };
};
