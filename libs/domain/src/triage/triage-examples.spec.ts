import { aRight, triageOf } from './testing';

// triage-rules.md section 6, row by row.
describe('the examples of triage-rules.md', () => {
  it('registered new-medicine company, invention patent, local pharmacy sells copies → fast track, 30 days', () => {
    const result = triageOf({});
    expect(result).toMatchObject({ recommendedRoute: 'fast_track', targetDays: 30, flags: ['key_industry', 'public_health'] });
  });

  const counterfeitingShop = (turnover: number) =>
    triageOf({
      respondent: { name: '连云区港城日化店', uscc: null },
      ipRights: [aRight('trademark')],
      infringement: { conducts: ['counterfeiting', 'sale'], industry: 'other', estimatedTurnoverCny: turnover },
    });

  it('trademark counterfeiting, turnover 60,000, local shop → police transfer review', () => {
    expect(counterfeitingShop(60_000)).toMatchObject({
      recommendedRoute: 'police_transfer_review',
      competentAgency: 'police',
      flags: ['punitive_damages_candidate', 'criminal_threshold_reached'],
    });
  });

  it('same with turnover 42,000 → administrative enforcement by market regulation, near the threshold', () => {
    expect(counterfeitingShop(42_000)).toMatchObject({
      recommendedRoute: 'administrative_enforcement',
      competentAgency: 'market_regulation',
      flags: ['punitive_damages_candidate', 'criminal_threshold_near'],
    });
  });

  it('copyright, online shop, wants mediation, no counterfeiting → mediation', () => {
    const result = triageOf({
      ipRights: [aRight('copyright')],
      infringement: { conducts: ['online_listing', 'copying'], channel: 'ecommerce', industry: 'other', estimatedTurnoverCny: 8_000 },
      requestedRemedies: ['mediation'],
    });
    expect(result).toMatchObject({ recommendedRoute: 'mediation', competentAgency: 'mediation_committee', flags: ['ecommerce'] });
  });

  it('exports of goods bearing a registered mark → customs referral', () => {
    const result = triageOf({
      ipRights: [aRight('trademark')],
      infringement: { conducts: ['export'], channel: 'cross_border', industry: 'other' },
      requestedRemedies: ['customs_detention', 'stop_infringement'],
    });
    expect(result).toMatchObject({ recommendedRoute: 'customs_referral', competentAgency: 'customs', flags: ['cross_border'] });
  });

  it('damages only, trade secret, loss 50,000 → court referral', () => {
    const result = triageOf({
      ipRights: [aRight('trade_secret')],
      infringement: { conducts: ['misappropriation'], industry: 'other', estimatedTurnoverCny: null, estimatedLossCny: 50_000 },
      requestedRemedies: ['damages'],
    });
    expect(result).toMatchObject({ recommendedRoute: 'court_referral', competentAgency: 'court', flags: [] });
  });

  it('shop in Nanjing (3201xx), offline → not accepted (N3)', () => {
    const result = triageOf({
      respondent: { name: '南京市玄武区某商店', regionCode: '320102' },
      infringement: { channel: 'offline', regionCode: '320102', industry: 'other' },
    });
    expect(result).toMatchObject({ recommendedRoute: 'not_accepted', competentAgency: null, flags: [] });
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['N3']);
  });
});
