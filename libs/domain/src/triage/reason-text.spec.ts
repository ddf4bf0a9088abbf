import { formatAmount, periodText } from './reason-text';

describe('amounts and periods in reason messages', () => {
  it('groups thousands', () => {
    expect([0, 999, 1_000, 60_000, 300_000, 1_234_567, -1_234].map(formatAmount)).toEqual([
      '0',
      '999',
      '1,000',
      '60,000',
      '300,000',
      '1,234,567',
      '-1,234',
    ]);
  });

  it('names whole years with their days and other periods in days', () => {
    expect(periodText(1095)).toEqual({ zh: '3 年（1,095 天）', en: '3 years (1,095 days)' });
    expect(periodText(100)).toEqual({ zh: '100 天', en: '100 days' });
  });
});
