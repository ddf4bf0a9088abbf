// The four-principle report (GET /metrics/principles) as the API gives it and the dashboard reads it: one definition
// for both (apps/api/src/metrics/principles.service.ts computes it; docs/audit.md says what each figure means).
export interface HandlingFigures {
  count: number;
  medianWorkingDays: number | null;
  meanWorkingDays: number | null;
  p90WorkingDays: number | null;
}

export interface GroupFigures {
  cases: number;
  closed: number;
  closingRate: number | null;
  accepted: number;
  notAccepted: number;
  acceptanceRate: number | null;
  decided: number;
  favourable: number;
  favourableRate: number | null;
  meanPriority: number | null;
  handling: HandlingFigures;
}

export interface RatioFigure {
  dimension: 'nationality' | 'size';
  metric: EqualMetric;
  /** nationality: foreign ÷ domestic; size: the highest group ÷ the lowest (of the groups large enough). */
  ratio: number | null;
  between: [string, string] | null;
  /** How many cases each side's figure rests on (the denominator of a rate, the closed cases of a mean time). */
  n: [number, number] | null;
  /** A side rests on fewer than EQUAL_MIN_GROUP cases: shown, never alerting. */
  insufficient: boolean;
  /** Rates only: two-sided p-value of the two-proportion z-test; null for means. */
  pValue: number | null;
  alert: boolean;
}

export const EQUAL_METRICS = ['meanHandlingWorkingDays', 'closingRate', 'acceptanceRate', 'favourableRate', 'meanPriority'] as const;
export type EqualMetric = (typeof EQUAL_METRICS)[number];

export interface StageFigures {
  stage: string;
  deadlines: { met: number; breached: number; running: number; shareMet: number | null };
  timeInStage: { completed: number; medianWorkingDays: number | null; p90WorkingDays: number | null };
  openBreachesNow: number;
}

export interface TransferFigures {
  agency: 'police' | 'customs' | 'court';
  transfers: number;
  acknowledged: number;
  acknowledgedOnTime: number;
  onTimeShare: number | null;
  unacknowledgedPastDeadline: number;
  medianAckHours: number | null;
  p90AckHours: number | null;
}

export interface PrinciplesReport {
  period: { from: string; to: string; timeZone: 'Asia/Shanghai'; basis: string };
  generatedAt: string;
  cases: { submitted: number; closed: number };
  strict: {
    repeatInfringerCases: number;
    punitiveDamagesCandidates: number;
    criminalThresholdCases: number;
    criminalThresholdNearCases: number;
    policeTransfers: { proposed: number; approved: number; rejected: number; filed: number; declined: number };
  };
  broad: {
    byRoute: { route: string; cases: number }[];
    byCompetentAgency: { competentAgency: string; cases: number }[];
    transfers: TransferFigures[];
    mediations: { entered: number; settled: number; failed: number; ongoing: number; settlementRate: number | null };
  };
  fast: {
    stages: StageFigures[];
    deadlines: { met: number; breached: number; shareMet: number | null };
    breachesOpenNow: number;
    closingRate: { closed: number; submitted: number; rate: number | null };
    handling: HandlingFigures;
  };
  equal: {
    ratioAlertBound: number;
    /** Groups smaller than this (cases a figure rests on) are shown but raise no alert. */
    minGroup: number;
    alert: boolean;
    byNationality: { domestic: GroupFigures; foreign: GroupFigures };
    bySize: Record<string, GroupFigures>;
    ratios: RatioFigure[];
  };
}
