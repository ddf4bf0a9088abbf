/**
 * The stages of a case as the API shows them in `Case.state` (lifecycle.md): the dotted path of the machine's main
 * region. Clients filter on these strings, so they are part of the public contract.
 */
export const CASE_STATES = [
  'draft',
  'screening',
  'awaiting_correction',
  'fast_track.examining',
  'fast_track.awaiting_expert',
  'administrative_enforcement.filing_review',
  'administrative_enforcement.investigating',
  'administrative_enforcement.suspended',
  'mediation.assigning',
  'mediation.mediating',
  'police_transfer_review.awaiting_approval',
  'police_transfer_review.awaiting_police_decision',
  'police_transfer_review.declined',
  'customs_referral',
  'court_referral',
  'not_accepted',
  'withdrawn',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES = ['not_accepted', 'withdrawn', 'closed'] as const satisfies readonly CaseState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];
export type ActiveState = Exclude<CaseState, TerminalState>;

export const isTerminalState = (state: CaseState): state is TerminalState =>
  (TERMINAL_STATES as readonly CaseState[]).includes(state);

export const isCaseState = (value: string): value is CaseState => (CASE_STATES as readonly string[]).includes(value);

/** The respondent's answer (parallel region). `none` means the respondent has not been notified yet. */
export const RESPONDENT_ANSWER_STATES = ['none', 'notified', 'answered', 'lapsed'] as const;
export type RespondentAnswerState = (typeof RESPONDENT_ANSWER_STATES)[number];

/**
 * Where a transition is declared: a main-region stage, or the respondent region's `notified` state. Guards receive it
 * as a parameter because xstate v5 guards see the context and the event but not the state they are evaluated in.
 */
export type TransitionSource = ActiveState | 'respondentAnswer.notified';
