import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import { KANGHENG_USCC, aRight, daysBeforeSubmission, ruleIds, triageOf } from './testing';
import type { TriageRuleSet } from './triage-rule-set';

const other = { industry: 'other' as const };

describe('section 3 — routes', () => {
  describe('T2 customs referral', () => {
    it('refers exports of goods bearing a registered mark to customs', () => {
      const result = triageOf({ ipRights: [aRight('trademark')], infringement: { ...other, conducts: ['export'] } });
      expect(result).toMatchObject({ recommendedRoute: 'customs_referral', competentAgency: 'customs', targetDays: null });
      expect(ruleIds(result)[0]).toBe('T2');
      expect(result.reasons[0]?.message.zh).toContain('出口');
    });

    it('refers a cross-border sale of a patented product, even by a registered company in a fast-track industry', () => {
      const result = triageOf({ infringement: { channel: 'cross_border' } });
      expect(result.recommendedRoute).toBe('customs_referral');
    });

    it('refers imports of pirated copies', () => {
      expect(triageOf({ ipRights: [aRight('copyright')], infringement: { ...other, conducts: ['import'] } }).recommendedRoute).toBe(
        'customs_referral',
      );
    });

    it('does not refer rights customs do not protect (a trade secret leaving the country)', () => {
      const result = triageOf({ ipRights: [aRight('trade_secret')], infringement: { ...other, channel: 'cross_border', estimatedTurnoverCny: null } });
      expect(result).toMatchObject({ recommendedRoute: 'administrative_enforcement', competentAgency: 'market_regulation' });
    });

    it('yields to T1: counterfeit exports above the threshold go to the police first', () => {
      const result = triageOf({ ipRights: [aRight('trademark')], infringement: { ...other, conducts: ['counterfeiting', 'export'], estimatedTurnoverCny: 60_000 } });
      expect(result.recommendedRoute).toBe('police_transfer_review');
      expect(result.flags).toContain('cross_border');
    });
  });

  describe('T3 fast track', () => {
    it('fast-tracks a registered company’s invention patent in a center industry with a 30-day target', () => {
      const result = triageOf({});
      expect(result).toMatchObject({ recommendedRoute: 'fast_track', competentAgency: 'protection_center', targetDays: 30 });
      expect(ruleIds(result)[0]).toBe('T3');
    });

    it('sets a 10-day target for a design patent', () => {
      expect(triageOf({ ipRights: [aRight('design_patent')] }).targetDays).toBe(10);
    });

    it('sets a 10-day target for passing-off below the criminal threshold', () => {
      const result = triageOf({ infringement: { conducts: ['passing_off'], estimatedTurnoverCny: 10_000 } });
      expect(result).toMatchObject({ recommendedRoute: 'fast_track', targetDays: 10 });
    });

    it('does not fast-track a company that is not on the registered list', () => {
      const result = triageOf({}, { registeredEnterprises: new Set<string>() });
      expect(result).toMatchObject({ recommendedRoute: 'administrative_enforcement', targetDays: null });
    });

    it('does not fast-track an industry the center does not serve, even a key one', () => {
      expect(triageOf({ infringement: { industry: 'big_health' } }).recommendedRoute).toBe('administrative_enforcement');
    });

    it('does not fast-track a trademark', () => {
      expect(triageOf({ ipRights: [aRight('trademark')] }).recommendedRoute).toBe('administrative_enforcement');
    });

    it('reads only membership of the registered list, not the list’s own industries', () => {
      const list = new Map([[KANGHENG_USCC, { industries: ['other'] }]]);
      expect(triageOf({}, { registeredEnterprises: list }).recommendedRoute).toBe('fast_track');
    });

    it('takes the center’s industries from the rule set', () => {
      const agricultural: TriageRuleSet = {
        ...RULE_SET_2025_04_26,
        fastTrack: { ...RULE_SET_2025_04_26.fastTrack, industries: ['agriculture'] },
      };
      expect(triageOf({ infringement: { industry: 'agriculture' } }, {}, agricultural).recommendedRoute).toBe('fast_track');
      expect(triageOf({}, {}, agricultural).recommendedRoute).toBe('administrative_enforcement');
    });
  });

  describe('T4 mediation', () => {
    it('sends a copyright dispute whose complainant asks for mediation to the mediation committee', () => {
      const result = triageOf({ ipRights: [aRight('copyright')], infringement: other, requestedRemedies: ['mediation'] });
      expect(result).toMatchObject({ recommendedRoute: 'mediation', competentAgency: 'mediation_committee', targetDays: null });
    });

    it.each(['counterfeiting', 'passing_off'] as const)('never mediates away %s', (conduct) => {
      const result = triageOf({
        ipRights: [aRight('trademark'), aRight('utility_model')],
        infringement: { ...other, conducts: [conduct], estimatedTurnoverCny: 1_000 },
        requestedRemedies: ['mediation'],
      });
      expect(result.recommendedRoute).toBe('administrative_enforcement');
    });

    it('is chosen over the court when mediation and damages are both asked for', () => {
      expect(triageOf({ infringement: other, requestedRemedies: ['mediation', 'damages'] }).recommendedRoute).toBe('mediation');
    });
  });

  describe('T5 court referral', () => {
    it.each([[['damages']], [['punitive_damages']], [['damages', 'punitive_damages', 'criminal_investigation']]] as const)(
      'refers a claim for %j alone to the court',
      (remedies) => {
        const result = triageOf({ infringement: other, requestedRemedies: [...remedies] });
        expect(result).toMatchObject({ recommendedRoute: 'court_referral', competentAgency: 'court' });
        expect(ruleIds(result)[0]).toBe('T5');
      },
    );

    it.each(['stop_infringement', 'takedown', 'administrative_penalty'] as const)('keeps damages with %s for the administration', (remedy) => {
      expect(triageOf({ infringement: other, requestedRemedies: ['damages', remedy] }).recommendedRoute).toBe('administrative_enforcement');
    });
  });

  describe('T6 administrative enforcement', () => {
    it('goes to market regulation for patents and trademarks', () => {
      const result = triageOf({ ipRights: [aRight('trademark')], infringement: other });
      expect(result).toMatchObject({ recommendedRoute: 'administrative_enforcement', competentAgency: 'market_regulation', targetDays: null });
      expect(ruleIds(result)).toEqual(['T6']);
    });

    it('goes to the copyright bureau when a copyright is involved, even alongside a plant variety', () => {
      const result = triageOf({ ipRights: [aRight('plant_variety'), aRight('copyright')], infringement: other });
      expect(result.competentAgency).toBe('copyright_bureau');
      expect(result.reasons[0]?.legalBasis).toContain('《著作权法》');
    });

    it('goes to the agriculture bureau for a plant variety', () => {
      const result = triageOf({ ipRights: [aRight('plant_variety')], infringement: { industry: 'agriculture' } });
      expect(result).toMatchObject({ recommendedRoute: 'administrative_enforcement', competentAgency: 'agriculture_bureau' });
    });
  });

  describe('T6a administrative penalties time-barred', () => {
    it('refers to the court when the infringement was known more than 730 days before submission', () => {
      const result = triageOf({ ipRights: [aRight('trademark')], infringement: { ...other, firstKnownAt: daysBeforeSubmission(731) } });
      expect(result).toMatchObject({ recommendedRoute: 'court_referral', competentAgency: 'court', flags: ['limitation_risk'] });
      expect(ruleIds(result)).toEqual(['T6a', 'F-limitation_risk']);
    });

    it('still enforces administratively at exactly 730 days', () => {
      const result = triageOf({ ipRights: [aRight('trademark')], infringement: { ...other, firstKnownAt: daysBeforeSubmission(730) } });
      expect(result).toMatchObject({ recommendedRoute: 'administrative_enforcement', flags: [] });
    });

    it('only replaces T6: a mediation request keeps its route and carries the flag', () => {
      const result = triageOf({ infringement: { ...other, firstKnownAt: daysBeforeSubmission(800) }, requestedRemedies: ['mediation'] });
      expect(result).toMatchObject({ recommendedRoute: 'mediation', flags: ['limitation_risk'] });
    });
  });
});
