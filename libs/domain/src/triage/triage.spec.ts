import { RULE_SET_2004_12_22 } from './rule-set-2004-12-22';
import { aComplaint, aPriorCase, aRight, aTriageInput, daysBeforeSubmission, ruleIds, triageOf } from './testing';
import { triage } from './triage';

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

describe('triage', () => {
  it('returns a complaint that both lacks evidence and is outside the jurisdiction for correction', () => {
    const result = triageOf(
      { respondent: { regionCode: '320102' }, infringement: { regionCode: '320102' } },
      { evidenceKinds: ['right_certificate'] },
    );
    expect(result.recommendedRoute).toBe('return_for_correction');
    expect(ruleIds(result)).toEqual(['C2', 'F-key_industry', 'F-public_health']);
  });

  it('does not route an inadmissible complaint even above a criminal threshold, but keeps the flag', () => {
    const result = triageOf({
      ipRights: [aRight('trademark')],
      infringement: { conducts: ['counterfeiting'], industry: 'other', estimatedTurnoverCny: 90_000, firstKnownAt: daysBeforeSubmission(1200) },
    });
    expect(result.recommendedRoute).toBe('not_accepted');
    expect(result.flags).toEqual(['punitive_damages_candidate', 'criminal_threshold_reached', 'limitation_risk']);
    expect(result.priority).toBe(60);
  });

  it('reports the rule-set version it decided by', () => {
    expect(triageOf({}).ruleSetVersion).toBe('2025-04-26');
    expect(triageOf({}, {}, RULE_SET_2004_12_22).ruleSetVersion).toBe('2004-12-22');
  });

  it('gives every reason a rule id, a legal basis and a message in Chinese and English', () => {
    const result = triage(
      aTriageInput({
        complaint: aComplaint({ complainant: { country: 'JP' }, infringement: { channel: 'ecommerce', priorWarningSent: true } }),
        respondentHistory: [aPriorCase({ terminal: true, outcome: 'infringement_established', closedAt: '2026-01-05' })],
      }),
    );
    expect(result.reasons.length).toBeGreaterThan(3);
    for (const reason of result.reasons) {
      expect(reason.ruleId).toMatch(/^(C[1-3]|N[1-4]|T[1-6]a?|F-[a-z_]+)$/);
      expect(reason.legalBasis).not.toBe('');
      expect(reason.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(reason.message.en).toMatch(/^[\x20-\x7e≥—’]+$/);
    }
  });

  it('accepts the submission instant as a Date', () => {
    expect(triage(aTriageInput({ submittedAt: new Date('2026-11-25T02:00:00Z') }))).toEqual(triage(aTriageInput()));
  });

  it('leaves its input untouched', () => {
    const input = deepFreeze(aTriageInput({ respondentHistory: [aPriorCase()] }));
    expect(() => triage(input)).not.toThrow();
  });
});
