import { enforcementBureauOf } from './route-entry';

describe('the bureau a case belongs to', () => {
  it('on enforcement, the competent agency; on a police transfer, the bureau triage named for enforcement', () => {
    expect(enforcementBureauOf({ route: 'administrative_enforcement', competentAgency: 'copyright_bureau', triage: { enforcementAgency: 'market_regulation' } })).toBe(
      'copyright_bureau',
    );
    expect(enforcementBureauOf({ route: 'police_transfer_review', competentAgency: 'police', triage: { competentAgency: 'police', enforcementAgency: 'agriculture_bureau' } })).toBe(
      'agriculture_bureau',
    );
    // Triaged before the bureau was kept: triage's own recommendation, when it was a bureau.
    expect(enforcementBureauOf({ route: 'police_transfer_review', competentAgency: 'police', triage: { competentAgency: 'copyright_bureau' } })).toBe('copyright_bureau');
    expect(enforcementBureauOf({ route: 'police_transfer_review', competentAgency: 'police', triage: { competentAgency: 'police' } })).toBeNull();
  });

  it('no bureau off the bureaus\' routes, whatever triage would have chosen', () => {
    for (const route of ['fast_track', 'mediation', 'customs_referral', 'court_referral', null] as const) {
      expect(enforcementBureauOf({ route, competentAgency: null, triage: { enforcementAgency: 'market_regulation' } })).toBeNull();
    }
  });
});
