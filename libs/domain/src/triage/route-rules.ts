// Section 3: where an admissible, complete complaint goes. First match wins.
import type { CompetentAgency, ComplaintInput, IpRight } from '../model';
import type { CompiledRuleSet } from './compiled-rule-set';
import { describeOffence, TRANSFER_REVIEW_BASIS } from './criminal-thresholds';
import { AGENCY_LABELS, CHANNEL_LABELS, CONDUCT_LABELS, INDUSTRY_LABELS, RIGHT_TYPE_LABELS } from './labels';
import { firstRightOf, hasAny } from './membership';
import { canonicalUscc } from './party-key';
import { formatAmount, joinText, periodText, reason } from './reason-text';
import type { RouteDecision } from './route-decision';
import type { TriageContext } from './triage-context';

type RouteRule = (ctx: TriageContext) => RouteDecision | null;

// T1 police_transfer_review (行刑衔接): an administrative body that finds facts reaching a prosecution threshold
// must transfer the case to the police rather than only penalise it. One reason per offence reached.
const t1PoliceTransferReview: RouteRule = ({ criminal, rules }) => {
  if (!criminal.reached) return null;
  const reasons = criminal.offences
    .filter((o) => o.reached.length > 0)
    .map((o) => {
      const facts = describeOffence(o, 'reached', rules);
      return reason(
        'T1',
        `${TRANSFER_REVIEW_BASIS}；${o.rule.legalBasis}`,
        `涉嫌${facts.zh}。已达到刑事追诉标准，应审查是否移送公安机关。`,
        `Suspected ${facts.en}. The criminal prosecution threshold is reached: review for transfer to the police.`,
      );
    });
  return { route: 'police_transfer_review', competentAgency: 'police', targetDays: null, reasons };
};

// T2 customs_referral: goods crossing the border are stopped best at the border (知识产权海关保护条例).
const t2CustomsReferral: RouteRule = ({ complaint, rules, customsCondition }) => {
  if (!customsCondition) return null;
  const { channel, conducts } = complaint.infringement;
  const crossing = joinText([
    ...(rules.customsChannels.has(channel) ? [CHANNEL_LABELS[channel]] : []),
    ...conducts.filter((c) => rules.customsConducts.has(c)).map((c) => CONDUCT_LABELS[c]),
  ]);
  const protectedTypes = new Set(complaint.ipRights.map((r) => r.type).filter((t) => rules.customsRightTypes.has(t)));
  const rights = joinText([...protectedTypes].map((t) => RIGHT_TYPE_LABELS[t]));
  return {
    route: 'customs_referral',
    competentAgency: 'customs',
    targetDays: null,
    reasons: [
      reason(
        'T2',
        '《知识产权海关保护条例》第2条、第3条',
        `侵权货物进出境（${crossing.zh}），权利为${rights.zh}，属海关知识产权保护范围：建议移交海关。`,
        `Infringing goods cross the border (${crossing.en}) and the rights (${rights.en}) are protected by customs: refer to customs.`,
      ),
    ],
  };
};

/** T3's target: 10 days for a design patent or passing-off (judged on sight), 30 otherwise (2016 targets). */
export const fastTrackTarget = (complaint: ComplaintInput, rules: CompiledRuleSet): { targetDays: number; quick: boolean } => {
  const quick =
    firstRightOf(complaint.ipRights, rules.designRightTypes) !== undefined ||
    hasAny(complaint.infringement.conducts, rules.passingOffConducts);
  const { targetDays: targets } = rules.source.fastTrack;
  return { targetDays: quick ? targets.designOrPassingOff : targets.default, quick };
};

/**
 * T6's bureau for the complaint's rights: the first assignment whose right types the rights include (copyright
 * bureau, then agriculture for a plant variety), else the default (market regulation), with the right that decided.
 */
export const enforcementAgency = (
  rights: readonly IpRight[],
  rules: CompiledRuleSet,
): { agency: CompetentAgency; legalBasis: string; because: IpRight | undefined } => {
  for (const assignment of rules.administrativeAgencies) {
    const because = firstRightOf(rights, assignment.rightTypes);
    if (because !== undefined) return { agency: assignment.agency, legalBasis: assignment.legalBasis, because };
  }
  return { ...rules.source.defaultAgency, because: undefined };
};

// T3 fast_track: the protection center's rapid protection (快速维权) serves patents of registered enterprises
// (保护名录, plan task 11) in the center's industries; the 2016 targets are 10 days for design patents and
// passing-off, which can be judged on sight, and 30 days otherwise.
const t3FastTrack: RouteRule = ({ input, complaint, rules }) => {
  const { complainant, ipRights, infringement } = complaint;
  const patent = firstRightOf(ipRights, rules.fastTrackRightTypes);
  const uscc = canonicalUscc(complainant.uscc);
  if (patent === undefined || uscc === null || !rules.fastTrackIndustries.has(infringement.industry)) return null;
  if (!input.registeredEnterprises.has(uscc)) return null;
  const { targetDays, quick } = fastTrackTarget(complaint, rules);
  const patentLabel = RIGHT_TYPE_LABELS[patent.type];
  const industry = INDUSTRY_LABELS[infringement.industry];
  return {
    route: 'fast_track',
    competentAgency: 'protection_center',
    targetDays,
    reasons: [
      reason(
        'T3',
        '知识产权保护中心快速维权；《连云港市国家知识产权强市建设试点城市工作方案（2024—2026年）》任务11',
        `投诉人（${uscc}）在保护中心备案名录内，权利为${patentLabel.zh}（${patent.number ?? patent.title}），所属产业“${industry.zh}”为保护中心服务产业：快速维权，目标 ${targetDays} 日${quick ? '（外观设计专利或假冒专利）' : ''}。`,
        `The complainant (${uscc}) is on the center's registered-enterprise list, the right is a patent (${patentLabel.en} ${patent.number ?? patent.title}) and the industry (${industry.en}) is one the center serves: fast track, target ${targetDays} days${quick ? ' (design patent or passing-off)' : ''}.`,
      ),
    ],
  };
};

// T4 mediation: a private dispute the parties want to settle; counterfeiting and passing-off also harm the public
// order and are never mediated away.
const t4Mediation: RouteRule = ({ complaint, rules }) => {
  if (!hasAny(complaint.requestedRemedies, rules.mediationRemedies)) return null;
  if (hasAny(complaint.infringement.conducts, rules.mediationExcludedConducts)) return null;
  return {
    route: 'mediation',
    competentAgency: 'mediation_committee',
    targetDays: null,
    reasons: [
      reason(
        'T4',
        '《人民调解法》第2条；工作方案任务10（知识产权纠纷多元化解）',
        '投诉人请求调解，且不涉及假冒商标或假冒专利：交知识产权纠纷人民调解委员会调解。',
        "The complainant asks for mediation and no counterfeiting or passing-off is alleged: refer to the people's mediation committee for IP disputes.",
      ),
    ],
  };
};

// T5 court_referral: administrative bodies may only mediate the amount of damages; awarding them is for the court.
const t5CourtReferral: RouteRule = ({ complaint, rules }) => {
  const remedies = complaint.requestedRemedies;
  if (!hasAny(remedies, rules.damagesRemedies) || hasAny(remedies, rules.nonDamagesRemedies)) return null;
  return {
    route: 'court_referral',
    competentAgency: 'court',
    targetDays: null,
    reasons: [
      reason(
        'T5',
        '《专利法》第65条；《商标法》第60条第3款（赔偿数额争议可调解或向人民法院起诉）',
        '投诉人仅请求（惩罚性）损害赔偿，未请求停止侵权、下架、行政处罚或调解：赔偿由人民法院裁判，建议向法院起诉。',
        'Only (punitive) damages are claimed — no stop, takedown, administrative penalty or mediation: damages are for the court to award.',
      ),
    ],
  };
};

// T6 administrative_enforcement, each right with the body that enforces it; T6a: once administrative penalties
// are time-barred (行政处罚法 Art. 36), only the court can still help.
const t6AdministrativeEnforcement = ({ complaint, rules, daysSinceFirstKnown, adminPenaltyTimeBarred }: TriageContext): RouteDecision => {
  if (adminPenaltyTimeBarred) {
    const period = periodText(rules.source.adminPenaltyLimitationDays);
    const { firstKnownAt } = complaint.infringement;
    const days = formatAmount(daysSinceFirstKnown);
    return {
      route: 'court_referral',
      competentAgency: 'court',
      targetDays: null,
      reasons: [
        reason(
          'T6a',
          '《行政处罚法》第36条（违法行为二年内未被发现的，不再给予行政处罚）',
          `首次知悉侵权之日（${firstKnownAt}）距提交日 ${days} 天，超过 ${period.zh}，行政处罚已过追责期限：建议向人民法院起诉。`,
          `The infringement first became known on ${firstKnownAt}, ${days} days before submission — more than ${period.en}, so administrative penalties are time-barred: refer to the court.`,
        ),
      ],
    };
  }
  const { agency, legalBasis, because } = enforcementAgency(complaint.ipRights, rules);
  const label = AGENCY_LABELS[agency];
  return {
    route: 'administrative_enforcement',
    competentAgency: agency,
    targetDays: null,
    reasons: [
      reason(
        'T6',
        legalBasis,
        `由${label.zh}依法查处${because ? `（权利含${RIGHT_TYPE_LABELS[because.type].zh}）` : ''}。`,
        `Administrative enforcement by ${label.en}${because ? ` (the rights include: ${RIGHT_TYPE_LABELS[because.type].en})` : ''}.`,
      ),
    ],
  };
};

/** Section 3 in order; T6 (or its exception T6a) decides whatever is left. */
export const decideRoute = (ctx: TriageContext): RouteDecision =>
  t1PoliceTransferReview(ctx) ??
  t2CustomsReferral(ctx) ??
  t3FastTrack(ctx) ??
  t4Mediation(ctx) ??
  t5CourtReferral(ctx) ??
  t6AdministrativeEnforcement(ctx);
