import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import { priorityOf } from './priority';
import { aRight, anInfringementFinding, triageOf } from './testing';
import type { TriageRuleSet } from './triage-rule-set';

describe('section 5 — priority', () => {
  it('starts at 40 without flags', () => {
    expect(priorityOf([], RULE_SET_2025_04_26)).toBe(40);
    expect(triageOf({ infringement: { industry: 'other' } }).priority).toBe(40);
  });

  it.each([
    ['criminal_threshold_reached', 60],
    ['criminal_threshold_near', 50],
    ['repeat_infringer', 55],
    ['key_industry', 50],
    ['public_health', 50],
    ['ecommerce', 45],
    ['foreign_related', 40],
    ['punitive_damages_candidate', 40],
    ['cross_border', 40],
    ['limitation_risk', 40],
  ] as const)('weighs %s to %i', (flag, priority) => {
    expect(priorityOf([flag], RULE_SET_2025_04_26)).toBe(priority);
  });

  it('adds up the weights of a decision: repeat (15) + reached (20) + key industry (10) + public health (10) + ecommerce (5) = 100', () => {
    const result = triageOf(
      { ipRights: [aRight('trademark')], infringement: { industry: 'new_medicine', channel: 'ecommerce', conducts: ['counterfeiting'], estimatedTurnoverCny: 60_000 } },
      { respondentHistory: [anInfringementFinding(300)] },
    );
    expect(result.flags).toEqual(expect.arrayContaining(['repeat_infringer', 'criminal_threshold_reached', 'key_industry', 'public_health', 'ecommerce']));
    expect(result.priority).toBe(100);
  });

  it('caps at 100', () => {
    const urgent: TriageRuleSet = { ...RULE_SET_2025_04_26, priority: { ...RULE_SET_2025_04_26.priority, base: 60 } };
    expect(priorityOf(['criminal_threshold_reached', 'repeat_infringer', 'key_industry'], urgent)).toBe(100);
    expect(triageOf({ infringement: { channel: 'ecommerce' } }, {}, urgent).priority).toBe(85);
  });
});
