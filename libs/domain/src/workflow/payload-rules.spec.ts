import type { AcceptableRoute, Outcome } from '../model';
import { allowedActions } from './allowed-actions';
import type { CaseEvent } from './case-events';
import { transition } from './case-transition';
import { caseAt, eventOf, step, T0, triageRecommending } from './testing';

const refusal = (result: ReturnType<typeof transition>) => (result.ok ? 'ok' : result.reason);
const fieldsOf = (result: ReturnType<typeof transition>) => (result.ok ? [] : (result.errors ?? []).map((e) => e.field));

describe('acceptance', () => {
  const screening = caseAt('screening', { triage: triageRecommending('fast_track') });

  it('confirming triage’s route needs no reason', () => {
    expect(refusal(transition(screening, eventOf('accept', 'examiner', { route: 'fast_track' })))).toBe('ok');
  });

  it('another route than the recommended one needs an override reason (422 naming the field)', () => {
    const result = transition(screening, eventOf('accept', 'examiner', { route: 'court_referral' }));
    expect(refusal(result)).toBe('invalid_payload');
    expect(fieldsOf(result)).toEqual(['overrideReason']);
    const blank = transition(screening, eventOf('accept', 'examiner', { route: 'court_referral', overrideReason: '  ' }));
    expect(fieldsOf(blank)).toEqual(['overrideReason']);
  });

  it('when triage sent the complaint back for correction, accepting needs a route and a reason', () => {
    const sentBack = caseAt('screening', { triage: triageRecommending('return_for_correction') });
    expect(fieldsOf(transition(sentBack, eventOf('accept', 'examiner', {})))).toEqual(['route']);
    expect(fieldsOf(transition(sentBack, eventOf('accept', 'examiner', { route: 'mediation' })))).toEqual(['overrideReason']);
    const accepted = step(sentBack, 'accept', 'examiner', { route: 'mediation', overrideReason: 'documents now complete' });
    expect(accepted.state).toBe('mediation.assigning');
  });

  it('before triage has reported, the examiner must name the route and say why', () => {
    const untriaged = step(caseAt('draft'), 'submit', 'enterprise', {}).snapshot;
    expect(fieldsOf(transition(untriaged, eventOf('accept', 'examiner', {})))).toEqual(['route']);
    expect(step(untriaged, 'accept', 'examiner', { route: 'fast_track', overrideReason: 'urgent' }).state).toBe(
      'fast_track.examining',
    );
  });

  it('bad fields carry the field codes the API localizes for its 422 (required, enum)', () => {
    const result = transition(screening, eventOf('accept', 'examiner', { route: 'court_referral' }));
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'overrideReason', code: 'required' }] });
    const decided = transition(caseAt('fast_track.examining'), eventOf('decide', 'examiner', { outcome: 'penalized', summary: 'x' }));
    expect(decided).toMatchObject({
      ok: false,
      errors: [{ field: 'outcome', code: 'enum', params: { values: 'infringement_established, not_established' } }],
    });
  });

  it('a route that is not a destination of acceptance is refused', () => {
    const result = transition(screening, eventOf('accept', 'examiner', { route: 'not_accepted' as AcceptableRoute }));
    expect(fieldsOf(result)).toEqual(['route']);
  });

  it('a correction request lists what to correct and says why', () => {
    const result = transition(caseAt('screening'), eventOf('request_correction', 'examiner', { items: [], message: '' }));
    expect(fieldsOf(result)).toEqual(['items', 'message']);
  });

  it('a rejection gives its reason', () => {
    expect(fieldsOf(transition(caseAt('screening'), eventOf('reject', 'examiner', { reason: '' })))).toEqual(['reason']);
  });

  it('an event without a valid time is refused: transitions never read a clock', () => {
    const result = transition(caseAt('screening'), eventOf('reject', 'examiner', { reason: 'x' }, 'yesterday'));
    expect(fieldsOf(result)).toEqual(['now']);
  });
});

describe('decisions and reported outcomes must fit the stage', () => {
  it.each<[Parameters<typeof caseAt>[0], 'examiner' | 'officer', Outcome, string]>([
    ['fast_track.examining', 'examiner', 'infringement_established', 'ok'],
    ['fast_track.examining', 'examiner', 'not_established', 'ok'],
    ['fast_track.examining', 'examiner', 'penalized', 'invalid_payload'],
    ['fast_track.examining', 'examiner', 'settled', 'invalid_payload'],
    ['administrative_enforcement.investigating', 'officer', 'penalized', 'ok'],
    ['administrative_enforcement.investigating', 'officer', 'not_established', 'ok'],
    ['administrative_enforcement.investigating', 'officer', 'transferred_criminal', 'invalid_payload'],
  ])('in %s the %s deciding %s → %s', (state, role, outcome, expected) => {
    expect(refusal(transition(caseAt(state), eventOf('decide', role, { outcome, summary: 'reasons' })))).toBe(expected);
  });

  it('a decision without a summary is refused', () => {
    const result = transition(caseAt('fast_track.examining'), eventOf('decide', 'examiner', { outcome: 'not_established', summary: '' }));
    expect(fieldsOf(result)).toEqual(['summary']);
  });

  it.each<[Parameters<typeof caseAt>[0], 'customs' | 'court', Outcome, string]>([
    ['customs_referral', 'customs', 'customs_detained', 'ok'],
    ['customs_referral', 'customs', 'customs_no_action', 'ok'],
    ['customs_referral', 'customs', 'court_filed', 'invalid_payload'],
    ['court_referral', 'court', 'court_filed', 'ok'],
    ['court_referral', 'court', 'court_not_filed', 'ok'],
    ['court_referral', 'court', 'customs_detained', 'invalid_payload'],
  ])('in %s %s reporting %s → %s', (state, role, outcome, expected) => {
    expect(refusal(transition(caseAt(state), eventOf('report_outcome', role, { outcome })))).toBe(expected);
  });

  it('failed mediation goes to enforcement or court only', () => {
    const event = eventOf('mediation_failed', 'mediator', {
      reason: 'no agreement',
      nextRoute: 'mediation' as 'court_referral',
    });
    expect(fieldsOf(transition(caseAt('mediation.mediating'), event))).toEqual(['nextRoute']);
  });

  it('a fast-track case cannot escalate into the fast track, and escalation gives a reason', () => {
    const event = eventOf('escalate', 'examiner', { route: 'fast_track', reason: '' });
    expect(fieldsOf(transition(caseAt('fast_track.examining'), event))).toEqual(['route', 'reason']);
  });

  it.each(['suspend', 'decline_filing', 'reject_transfer', 'police_decline'] as const)('%s needs a reason', (action) => {
    const state = {
      suspend: 'administrative_enforcement.investigating',
      decline_filing: 'administrative_enforcement.filing_review',
      reject_transfer: 'police_transfer_review.awaiting_approval',
      police_decline: 'police_transfer_review.awaiting_police_decision',
    } as const;
    const role = { suspend: 'officer', decline_filing: 'officer', reject_transfer: 'supervisor', police_decline: 'police' } as const;
    const event = { ...eventOf(action, role[action], { reason: 'x' }), reason: '' } as CaseEvent;
    expect(fieldsOf(transition(caseAt(state[action]), event))).toEqual(['reason']);
  });
});

describe('reconsideration of a police decline (Art. 9: within 3 days)', () => {
  // The window is the deadline row of `police_transfer_review.reconsideration_request`, counted on the statutory
  // calendar by the workflow service, which fires a row past due before any command: the machine refuses a request
  // once that row has fired, and otherwise leaves the time to the row.
  const declined = caseAt('police_transfer_review.declined');

  it('may be requested while the window runs, on its last day too', () => {
    const result = transition(declined, eventOf('request_reconsideration', 'supervisor', {}, '2026-11-30T23:59:59+08:00'));
    expect(refusal(result)).toBe('ok');
    expect(allowedActions(declined, 'supervisor', T0)).toEqual(['request_reconsideration']);
  });

  it('the decline declined with a window: the row is set for 3 days on the calendar', () => {
    const decline = step(caseAt('police_transfer_review.awaiting_police_decision'), 'police_decline', 'police', { reason: '未达立案标准' });
    expect(decline.effects).toContainEqual(expect.objectContaining({ type: 'set_deadline', stage: 'police_transfer_review.reconsideration_request', period: 3, clock: 'calendar_days' }));
  });

  it('is refused once the window has closed (its row fired): the decline is final', () => {
    const closed = step(declined, 'deadline.expired', 'system', { stage: 'police_transfer_review.reconsideration_request' });
    const result = transition(closed.snapshot, eventOf('request_reconsideration', 'supervisor', {}));
    expect(refusal(result)).toBe('not_allowed_in_state');
    expect(allowedActions(closed.snapshot, 'supervisor', T0)).not.toContain('request_reconsideration');
  });
});

describe('acknowledgements', () => {
  it.each([
    ['customs_referral', 'customs'],
    ['court_referral', 'court'],
    ['police_transfer_review.awaiting_police_decision', 'police'],
  ] as const)('in %s receipt is acknowledged once', (state, role) => {
    const once = step(caseAt(state), 'acknowledge', role, {});
    expect(once.snapshot.context.agencyAcknowledgedAt).toBe(T0);
    expect(refusal(transition(once.snapshot, eventOf('acknowledge', role, {})))).toBe('not_allowed_in_state');
    expect(allowedActions(once.snapshot, role, T0)).not.toContain('acknowledge');
  });

  it('customs acknowledging a court referral is the wrong agency (403)', () => {
    expect(refusal(transition(caseAt('court_referral'), eventOf('acknowledge', 'customs', {})))).toBe('forbidden_role');
  });
});

describe('triage results', () => {
  it('are recorded in screening: recommendation, agency, flags, target days and whether a patent is in dispute', () => {
    const submitted = step(caseAt('draft'), 'submit', 'enterprise', {}).snapshot;
    const triage = triageRecommending('fast_track', { targetDays: 10, flags: ['key_industry'], competentAgency: 'protection_center' });
    const recorded = step(submitted, 'triage.completed', 'system', { triage, patentDispute: true });
    expect(recorded.state).toBe('screening');
    expect(recorded.snapshot.context).toMatchObject({ triage, patentDispute: true });
    expect(recorded.effects).toEqual([{ type: 'audit', principles: [] }]);
  });

  it('a malformed triage result is refused field by field', () => {
    const submitted = step(caseAt('draft'), 'submit', 'enterprise', {}).snapshot;
    const triage = { recommendedRoute: 'somewhere', competentAgency: null, flags: ['odd'], targetDays: -1, ruleSetVersion: '' };
    const event = eventOf('triage.completed', 'system', {
      triage: triage as unknown as ReturnType<typeof triageRecommending>,
      patentDispute: 'yes' as unknown as boolean,
    });
    expect(fieldsOf(transition(submitted, event))).toEqual([
      'triage.recommendedRoute',
      'triage.flags',
      'triage.targetDays',
      'triage.ruleSetVersion',
      'patentDispute',
    ]);
  });

  it('are not taken once the case has left screening', () => {
    const event = eventOf('triage.completed', 'system', { triage: triageRecommending('mediation'), patentDispute: false });
    expect(refusal(transition(caseAt('fast_track.examining'), event))).toBe('not_allowed_in_state');
  });
});
