import { civilDateOf, civilDayOf, formatCivilDate, isWeekend, parseCivilDate, weekdayOf } from './civil-date';

describe('civil dates as day numbers', () => {
  it('agree with the epoch and with known weekdays', () => {
    expect(civilDayOf(1970, 1, 1)).toBe(0);
    expect(parseCivilDate('2026-11-25')).toBe(Date.parse('2026-11-25T00:00:00Z') / 86_400_000);
    expect(weekdayOf(parseCivilDate('2026-11-25') as number)).toBe(3);
    expect(isWeekend(parseCivilDate('2026-11-28') as number)).toBe(true);
    expect(isWeekend(parseCivilDate('1969-12-31') as number)).toBe(false);
  });

  it('round-trip every day from 1900 to 2100, leap days included', () => {
    const mismatches: number[] = [];
    for (let day = civilDayOf(1900, 1, 1); day <= civilDayOf(2100, 12, 31); day++) {
      const text = formatCivilDate(day);
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (parseCivilDate(text) !== day || text !== expected) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
    expect(civilDateOf(parseCivilDate('2024-02-29') as number)).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each(['2026-02-29', '2100-02-29', '2026-04-31', '2026-00-10', '2026-1-1', '2026-11-25 '])(
    '%p is not a date',
    (text) => expect(parseCivilDate(text)).toBeUndefined(),
  );

  it('2000-02-29 is a date (divisible by 400)', () => {
    expect(parseCivilDate('2000-02-29')).toBeDefined();
  });
});
