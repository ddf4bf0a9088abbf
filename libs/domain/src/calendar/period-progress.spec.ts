import { elapsedFraction, reminderAt } from './period-progress';

describe('the 80 % reminder', () => {
  it('for the contract example goes out at 80 % of the wall time from submission to 24:00 on 12-02', () => {
    // 10:00 Nov 25 to 00:00 Dec 3 is 182 hours; 80 % is 145 h 36 min.
    expect(reminderAt('2026-11-25T10:00:00+08:00', '2026-12-03T00:00:00+08:00')).toBe('2026-12-01T11:36:00+08:00');
  });

  it('for the 24-hour handover goes out after 19 h 12 min', () => {
    expect(reminderAt(new Date('2026-11-25T08:00:00Z'), '2026-11-26T16:00:00+08:00')).toBe('2026-11-26T11:12:00+08:00');
  });

  it('can be asked for another share of the period', () => {
    expect(reminderAt('2026-11-25T00:00:00+08:00', '2026-11-26T00:00:00+08:00', 0.5)).toBe('2026-11-25T12:00:00+08:00');
  });

  it.each([0, 1.2, Number.NaN])('refuses the fraction %p', (fraction) => {
    expect(() => reminderAt('2026-11-25', '2026-11-26', fraction)).toThrow(
      expect.objectContaining({ code: 'invalid_fraction' }),
    );
  });

  it('refuses a due instant that is not after the start', () => {
    expect(() => reminderAt('2026-11-26', '2026-11-26')).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
  });
});

describe('how much of a period has elapsed', () => {
  it('is 0.8 at the reminder, 1 at the due instant and above 1 when overdue', () => {
    const [start, due] = ['2026-11-25T10:00:00+08:00', '2026-12-03T00:00:00+08:00'];
    expect(elapsedFraction(start, due, '2026-12-01T11:36:00+08:00')).toBeCloseTo(0.8, 10);
    expect(elapsedFraction(start, due, '2026-12-02T16:00:00Z')).toBe(1);
    expect(elapsedFraction(start, due, '2026-12-03T18:12:00+08:00')).toBeCloseTo(1.1, 10);
  });
});
