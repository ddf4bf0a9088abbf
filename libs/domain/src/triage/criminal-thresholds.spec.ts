import type { Conduct, IpRight, TriageResult } from '../model';
import { PHARMACY_NAME, aRight, anInfringementFinding, ruleIds, triageOf } from './testing';
import type { ComplaintOverrides } from './testing';
import type { TriageInput } from './triage-input';
import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import type { AmountKind, TriageRuleSet } from './triage-rule-set';

type Amounts = Partial<Record<AmountKind, number>>;

interface OffenceScenario {
  rights: IpRight[];
  conducts: Conduct[];
  history?: TriageInput['respondentHistory'];
}

const TRADEMARK: OffenceScenario = { rights: [aRight('trademark')], conducts: ['counterfeiting', 'sale'] };
const TWO_MARKS: OffenceScenario = { ...TRADEMARK, rights: [aRight('trademark'), aRight('trademark', { number: '23456789' })] };
const REPEAT_TRADEMARK: OffenceScenario = { ...TRADEMARK, history: [anInfringementFinding(365)] };
const PATENT: OffenceScenario = { rights: [aRight('invention_patent')], conducts: ['passing_off'] };
const TWO_PATENTS: OffenceScenario = { ...PATENT, rights: [aRight('invention_patent'), aRight('utility_model')] };
const COPYRIGHT: OffenceScenario = { rights: [aRight('copyright')], conducts: ['copying'] };
const TRADE_SECRET: OffenceScenario = { rights: [aRight('trade_secret')], conducts: ['misappropriation'] };

/** A local shop in an industry without fast track, so that only T1 can make the difference. */
function complaintFor(scenario: OffenceScenario, amounts: Amounts, extra: ComplaintOverrides['infringement'] = {}): ComplaintOverrides {
  return {
    ipRights: scenario.rights,
    infringement: {
      conducts: scenario.conducts,
      industry: 'other',
      estimatedTurnoverCny: amounts.turnover ?? null,
      estimatedGainsCny: amounts.gains ?? null,
      estimatedLossCny: amounts.loss ?? null,
      ...extra,
    },
  };
}

const triageScenario = (
  scenario: OffenceScenario,
  amounts: Amounts,
  input: Partial<TriageInput> = {},
  ruleSet?: TriageRuleSet,
): TriageResult => triageOf(complaintFor(scenario, amounts), { respondentHistory: scenario.history ?? [], ...input }, ruleSet);

const criminalFlags = (result: TriageResult) =>
  result.flags.filter((f) => f === 'criminal_threshold_reached' || f === 'criminal_threshold_near');

// Every threshold of triage-rules.md section 3, T1, written out as the spec states it.
const THRESHOLDS: [string, OffenceScenario, AmountKind, number][] = [
  ['trademark counterfeiting, gains', TRADEMARK, 'gains', 30_000],
  ['trademark counterfeiting, turnover', TRADEMARK, 'turnover', 50_000],
  ['trademark counterfeiting of 2 marks, gains', TWO_MARKS, 'gains', 20_000],
  ['trademark counterfeiting of 2 marks, turnover', TWO_MARKS, 'turnover', 30_000],
  ['trademark counterfeiting by a repeat offender, gains', REPEAT_TRADEMARK, 'gains', 20_000],
  ['trademark counterfeiting by a repeat offender, turnover', REPEAT_TRADEMARK, 'turnover', 30_000],
  ['patent passing-off, turnover', PATENT, 'turnover', 200_000],
  ['patent passing-off, gains', PATENT, 'gains', 100_000],
  ['patent passing-off, loss', PATENT, 'loss', 500_000],
  ['patent passing-off of 2 patents, turnover', TWO_PATENTS, 'turnover', 100_000],
  ['patent passing-off of 2 patents, gains', TWO_PATENTS, 'gains', 50_000],
  ['patent passing-off of 2 patents, loss (unchanged)', TWO_PATENTS, 'loss', 500_000],
  ['copyright infringement, gains', COPYRIGHT, 'gains', 30_000],
  ['trade secret, loss', TRADE_SECRET, 'loss', 300_000],
  ['trade secret, gains', TRADE_SECRET, 'gains', 300_000],
];

describe('T1 — criminal thresholds (police transfer review)', () => {
  describe.each(THRESHOLDS)('%s', (_name, scenario, kind, threshold) => {
    it(`reaches the threshold at exactly ${threshold}`, () => {
      const result = triageScenario(scenario, { [kind]: threshold });
      expect(result).toMatchObject({ recommendedRoute: 'police_transfer_review', competentAgency: 'police' });
      expect(criminalFlags(result)).toEqual(['criminal_threshold_reached']);
      expect(ruleIds(result)[0]).toBe('T1');
    });

    it(`does not reach it one yuan below (${threshold - 1}), which is near`, () => {
      const result = triageScenario(scenario, { [kind]: threshold - 1 });
      expect(result.recommendedRoute).not.toBe('police_transfer_review');
      expect(criminalFlags(result)).toEqual(['criminal_threshold_near']);
    });

    it(`is near at exactly 80 % (${threshold * 0.8})`, () => {
      const result = triageScenario(scenario, { [kind]: Math.round(threshold * 0.8) });
      expect(result.recommendedRoute).not.toBe('police_transfer_review');
      expect(criminalFlags(result)).toEqual(['criminal_threshold_near']);
    });

    it(`is neither just below 80 % (${threshold * 0.8 - 1})`, () => {
      const result = triageScenario(scenario, { [kind]: Math.round(threshold * 0.8) - 1 });
      expect(result.recommendedRoute).not.toBe('police_transfer_review');
      expect(criminalFlags(result)).toEqual([]);
    });
  });

  it('takes the near fraction from the rule set, without floating-point drift (0.55 × 50,000 = 27,500)', () => {
    const cautious: TriageRuleSet = { ...RULE_SET_2025_04_26, nearFraction: 0.55 };
    expect(criminalFlags(triageScenario(TRADEMARK, { turnover: 27_500 }, {}, cautious))).toEqual(['criminal_threshold_near']);
    expect(criminalFlags(triageScenario(TRADEMARK, { turnover: 27_499 }, {}, cautious))).toEqual([]);
  });

  it('names the amount, the threshold and the legal basis in the reason', () => {
    const result = triageScenario(TRADEMARK, { turnover: 60_000 });
    const t1 = result.reasons[0];
    expect(t1?.legalBasis).toContain('《刑法》第213条');
    expect(t1?.legalBasis).toContain('法释〔2025〕5号');
    expect(t1?.legalBasis).toContain('《行政执法机关移送涉嫌犯罪案件的规定》第3条');
    expect(t1?.message.zh).toContain('非法经营数额 60,000 元，不低于标准 50,000 元');
    expect(t1?.message.en).toContain('CNY 60,000 ≥ threshold CNY 50,000');
  });

  it('does not flag near when another amount reaches a threshold', () => {
    expect(criminalFlags(triageScenario(TRADEMARK, { turnover: 60_000, gains: 25_000 }))).toEqual(['criminal_threshold_reached']);
  });

  it('gives one T1 reason per offence reached', () => {
    const both: OffenceScenario = { rights: [aRight('trademark'), aRight('trade_secret')], conducts: ['counterfeiting'] };
    const result = triageScenario(both, { turnover: 60_000, loss: 400_000 });
    expect(ruleIds(result).filter((id) => id === 'T1')).toHaveLength(2);
  });

  it('ignores amounts when the conduct does not make the offence (a trademark sold, not counterfeited)', () => {
    const result = triageScenario({ rights: [aRight('trademark')], conducts: ['sale'] }, { turnover: 900_000 });
    expect(result.recommendedRoute).toBe('administrative_enforcement');
    expect(criminalFlags(result)).toEqual([]);
  });

  it('ignores passing-off amounts without a patent, and copyright amounts without copying', () => {
    expect(triageScenario({ rights: [aRight('trademark')], conducts: ['passing_off'] }, { turnover: 900_000 }).recommendedRoute).toBe(
      'administrative_enforcement',
    );
    expect(triageScenario({ rights: [aRight('copyright')], conducts: ['sale'] }, { gains: 900_000 }).recommendedRoute).toBe(
      'administrative_enforcement',
    );
  });

  it('needs no particular conduct for a trade secret', () => {
    expect(triageScenario({ rights: [aRight('trade_secret')], conducts: ['use'] }, { loss: 300_000 }).recommendedRoute).toBe(
      'police_transfer_review',
    );
  });

  describe('repeat offenders (found infringing within 2 years)', () => {
    it('a repeat infringer above the reduced threshold goes to police review, and the reason names the earlier case', () => {
      const result = triageScenario(REPEAT_TRADEMARK, { turnover: 30_000 });
      expect(result.recommendedRoute).toBe('police_transfer_review');
      expect(result.reasons[0]?.message.zh).toContain('LYG-IP-2024-000345');
      expect(result.flags).toEqual(['repeat_infringer', 'punitive_damages_candidate', 'criminal_threshold_reached']);
    });

    it('still reduces for a finding exactly 730 days before submission, not for one 731 days before', () => {
      expect(triageScenario({ ...TRADEMARK, history: [anInfringementFinding(730)] }, { turnover: 30_000 }).recommendedRoute).toBe(
        'police_transfer_review',
      );
      expect(triageScenario({ ...TRADEMARK, history: [anInfringementFinding(731)] }, { turnover: 30_000 }).recommendedRoute).not.toBe(
        'police_transfer_review',
      );
    });

    it('a finding 3 years ago does not reduce the threshold but still marks a repeat infringer (5 years)', () => {
      const result = triageScenario({ ...TRADEMARK, history: [anInfringementFinding(1095)] }, { turnover: 30_000 });
      expect(result.recommendedRoute).toBe('administrative_enforcement');
      expect(result.flags).toEqual(['repeat_infringer', 'punitive_damages_candidate']);
    });

    it('does not reduce patent passing-off thresholds (only 2 or more patents do)', () => {
      const result = triageScenario({ ...PATENT, history: [anInfringementFinding(100)] }, { turnover: 100_000 });
      expect(result.recommendedRoute).not.toBe('police_transfer_review');
    });

    it('counts only findings of infringement, not settlements or withdrawals', () => {
      const settled = anInfringementFinding(100, { outcome: 'settled' });
      expect(triageScenario({ ...TRADEMARK, history: [settled] }, { turnover: 30_000 }).recommendedRoute).toBe('administrative_enforcement');
    });

    it('does not count a finding made after this submission', () => {
      const later = anInfringementFinding(-3);
      const result = triageScenario({ ...TRADEMARK, history: [later] }, { turnover: 30_000 });
      expect(result.recommendedRoute).toBe('administrative_enforcement');
      expect(result.flags).not.toContain('repeat_infringer');
    });

    it('a re-triage on new history counts a finding made since the submission (history read as of the re-run)', () => {
      const later = anInfringementFinding(-3);
      const rerun = triageScenario({ ...TRADEMARK, history: [later] }, { turnover: 30_000 }, { historyAsOf: '2026-11-28T16:00:00+08:00' });
      expect(rerun.recommendedRoute).toBe('police_transfer_review');
      expect(rerun.flags).toEqual(expect.arrayContaining(['criminal_threshold_reached', 'repeat_infringer', 'punitive_damages_candidate']));
      expect(ruleIds(rerun)).toContain('F-repeat_infringer');
    });

    it('a re-triage does not count a finding later than the re-run itself, and an as-of before the submission changes nothing', () => {
      const later = anInfringementFinding(-3);
      const early = triageScenario({ ...TRADEMARK, history: [later] }, { turnover: 30_000 }, { historyAsOf: '2026-11-27T23:59:00+08:00' });
      expect(early.flags).not.toContain('repeat_infringer');
      const before = anInfringementFinding(200);
      const backwards = triageScenario({ ...TRADEMARK, history: [before] }, { turnover: 30_000 }, { historyAsOf: '2020-01-01T00:00:00+08:00' });
      expect(backwards.recommendedRoute).toBe('police_transfer_review');
    });

    it('a re-triage keeps the 2-year window measured back from the submission', () => {
      const old = anInfringementFinding(731);
      const rerun = triageScenario({ ...TRADEMARK, history: [old] }, { turnover: 30_000 }, { historyAsOf: '2027-06-01T10:00:00+08:00' });
      expect(rerun.recommendedRoute).not.toBe('police_transfer_review');
      const inWindow = anInfringementFinding(730);
      expect(
        triageScenario({ ...TRADEMARK, history: [inWindow] }, { turnover: 30_000 }, { historyAsOf: '2027-06-01T10:00:00+08:00' }).recommendedRoute,
      ).toBe('police_transfer_review');
    });

    it('matches the respondent by name when the earlier case has no USCC', () => {
      const byName = anInfringementFinding(200, { respondentUscc: null, respondentName: ` ${PHARMACY_NAME}\u3000` });
      expect(triageScenario({ ...TRADEMARK, history: [byName] }, { turnover: 30_000 }).recommendedRoute).toBe('police_transfer_review');
    });

    it('does not take another respondent (another USCC) for the same one', () => {
      const other = anInfringementFinding(200, { respondentUscc: '92320706MA2B8R4N2X' });
      expect(triageScenario({ ...TRADEMARK, history: [other] }, { turnover: 30_000 }).flags).toEqual(['punitive_damages_candidate']);
    });

    it('had no repeat reduction before 2025-04-26: the 2004 set keeps 50,000 for a repeat offender', () => {
      const history = [anInfringementFinding(200, { closedAt: '2023-08-01T10:00:00+08:00' })];
      const submittedAt = '2024-03-15T09:00:00+08:00';
      const scenario = complaintFor(TRADEMARK, { turnover: 30_000 }, { firstKnownAt: '2024-02-01' });
      const in2024 = triageOf(scenario, { respondentHistory: history, submittedAt });
      expect(in2024).toMatchObject({ recommendedRoute: 'administrative_enforcement', ruleSetVersion: '2004-12-22' });
      expect(in2024.flags).toContain('repeat_infringer');
      const twoMarks = triageOf(complaintFor(TWO_MARKS, { turnover: 30_000 }, { firstKnownAt: '2024-02-01' }), { submittedAt });
      expect(twoMarks.recommendedRoute).toBe('police_transfer_review');
    });
  });
});
