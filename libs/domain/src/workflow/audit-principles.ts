import type { CaseEvent } from './case-events';
import type { CaseContext } from './case-context';
import type { CaseState } from './case-states';
import { AUDIT_PRINCIPLES, type AuditPrinciple, type Effect } from './effect';

const DEADLINE_EFFECTS: ReadonlySet<Effect['type']> = new Set([
  'set_deadline',
  'cancel_deadline',
  'pause_clock',
  'resume_clock',
  'extend_deadline',
]);
const ACCEPTANCE_DECISIONS: ReadonlySet<CaseEvent['type']> = new Set(['accept', 'reject', 'request_correction']);

const inPoliceTransfer = (state: CaseState) => state.startsWith('police_transfer_review.');
const inAgencyReferral = (state: CaseState) => state === 'customs_referral' || state === 'court_referral';

export interface AuditedStep {
  event: CaseEvent;
  from: CaseState;
  to: CaseState;
  /** The context after the step. */
  context: CaseContext;
  effects: readonly Effect[];
}

/**
 * The principles of the pilot plan (tasks 9–12) an action serves, for the audit entry and the principle metrics:
 * - strict (严保护): anything on the way to or in police transfer review (administrative–criminal linkage), and a
 *   decision about a respondent triage flagged as a repeat infringer;
 * - broad (大保护): police transfer, customs and court referral — one intake feeding the other authorities;
 * - fast (快保护): the action sets, meets, stops, resumes or extends a deadline, or a deadline fired;
 * - equal (同保护): acceptance decisions (accept, including an override of triage, reject, request correction),
 *   the decisions whose parity across nationality and size the equal metrics measure.
 */
export const principlesServed = ({ event, from, to, context, effects }: AuditedStep): AuditPrinciple[] => {
  const served = new Set<AuditPrinciple>();
  const policeTransfer = inPoliceTransfer(from) || inPoliceTransfer(to);
  const repeatInfringerDecision = event.type === 'decide' && (context.triage?.flags.includes('repeat_infringer') ?? false);
  if (policeTransfer || repeatInfringerDecision) served.add('strict');
  if (policeTransfer || inAgencyReferral(from) || inAgencyReferral(to)) served.add('broad');
  if (event.type === 'deadline.expired' || effects.some((effect) => DEADLINE_EFFECTS.has(effect.type))) served.add('fast');
  if (ACCEPTANCE_DECISIONS.has(event.type)) served.add('equal');
  return AUDIT_PRINCIPLES.filter((principle) => served.has(principle));
};
