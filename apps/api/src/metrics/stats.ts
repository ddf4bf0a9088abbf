/** Small statistics over counted values (value → how many), for figures aggregated in SQL. */

export interface Counted {
  value: number;
  count: number;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks (PostgreSQL's
 * `percentile_cont`, Excel's PERCENTILE.INC): rank p·(n−1) from 0. Null when there are no values.
 */
export function percentile(values: readonly Counted[], p: number): number | null {
  const sorted = values.filter((v) => v.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, v) => s + v.count, 0);
  if (!n) return null;
  const rank = p * (n - 1);
  const lowRank = Math.floor(rank);
  const at = (r: number) => {
    let seen = 0;
    for (const v of sorted) {
      seen += v.count;
      if (r < seen) return v.value;
    }
    return sorted[sorted.length - 1].value;
  };
  const low = at(lowRank);
  const high = at(Math.ceil(rank));
  return round2(low + (high - low) * (rank - lowRank));
}

export function mean(values: readonly Counted[]): number | null {
  const n = values.reduce((s, v) => s + v.count, 0);
  return n ? round2(values.reduce((s, v) => s + v.value * v.count, 0) / n) : null;
}

export const share = (part: number, whole: number): number | null => (whole > 0 ? round2(part / whole) : null);

/**
 * a / b for comparing two groups; 1 when both are 0 (no difference), null when only b is 0 or either is unknown
 * (the ratio is undefined; the caller decides what a 0 against a positive figure means). Not rounded: the alert
 * compares the exact ratio.
 */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (b === 0) return a === 0 ? 1 : null;
  return a / b;
}

/** Beyond the bound either way: a ratio r alerts when r > bound or r < 1/bound. */
export const beyond = (r: number | null, bound: number): boolean => r !== null && (r > bound || r < 1 / bound);

/** The standard normal distribution function (Abramowitz–Stegun 7.1.26 for erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Two-sided p-value of the two-proportion z-test (pooled): how likely a difference at least this large between
 * x1/n1 and x2/n2 is if both groups had the same rate. Null when a group is empty; 1 when both rates are 0 or 1.
 */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (x1 / n1 - x2 / n2) / se;
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/** One group's exact figure for a metric, the number of cases it rests on and, for a rate, its numerator. */
export interface Sample {
  value: number | null;
  n: number;
  part?: number;
}

/**
 * Group a against group b (equal protection): the ratio a ÷ b (rounded for display), whether either side rests on
 * fewer than `minGroup` cases (then it never alerts), for rates the two-proportion p-value, and the alert: the exact
 * ratio beyond `bound` either way; or 0 against a positive figure (the largest disparity, though its ratio has no
 * value); or a rate difference that chance explains less often than `significance`, however near 1 the ratio.
 */
export function compareGroups(a: Sample, b: Sample, o: { bound: number; minGroup: number; significance: number }): { ratio: number | null; insufficient: boolean; pValue: number | null; alert: boolean } {
  const r = ratio(a.value, b.value);
  const insufficient = a.n < o.minGroup || b.n < o.minGroup;
  const pValue = a.part !== undefined && b.part !== undefined ? twoProportionP(a.part, a.n, b.part, b.n) : null;
  const zeroAgainst = a.value !== null && b.value !== null && (a.value === 0) !== (b.value === 0);
  const alert = !insufficient && (beyond(r, o.bound) || zeroAgainst || (pValue !== null && pValue < o.significance));
  return { ratio: r === null ? null : round2(r), insufficient, pValue: pValue === null ? null : Number(pValue.toPrecision(3)), alert };
}
