import { monthsLater } from '../calendar/civil-date';
import { toCivilDay } from '../calendar/shanghai-time';
import type { CaseContext } from './case-context';
import { isTerminalState, type CaseState, type RespondentAnswerState } from './case-states';
import type { Effect } from './effect';
import { DEADLINE_STAGES, PATENT_DISPUTE_MONTHS, STAGE_DEADLINES, type DeadlineStage } from './stage-deadlines';

/** The deadlines a case has open: running, or stopped while someone else has the ball (clock stops of lifecycle.md). */
export interface DeadlinePlan {
  running: readonly DeadlineStage[];
  paused: readonly DeadlineStage[];
}

const plan = (running: DeadlineStage[], paused: DeadlineStage[] = []): DeadlinePlan => ({ running, paused });

/**
 * A filed enforcement case waits while the police consider a transfer; its 90 days are not spent meanwhile, so the
 * investigation resumes with the time it had left if the transfer is refused or declined.
 */
const waitingInvestigation = (context: CaseContext): DeadlineStage[] =>
  context.filedAt === null ? [] : ['administrative_enforcement.investigating'];

const policeDecisionDeadline = (context: CaseContext): DeadlineStage => {
  if (context.agencyAcknowledgedAt === null) return 'police_transfer_review.package_handover';
  return context.reconsiderationRequestedAt === null
    ? 'police_transfer_review.awaiting_police_decision'
    : 'police_transfer_review.reconsideration_decision';
};

/** The main region's deadlines in a stage. */
export const stageDeadlines = (state: CaseState, context: CaseContext): DeadlinePlan => {
  switch (state) {
    case 'screening':
      return plan(['screening']);
    case 'awaiting_correction':
      return plan(['awaiting_correction'], ['screening']);
    case 'fast_track.examining':
      return plan(['fast_track.examining']);
    case 'fast_track.awaiting_expert':
      return plan([], ['fast_track.examining']);
    case 'administrative_enforcement.filing_review':
      return plan(['administrative_enforcement.filing_review']);
    case 'administrative_enforcement.investigating':
      return plan(['administrative_enforcement.investigating']);
    case 'administrative_enforcement.suspended':
      return plan([], ['administrative_enforcement.investigating']);
    case 'mediation.assigning':
      return plan(['mediation.assigning']);
    case 'mediation.mediating':
      return plan(['mediation.mediating']);
    case 'police_transfer_review.awaiting_approval':
      return plan(['police_transfer_review.awaiting_approval'], waitingInvestigation(context));
    case 'police_transfer_review.awaiting_police_decision':
      return plan([policeDecisionDeadline(context)], waitingInvestigation(context));
    case 'police_transfer_review.declined':
      return plan(['police_transfer_review.reconsideration_request'], waitingInvestigation(context));
    case 'customs_referral':
      // Customs' own deadline is the acknowledgement; its detention decision runs on customs' rules.
      return plan(context.agencyAcknowledgedAt === null ? ['customs_referral'] : []);
    case 'court_referral':
      return plan(['court_referral']);
    case 'closed':
      return plan(context.outcome === 'settled' ? ['judicial_confirmation'] : []);
    case 'draft':
    case 'not_accepted':
    case 'withdrawn':
      return plan([]);
  }
};

/** The respondent region's deadline: the answer period, while the case is still open. */
export const respondentDeadlines = (state: CaseState, answer: RespondentAnswerState): DeadlinePlan =>
  plan(answer === 'notified' && !isTerminalState(state) ? ['respondent_answer'] : []);

export const deadlinePlan = (state: CaseState, answer: RespondentAnswerState, context: CaseContext): DeadlinePlan => {
  const main = stageDeadlines(state, context);
  const respondent = respondentDeadlines(state, answer);
  return plan([...main.running, ...respondent.running], [...main.paused, ...respondent.paused]);
};

/**
 * A stage's period; the fast track's is T3's target for the complaint (10 or 30 days), however the case got there. A
 * patent dispute's investigation lasts three calendar months from filing (专利纠纷行政裁决和调解办法), so 89 to 92
 * days depending on the day it starts (`now`), not 90.
 */
export const deadlinePeriod = (stage: DeadlineStage, context: CaseContext, now?: string): number => {
  if (stage === 'fast_track.examining') return context.triage?.targetDays ?? context.triage?.fastTrackTargetDays ?? STAGE_DEADLINES[stage].period;
  if (stage === 'administrative_enforcement.investigating' && context.patentDispute && now !== undefined) {
    const start = toCivilDay(now);
    return monthsLater(start, PATENT_DISPUTE_MONTHS) - start;
  }
  return STAGE_DEADLINES[stage].period;
};

/**
 * The deadline effects of moving from one plan to the next. Deriving them from the plans, rather than listing them on
 * each transition, means a deadline can never be left open by a path nobody thought of (a withdrawal from a paused
 * stage, a transfer that closes a waiting investigation).
 */
export const deadlineEffects = (
  before: DeadlinePlan,
  after: DeadlinePlan,
  context: CaseContext,
  /** The deadline whose firing caused the step: its row is closed by firing, there is nothing to cancel. */
  fired: DeadlineStage | null = null,
  /** When the step happens (a period counted in months needs its first day). */
  now?: string,
): Effect[] => {
  const has = (p: DeadlinePlan, stage: DeadlineStage) => p.running.includes(stage) || p.paused.includes(stage);
  const cancelled: Effect[] = [];
  const paused: Effect[] = [];
  const resumed: Effect[] = [];
  const set: Effect[] = [];
  for (const stage of DEADLINE_STAGES) {
    if (has(before, stage) && !has(after, stage)) {
      if (stage !== fired) cancelled.push({ type: 'cancel_deadline', stage });
    }
    else if (before.running.includes(stage) && after.paused.includes(stage)) paused.push({ type: 'pause_clock', stage });
    else if (before.paused.includes(stage) && after.running.includes(stage)) resumed.push({ type: 'resume_clock', stage });
    else if (!has(before, stage) && after.running.includes(stage)) {
      const { clock, basis } = STAGE_DEADLINES[stage];
      set.push({ type: 'set_deadline', stage, period: deadlinePeriod(stage, context, now), clock, basis });
    }
  }
  return [...cancelled, ...paused, ...resumed, ...set];
};
