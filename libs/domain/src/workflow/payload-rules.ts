import type { FieldError } from '../errors';
import { ACCEPTABLE_ROUTES, FLAGS, ROUTES, type Outcome } from '../model';
import type { CaseContext } from './case-context';
import type { CaseEvent } from './case-events';
import type { TransitionSource } from './case-states';
import { DECISION_OUTCOMES, ESCALATION_ROUTES, MEDIATION_NEXT_ROUTES, REPORTED_OUTCOMES } from './outcome-rules';
import { ENFORCEMENT_AGENCIES, isAcceptableRoute, overridesTriage, requestedRoute } from './route-entry';
import { DEADLINE_STAGES } from './stage-deadlines';

/**
 * One bad field of an event: a `FieldError` (code from FIELD_MESSAGES, so the API localizes it like any other 422)
 * with an English message for logs and tests.
 */
export interface PayloadProblem extends FieldError {
  message: string;
}

// Events reach the domain from HTTP bodies and queue rows: the static types are a promise, these checks keep it.
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && INSTANT.test(value) && Number.isFinite(Date.parse(value));

const requireText = (problems: PayloadProblem[], field: string, value: unknown): void => {
  if (!isText(value)) problems.push({ field, code: 'required', message: `${field} must be a non-empty text` });
};
const optionalText = (problems: PayloadProblem[], field: string, value: unknown): void => {
  if (value !== undefined) requireText(problems, field, value);
};
const requireOneOf = (problems: PayloadProblem[], field: string, values: readonly string[], value: unknown): void => {
  if (!isOneOf(values, value)) {
    const list = values.join(', ');
    problems.push({ field, code: 'enum', params: { values: list }, message: `${field} must be one of ${list}` });
  }
};

const outcomesAt = (table: Partial<Record<string, readonly Outcome[]>>, source: TransitionSource): readonly Outcome[] =>
  table[source] ?? [];

const triageProblems = (problems: PayloadProblem[], event: CaseEvent & { type: 'triage.completed' }): void => {
  const triage: unknown = event.triage;
  if (typeof triage !== 'object' || triage === null) {
    problems.push({ field: 'triage', code: 'type_object', message: 'triage must be a triage result' });
    return;
  }
  const { recommendedRoute, flags, targetDays, ruleSetVersion } = event.triage;
  requireOneOf(problems, 'triage.recommendedRoute', ROUTES, recommendedRoute);
  if (!Array.isArray(flags) || !flags.every((flag) => isOneOf(FLAGS, flag))) {
    problems.push({
      field: 'triage.flags',
      code: 'enum',
      params: { values: FLAGS.join(', ') },
      message: `triage.flags must list flags of ${FLAGS.join(', ')}`,
    });
  }
  if (targetDays !== null && !(Number.isInteger(targetDays) && targetDays > 0)) {
    problems.push({
      field: 'triage.targetDays',
      code: 'invalid',
      message: 'triage.targetDays must be a positive whole number or null',
    });
  }
  requireText(problems, 'triage.ruleSetVersion', ruleSetVersion);
  const { enforcementAgency, fastTrackTargetDays } = event.triage;
  if (enforcementAgency !== undefined) requireOneOf(problems, 'triage.enforcementAgency', ENFORCEMENT_AGENCIES, enforcementAgency);
  if (fastTrackTargetDays !== undefined && !(Number.isInteger(fastTrackTargetDays) && fastTrackTargetDays > 0)) {
    problems.push({ field: 'triage.fastTrackTargetDays', code: 'invalid', message: 'triage.fastTrackTargetDays must be a positive whole number' });
  }
  if (typeof event.patentDispute !== 'boolean') {
    problems.push({ field: 'patentDispute', code: 'type_boolean', message: 'patentDispute must be true or false' });
  }
};

/** Every bad field of the event for the stage it is sent in; empty when the payload is acceptable. */
export const payloadProblems = (source: TransitionSource, context: CaseContext, event: CaseEvent): PayloadProblem[] => {
  const problems: PayloadProblem[] = [];
  if (!isInstant(event.now)) {
    problems.push({ field: 'now', code: 'invalid', message: 'now must be an ISO 8601 instant with an offset' });
  }
  switch (event.type) {
    case 'accept': {
      if (event.route !== undefined && !isAcceptableRoute(event.route)) {
        requireOneOf(problems, 'route', ACCEPTABLE_ROUTES, event.route);
        break;
      }
      const route = requestedRoute(context.triage, event);
      if (route === null) {
        problems.push({
          field: 'route',
          code: 'required',
          message: 'route is required: triage recommended no route to accept into',
        });
      } else if (overridesTriage(context.triage, route) && !isText(event.overrideReason)) {
        problems.push({
          field: 'overrideReason',
          code: 'required',
          message: 'overrideReason is required when the route differs from the recommended one',
        });
      } else {
        optionalText(problems, 'overrideReason', event.overrideReason);
      }
      break;
    }
    case 'request_correction':
      if (!Array.isArray(event.items) || event.items.length === 0 || !event.items.every(isText)) {
        problems.push({ field: 'items', code: 'required', message: 'items must list at least one thing to correct' });
      }
      requireText(problems, 'message', event.message);
      break;
    case 'reject':
    case 'decline_filing':
    case 'suspend':
    case 'reject_transfer':
    case 'police_decline':
      requireText(problems, 'reason', event.reason);
      break;
    case 'extend':
    case 'propose_transfer':
    case 'request_reconsideration':
    case 'withdraw':
      optionalText(problems, 'reason', event.reason);
      break;
    case 'decide':
      requireOneOf(problems, 'outcome', outcomesAt(DECISION_OUTCOMES, source), event.outcome);
      requireText(problems, 'summary', event.summary);
      break;
    case 'escalate':
      requireOneOf(problems, 'route', ESCALATION_ROUTES, event.route);
      requireText(problems, 'reason', event.reason);
      break;
    case 'assign_mediator':
      optionalText(problems, 'mediatorId', event.mediatorId);
      break;
    case 'record_agreement':
      requireText(problems, 'summary', event.summary);
      break;
    case 'mediation_failed':
      requireText(problems, 'reason', event.reason);
      requireOneOf(problems, 'nextRoute', MEDIATION_NEXT_ROUTES, event.nextRoute);
      break;
    case 'report_outcome':
      requireOneOf(problems, 'outcome', outcomesAt(REPORTED_OUTCOMES, source), event.outcome);
      break;
    case 'triage.completed':
      triageProblems(problems, event);
      break;
    case 'deadline.expired':
      requireOneOf(problems, 'stage', DEADLINE_STAGES, event.stage);
      break;
    default:
      break;
  }
  return problems;
};
