// A case sent to a route triage did not recommend still gets what the rules give that route: T6's bureau for
// administrative enforcement, T3's target days for the fast track (triage-rules.md; lifecycle.md "10 or 30").
import type { TriageResult } from '../model';
import { aComplaint, aRight, SUBMITTED_AT, triageOf, type ComplaintOverrides } from '../triage/testing';
import { routeDefaults } from '../triage/triage';
import type { CaseTriage } from './case-context';
import type { Effect } from './effect';
import { caseAt, step } from './testing';

/** What the workflow keeps of a triage of `complaint` (WorkflowService: the result's route facts and the route defaults). */
const kept = (complaint: ComplaintOverrides, r: TriageResult): CaseTriage => ({
  recommendedRoute: r.recommendedRoute,
  competentAgency: r.competentAgency,
  flags: r.flags,
  targetDays: r.targetDays,
  ruleSetVersion: r.ruleSetVersion,
  ...routeDefaults(aComplaint(complaint), new Date(SUBMITTED_AT)),
});

const examiningPeriod = (effects: Effect[]): number | undefined =>
  effects.flatMap((e) => (e.type === 'set_deadline' && e.stage === 'fast_track.examining' ? [e.period] : []))[0];

describe('administrative enforcement reached on another road goes to T6 bureau', () => {
  const piracy: ComplaintOverrides = {
    ipRights: [aRight('copyright')],
    infringement: { conducts: ['copying', 'sale'], industry: 'digital_creative', estimatedGainsCny: 40_000, estimatedTurnoverCny: null },
  };

  it('a copyright case whose police transfer the supervisor rejects goes to the copyright bureau', () => {
    const r = triageOf(piracy);
    expect(r.recommendedRoute).toBe('police_transfer_review');
    const next = step(caseAt('police_transfer_review.awaiting_approval', { triage: kept(piracy, r) }), 'reject_transfer', 'supervisor', { reason: '复核后未达标准' });
    expect(next.state).toBe('administrative_enforcement.filing_review');
    expect(next.snapshot.context.competentAgency).toBe('copyright_bureau');
  });

  it('a copyright case whose mediation failed goes to the copyright bureau', () => {
    const online: ComplaintOverrides = {
      ipRights: [aRight('copyright')],
      infringement: { conducts: ['online_listing'], channel: 'ecommerce', industry: 'other', estimatedTurnoverCny: 8_000 },
      requestedRemedies: ['mediation'],
    };
    const r = triageOf(online);
    expect(r.recommendedRoute).toBe('mediation');
    const next = step(caseAt('mediation.mediating', { triage: kept(online, r) }), 'mediation_failed', 'mediator', { reason: '未达成协议', nextRoute: 'administrative_enforcement' });
    expect(next.snapshot.context.competentAgency).toBe('copyright_bureau');
  });

  it('a trademark case overridden into enforcement goes to market regulation', () => {
    const mark: ComplaintOverrides = { ipRights: [aRight('trademark')], requestedRemedies: ['mediation'] };
    const r = triageOf(mark);
    const next = step(caseAt('screening', { triage: kept(mark, r) }), 'accept', 'examiner', { route: 'administrative_enforcement', overrideReason: '当事人拒绝调解' });
    expect(next.snapshot.context.competentAgency).toBe('market_regulation');
  });

  it('a case triaged before the defaults were kept still goes to market regulation', () => {
    const r = triageOf(piracy);
    const { enforcementAgency: _a, fastTrackTargetDays: _d, ...old } = kept(piracy, r);
    const next = step(caseAt('police_transfer_review.awaiting_approval', { triage: old }), 'reject_transfer', 'supervisor', { reason: '复核后未达标准' });
    expect(next.snapshot.context.competentAgency).toBe('market_regulation');
  });
});

describe('the fast track reached by an override keeps T3 target days', () => {
  it('a design patent of an unregistered enterprise, accepted into the fast track, gets 10 days', () => {
    const design: ComplaintOverrides = { ipRights: [aRight('design_patent')] };
    const r = triageOf(design, { registeredEnterprises: new Set() });
    expect(r.recommendedRoute).toBe('administrative_enforcement');
    const next = step(caseAt('screening', { triage: kept(design, r), patentDispute: true }), 'accept', 'examiner', { route: 'fast_track', overrideReason: '已补充备案' });
    expect(examiningPeriod(next.effects)).toBe(10);
  });

  it('an invention patent accepted the same way gets 30 days', () => {
    const invention: ComplaintOverrides = { ipRights: [aRight('invention_patent')] };
    const r = triageOf(invention, { registeredEnterprises: new Set() });
    const next = step(caseAt('screening', { triage: kept(invention, r), patentDispute: true }), 'accept', 'examiner', { route: 'fast_track', overrideReason: '已补充备案' });
    expect(examiningPeriod(next.effects)).toBe(30);
  });
});

describe('the transfer notice names the receiving agency', () => {
  it('approve_transfer tells the police and the complainant that the police receive the case', () => {
    const next = step(caseAt('police_transfer_review.awaiting_approval'), 'approve_transfer', 'supervisor', {});
    const notices = next.effects.filter((e) => e.type === 'notify' && e.template === 'case_transferred');
    expect(notices).toEqual([
      expect.objectContaining({ to: 'agency', data: { agency: 'police' } }),
      expect.objectContaining({ to: 'complainant', data: { agency: 'police' } }),
    ]);
  });
});
