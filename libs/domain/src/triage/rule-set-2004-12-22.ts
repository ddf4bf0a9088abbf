import { RULE_SET_2025_04_26 } from './rule-set-2025-04-26';
import type { CriminalOffenceId, CriminalOffenceRule, TriageRuleSet } from './triage-rule-set';

type Thresholds = Pick<CriminalOffenceRule, 'legalBasis' | 'thresholds' | 'reduced'>;

// 法释〔2004〕19号 (最高人民法院 最高人民检察院关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释, in force
// 2004-12-22). It knew no repeat-offender reduction: only two or more marks or patents lowered the bar.
const THRESHOLDS_2004: Record<CriminalOffenceId, Thresholds> = {
  trademark_counterfeiting: {
    legalBasis: '《刑法》第213条；法释〔2004〕19号 第1条',
    thresholds: { turnover: 50_000, gains: 30_000 },
    reduced: { thresholds: { turnover: 30_000, gains: 20_000 }, whenRepeat: false, whenRightsAtLeast: 2 },
  },
  patent_passing_off: {
    legalBasis: '《刑法》第216条；法释〔2004〕19号 第4条',
    thresholds: { turnover: 200_000, gains: 100_000, loss: 500_000 },
    reduced: { thresholds: { turnover: 100_000, gains: 50_000, loss: 500_000 }, whenRepeat: false, whenRightsAtLeast: 2 },
  },
  copyright_infringement: {
    legalBasis: '《刑法》第217条；法释〔2004〕19号 第5条',
    thresholds: { gains: 30_000 },
    reduced: null,
  },
  trade_secret_infringement: {
    legalBasis: '《刑法》第219条；法释〔2004〕19号 第7条',
    // 第7条 "重大损失": a loss of 500,000; gains did not count. (法释〔2020〕10号 lowered this to 300,000 from
    // 2020-09-14; that interim set is not modelled, so pre-2025 submissions use the 2004 figure.)
    thresholds: { loss: 500_000 },
    reduced: null,
  },
};

/**
 * The criminal thresholds before 法释〔2025〕5号. Everything else (lists, routes, priority) is the current policy:
 * the system holds no older routing policy, and only the thresholds decide whether a transfer to the police is due.
 */
export const RULE_SET_2004_12_22: TriageRuleSet = {
  ...RULE_SET_2025_04_26,
  version: '2004-12-22',
  effectiveFrom: '2004-12-22',
  criminalOffences: RULE_SET_2025_04_26.criminalOffences.map((rule) => ({ ...rule, ...THRESHOLDS_2004[rule.offence] })),
};
