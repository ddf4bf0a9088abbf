import { FLAGS } from '../model';
import type { Flag, TriageResult } from '../model';
import { aRight, anInfringementFinding, daysBeforeSubmission, ruleIds, triageOf } from './testing';

const other = { industry: 'other' as const };
const flagReason = (result: TriageResult, flag: Flag) => result.reasons.find((r) => r.ruleId === `F-${flag}`);

describe('section 4 — flags', () => {
  it('repeat_infringer: the respondent was found infringing 1,825 days (5 years) ago, naming that case', () => {
    const result = triageOf({ infringement: other }, { respondentHistory: [anInfringementFinding(1825)] });
    expect(result.flags).toContain('repeat_infringer');
    expect(flagReason(result, 'repeat_infringer')?.message.zh).toContain('LYG-IP-2024-000345');
    expect(flagReason(result, 'repeat_infringer')?.legalBasis).toContain('《商标法》第60条');
  });

  it('repeat_infringer: not for a finding 1,826 days ago', () => {
    expect(triageOf({ infringement: other }, { respondentHistory: [anInfringementFinding(1826)] }).flags).toEqual([]);
  });

  it.each([
    ['a repeat infringer', {}, [anInfringementFinding(100)]],
    ['infringement continued after a warning', { priorWarningSent: true }, []],
    ['counterfeiting', { conducts: ['counterfeiting' as const], estimatedTurnoverCny: 1_000 }, []],
  ])('punitive_damages_candidate: %s', (_scenario, infringement, history) => {
    const result = triageOf({ ipRights: [aRight('trademark')], infringement: { ...other, ...infringement } }, { respondentHistory: history });
    expect(result.flags).toContain('punitive_damages_candidate');
    expect(flagReason(result, 'punitive_damages_candidate')?.legalBasis).toContain('法释〔2021〕4号');
  });

  it('punitive_damages_candidate: not for a first, unwarned sale', () => {
    expect(triageOf({ infringement: other }).flags).toEqual([]);
  });

  it.each([
    ['a US complainant', { complainant: { country: 'US' } }],
    ['a Vietnamese respondent', { respondent: { country: 'VN' } }],
  ])('foreign_related: %s', (_scenario, parties) => {
    const result = triageOf({ ...parties, infringement: other });
    expect(result.flags).toEqual(['foreign_related']);
    expect(flagReason(result, 'foreign_related')?.message.en).toContain('Route and priority are unaffected');
  });

  it.each(['intelligent_manufacturing', 'shipping_services', 'digital_creative', 'new_energy'] as const)('key_industry: %s', (industry) => {
    expect(triageOf({ ipRights: [aRight('trademark')], infringement: { industry } }).flags).toEqual(['key_industry']);
  });

  it('key_industry: not agriculture', () => {
    expect(triageOf({ infringement: { industry: 'agriculture' } }).flags).toEqual([]);
  });

  it('ecommerce: an online shop', () => {
    const result = triageOf({ infringement: { ...other, channel: 'ecommerce' } });
    expect(result.flags).toEqual(['ecommerce']);
    expect(flagReason(result, 'ecommerce')?.legalBasis).toContain('《电子商务法》');
  });

  it('cross_border: the T2 condition, whatever the route', () => {
    expect(triageOf({ infringement: { ...other, conducts: ['import'] } }, { evidenceKinds: [] }).flags).toEqual(['cross_border']);
    expect(triageOf({ ipRights: [aRight('trade_secret')], infringement: { ...other, channel: 'cross_border' } }).flags).toEqual([]);
  });

  it('limitation_risk: more than 730 days since the infringement became known', () => {
    const result = triageOf({ infringement: { firstKnownAt: daysBeforeSubmission(731) } });
    expect(result.flags).toContain('limitation_risk');
    expect(flagReason(result, 'limitation_risk')?.message.zh).toContain('731 天');
  });

  it.each(['new_medicine', 'big_health'] as const)('public_health: %s', (industry) => {
    expect(triageOf({ ipRights: [aRight('trademark')], infringement: { industry } }).flags).toEqual(['key_industry', 'public_health']);
  });

  it('lists flags in the contract order, each with its own reason after the route reasons', () => {
    const result = triageOf(
      {
        complainant: { country: 'DE' },
        ipRights: [aRight('trademark')],
        infringement: { industry: 'big_health', channel: 'ecommerce', conducts: ['counterfeiting', 'import'], estimatedTurnoverCny: 45_000, firstKnownAt: daysBeforeSubmission(800) },
      },
      { respondentHistory: [anInfringementFinding(1500)] },
    );
    const expected: Flag[] = [
      'repeat_infringer',
      'punitive_damages_candidate',
      'criminal_threshold_near',
      'foreign_related',
      'key_industry',
      'ecommerce',
      'cross_border',
      'limitation_risk',
      'public_health',
    ];
    expect(result.flags).toEqual(expected);
    expect([...result.flags].sort((a, b) => FLAGS.indexOf(a) - FLAGS.indexOf(b))).toEqual(result.flags);
    expect(ruleIds(result)).toEqual(['T2', ...expected.map((f) => `F-${f}`)]);
  });
});
