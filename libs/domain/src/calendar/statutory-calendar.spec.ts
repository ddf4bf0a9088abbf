import { STATUTORY_CALENDAR_2024_2026 } from './statutory-calendar';
import { validateCalendarYear } from './calendar-year';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar(STATUTORY_CALENDAR_2024_2026);

// Independent of the code under test: walks the days with Date.UTC only.
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

function dayAfter(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe('the 2024–2026 statutory calendar (State Council notices)', () => {
  it('is valid data for every year', () => {
    for (const year of STATUTORY_CALENDAR_2024_2026) expect(validateCalendarYear(year)).toEqual([]);
    expect(STATUTORY_CALENDAR_2024_2026.map((y) => y.year)).toEqual([2024, 2025, 2026]);
  });

  // Each holiday block: every day is a holiday and no working day; one working day counted from its first day
  // lands on the first working day after it (worked out by hand from the notice, make-up days included).
  describe.each([
    ['2024 New Year', '2024-01-01', '2024-01-01', '2024-01-02'],
    ['2024 Spring Festival, ends on the Sunday make-up day', '2024-02-10', '2024-02-17', '2024-02-18'],
    ['2024 Qingming, ends on the Sunday make-up day', '2024-04-04', '2024-04-06', '2024-04-07'],
    ['2024 Labour Day', '2024-05-01', '2024-05-05', '2024-05-06'],
    ['2024 Dragon Boat', '2024-06-10', '2024-06-10', '2024-06-11'],
    ['2024 Mid-Autumn', '2024-09-15', '2024-09-17', '2024-09-18'],
    ['2024 National Day', '2024-10-01', '2024-10-07', '2024-10-08'],
    ['2025 New Year', '2025-01-01', '2025-01-01', '2025-01-02'],
    ['2025 Spring Festival', '2025-01-28', '2025-02-04', '2025-02-05'],
    ['2025 Qingming', '2025-04-04', '2025-04-06', '2025-04-07'],
    ['2025 Labour Day', '2025-05-01', '2025-05-05', '2025-05-06'],
    ['2025 Dragon Boat', '2025-05-31', '2025-06-02', '2025-06-03'],
    ['2025 National Day and Mid-Autumn', '2025-10-01', '2025-10-08', '2025-10-09'],
    ['2026 New Year, ends on the Sunday make-up day', '2026-01-01', '2026-01-03', '2026-01-04'],
    ['2026 Spring Festival', '2026-02-15', '2026-02-23', '2026-02-24'],
    ['2026 Qingming', '2026-04-04', '2026-04-06', '2026-04-07'],
    ['2026 Labour Day', '2026-05-01', '2026-05-05', '2026-05-06'],
    ['2026 Dragon Boat', '2026-06-19', '2026-06-21', '2026-06-22'],
    ['2026 Mid-Autumn', '2026-09-25', '2026-09-27', '2026-09-28'],
    ['2026 National Day', '2026-10-01', '2026-10-07', '2026-10-08'],
  ])('%s (%s to %s)', (_name, first, last, nextWorkingDay) => {
    it('has no working day in it', () => {
      for (const day of daysFrom(first, last)) {
        expect([day, calendar.isHoliday(day), calendar.isWorkingDay(day)]).toEqual([day, true, false]);
      }
    });
    it(`one working day from its first day is ${nextWorkingDay}`, () => {
      expect(calendar.addWorkingDays(first, 1)).toMatchObject({ dueDate: nextWorkingDay, provisional: false });
    });
    it('the days either side of it are not holidays', () => {
      expect([calendar.isHoliday(dayAfter(first, -1)), calendar.isHoliday(dayAfter(last, 1))]).toEqual([false, false]);
    });
  });

  // Each make-up day (调休) is a weekend day that is a working day: one working day from the day before it
  // lands on it, where a plain weekend would be skipped.
  it.each([
    ['2024-02-04', 'Sunday', '2024-02-03'],
    ['2024-02-18', 'Sunday', '2024-02-17'],
    ['2024-04-07', 'Sunday', '2024-04-06'],
    ['2024-04-28', 'Sunday', '2024-04-27'],
    ['2024-05-11', 'Saturday', '2024-05-10'],
    ['2024-09-14', 'Saturday', '2024-09-13'],
    ['2024-09-29', 'Sunday', '2024-09-28'],
    ['2024-10-12', 'Saturday', '2024-10-11'],
    ['2025-01-26', 'Sunday', '2025-01-25'],
    ['2025-02-08', 'Saturday', '2025-02-07'],
    ['2025-04-27', 'Sunday', '2025-04-26'],
    ['2025-09-28', 'Sunday', '2025-09-27'],
    ['2025-10-11', 'Saturday', '2025-10-10'],
    ['2026-01-04', 'Sunday', '2026-01-03'],
    ['2026-02-14', 'Saturday', '2026-02-13'],
    ['2026-02-28', 'Saturday', '2026-02-27'],
    ['2026-05-09', 'Saturday', '2026-05-08'],
    ['2026-09-20', 'Sunday', '2026-09-19'],
    ['2026-10-10', 'Saturday', '2026-10-09'],
  ])('make-up day %s (a %s) is a working day', (makeUpDay, weekday, dayBefore) => {
    const weekdayName = new Date(`${makeUpDay}T00:00:00Z`).toLocaleDateString('en-US', {
      weekday: 'long',
      timeZone: 'UTC',
    });
    expect(weekdayName).toBe(weekday);
    expect(calendar.isWorkingDay(makeUpDay)).toBe(true);
    expect(calendar.isHoliday(makeUpDay)).toBe(false);
    expect(calendar.addWorkingDays(dayBefore, 1).dueDate).toBe(makeUpDay);
  });

  it('describes a known year with its notice and a missing year as unknown', () => {
    expect(calendar.describeYear(2025)).toEqual({
      year: 2025,
      known: true,
      holidays: STATUTORY_CALENDAR_2024_2026[1].holidays,
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    });
    expect(calendar.describeYear(2027)).toEqual({ year: 2027, known: false, holidays: [], workdays: [] });
    expect([2023, 2024, 2026, 2027].map((year) => calendar.isKnownYear(year))).toEqual([false, true, true, false]);
  });
});
