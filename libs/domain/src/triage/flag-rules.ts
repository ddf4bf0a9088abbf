// Section 4: flags raised whatever the route (a complaint returned for correction or not accepted keeps them, so
// the examiner sees the whole picture). Listed in the contract's FLAGS order, which keeps the output stable.
import type { Flag, LocalizedText, TriageReason } from '../model';
import { isoDateOf } from './calendar-day';
import { describeOffence, TRANSFER_REVIEW_BASIS } from './criminal-thresholds';
import type { OffenceAssessment } from './criminal-thresholds';
import { CONDUCT_LABELS, INDUSTRY_LABELS, outcomeLabel } from './labels';
import { formatAmount, joinText, periodText, reason } from './reason-text';
import type { TriageContext } from './triage-context';

type FlagRule = readonly [Flag, (ctx: TriageContext, flag: Flag) => TriageReason | null];

const flagReason = (flag: Flag, legalBasis: string, message: LocalizedText): TriageReason =>
  reason(`F-${flag}`, legalBasis, message.zh, message.en);

const criminalBasis = (offences: readonly OffenceAssessment[]): string =>
  [TRANSFER_REVIEW_BASIS, ...offences.map((o) => o.rule.legalBasis)].join('；');

const describeAll = (
  offences: readonly OffenceAssessment[],
  which: 'reached' | 'near',
  rules: TriageContext['rules'],
): LocalizedText => {
  const described = offences.map((o) => describeOffence(o, which, rules));
  return { zh: described.map((d) => d.zh).join('；'), en: described.map((d) => d.en).join('; ') };
};

const FLAG_RULES: readonly FlagRule[] = [
  // 严保护: a respondent already found infringing is punished more heavily (商标法 Art. 60(2)) and may owe punitive
  // damages (法释〔2021〕4号 Art. 4).
  [
    'repeat_infringer',
    ({ rules, repeatInfringement }, flag) => {
      if (repeatInfringement === null) return null;
      const period = periodText(rules.source.repeatInfringerWindowDays);
      const { caseNumber, outcome } = repeatInfringement.priorCase;
      const closed = isoDateOf(repeatInfringement.closedDay);
      const result = outcomeLabel(outcome ?? '');
      return flagReason(flag, '《商标法》第60条第2款；法释〔2021〕4号 第4条', {
        zh: `被投诉人 ${period.zh}内曾被认定侵权：案件 ${caseNumber} 于 ${closed} 结案（${result.zh}）。`,
        en: `The respondent was found infringing within ${period.en}: case ${caseNumber} closed on ${closed} (${result.en}).`,
      });
    },
  ],
  // Intent is presumed for a repeat infringer, for infringement continued after a warning, and for counterfeiting
  // (法释〔2021〕4号 Art. 3; 民法典 Art. 1185).
  [
    'punitive_damages_candidate',
    ({ complaint, rules, repeatInfringement }, flag) => {
      const { infringement } = complaint;
      const causes: LocalizedText[] = [];
      if (repeatInfringement !== null) {
        const { caseNumber } = repeatInfringement.priorCase;
        causes.push({ zh: `被投诉人为重复侵权人（案件 ${caseNumber}）`, en: `the respondent is a repeat infringer (case ${caseNumber})` });
      }
      if (infringement.priorWarningSent) {
        causes.push({ zh: '收到警告后仍继续侵权', en: 'the infringement went on after a warning' });
      }
      for (const conduct of infringement.conducts) {
        if (rules.punitiveDamagesConducts.has(conduct)) causes.push(CONDUCT_LABELS[conduct]);
      }
      if (causes.length === 0) return null;
      const why = joinText(causes);
      return flagReason(flag, '《民法典》第1185条；法释〔2021〕4号 第3条、第4条', {
        zh: `可主张惩罚性赔偿（故意侵权）：${why.zh}。`,
        en: `Punitive damages may be claimed (wilful infringement): ${why.en}.`,
      });
    },
  ],
  [
    'criminal_threshold_reached',
    ({ criminal, rules }, flag) => {
      if (!criminal.reached) return null;
      const offences = criminal.offences.filter((o) => o.reached.length > 0);
      const facts = describeAll(offences, 'reached', rules);
      return flagReason(flag, criminalBasis(offences), {
        zh: `已达到刑事追诉标准：${facts.zh}。`,
        en: `Criminal prosecution threshold reached: ${facts.en}.`,
      });
    },
  ],
  [
    'criminal_threshold_near',
    ({ criminal, rules }, flag) => {
      if (!criminal.near) return null;
      const offences = criminal.offences.filter((o) => o.near.length > 0);
      const facts = describeAll(offences, 'near', rules);
      return flagReason(flag, criminalBasis(offences), {
        zh: `接近刑事追诉标准（分流不变，需关注数额变化）：${facts.zh}。`,
        en: `Close to the criminal prosecution threshold (route unchanged; watch the amounts): ${facts.en}.`,
      });
    },
  ],
  // 同保护 (plan task 12): foreign parties are offered the overseas-dispute guidance; the flag never weighs on
  // route or priority.
  [
    'foreign_related',
    ({ complaint, rules }, flag) => {
      const domestic = rules.source.domesticCountry;
      const { complainant, respondent } = complaint;
      const parties: LocalizedText[] = [];
      if (complainant.country !== domestic) parties.push({ zh: `投诉人（${complainant.country}）`, en: `complainant (${complainant.country})` });
      if (respondent.country !== domestic) parties.push({ zh: `被投诉人（${respondent.country}）`, en: `respondent (${respondent.country})` });
      if (parties.length === 0) return null;
      const who = joinText(parties);
      return flagReason(flag, '工作方案任务12（同保护；海外知识产权纠纷应对指导）', {
        zh: `涉外纠纷：${who.zh}不在中国，可提供海外纠纷应对指导；不影响分流和优先级。`,
        en: `Foreign-related: ${who.en} outside China; overseas-dispute guidance is offered. Route and priority are unaffected.`,
      });
    },
  ],
  // The plan's key industries (tasks 4, 5, 7) get the center's attention first.
  [
    'key_industry',
    ({ complaint, rules }, flag) => {
      const { industry } = complaint.infringement;
      if (!rules.keyIndustries.has(industry)) return null;
      const label = INDUSTRY_LABELS[industry];
      return flagReason(flag, '工作方案任务4、5、7（重点产业）', {
        zh: `所属产业“${label.zh}”为重点产业。`,
        en: `The industry (${label.en}) is one of the plan's key industries.`,
      });
    },
  ],
  // Online infringement is stopped fastest through the platform (电子商务法 Art. 42, notice and takedown).
  [
    'ecommerce',
    ({ complaint }, flag) =>
      complaint.infringement.channel !== 'ecommerce'
        ? null
        : flagReason(flag, '《电子商务法》第42条（通知—删除）', {
            zh: '侵权发生在电子商务平台：可通知平台删除、屏蔽或断开链接。',
            en: 'The infringement is on an e-commerce platform: the platform can be notified to take it down.',
          }),
  ],
  [
    'cross_border',
    ({ customsCondition }, flag) =>
      !customsCondition
        ? null
        : flagReason(flag, '《知识产权海关保护条例》；工作方案任务12（统筹进出口双向监管）', {
            zh: '侵权货物进出境，且权利属海关知识产权保护范围。',
            en: 'Infringing goods cross the border and the rights are protected by customs.',
          }),
  ],
  [
    'limitation_risk',
    ({ complaint, rules, daysSinceFirstKnown, adminPenaltyTimeBarred }, flag) => {
      if (!adminPenaltyTimeBarred) return null;
      const period = periodText(rules.source.adminPenaltyLimitationDays);
      const days = formatAmount(daysSinceFirstKnown);
      return flagReason(flag, '《行政处罚法》第36条', {
        zh: `首次知悉侵权之日（${complaint.infringement.firstKnownAt}）距提交日 ${days} 天，超过 ${period.zh}：行政处罚可能已过追责期限。`,
        en: `The infringement first became known ${days} days before submission, more than ${period.en}: administrative penalties may be time-barred.`,
      });
    },
  ],
  [
    'public_health',
    ({ complaint, rules }, flag) => {
      const { industry } = complaint.infringement;
      if (!rules.publicHealthIndustries.has(industry)) return null;
      const label = INDUSTRY_LABELS[industry];
      return flagReason(flag, '《药品管理法》第1条（保护和促进公众健康）', {
        zh: `所属产业“${label.zh}”关系公众健康。`,
        en: `The industry (${label.en}) bears on public health.`,
      });
    },
  ],
];

export interface FlagAssessment {
  readonly flags: Flag[];
  readonly reasons: TriageReason[];
}

export function assessFlags(ctx: TriageContext): FlagAssessment {
  const flags: Flag[] = [];
  const reasons: TriageReason[] = [];
  for (const [flag, rule] of FLAG_RULES) {
    const fired = rule(ctx, flag);
    if (fired !== null) {
      flags.push(flag);
      reasons.push(fired);
    }
  }
  return { flags, reasons };
}
