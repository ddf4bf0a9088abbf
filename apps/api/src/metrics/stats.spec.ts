import { parsePeriod } from './principles.service';
import { beyond, compareGroups, mean, normalCdf, percentile, ratio, twoProportionP } from './stats';

const values = (...xs: number[]) => xs.map((value) => ({ value, count: 1 }));

describe('metric statistics', () => {
  it('percentiles interpolate between the closest ranks (percentile_cont)', () => {
    expect(percentile(values(1, 3), 0.5)).toBe(2);
    expect(percentile(values(1, 2, 2, 2, 3, 7), 0.5)).toBe(2);
    expect(percentile(values(1, 2, 2, 2, 3, 7), 0.9)).toBe(5);
    expect(percentile(values(2, 5, 7, 11), 0.9)).toBe(9.8);
    expect(percentile([{ value: 4, count: 3 }, { value: 1, count: 1 }], 0.5)).toBe(4);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('means are weighted by count; ratios are a/b, 1 for 0/0, undefined for x/0', () => {
    expect(mean([{ value: 2, count: 3 }, { value: 6, count: 1 }])).toBe(3);
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(0, 0)).toBe(1);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 1)).toBeNull();
  });

  it('the normal distribution function and the two-proportion test agree with tables', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-3)).toBeCloseTo(0.00135, 5);
    // Foreign 258/387 accepted against domestic 3730/4901 (0.667 vs 0.761): z = -4.13, p about 3.6e-5.
    expect(twoProportionP(258, 387, 3730, 4901)).toBeCloseTo(3.6e-5, 5);
    expect(twoProportionP(1, 2, 1, 2)).toBeCloseTo(1, 6);
    expect(twoProportionP(0, 5, 0, 9)).toBe(1);
    expect(twoProportionP(1, 0, 1, 2)).toBeNull();
  });

  describe('comparing two groups (equal protection)', () => {
    const o = { bound: 1.5, minGroup: 30, significance: 0.001 };
    const rate = (part: number, n: number) => ({ value: n ? part / n : null, n, part });

    it('a group of one case is shown but never alerts, however large the ratio', () => {
      expect(compareGroups({ value: 11, n: 1 }, { value: 4, n: 300 }, o)).toEqual({ ratio: 2.75, insufficient: true, pValue: null, alert: false });
    });

    it('a large gap that stays within the ratio bound still alerts when chance does not explain it', () => {
      const r = compareGroups(rate(258, 387), rate(3730, 4901), o);
      expect(r).toMatchObject({ ratio: 0.88, insufficient: false, alert: true });
      expect(r.pValue).toBeLessThan(0.001);
      // The same rates over a tenth of the cases: chance may explain them, and the ratio is within the bound.
      expect(compareGroups(rate(26, 39), rate(373, 490), o)).toMatchObject({ alert: false });
    });

    it('a rate of 0 against a positive one alerts (its ratio has no value); 0 against 0 does not', () => {
      expect(compareGroups(rate(30, 40), rate(0, 40), o)).toMatchObject({ ratio: null, alert: true });
      expect(compareGroups(rate(0, 40), rate(0, 40), o)).toMatchObject({ ratio: 1, alert: false });
    });

    it('the exact ratio decides, not the rounded rates: 1/2 against 1/3 is exactly 1.5, on the bound', () => {
      expect(compareGroups({ value: 15 / 30, n: 30 }, { value: 10 / 30, n: 30 }, o)).toMatchObject({ ratio: 1.5, alert: false });
    });
  });

  it('a ratio alerts beyond the bound either way', () => {
    expect(beyond(1.5, 1.5)).toBe(false);
    expect(beyond(1.51, 1.5)).toBe(true);
    expect(beyond(0.66, 1.5)).toBe(true);
    expect(beyond(0.67, 1.5)).toBe(false);
    expect(beyond(null, 1.5)).toBe(false);
  });
});

describe('metric periods', () => {
  it('default to the 90 days up to today (Asia/Shanghai), both days included', () => {
    expect(parsePeriod(undefined, undefined, '2026-11-25')).toEqual({
      from: '2026-08-28',
      to: '2026-11-25',
      fromInstant: '2026-08-28T00:00:00+08:00',
      toInstant: '2026-11-26T00:00:00+08:00',
    });
    expect(parsePeriod('2025-03-01', '2025-03-31').toInstant).toBe('2025-04-01T00:00:00+08:00');
  });

  it('refuse impossible dates and a period that ends before it starts (422 with the field)', () => {
    expect(() => parsePeriod('2025-02-30', '2025-03-31')).toThrow(expect.objectContaining({ code: 'validation_failed', fieldErrors: [{ field: 'from', code: 'date' }] }));
    expect(() => parsePeriod('2025-03-01', '31.03.2025')).toThrow(expect.objectContaining({ fieldErrors: [{ field: 'to', code: 'date' }] }));
    expect(() => parsePeriod('2025-04-01', '2025-03-31')).toThrow(expect.objectContaining({ fieldErrors: [expect.objectContaining({ field: 'from', code: 'max' })] }));
  });
});
