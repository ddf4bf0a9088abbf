import { parsePeriod } from './principles.service';
import { beyond, mean, percentile, ratio } from './stats';

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
