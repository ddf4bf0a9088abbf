import { ROLES, type Role } from '../model';
import type { ActorRole } from './case-actor';
import { CASE_ACTIONS, type CaseAction } from './case-events';
import { allowedActions } from './allowed-actions';
import { CASE_STATES, type CaseState } from './case-states';
import { transition } from './case-transition';
import { ACTION_ROLES } from './stage-action-roles';
import { caseAt, eventOf, T0, type PayloadOf } from './testing';

// lifecycle.md's action and role columns, copied by hand: the machine is checked against the spec, not against itself.
const E: Role = 'enterprise';
const X: Role = 'examiner';
const S: Role = 'supervisor';
const O: Role = 'officer';
const LIFECYCLE: Record<CaseState, Partial<Record<CaseAction, Role[]>>> = {
  draft: { submit: [E], withdraw: [E] },
  screening: { accept: [X], request_correction: [X], reject: [X], withdraw: [E] },
  awaiting_correction: { resubmit: [E], withdraw: [E] },
  'fast_track.examining': { request_expert_opinion: [X], decide: [X], escalate: [X], withdraw: [E] },
  'fast_track.awaiting_expert': { expert_opinion_received: [X], escalate: [X], withdraw: [E] },
  'administrative_enforcement.filing_review': { file_case: [O], decline_filing: [O], extend: [S], withdraw: [E] },
  'administrative_enforcement.investigating': {
    suspend: [O],
    decide: [O],
    propose_transfer: [O],
    extend: [S],
    withdraw: [E],
  },
  'administrative_enforcement.suspended': { resume: [O], extend: [S], withdraw: [E] },
  'mediation.assigning': { assign_mediator: [S], withdraw: [E] },
  'mediation.mediating': { record_agreement: ['mediator'], mediation_failed: ['mediator'], withdraw: [E] },
  'police_transfer_review.awaiting_approval': { approve_transfer: [S], reject_transfer: [S] },
  'police_transfer_review.awaiting_police_decision': {
    acknowledge: ['police'],
    police_file_case: ['police'],
    police_decline: ['police'],
  },
  'police_transfer_review.declined': { request_reconsideration: [S] },
  customs_referral: { acknowledge: ['customs'], report_outcome: ['customs'], withdraw: [E] },
  court_referral: { acknowledge: ['court'], report_outcome: ['court'], withdraw: [E] },
  not_accepted: {},
  withdrawn: {},
  closed: {},
};
/** Filed enforcement cases proceed ex officio: the enterprise's withdrawal is refused unless a patent is in dispute. */
const PATENT_DISPUTES_ONLY = new Set<string>([
  'administrative_enforcement.investigating:withdraw',
  'administrative_enforcement.suspended:withdraw',
]);

const ALL_ROLES: ActorRole[] = [...ROLES, 'system', 'respondent'];

const validPayload = (action: CaseAction, state: CaseState): PayloadOf<CaseAction> => {
  const payloads: { [A in CaseAction]: PayloadOf<A> } = {
    submit: {},
    accept: {},
    request_correction: { items: ['ipRights[0].number'], message: 'check digit wrong' },
    reject: { reason: 'no valid right' },
    resubmit: {},
    request_expert_opinion: {},
    expert_opinion_received: {},
    decide: { outcome: 'infringement_established', summary: 'same product' },
    escalate: { route: 'mediation', reason: 'parties want to talk' },
    file_case: {},
    decline_filing: { reason: 'no jurisdiction' },
    extend: {},
    suspend: { reason: 'appraisal' },
    resume: {},
    propose_transfer: {},
    assign_mediator: { mediatorId: 'mediator-user' },
    record_agreement: { summary: 'licence agreed' },
    mediation_failed: { reason: 'no agreement', nextRoute: 'court_referral' },
    approve_transfer: {},
    reject_transfer: { reason: 'below threshold' },
    acknowledge: {},
    police_file_case: {},
    police_decline: { reason: 'no crime' },
    request_reconsideration: {},
    report_outcome: { outcome: state === 'court_referral' ? 'court_filed' : 'customs_detained' },
    withdraw: {},
  };
  return payloads[action];
};

type Expected = 'ok' | 'forbidden_role' | 'not_allowed_in_state';
const expected = (state: CaseState, action: CaseAction, role: ActorRole, patentDispute: boolean): Expected => {
  const roles = LIFECYCLE[state][action];
  if (roles === undefined) return 'not_allowed_in_state';
  if (!(roles as ActorRole[]).includes(role)) return 'forbidden_role';
  return PATENT_DISPUTES_ONLY.has(`${state}:${action}`) && !patentDispute ? 'not_allowed_in_state' : 'ok';
};

// Snapshots are immutable data, so one case per stage serves every probe of the matrix.
const cases = new Map<string, ReturnType<typeof caseAt>>();
const caseIn = (state: CaseState, patentDispute = false) => {
  const key = `${state}:${patentDispute}`;
  const known = cases.get(key) ?? caseAt(state, { patentDispute });
  cases.set(key, known);
  return known;
};

const outcomeOf = (state: CaseState, action: CaseAction, role: ActorRole, patentDispute = false): Expected => {
  const result = transition(caseIn(state, patentDispute), eventOf(action, role, validPayload(action, state)));
  return result.ok ? 'ok' : (result.reason as Expected);
};

describe('who may do what in which stage (lifecycle.md role column)', () => {
  describe.each(CASE_STATES)('in %s', (state) => {
    it.each(CASE_ACTIONS)('%s: the named role succeeds, other roles get 403, other stages 409', (action) => {
      for (const role of ALL_ROLES) {
        expect({ role, result: outcomeOf(state, action, role) }).toEqual({
          role,
          result: expected(state, action, role, false),
        });
      }
    });

    it('the actions offered to each role are exactly those it may take', () => {
      for (const role of ALL_ROLES) {
        const offered = allowedActions(caseIn(state), role, T0);
        const allowed = CASE_ACTIONS.filter((action) => expected(state, action, role, false) === 'ok');
        expect({ role, offered }).toEqual({ role, offered: allowed });
      }
    });
  });

  it.each(['administrative_enforcement.investigating', 'administrative_enforcement.suspended'] as const)(
    'the complainant of a patent dispute may withdraw after filing (in %s); other roles still get 403',
    (state) => {
      expect(outcomeOf(state, 'withdraw', 'enterprise', true)).toBe('ok');
      expect(outcomeOf(state, 'withdraw', 'officer', true)).toBe('forbidden_role');
      expect(allowedActions(caseIn(state, true), 'enterprise', T0)).toEqual(['withdraw']);
    },
  );

  it('ACTION_ROLES lists, per action, every role the lifecycle names for it in some stage', () => {
    const union: Partial<Record<CaseAction, Role[]>> = {};
    for (const actions of Object.values(LIFECYCLE)) {
      for (const [action, roles] of Object.entries(actions) as [CaseAction, Role[]][]) {
        union[action] = [...new Set([...(union[action] ?? []), ...roles])].sort();
      }
    }
    const actual = Object.fromEntries(Object.entries(ACTION_ROLES).map(([action, roles]) => [action, [...roles].sort()]));
    expect(actual).toEqual(union);
  });

  it('a supervisor does not stand in for an examiner: acceptance is the examiner’s decision', () => {
    expect(outcomeOf('screening', 'accept', 'supervisor')).toBe('forbidden_role');
  });

  it('a role that may not act learns nothing about the payload: a bad body from the wrong role is a 403, not a 422', () => {
    const result = transition(caseAt('screening'), eventOf('reject', 'officer', { reason: '' }));
    expect(result).toMatchObject({ ok: false, reason: 'forbidden_role' });
  });

  it('system events come only from their senders: an examiner cannot fire a deadline or answer for the respondent', () => {
    const correction = caseAt('awaiting_correction');
    expect(transition(correction, eventOf('deadline.expired', 'examiner', { stage: 'awaiting_correction' }))).toMatchObject({
      ok: false,
      reason: 'forbidden_role',
    });
    expect(transition(caseAt('fast_track.examining'), eventOf('respondent_answered', 'enterprise', {}))).toMatchObject({
      ok: false,
      reason: 'forbidden_role',
    });
    expect(transition(caseAt('screening'), eventOf('triage.completed', 'examiner', {
      triage: { recommendedRoute: 'mediation', competentAgency: null, flags: [], targetDays: null, ruleSetVersion: 'x' },
      patentDispute: false,
    }))).toMatchObject({ ok: false, reason: 'forbidden_role' });
  });

  it('an event without an actor is refused as a role failure, not a crash', () => {
    const event = { ...eventOf('accept', 'examiner', {}), actor: undefined } as unknown as Parameters<typeof transition>[1];
    expect(transition(caseAt('screening'), event)).toMatchObject({ ok: false, reason: 'forbidden_role' });
  });
});
