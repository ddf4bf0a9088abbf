// Builders for workflow tests here and in libs/workflow: events with an actor and a time, and cases driven through
// the machine to a given stage (never hand-made snapshots, so a test cannot start from a state the machine can't reach).
import { ACCEPTABLE_ROUTES, type AcceptableRoute, type Route } from '../model';
import type { ActorRole, CaseActor } from './case-actor';
import type { CaseTriage } from './case-context';
import type { CaseEvent, CaseEventType } from './case-events';
import { createInitialSnapshot, type PersistedCaseSnapshot } from './case-snapshot';
import type { CaseState } from './case-states';
import { ESCALATION_ROUTES, MEDIATION_NEXT_ROUTES } from './outcome-rules';
import { DEADLINE_STAGES } from './stage-deadlines';
import { transition, type TransitionAccepted, type TransitionResult } from './case-transition';

/** Wednesday 2026-11-25, the contract's example submission day. */
export const T0 = '2026-11-25T10:00:00+08:00';

export const actorOf = (role: ActorRole): CaseActor => ({
  role,
  userId: role === 'system' || role === 'respondent' ? null : `${role}-user`,
  organizationId: role === 'system' || role === 'respondent' || role === 'admin' ? null : `${role}-org`,
});

type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
export type PayloadOf<T extends CaseEventType> = Omit<EventOf<T>, 'type' | 'actor' | 'now'>;

export const eventOf = <T extends CaseEventType>(
  type: T,
  role: ActorRole,
  payload: PayloadOf<T>,
  now: string = T0,
): EventOf<T> => ({ ...payload, type, actor: actorOf(role), now }) as EventOf<T>;

export const triageRecommending = (recommendedRoute: Route, overrides: Partial<CaseTriage> = {}): CaseTriage => ({
  recommendedRoute,
  competentAgency: null,
  flags: [],
  targetDays: recommendedRoute === 'fast_track' ? 30 : null,
  ruleSetVersion: '2025-04-26',
  ...overrides,
});

export class RefusedStepError extends Error {}

/** Sends one event and insists that it is accepted. */
export const step = <T extends CaseEventType>(
  snapshot: PersistedCaseSnapshot,
  type: T,
  role: ActorRole,
  payload: PayloadOf<T>,
  now: string = T0,
): TransitionAccepted => {
  const result: TransitionResult = transition(snapshot, eventOf(type, role, payload, now));
  if (!result.ok) throw new RefusedStepError(`${type} by ${role} refused: ${result.reason} (${result.message})`);
  return result;
};

export interface CaseSetup {
  /** Triage's recommendation; by default the route of the stage asked for, so no override is needed. */
  triage?: CaseTriage;
  patentDispute?: boolean;
  now?: string;
}

const ROUTE_OF_STAGE: Partial<Record<CaseState, AcceptableRoute>> = {
  'fast_track.examining': 'fast_track',
  'fast_track.awaiting_expert': 'fast_track',
  'administrative_enforcement.filing_review': 'administrative_enforcement',
  'administrative_enforcement.investigating': 'administrative_enforcement',
  'administrative_enforcement.suspended': 'administrative_enforcement',
  'mediation.assigning': 'mediation',
  'mediation.mediating': 'mediation',
  'police_transfer_review.awaiting_approval': 'police_transfer_review',
  'police_transfer_review.awaiting_police_decision': 'police_transfer_review',
  'police_transfer_review.declined': 'police_transfer_review',
  customs_referral: 'customs_referral',
  court_referral: 'court_referral',
  closed: 'fast_track',
};

/** The shortest ordinary way from a new draft to the stage, every step by the role lifecycle.md names. */
export const caseAt = (state: CaseState, setup: CaseSetup = {}): PersistedCaseSnapshot => {
  const now = setup.now ?? T0;
  const draft = createInitialSnapshot();
  if (state === 'draft') return draft;
  const submitted = step(draft, 'submit', 'enterprise', {}, now).snapshot;
  const triage = setup.triage ?? triageRecommending(ROUTE_OF_STAGE[state] ?? 'fast_track');
  const screening = step(submitted, 'triage.completed', 'system', { triage, patentDispute: setup.patentDispute ?? false }, now)
    .snapshot;
  const go = <T extends CaseEventType>(from: PersistedCaseSnapshot, type: T, role: ActorRole, payload: PayloadOf<T>) =>
    step(from, type, role, payload, now).snapshot;
  const accepted = (route: AcceptableRoute) =>
    go(screening, 'accept', 'examiner', triage.recommendedRoute === route ? {} : { route, overrideReason: 'test' });
  switch (state) {
    case 'screening':
      return screening;
    case 'awaiting_correction':
      return go(screening, 'request_correction', 'examiner', { items: ['ipRights[0].number'], message: 'fix' });
    case 'not_accepted':
      return go(screening, 'reject', 'examiner', { reason: 'no right' });
    case 'withdrawn':
      return go(caseAt('awaiting_correction', setup), 'deadline.expired', 'system', { stage: 'awaiting_correction' });
    case 'fast_track.examining':
      return accepted('fast_track');
    case 'fast_track.awaiting_expert':
      return go(accepted('fast_track'), 'request_expert_opinion', 'examiner', {});
    case 'closed':
      return go(accepted('fast_track'), 'decide', 'examiner', { outcome: 'infringement_established', summary: 'copied' });
    case 'administrative_enforcement.filing_review':
      return accepted('administrative_enforcement');
    case 'administrative_enforcement.investigating':
      return go(accepted('administrative_enforcement'), 'file_case', 'officer', {});
    case 'administrative_enforcement.suspended':
      return go(caseAt('administrative_enforcement.investigating', setup), 'suspend', 'officer', { reason: 'appraisal' });
    case 'mediation.assigning':
      return accepted('mediation');
    case 'mediation.mediating':
      return go(accepted('mediation'), 'assign_mediator', 'supervisor', { mediatorId: 'mediator-user' });
    case 'police_transfer_review.awaiting_approval':
      return accepted('police_transfer_review');
    case 'police_transfer_review.awaiting_police_decision':
      return go(accepted('police_transfer_review'), 'approve_transfer', 'supervisor', {});
    case 'police_transfer_review.declined':
      return go(caseAt('police_transfer_review.awaiting_police_decision', setup), 'police_decline', 'police', {
        reason: 'below threshold',
      });
    case 'customs_referral':
      return accepted('customs_referral');
    case 'court_referral':
      return accepted('court_referral');
  }
};

/**
 * One valid event of every kind and variant, each by the role lifecycle.md names: a search over these reaches every
 * transition of the machine (each accept and escalation route, both mediation failures, every deadline firing).
 */
export const sampleEvents = (now: string = T0): CaseEvent[] => [
  eventOf('submit', 'enterprise', {}, now),
  eventOf('triage.completed', 'system', { triage: triageRecommending('fast_track'), patentDispute: true }, now),
  eventOf('accept', 'examiner', {}, now),
  ...ACCEPTABLE_ROUTES.map((route) => eventOf('accept', 'examiner', { route, overrideReason: 'examiner override' }, now)),
  eventOf('request_correction', 'examiner', { items: ['ipRights[0].number'], message: 'check digit' }, now),
  eventOf('reject', 'examiner', { reason: 'no valid right' }, now),
  eventOf('resubmit', 'enterprise', {}, now),
  eventOf('request_expert_opinion', 'examiner', {}, now),
  eventOf('expert_opinion_received', 'examiner', {}, now),
  eventOf('decide', 'examiner', { outcome: 'infringement_established', summary: 'same design' }, now),
  eventOf('decide', 'officer', { outcome: 'penalized', summary: 'fined' }, now),
  ...ESCALATION_ROUTES.map((route) => eventOf('escalate', 'examiner', { route, reason: 'needs another body' }, now)),
  eventOf('file_case', 'officer', {}, now),
  eventOf('decline_filing', 'officer', { reason: 'no jurisdiction' }, now),
  eventOf('extend', 'supervisor', {}, now),
  eventOf('suspend', 'officer', { reason: 'appraisal' }, now),
  eventOf('resume', 'officer', {}, now),
  eventOf('propose_transfer', 'officer', {}, now),
  eventOf('assign_mediator', 'supervisor', { mediatorId: 'mediator-user' }, now),
  eventOf('record_agreement', 'mediator', { summary: 'licence agreed' }, now),
  ...MEDIATION_NEXT_ROUTES.map((nextRoute) => eventOf('mediation_failed', 'mediator', { reason: 'no agreement', nextRoute }, now)),
  eventOf('approve_transfer', 'supervisor', {}, now),
  eventOf('reject_transfer', 'supervisor', { reason: 'below threshold' }, now),
  eventOf('acknowledge', 'police', {}, now),
  eventOf('police_file_case', 'police', {}, now),
  eventOf('police_decline', 'police', { reason: 'no crime' }, now),
  eventOf('request_reconsideration', 'supervisor', {}, now),
  eventOf('acknowledge', 'customs', {}, now),
  eventOf('report_outcome', 'customs', { outcome: 'customs_detained' }, now),
  eventOf('acknowledge', 'court', {}, now),
  eventOf('report_outcome', 'court', { outcome: 'court_filed' }, now),
  eventOf('withdraw', 'enterprise', {}, now),
  ...DEADLINE_STAGES.map((stage) => eventOf('deadline.expired', 'system', { stage }, now)),
  eventOf('respondent_answered', 'respondent', {}, now),
];
