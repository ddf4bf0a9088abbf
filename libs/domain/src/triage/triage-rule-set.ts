import type {
  Channel,
  CompetentAgency,
  Conduct,
  EvidenceKind,
  Flag,
  Industry,
  IpRightType,
  LocalizedText,
  Remedy,
} from '../model';

/** The amounts criminal thresholds are stated in: 非法经营数额 (turnover), 违法所得数额 (gains), 损失数额 (loss). */
export type AmountKind = 'turnover' | 'gains' | 'loss';
export const AMOUNT_KINDS: readonly AmountKind[] = ['turnover', 'gains', 'loss'];

/** A threshold per amount in CNY; an amount without one does not count towards that offence. */
export type AmountThresholds = Readonly<Partial<Record<AmountKind, number>>>;

export const CRIMINAL_OFFENCE_IDS = [
  'trademark_counterfeiting',
  'patent_passing_off',
  'copyright_infringement',
  'trade_secret_infringement',
] as const;
export type CriminalOffenceId = (typeof CRIMINAL_OFFENCE_IDS)[number];

export interface ReducedThresholds {
  readonly thresholds: AmountThresholds;
  /** Applies when the respondent was found infringing within `repeatWindowDays` (2025: 二年内受过行政处罚后再次实施). */
  readonly whenRepeat: boolean;
  /** Applies with at least this many rights of the offence's types (两种以上注册商标, 两项以上专利); null: never. */
  readonly whenRightsAtLeast: number | null;
}

/** One row of the T1 table: which complaints may amount to the offence, and its thresholds. */
export interface CriminalOffenceRule {
  readonly offence: CriminalOffenceId;
  readonly name: LocalizedText;
  /** The rights as counted for `whenRightsAtLeast` ("2 registered marks"). */
  readonly rightsName: LocalizedText;
  readonly legalBasis: string;
  /** The complaint must include a right of one of these types. */
  readonly rightTypes: readonly IpRightType[];
  /** The complaint must include one of these conducts; null when any conduct will do. */
  readonly conducts: readonly Conduct[] | null;
  readonly thresholds: AmountThresholds;
  readonly reduced: ReducedThresholds | null;
}

/** Places whose region code can found the center's jurisdiction (N3). */
export const JURISDICTION_PLACES = ['complainant', 'respondent', 'infringement'] as const;
export type JurisdictionPlace = (typeof JURISDICTION_PLACES)[number];

/** T6: the administrative body for the first entry whose right types the complaint includes. */
export interface AgencyAssignment {
  readonly rightTypes: readonly IpRightType[];
  readonly agency: CompetentAgency;
  readonly legalBasis: string;
}

/**
 * Flags that may weigh on priority. `foreign_related` is left out by type: 同保护 (equal protection, plan task 12)
 * forbids the complainant's nationality from entering priority, whatever a future rule set says.
 */
export type PriorityFlag = Exclude<Flag, 'foreign_related'>;

/**
 * A versioned rule set (triage-rules.md): every threshold, list and prefix the rules read. A new set with a later
 * `effectiveFrom` is added as data; the rules themselves do not change.
 */
export interface TriageRuleSet {
  readonly version: string;
  /** YYYY-MM-DD, compared with the submission's Asia/Shanghai date. */
  readonly effectiveFrom: string;
  /** N3: GB/T 2260 code prefix of the center's territory. */
  readonly jurisdictionPrefix: string;
  /** N3: per channel, the places of which at least one must lie in the territory. */
  readonly jurisdictionPlaces: Readonly<Record<Channel, readonly JurisdictionPlace[]>>;
  /** flag foreign_related: parties from any other country are foreign. */
  readonly domesticCountry: string;
  /** N2: the complaint is time-barred when `firstKnownAt` is more than this many days before submission. */
  readonly limitationDays: number;
  /** T6a / flag limitation_risk: administrative penalties are time-barred after this many days. */
  readonly adminPenaltyLimitationDays: number;
  /** T1 "repeat": an infringement case closed at most this many days before submission lowers thresholds. */
  readonly repeatWindowDays: number;
  /** flag repeat_infringer: an infringement case closed at most this many days before submission. */
  readonly repeatInfringerWindowDays: number;
  /** Outcomes of an earlier case that count as the respondent having infringed. */
  readonly infringementOutcomes: readonly string[];
  /** N1: rights that have no term of protection, whatever `validUntil` says. */
  readonly rightsWithoutTerm: readonly IpRightType[];
  readonly evidence: {
    /** C1 */
    readonly ownership: readonly EvidenceKind[];
    /** C2 */
    readonly infringement: readonly EvidenceKind[];
    /** C3 */
    readonly authorization: readonly EvidenceKind[];
  };
  /** T1 */
  readonly criminalOffences: readonly CriminalOffenceRule[];
  /** flag criminal_threshold_near: an amount at or above this fraction of its threshold. */
  readonly nearFraction: number;
  /** T2 and flag cross_border: (a channel or a conduct) and a right type of these. */
  readonly customs: {
    readonly channels: readonly Channel[];
    readonly conducts: readonly Conduct[];
    readonly rightTypes: readonly IpRightType[];
  };
  /** T3 */
  readonly fastTrack: {
    readonly rightTypes: readonly IpRightType[];
    readonly industries: readonly Industry[];
    readonly targetDays: { readonly default: number; readonly designOrPassingOff: number };
    readonly designRightTypes: readonly IpRightType[];
    readonly passingOffConducts: readonly Conduct[];
  };
  /** T4 */
  readonly mediation: { readonly remedies: readonly Remedy[]; readonly excludedConducts: readonly Conduct[] };
  /** T5: one of `damagesRemedies` and none of `otherRemedies`. */
  readonly courtReferral: { readonly damagesRemedies: readonly Remedy[]; readonly otherRemedies: readonly Remedy[] };
  /** T6: first match wins, else `defaultAgency`. */
  readonly administrativeAgencies: readonly AgencyAssignment[];
  readonly defaultAgency: { readonly agency: CompetentAgency; readonly legalBasis: string };
  /** flag punitive_damages_candidate: conducts that show intent by themselves. */
  readonly punitiveDamagesConducts: readonly Conduct[];
  /** flag key_industry */
  readonly keyIndustries: readonly Industry[];
  /** flag public_health */
  readonly publicHealthIndustries: readonly Industry[];
  /** Section 5: min(cap, base + the weights of the flags raised). */
  readonly priority: {
    readonly base: number;
    readonly cap: number;
    readonly weights: Readonly<Partial<Record<PriorityFlag, number>>>;
  };
}
