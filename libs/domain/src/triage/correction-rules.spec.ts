import { AGENT_USCC, KANGHENG_USCC, aTriageInput, ruleIds, triageOf } from './testing';
import { triage } from './triage';

describe('section 1 — return for correction', () => {
  it('C1: a complaint without proof of ownership is returned for correction', () => {
    const result = triageOf({}, { evidenceKinds: ['infringement_evidence'] });
    expect(result).toMatchObject({ recommendedRoute: 'return_for_correction', competentAgency: null, targetDays: null });
    expect(ruleIds(result).filter((id) => !id.startsWith('F-'))).toEqual(['C1']);
    expect(result.reasons[0]?.message.zh).toContain('权属证明');
  });

  it('C2: a right certificate alone does not show any infringement', () => {
    const result = triageOf({}, { evidenceKinds: ['right_certificate', 'expert_opinion', 'other'] });
    expect(result.recommendedRoute).toBe('return_for_correction');
    expect(ruleIds(result)[0]).toBe('C2');
  });

  it.each(['infringement_evidence', 'purchase_record', 'screenshot', 'notarial_certificate'] as const)(
    'C2: a %s counts as evidence of infringement',
    (kind) => {
      expect(triageOf({}, { evidenceKinds: ['right_certificate', kind] }).recommendedRoute).toBe('fast_track');
    },
  );

  it('C3: an agent filing without a letter of authorization is returned, naming both codes', () => {
    const result = triageOf({}, { filingOrganization: { uscc: AGENT_USCC } });
    expect(result.recommendedRoute).toBe('return_for_correction');
    expect(ruleIds(result)[0]).toBe('C3');
    expect(result.reasons[0]?.message.zh).toContain(AGENT_USCC);
    expect(result.reasons[0]?.message.en).toContain(KANGHENG_USCC);
  });

  it('C3: an agent filing with a letter of authorization goes on to routing', () => {
    const result = triageOf(
      {},
      { filingOrganization: { uscc: AGENT_USCC }, evidenceKinds: ['right_certificate', 'screenshot', 'authorization_letter'] },
    );
    expect(result.recommendedRoute).toBe('fast_track');
  });

  it('C3: a complainant without a USCC needs a letter of authorization, and passes with one', () => {
    const foreign = { complainant: { uscc: null, country: 'US', name: 'Acme Pharma Inc.' } };
    const without = triageOf(foreign, { filingOrganization: { uscc: null } });
    expect(without.recommendedRoute).toBe('return_for_correction');
    expect(ruleIds(without)[0]).toBe('C3');
    expect(without.reasons[0]?.message.en).toContain('no unified social credit code');
    const withLetter = triageOf(foreign, {
      filingOrganization: { uscc: AGENT_USCC },
      evidenceKinds: ['right_certificate', 'screenshot', 'authorization_letter'],
    });
    expect(withLetter.recommendedRoute).not.toBe('return_for_correction');
  });

  it('C3: the complainant filing for itself is recognised whatever the spacing or case of its code', () => {
    expect(triageOf({}, { filingOrganization: { uscc: ` ${KANGHENG_USCC.toLowerCase()} ` } }).recommendedRoute).toBe('fast_track');
  });

  it('lists every missing item at once, in the order C1, C2, C3', () => {
    const result = triage(aTriageInput({ evidenceKinds: [], filingOrganization: { uscc: AGENT_USCC } }));
    expect(ruleIds(result).filter((id) => !id.startsWith('F-'))).toEqual(['C1', 'C2', 'C3']);
  });

  it('keeps the flags and priority of a complaint returned for correction', () => {
    const result = triageOf({}, { evidenceKinds: [] });
    expect(result.flags).toEqual(['key_industry', 'public_health']);
    expect(result.priority).toBe(60);
    expect(ruleIds(result)).toEqual(['C1', 'C2', 'F-key_industry', 'F-public_health']);
  });
});
