import type { Channel, CompetentAgency, Conduct, EvidenceKind, Industry, IpRightType, Remedy } from '../model';
import { dayNumberOf } from './calendar-day';
import type { AmountKind, AmountThresholds, CriminalOffenceRule, TriageRuleSet } from './triage-rule-set';
import { AMOUNT_KINDS } from './triage-rule-set';

export interface CompiledThresholds {
  readonly thresholds: AmountThresholds;
  /** The smallest whole amount that is `nearFraction` of each threshold (amounts are whole yuan). */
  readonly near: AmountThresholds;
}

export interface CompiledOffence {
  readonly rule: CriminalOffenceRule;
  readonly rightTypes: ReadonlySet<IpRightType>;
  readonly conducts: ReadonlySet<Conduct> | null;
  readonly normal: CompiledThresholds;
  readonly reduced: CompiledThresholds | null;
}

export interface CompiledAgency {
  readonly rightTypes: ReadonlySet<IpRightType>;
  readonly agency: CompetentAgency;
  readonly legalBasis: string;
}

/** A rule set with its lists turned into sets once, so that a decision does no per-call set-up. */
export interface CompiledRuleSet {
  readonly source: TriageRuleSet;
  readonly effectiveDay: number;
  readonly infringementOutcomes: ReadonlySet<string>;
  readonly rightsWithoutTerm: ReadonlySet<IpRightType>;
  readonly ownershipEvidence: ReadonlySet<EvidenceKind>;
  readonly infringementEvidence: ReadonlySet<EvidenceKind>;
  readonly authorizationEvidence: ReadonlySet<EvidenceKind>;
  readonly offences: readonly CompiledOffence[];
  readonly customsChannels: ReadonlySet<Channel>;
  readonly customsConducts: ReadonlySet<Conduct>;
  readonly customsRightTypes: ReadonlySet<IpRightType>;
  readonly fastTrackRightTypes: ReadonlySet<IpRightType>;
  readonly fastTrackIndustries: ReadonlySet<Industry>;
  readonly designRightTypes: ReadonlySet<IpRightType>;
  readonly passingOffConducts: ReadonlySet<Conduct>;
  readonly mediationRemedies: ReadonlySet<Remedy>;
  readonly mediationExcludedConducts: ReadonlySet<Conduct>;
  readonly damagesRemedies: ReadonlySet<Remedy>;
  readonly nonDamagesRemedies: ReadonlySet<Remedy>;
  readonly administrativeAgencies: readonly CompiledAgency[];
  readonly punitiveDamagesConducts: ReadonlySet<Conduct>;
  readonly keyIndustries: ReadonlySet<Industry>;
  readonly publicHealthIndustries: ReadonlySet<Industry>;
}

function compileThresholds(thresholds: AmountThresholds, nearFraction: number): CompiledThresholds {
  const near: Partial<Record<AmountKind, number>> = {};
  for (const kind of AMOUNT_KINDS) {
    const threshold = thresholds[kind];
    // The epsilon absorbs binary rounding: 0.55 × 50,000 is 27,500.000000000004 in floating point.
    if (threshold !== undefined) near[kind] = Math.ceil(threshold * nearFraction - 1e-6);
  }
  return { thresholds, near };
}

function compileOffence(rule: CriminalOffenceRule, nearFraction: number): CompiledOffence {
  return {
    rule,
    rightTypes: new Set(rule.rightTypes),
    conducts: rule.conducts === null ? null : new Set(rule.conducts),
    normal: compileThresholds(rule.thresholds, nearFraction),
    reduced: rule.reduced === null ? null : compileThresholds(rule.reduced.thresholds, nearFraction),
  };
}

function compile(set: TriageRuleSet): CompiledRuleSet {
  return {
    source: set,
    effectiveDay: dayNumberOf(set.effectiveFrom),
    infringementOutcomes: new Set(set.infringementOutcomes),
    rightsWithoutTerm: new Set(set.rightsWithoutTerm),
    ownershipEvidence: new Set(set.evidence.ownership),
    infringementEvidence: new Set(set.evidence.infringement),
    authorizationEvidence: new Set(set.evidence.authorization),
    offences: set.criminalOffences.map((rule) => compileOffence(rule, set.nearFraction)),
    customsChannels: new Set(set.customs.channels),
    customsConducts: new Set(set.customs.conducts),
    customsRightTypes: new Set(set.customs.rightTypes),
    fastTrackRightTypes: new Set(set.fastTrack.rightTypes),
    fastTrackIndustries: new Set(set.fastTrack.industries),
    designRightTypes: new Set(set.fastTrack.designRightTypes),
    passingOffConducts: new Set(set.fastTrack.passingOffConducts),
    mediationRemedies: new Set(set.mediation.remedies),
    mediationExcludedConducts: new Set(set.mediation.excludedConducts),
    damagesRemedies: new Set(set.courtReferral.damagesRemedies),
    nonDamagesRemedies: new Set(set.courtReferral.otherRemedies),
    administrativeAgencies: set.administrativeAgencies.map((a) => ({ ...a, rightTypes: new Set(a.rightTypes) })),
    punitiveDamagesConducts: new Set(set.punitiveDamagesConducts),
    keyIndustries: new Set(set.keyIndustries),
    publicHealthIndustries: new Set(set.publicHealthIndustries),
  };
}

// Keyed by the rule-set object: a set edited into a new object compiles afresh, and dropped sets are collected.
const cache = new WeakMap<TriageRuleSet, CompiledRuleSet>();

export function compileRuleSet(set: TriageRuleSet): CompiledRuleSet {
  let compiled = cache.get(set);
  if (compiled === undefined) {
    compiled = compile(set);
    cache.set(set, compiled);
  }
  return compiled;
}
