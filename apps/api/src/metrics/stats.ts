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
 * (the ratio is undefined and raises no alert). Not rounded: the alert compares the exact ratio.
 */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (b === 0) return a === 0 ? 1 : null;
  return a / b;
}

/** Beyond the bound either way: a ratio r alerts when r > bound or r < 1/bound. */
export const beyond = (r: number | null, bound: number): boolean => r !== null && (r > bound || r < 1 / bound);
