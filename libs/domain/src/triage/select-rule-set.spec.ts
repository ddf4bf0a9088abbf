import { RULE_SET_2004_12_22 } from './rule-set-2004-12-22';
import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import { RULE_SETS } from './rule-sets';
import { selectRuleSet } from './select-rule-set';
import { aRight, ruleIds, triageOf } from './testing';
import type { TriageRuleSet } from './triage-rule-set';

describe('rule-set selection by the submission date', () => {
  it('uses the 2025 thresholds from 2025-04-26 00:00 Shanghai time, which is still the 25th in UTC', () => {
    expect(selectRuleSet('2025-04-26T00:00:00+08:00')).toBe(RULE_SET_2025_04_26);
    expect(selectRuleSet('2025-04-25T16:00:00Z')).toBe(RULE_SET_2025_04_26);
    expect(selectRuleSet(new Date('2026-11-25T02:00:00Z'))).toBe(RULE_SET_2025_04_26);
  });

  it('uses the 2004 thresholds for a submission the minute before', () => {
    expect(selectRuleSet('2025-04-25T23:59:00+08:00')).toBe(RULE_SET_2004_12_22);
    expect(selectRuleSet('2024-03-15T09:00:00+08:00')).toBe(RULE_SET_2004_12_22);
  });

  it('refuses a submission before any rule set was in force', () => {
    expect(() => selectRuleSet('2004-12-21T12:00:00+08:00')).toThrow(RangeError);
  });

  it('picks up a later rule set added as data, whatever the order of the list', () => {
    const future: TriageRuleSet = { ...RULE_SET_2025_04_26, version: '2027-01-01', effectiveFrom: '2027-01-01' };
    const sets = [future, ...RULE_SETS].reverse();
    expect(selectRuleSet('2026-12-31T23:59:00+08:00', sets)).toBe(RULE_SET_2025_04_26);
    expect(selectRuleSet('2027-01-01T00:00:00+08:00', sets)).toBe(future);
  });

  it('judges a 2024 trade-secret loss of 300,000 by the 2004 threshold (500,000) and a 2026 one by the 2025 threshold', () => {
    const tradeSecretLoss = {
      ipRights: [aRight('trade_secret')],
      infringement: { conducts: ['misappropriation' as const], industry: 'other' as const, estimatedTurnoverCny: null, estimatedLossCny: 300_000, firstKnownAt: '2024-01-10' },
    };
    const in2026 = triageOf(tradeSecretLoss);
    const in2024 = triageOf(tradeSecretLoss, { submittedAt: '2024-03-15T09:00:00+08:00' });
    expect(in2026).toMatchObject({ recommendedRoute: 'police_transfer_review', ruleSetVersion: '2025-04-26' });
    expect(in2026.flags).toContain('criminal_threshold_reached');
    expect(in2024).toMatchObject({ recommendedRoute: 'administrative_enforcement', ruleSetVersion: '2004-12-22', flags: [] });
    expect(ruleIds(in2024)).toEqual(['T6']);
  });
});
