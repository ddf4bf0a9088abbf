import { AppError, type CaseAction, CASE_ACTIONS, type FieldError } from '@lyg/domain';

// The body fields each action takes (lifecycle.md); anything else is refused as unknown (no mass assignment).
// Types and required fields are checked by the statechart's payload rules, which know the stage.
const FIELDS: Record<CaseAction, readonly string[]> = {
  submit: [],
  accept: ['route', 'overrideReason', 'evidenceIds', 'agencyId'],
  request_correction: ['items', 'message'],
  reject: ['reason'],
  resubmit: [],
  request_expert_opinion: ['reason'],
  expert_opinion_received: [],
  decide: ['outcome', 'summary'],
  escalate: ['route', 'reason', 'evidenceIds', 'agencyId'],
  file_case: [],
  decline_filing: ['reason'],
  extend: ['reason'],
  suspend: ['reason'],
  resume: [],
  propose_transfer: ['reason'],
  assign_mediator: ['mediatorId'],
  record_agreement: ['summary'],
  mediation_failed: ['reason', 'nextRoute', 'evidenceIds', 'agencyId'],
  approve_transfer: ['evidenceIds', 'agencyId'],
  reject_transfer: ['reason'],
  acknowledge: [],
  police_file_case: [],
  police_decline: ['reason'],
  request_reconsideration: ['reason'],
  report_outcome: ['outcome'],
  withdraw: ['reason'],
};

const MAX_TEXT = 5000;
const MAX_EVIDENCE_IDS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The body of `POST /cases/:id/actions/:action`, checked for shape before it reaches the statechart. */
export function checkActionBody(action: string, body: unknown): { action: CaseAction; body: Record<string, unknown> } {
  if (!(CASE_ACTIONS as readonly string[]).includes(action)) throw new AppError('not_found', { resource: `action ${action}` });
  const a = action as CaseAction;
  const b = body === undefined || body === null ? {} : body;
  if (typeof b !== 'object' || Array.isArray(b)) throw AppError.validation([{ field: 'body', code: 'type_object' }]);
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(b)) {
    if (!FIELDS[a].includes(k)) errors.push({ field: k, code: 'unknown_field' });
    else if (k === 'evidenceIds') {
      // The case's evidence to send with a transfer or referral (shared with the receiving organisation, listed in
      // the package): ids of this case's evidence, checked against the case when the package is made.
      if (!Array.isArray(v) || v.length > MAX_EVIDENCE_IDS || v.some((i) => typeof i !== 'string' || !UUID.test(i))) {
        errors.push({ field: k, code: 'uuid_list', params: { max: MAX_EVIDENCE_IDS } });
      }
    } else if (k === 'agencyId') {
      // The receiving organisation, when there is more than one of the kind (checked when the case is transferred).
      if (typeof v !== 'string' || !UUID.test(v)) errors.push({ field: k, code: 'uuid' });
    }
    else if (typeof v === 'string' && v.length > MAX_TEXT) errors.push({ field: k, code: 'max_length', params: { max: MAX_TEXT } });
    else if (Array.isArray(v) && (v.length > 50 || v.some((i) => typeof i !== 'string' || i.length > 500))) {
      errors.push({ field: k, code: 'array_size', params: { min: 1, max: 50 } });
    }
  }
  if (errors.length) throw AppError.validation(errors);
  return { action: a, body: b as Record<string, unknown> };
}
