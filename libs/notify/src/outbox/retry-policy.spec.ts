import { isExhausted, retryDelayMs } from './retry-policy';

describe('outbox retry policy', () => {
  it('doubles the wait from 20 s after the first failure', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, middle))).toEqual([20_000, 40_000, 80_000, 160_000]);
  });

  it('jitters each wait by at most 20 % either way', () => {
    expect(retryDelayMs(3, () => 0)).toBe(64_000);
    expect(retryDelayMs(3, () => 0.999999)).toBeLessThanOrEqual(96_000);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(5)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it('never waits more than an hour, however many attempts', () => {
    expect(retryDelayMs(9, () => 0.999999)).toBe(3_600_000);
    expect(retryDelayMs(1_000, () => 0.5)).toBe(3_600_000);
  });

  it('dead-letters after the last allowed attempt', () => {
    expect(isExhausted(7, 8)).toBe(false);
    expect(isExhausted(8, 8)).toBe(true);
  });
});
