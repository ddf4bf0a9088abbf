import type { AcceptableRoute } from '../model';
import { transition } from './case-transition';
import { stateValueToPath } from './state-path';
import { caseAt, eventOf, step, triageRecommending } from './testing';

describe("the respondent's answer (parallel region)", () => {
  it.each<[AcceptableRoute, 'notified' | null]>([
    ['fast_track', 'notified'],
    ['administrative_enforcement', 'notified'],
    ['mediation', 'notified'],
    ['police_transfer_review', null],
    ['customs_referral', null],
    ['court_referral', null],
  ])('accepted into %s: respondentAnswer %s', (route, answer) => {
    const accepted = step(caseAt('screening', { triage: triageRecommending(route) }), 'accept', 'examiner', {});
    expect(accepted.respondentAnswer).toBe(answer);
    const noticed = accepted.effects.some((e) => e.type === 'notify' && e.template === 'respondent_notice');
    const answerPeriod = accepted.effects.some((e) => e.type === 'set_deadline' && e.stage === 'respondent_answer');
    expect([noticed, answerPeriod]).toEqual([answer !== null, answer !== null]);
  });

  it('the API shows the main stage and the answer apart', () => {
    expect(stateValueToPath(caseAt('mediation.mediating'))).toEqual({ state: 'mediation.mediating', respondentAnswer: 'notified' });
    expect(stateValueToPath(caseAt('screening'))).toEqual({ state: 'screening', respondentAnswer: null });
  });

  it('an answer within the period is recorded, the period cancelled and the assignee told; the stage is untouched', () => {
    const answered = step(caseAt('fast_track.examining'), 'respondent_answered', 'respondent', {});
    expect([answered.state, answered.respondentAnswer]).toEqual(['fast_track.examining', 'answered']);
    expect(answered.effects).toEqual([
      { type: 'cancel_deadline', stage: 'respondent_answer' },
      { type: 'notify', template: 'respondent_answered', to: 'assignee_or_queue' },
      { type: 'audit', principles: ['fast'] },
    ]);
  });

  it('no answer in 15 days: the answer lapses and the case goes on', () => {
    const lapsed = step(caseAt('mediation.mediating'), 'deadline.expired', 'system', { stage: 'respondent_answer' });
    expect([lapsed.state, lapsed.respondentAnswer]).toEqual(['mediation.mediating', 'lapsed']);
    expect(lapsed.effects[0]).toEqual({ type: 'notify', template: 'respondent_answer_lapsed', to: 'assignee_or_queue' });
    expect(transition(lapsed.snapshot, eventOf('respondent_answered', 'respondent', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('a respondent who was never notified cannot answer', () => {
    expect(transition(caseAt('customs_referral'), eventOf('respondent_answered', 'respondent', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('once the case is closed the answer period is cancelled and a late answer refused', () => {
    const closed = caseAt('closed');
    expect(stateValueToPath(closed).respondentAnswer).toBe('notified');
    expect(transition(closed, eventOf('respondent_answered', 'respondent', {}))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
    expect(transition(closed, eventOf('deadline.expired', 'system', { stage: 'respondent_answer' }))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });

  it('an answer survives a change of route: escalation from the fast track keeps it', () => {
    const answered = step(caseAt('fast_track.examining'), 'respondent_answered', 'respondent', {}).snapshot;
    const escalated = step(answered, 'escalate', 'examiner', { route: 'administrative_enforcement', reason: 'penalty needed' });
    expect([escalated.state, escalated.respondentAnswer]).toEqual(['administrative_enforcement.filing_review', 'answered']);
    expect(escalated.effects.some((e) => e.type === 'notify' && e.template === 'respondent_notice')).toBe(false);
  });

  it('the answer region reacts to its own deadline only: a respondent deadline firing does not move the main stage', () => {
    const lapsed = step(caseAt('administrative_enforcement.investigating'), 'deadline.expired', 'system', {
      stage: 'respondent_answer',
    });
    expect(lapsed.state).toBe('administrative_enforcement.investigating');
    expect(lapsed.effects.some((e) => e.type === 'notify' && e.template === 'deadline_breached')).toBe(false);
  });

  it.each([
    ['fast_track.examining', null, true],
    ['mediation.mediating', 'respondent_answered', true],
    ['administrative_enforcement.filing_review', 'deadline.expired', true],
    ['screening', null, false],
    ['court_referral', null, false],
  ] as const)('a withdrawal from %s (after %s) tells the respondent only if they were asked to answer: %s', (at, before, told) => {
    let c = caseAt(at);
    if (before === 'respondent_answered') c = step(c, before, 'respondent', {}).snapshot;
    if (before === 'deadline.expired') c = step(c, before, 'system', { stage: 'respondent_answer' }).snapshot;
    const withdrawn = step(c, 'withdraw', 'enterprise', {});
    expect(withdrawn.state).toBe('closed');
    const notices = withdrawn.effects.flatMap((e) => (e.type === 'notify' ? [`${e.template}→${e.to}`] : []));
    expect(notices).toEqual(['case_withdrawn→assignee', 'case_withdrawn→complainant', ...(told ? ['case_withdrawn→respondent'] : [])].concat(
      at === 'court_referral' ? ['case_withdrawn→agency'] : [],
    ));
  });

  it('a filing declined tells a respondent who was asked to answer how the case ended', () => {
    const declined = step(caseAt('administrative_enforcement.filing_review'), 'decline_filing', 'officer', { reason: '不属于本部门管辖' });
    expect(declined.state).toBe('closed');
    expect(declined.effects).toContainEqual({ type: 'notify', template: 'case_decided', to: 'respondent', data: { outcome: 'not_filed' } });
    // Never asked (referred straight to customs): not told.
    const reported = step(step(caseAt('customs_referral'), 'acknowledge', 'customs', {}).snapshot, 'report_outcome', 'customs', { outcome: 'customs_detained' });
    expect(reported.effects.some((e) => e.type === 'notify' && e.to === 'respondent')).toBe(false);
  });
});
