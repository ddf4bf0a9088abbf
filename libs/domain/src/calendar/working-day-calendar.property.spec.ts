import fc from 'fast-check';
import { STATUTORY_CALENDAR_2024_2026 } from './statutory-calendar';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar(STATUTORY_CALENDAR_2024_2026);
const MS_PER_DAY = 86_400_000;

// An oracle written from the lifecycle.md table with Date.UTC only, independent of the code under test.
const HOLIDAY_RANGES = [
  ['2024-01-01', '2024-01-01'], ['2024-02-10', '2024-02-17'], ['2024-04-04', '2024-04-06'],
  ['2024-05-01', '2024-05-05'], ['2024-06-10', '2024-06-10'], ['2024-09-15', '2024-09-17'],
  ['2024-10-01', '2024-10-07'],
  ['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'],
  ['2025-05-01', '2025-05-05'], ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08'],
  ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];
const MAKE_UP_DAYS = new Set([
  '2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12',
  '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
]);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const HOLIDAYS = new Set(
  HOLIDAY_RANGES.flatMap(([from, to]) => {
    const days: string[] = [];
    for (let t = msOf(from); t <= msOf(to); t += MS_PER_DAY) days.push(dateOf(t));
    return days;
  }),
);
function oracleIsWorkingDay(date: string): boolean {
  const weekday = new Date(msOf(date)).getUTCDay();
  return !HOLIDAYS.has(date) && (MAKE_UP_DAYS.has(date) || (weekday !== 0 && weekday !== 6));
}
function oracleWorkingDaysAfter(start: string, end: string): number {
  let count = 0;
  for (let t = msOf(start) + MS_PER_DAY; t <= msOf(end); t += MS_PER_DAY) {
    if (oracleIsWorkingDay(dateOf(t))) count++;
  }
  return count;
}

const startDates = fc
  .integer({ min: msOf('2024-01-01') / MS_PER_DAY, max: msOf('2026-12-31') / MS_PER_DAY })
  .map((day) => dateOf(day * MS_PER_DAY));

describe('periods from any start in 2024–2026, of 1 to 60 days', () => {
  it('ends on a working day after the start, with exactly n working days in (start, end]', () => {
    fc.assert(
      fc.property(startDates, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const { dueDate, dueAt, provisional } = calendar.addWorkingDays(start, n);
        expect(oracleIsWorkingDay(dueDate)).toBe(true);
        expect(calendar.isWorkingDay(dueDate)).toBe(true);
        expect(dueDate > start).toBe(true);
        expect(oracleWorkingDaysAfter(start, dueDate)).toBe(n);
        expect(calendar.workingDaysBetween(start, dueDate)).toBe(n);
        expect(dueAt).toBe(`${dateOf(msOf(dueDate) + MS_PER_DAY)}T00:00:00+08:00`);
        expect(provisional).toBe(dueDate >= '2027-01-01');
      }),
      { numRuns: 2000 },
    );
  });

  it('a calendar-day period ends on the first working day on or after its n-th day', () => {
    fc.assert(
      fc.property(startDates, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const { dueDate } = calendar.addCalendarDays(start, n);
        const rawLastDay = dateOf(msOf(start) + n * MS_PER_DAY);
        expect(oracleIsWorkingDay(dueDate)).toBe(true);
        expect(dueDate >= rawLastDay).toBe(true);
        // Every day between the raw last day and the due date is a rest day or holiday.
        expect(oracleWorkingDaysAfter(rawLastDay, dueDate)).toBe(dueDate === rawLastDay ? 0 : 1);
        expect(oracleIsWorkingDay(rawLastDay)).toBe(dueDate === rawLastDay);
      }),
      { numRuns: 2000 },
    );
  });
});
