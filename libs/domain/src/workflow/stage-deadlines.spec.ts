import type { Clock } from '../model';
import { transition } from './case-transition';
import { DEADLINE_STAGES, STAGE_DEADLINES, type DeadlineStage } from './stage-deadlines';
import { caseAt, eventOf, step } from './testing';

// lifecycle.md's deadline table, copied by hand.
const LIFECYCLE_DEADLINES: Record<DeadlineStage, [number, Clock]> = {
  screening: [5, 'working_days'],
  awaiting_correction: [15, 'calendar_days'],
  'fast_track.examining': [30, 'calendar_days'],
  'administrative_enforcement.filing_review': [15, 'working_days'],
  'administrative_enforcement.investigating': [90, 'calendar_days'],
  'mediation.assigning': [3, 'working_days'],
  'mediation.mediating': [45, 'working_days'],
  'police_transfer_review.awaiting_approval': [3, 'calendar_days'],
  'police_transfer_review.package_handover': [24, 'hours'],
  'police_transfer_review.awaiting_police_decision': [3, 'calendar_days'],
  'police_transfer_review.reconsideration_request': [3, 'calendar_days'],
  'police_transfer_review.reconsideration_decision': [3, 'calendar_days'],
  customs_referral: [3, 'working_days'],
  court_referral: [7, 'calendar_days'],
  respondent_answer: [15, 'calendar_days'],
  judicial_confirmation: [30, 'calendar_days'],
};

describe('the deadline table (lifecycle.md)', () => {
  it.each(DEADLINE_STAGES)('%s has the period and clock of lifecycle.md and names its legal basis', (stage) => {
    const { period, clock, basis } = STAGE_DEADLINES[stage];
    expect([period, clock]).toEqual(LIFECYCLE_DEADLINES[stage]);
    expect(basis.length).toBeGreaterThan(10);
  });

  it('only the correction period, the reconsideration request and the answer period move the case when they run out', () => {
    const moving = DEADLINE_STAGES.filter((stage) => STAGE_DEADLINES[stage].onExpiry === 'transition');
    expect(moving).toEqual(['awaiting_correction', 'police_transfer_review.reconsideration_request', 'respondent_answer']);
    expect(STAGE_DEADLINES.judicial_confirmation.onExpiry).toBe('reminder');
  });
});

describe('deadline breaches', () => {
  it('a screening deadline that passes leaves the case in screening and tells the supervisor', () => {
    const result = step(caseAt('screening'), 'deadline.expired', 'system', { stage: 'screening' });
    expect(result.state).toBe('screening');
    expect(result.effects).toEqual([
      { type: 'notify', template: 'deadline_breached', to: 'supervisor', data: { stage: 'screening' } },
      { type: 'audit', principles: ['fast'] },
    ]);
  });

  it.each([
    ['fast_track.examining', 'fast_track.examining'],
    ['administrative_enforcement.filing_review', 'administrative_enforcement.filing_review'],
    ['administrative_enforcement.investigating', 'administrative_enforcement.investigating'],
    ['mediation.assigning', 'mediation.assigning'],
    ['mediation.mediating', 'mediation.mediating'],
    ['police_transfer_review.awaiting_approval', 'police_transfer_review.awaiting_approval'],
    ['police_transfer_review.awaiting_police_decision', 'police_transfer_review.package_handover'],
    ['customs_referral', 'customs_referral'],
    ['court_referral', 'court_referral'],
  ] as const)('in %s the %s deadline can be breached', (state, stage) => {
    const result = step(caseAt(state), 'deadline.expired', 'system', { stage });
    expect(result.state).toBe(state);
    expect(result.effects[0]).toMatchObject({ type: 'notify', template: 'deadline_breached', to: 'supervisor' });
  });

  it('a late firing for a stage the case has left changes nothing (refused, so the worker drops it)', () => {
    const result = transition(caseAt('fast_track.examining'), eventOf('deadline.expired', 'system', { stage: 'screening' }));
    expect(result).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
  });

  it('a stopped clock cannot expire: no screening breach while the complainant corrects', () => {
    const result = transition(caseAt('awaiting_correction'), eventOf('deadline.expired', 'system', { stage: 'screening' }));
    expect(result).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
  });

  it('the handover deadline is met by the police acknowledgement: a later firing is refused', () => {
    const acknowledged = step(caseAt('police_transfer_review.awaiting_police_decision'), 'acknowledge', 'police', {}).snapshot;
    const late = eventOf('deadline.expired', 'system', { stage: 'police_transfer_review.package_handover' });
    expect(transition(acknowledged, late)).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
  });

  it('an unknown deadline stage is an invalid payload', () => {
    const event = eventOf('deadline.expired', 'system', { stage: 'lunch' as DeadlineStage });
    expect(transition(caseAt('screening'), event)).toMatchObject({ ok: false, reason: 'invalid_payload' });
  });
});

describe('extensions approved by a supervisor', () => {
  it('the filing review is extended by 15 working days once; a second extension is refused', () => {
    const first = step(caseAt('administrative_enforcement.filing_review'), 'extend', 'supervisor', { reason: 'complex' });
    expect(first.effects).toContainEqual({
      type: 'extend_deadline',
      stage: 'administrative_enforcement.filing_review',
      period: 15,
    });
    expect(first.effects.at(-1)).toEqual({ type: 'audit', principles: ['fast'] });
    expect(transition(first.snapshot, eventOf('extend', 'supervisor', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('an investigation is extended by 30 days once', () => {
    const first = step(caseAt('administrative_enforcement.investigating'), 'extend', 'supervisor', {});
    expect(first.effects).toContainEqual({
      type: 'extend_deadline',
      stage: 'administrative_enforcement.investigating',
      period: 30,
    });
    expect(transition(first.snapshot, eventOf('extend', 'supervisor', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('a patent dispute investigation may run to 5 months: 3 months and two extensions, then no more', () => {
    const investigating = caseAt('administrative_enforcement.investigating', { patentDispute: true });
    const once = step(investigating, 'extend', 'supervisor', {});
    const twice = step(once.snapshot, 'extend', 'supervisor', {});
    expect(twice.snapshot.context.extensionsUsed).toEqual({ 'administrative_enforcement.investigating': 2 });
    expect(transition(twice.snapshot, eventOf('extend', 'supervisor', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('an extension may be approved while the investigation is suspended, and counts against the same limit', () => {
    const suspended = step(caseAt('administrative_enforcement.suspended'), 'extend', 'supervisor', {});
    expect(suspended.effects).toContainEqual({
      type: 'extend_deadline',
      stage: 'administrative_enforcement.investigating',
      period: 30,
    });
    const resumed = step(suspended.snapshot, 'resume', 'officer', {});
    expect(transition(resumed.snapshot, eventOf('extend', 'supervisor', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('the filing review’s extension does not use up the investigation’s', () => {
    const extended = step(caseAt('administrative_enforcement.filing_review'), 'extend', 'supervisor', {});
    const filed = step(extended.snapshot, 'file_case', 'officer', {});
    expect(step(filed.snapshot, 'extend', 'supervisor', {}).state).toBe('administrative_enforcement.investigating');
  });
});
