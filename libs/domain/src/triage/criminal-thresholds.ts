// T1 (行刑衔接): whether the amounts complained of reach, or come near, a criminal prosecution threshold. One
// assessment serves the route (T1) and the flags criminal_threshold_reached / criminal_threshold_near.
import type { ComplaintInput, Infringement, LocalizedText } from '../model';
import { isoDateOf } from './calendar-day';
import type { CompiledOffence, CompiledRuleSet } from './compiled-rule-set';
import { AMOUNT_LABELS } from './labels';
import { countRightsOf, hasAny } from './membership';
import type { InfringementRecord } from './prior-cases';
import { cnyEn, cnyZh, periodText } from './reason-text';
import { AMOUNT_KINDS } from './triage-rule-set';
import type { AmountKind, CriminalOffenceRule } from './triage-rule-set';

export type ReductionCause =
  | { readonly kind: 'repeat'; readonly record: InfringementRecord }
  | { readonly kind: 'multiple_rights'; readonly count: number };

export interface AmountComparison {
  readonly kind: AmountKind;
  readonly amount: number;
  readonly threshold: number;
}

export interface OffenceAssessment {
  readonly rule: CriminalOffenceRule;
  /** Why the reduced thresholds apply; empty when the normal ones do. */
  readonly reducedBy: readonly ReductionCause[];
  readonly reached: readonly AmountComparison[];
  /** Amounts at or above `nearFraction` of their threshold but below it. */
  readonly near: readonly AmountComparison[];
}

export interface CriminalAssessment {
  /** Offences whose rights and conducts the complaint shows, whatever the amounts. */
  readonly offences: readonly OffenceAssessment[];
  readonly reached: boolean;
  /** No threshold of any offence is reached, but an amount comes near one (a flag only; the route stays). */
  readonly near: boolean;
}

/** 行刑衔接: an administrative body must transfer facts that reach a prosecution threshold to the police. */
export const TRANSFER_REVIEW_BASIS = '《行政执法机关移送涉嫌犯罪案件的规定》第3条';

const NO_OFFENCE: CriminalAssessment = { offences: [], reached: false, near: false };

function amountOf(infringement: Infringement, kind: AmountKind): number | null {
  switch (kind) {
    case 'turnover':
      return infringement.estimatedTurnoverCny;
    case 'gains':
      return infringement.estimatedGainsCny;
    case 'loss':
      return infringement.estimatedLossCny;
  }
}

function reductionCauses(rule: CriminalOffenceRule, rightCount: number, repeat: InfringementRecord | null): ReductionCause[] {
  const reduced = rule.reduced;
  if (reduced === null) return [];
  const causes: ReductionCause[] = [];
  if (reduced.whenRepeat && repeat !== null) causes.push({ kind: 'repeat', record: repeat });
  if (reduced.whenRightsAtLeast !== null && rightCount >= reduced.whenRightsAtLeast) {
    causes.push({ kind: 'multiple_rights', count: rightCount });
  }
  return causes;
}

function assessOffence(
  offence: CompiledOffence,
  infringement: Infringement,
  rightCount: number,
  repeat: InfringementRecord | null,
): OffenceAssessment {
  const reducedBy = reductionCauses(offence.rule, rightCount, repeat);
  const applicable = reducedBy.length > 0 && offence.reduced !== null ? offence.reduced : offence.normal;
  const reached: AmountComparison[] = [];
  const near: AmountComparison[] = [];
  for (const kind of AMOUNT_KINDS) {
    const threshold = applicable.thresholds[kind];
    const nearFrom = applicable.near[kind];
    const amount = amountOf(infringement, kind);
    if (threshold === undefined || nearFrom === undefined || amount === null) continue;
    if (amount >= threshold) reached.push({ kind, amount, threshold });
    else if (amount >= nearFrom) near.push({ kind, amount, threshold });
  }
  return { rule: offence.rule, reducedBy, reached, near };
}

export function assessCriminalThresholds(
  complaint: ComplaintInput,
  rules: CompiledRuleSet,
  lastInfringement: InfringementRecord | null,
): CriminalAssessment {
  // "Repeat": found infringing within the window (法释〔2025〕5号: 二年内受过刑事处罚或者行政处罚后再次实施).
  const repeat =
    lastInfringement !== null && lastInfringement.daysBeforeSubmission <= rules.source.repeatWindowDays
      ? lastInfringement
      : null;
  let offences: OffenceAssessment[] | null = null;
  for (const offence of rules.offences) {
    const rightCount = countRightsOf(complaint.ipRights, offence.rightTypes);
    if (rightCount === 0) continue;
    if (offence.conducts !== null && !hasAny(complaint.infringement.conducts, offence.conducts)) continue;
    (offences ??= []).push(assessOffence(offence, complaint.infringement, rightCount, repeat));
  }
  if (offences === null) return NO_OFFENCE;
  const reached = offences.some((o) => o.reached.length > 0);
  return { offences, reached, near: !reached && offences.some((o) => o.near.length > 0) };
}

function reductionText(cause: ReductionCause, rule: CriminalOffenceRule, repeatWindowDays: number): LocalizedText {
  if (cause.kind === 'multiple_rights') {
    return { zh: `涉及${rule.rightsName.zh} ${cause.count} 项`, en: `${cause.count} ${rule.rightsName.en} are involved` };
  }
  const window = periodText(repeatWindowDays);
  const { caseNumber } = cause.record.priorCase;
  const closed = isoDateOf(cause.record.closedDay);
  return {
    zh: `被投诉人 ${window.zh}内曾被认定侵权（案件 ${caseNumber} 于 ${closed} 结案）`,
    en: `the respondent was found infringing within ${window.en}, in case ${caseNumber} closed on ${closed}`,
  };
}

/**
 * "假冒注册商标罪，非法经营数额 60,000 元，不低于标准 50,000 元" — which amounts reached (or came near) which
 * threshold of an offence, and why a reduced threshold applied.
 */
export function describeOffence(
  assessment: OffenceAssessment,
  which: 'reached' | 'near',
  rules: CompiledRuleSet,
): LocalizedText {
  const { rule } = assessment;
  const percent = `${Math.round(rules.source.nearFraction * 100)}%`;
  const amounts = assessment[which].map(({ kind, amount, threshold }) => {
    const label = AMOUNT_LABELS[kind];
    return which === 'reached'
      ? { zh: `${label.zh} ${cnyZh(amount)}，不低于标准 ${cnyZh(threshold)}`, en: `${label.en} ${cnyEn(amount)} ≥ threshold ${cnyEn(threshold)}` }
      : {
          zh: `${label.zh} ${cnyZh(amount)}，已达标准 ${cnyZh(threshold)} 的 ${percent}`,
          en: `${label.en} ${cnyEn(amount)} is at least ${percent} of the threshold ${cnyEn(threshold)}`,
        };
  });
  const zh = `${rule.name.zh}，${amounts.map((a) => a.zh).join('，')}`;
  const en = `${rule.name.en} — ${amounts.map((a) => a.en).join(', ')}`;
  if (assessment.reducedBy.length === 0) return { zh, en };
  const causes = assessment.reducedBy.map((cause) => reductionText(cause, rule, rules.source.repeatWindowDays));
  return {
    zh: `${zh}；适用降低后的标准，因${causes.map((c) => c.zh).join('、')}`,
    en: `${en}; the reduced threshold applies because ${causes.map((c) => c.en).join(' and ')}`,
  };
}
