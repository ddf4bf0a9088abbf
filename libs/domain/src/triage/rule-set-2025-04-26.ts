import { INFRINGEMENT_OUTCOMES, PATENT_TYPES } from '../model';
import type { TriageRuleSet } from './triage-rule-set';

const KEY_INDUSTRIES_2024_PLAN = [
  'high_end_petrochemical',
  'new_medicine',
  'new_materials',
  'marine_equipment',
  'new_energy',
  'intelligent_manufacturing',
  'shipping_services',
  'big_health',
  'new_generation_it',
  'energy_saving',
  'digital_creative',
] as const;

/**
 * triage-rules.md as written, effective with 法释〔2025〕5号 (最高人民法院 最高人民检察院关于办理侵犯知识产权刑事案件
 * 适用法律若干问题的解释, in force 2025-04-26), which added the lower threshold for repeat offenders.
 */
export const RULE_SET_2025_04_26: TriageRuleSet = {
  version: '2025-04-26',
  effectiveFrom: '2025-04-26',
  // 连云港市: every district and county code under GB/T 2260 starts with 3207.
  jurisdictionPrefix: '3207',
  // Offline sales and fairs happen where the respondent or the act is; online and cross-border sales reach the
  // complainant's market too, so its seat also founds jurisdiction (行政处罚法 Art. 22: 违法行为发生地).
  jurisdictionPlaces: {
    offline: ['respondent', 'infringement'],
    exhibition: ['respondent', 'infringement'],
    ecommerce: ['complainant', 'respondent', 'infringement'],
    cross_border: ['complainant', 'respondent', 'infringement'],
  },
  domesticCountry: 'CN',
  // N2: three years (民法典 Art. 188; 专利法 Art. 74), counted as 1095 days as the spec states.
  limitationDays: 1095,
  // T6a: two years (行政处罚法 Art. 36).
  adminPenaltyLimitationDays: 730,
  // T1: "二年内" — two years counted like the limitation periods above (365 days a year).
  repeatWindowDays: 730,
  // repeat_infringer: "五年内" (商标法 Art. 60(2)), five years of 365 days.
  repeatInfringerWindowDays: 1825,
  infringementOutcomes: INFRINGEMENT_OUTCOMES,
  // Copyright and trade secrets are protected without a registered term; a date typed into validUntil for them
  // must not make the complaint inadmissible (N1).
  rightsWithoutTerm: ['copyright', 'trade_secret'],
  evidence: {
    ownership: ['right_certificate'],
    infringement: ['infringement_evidence', 'purchase_record', 'screenshot', 'notarial_certificate'],
    authorization: ['authorization_letter'],
  },
  criminalOffences: [
    {
      offence: 'trademark_counterfeiting',
      name: { zh: '假冒注册商标罪', en: 'trademark counterfeiting' },
      rightsName: { zh: '注册商标', en: 'registered marks' },
      legalBasis: '《刑法》第213条、第214条；法释〔2025〕5号',
      rightTypes: ['trademark'],
      conducts: ['counterfeiting'],
      thresholds: { gains: 30_000, turnover: 50_000 },
      reduced: { thresholds: { gains: 20_000, turnover: 30_000 }, whenRepeat: true, whenRightsAtLeast: 2 },
    },
    {
      offence: 'patent_passing_off',
      name: { zh: '假冒专利罪', en: 'patent passing-off' },
      rightsName: { zh: '专利', en: 'patents' },
      legalBasis: '《刑法》第216条；法释〔2025〕5号',
      rightTypes: PATENT_TYPES,
      conducts: ['passing_off'],
      thresholds: { turnover: 200_000, gains: 100_000, loss: 500_000 },
      reduced: {
        thresholds: { turnover: 100_000, gains: 50_000, loss: 500_000 },
        whenRepeat: false,
        whenRightsAtLeast: 2,
      },
    },
    {
      offence: 'copyright_infringement',
      name: { zh: '侵犯著作权罪', en: 'copyright infringement' },
      rightsName: { zh: '作品', en: 'works' },
      legalBasis: '《刑法》第217条；法释〔2025〕5号',
      rightTypes: ['copyright'],
      conducts: ['copying'],
      thresholds: { gains: 30_000 },
      reduced: null,
    },
    {
      offence: 'trade_secret_infringement',
      name: { zh: '侵犯商业秘密罪', en: 'trade secret infringement' },
      rightsName: { zh: '商业秘密', en: 'trade secrets' },
      legalBasis: '《刑法》第219条；法释〔2025〕5号',
      rightTypes: ['trade_secret'],
      // Art. 219 covers every way of obtaining, disclosing or using the secret: no conduct is singled out.
      conducts: null,
      thresholds: { loss: 300_000, gains: 300_000 },
      reduced: null,
    },
  ],
  nearFraction: 0.8,
  customs: {
    channels: ['cross_border'],
    conducts: ['import', 'export'],
    // 知识产权海关保护条例 Art. 2 protects trademarks, copyright and related rights, and patents only.
    rightTypes: ['trademark', 'copyright', ...PATENT_TYPES],
  },
  fastTrack: {
    rightTypes: PATENT_TYPES,
    industries: ['high_end_petrochemical', 'new_medicine', 'new_materials', 'marine_equipment', 'new_energy'],
    // 2016 rapid-protection targets: design patents and passing-off are decided on sight, others need comparison.
    targetDays: { default: 30, designOrPassingOff: 10 },
    designRightTypes: ['design_patent'],
    passingOffConducts: ['passing_off'],
  },
  mediation: {
    remedies: ['mediation'],
    // Counterfeiting and passing-off harm the public order, which private parties cannot settle away.
    excludedConducts: ['counterfeiting', 'passing_off'],
  },
  courtReferral: {
    damagesRemedies: ['damages', 'punitive_damages'],
    otherRemedies: ['stop_infringement', 'takedown', 'administrative_penalty', 'mediation'],
  },
  administrativeAgencies: [
    { rightTypes: ['copyright'], agency: 'copyright_bureau', legalBasis: '《著作权法》第53条' },
    { rightTypes: ['plant_variety'], agency: 'agriculture_bureau', legalBasis: '《植物新品种保护条例》第39条' },
  ],
  defaultAgency: { agency: 'market_regulation', legalBasis: '《专利法》第65条、第68条；《商标法》第60条' },
  punitiveDamagesConducts: ['counterfeiting'],
  keyIndustries: KEY_INDUSTRIES_2024_PLAN,
  publicHealthIndustries: ['new_medicine', 'big_health'],
  priority: {
    base: 40,
    cap: 100,
    weights: {
      criminal_threshold_reached: 20,
      criminal_threshold_near: 10,
      repeat_infringer: 15,
      key_industry: 10,
      public_health: 10,
      ecommerce: 5,
    },
  },
};
