import type { AcceptableRoute, Outcome } from '../model';
import type { ActiveState } from './case-states';

/** Outcomes a `decide` may record, by the stage deciding. `penalized` is an administrative penalty, so enforcement only. */
export const DECISION_OUTCOMES = {
  'fast_track.examining': ['infringement_established', 'not_established'],
  'administrative_enforcement.investigating': ['infringement_established', 'not_established', 'penalized'],
} as const satisfies Partial<Record<ActiveState, readonly Outcome[]>>;

/** Outcomes a receiving agency may report back. */
export const REPORTED_OUTCOMES = {
  customs_referral: ['customs_detained', 'customs_no_action'],
  court_referral: ['court_filed', 'court_not_filed'],
} as const satisfies Partial<Record<ActiveState, readonly Outcome[]>>;

/** After failed mediation the dispute goes where a binding decision can still be had. */
export const MEDIATION_NEXT_ROUTES = ['administrative_enforcement', 'court_referral'] as const satisfies readonly AcceptableRoute[];

/** A fast-track case escalates to any other route. */
export const ESCALATION_ROUTES = [
  'administrative_enforcement',
  'mediation',
  'police_transfer_review',
  'customs_referral',
  'court_referral',
] as const satisfies readonly AcceptableRoute[];
