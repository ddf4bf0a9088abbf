import { CalendarError } from './calendar-error';
import { STATUTORY_CALENDAR_2024_2026 } from './statutory-calendar';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar(STATUTORY_CALENDAR_2024_2026);

describe('WorkingDayCalendar: working-day periods', () => {
  it('a complaint submitted on Wednesday 2026-11-25 is screened by the end of 2026-12-02 (contract example)', () => {
    expect(calendar.addWorkingDays('2026-11-25', 5)).toEqual({
      dueDate: '2026-12-02',
      dueAt: '2026-12-03T00:00:00+08:00',
      clock: 'working_days',
      provisional: false,
    });
  });

  it('a complaint submitted at 23:30 UTC on 11-24 was submitted on 11-25 in Lianyungang', () => {
    expect(calendar.addWorkingDays('2026-11-24T23:30:00Z', 5).dueDate).toBe('2026-12-02');
    expect(calendar.addWorkingDays(new Date('2026-11-24T23:30:00Z'), 5).dueDate).toBe('2026-12-02');
  });

  it('a complaint submitted one second before midnight Shanghai time counts from that day', () => {
    expect(calendar.addWorkingDays('2026-11-24T15:59:59Z', 5).dueDate).toBe('2026-12-01');
    expect(calendar.addWorkingDays('2026-11-24T16:00:00Z', 5).dueDate).toBe('2026-12-02');
    expect(calendar.addWorkingDays('2026-11-25T00:59:59+09:00', 5).dueDate).toBe('2026-12-01');
  });

  it('an instant without an offset is Shanghai wall time, not the host zone', () => {
    expect(calendar.addWorkingDays('2026-11-24T23:30:00', 5).dueDate).toBe('2026-12-01');
  });

  it('screening across Spring Festival 2026 counts the Saturday make-up day 02-14 and skips 02-15..23', () => {
    // 13 Fri (1), 14 Sat make-up (2), 24 Tue (3), 25 (4), 26 (5).
    expect(calendar.addWorkingDays('2026-02-12', 5)).toEqual({
      dueDate: '2026-02-26',
      dueAt: '2026-02-27T00:00:00+08:00',
      clock: 'working_days',
      provisional: false,
    });
  });

  it('ten working days across Spring Festival 2026 also count the make-up Saturday 02-28', () => {
    // … 26 (5), 27 (6), 28 Sat make-up (7), Mar 2 (8), 3 (9), 4 (10).
    expect(calendar.addWorkingDays('2026-02-12', 10).dueDate).toBe('2026-03-04');
  });

  it('a period from New Year’s Eve 2025 skips Jan 1–3 2026 and counts the make-up Sunday Jan 4', () => {
    expect(calendar.addWorkingDays('2025-12-31', 3)).toMatchObject({ dueDate: '2026-01-06', provisional: false });
    expect(calendar.addWorkingDays('2025-12-31', 1).dueDate).toBe('2026-01-04');
    expect(calendar.addWorkingDays('2024-12-31', 1).dueDate).toBe('2025-01-02');
  });

  it('a period starting on a weekend starts counting on Monday', () => {
    expect(calendar.addWorkingDays('2026-11-28', 1).dueDate).toBe('2026-11-30');
  });
});

describe('WorkingDayCalendar: calendar-day periods (Civil Code Art. 203)', () => {
  it('15 calendar days ending in the October Golden Week move to the first working day after it', () => {
    // 2026-09-20 + 15 = 2026-10-05, a National Day holiday; Oct 8 is the next working day.
    expect(calendar.addCalendarDays('2026-09-20', 15)).toEqual({
      dueDate: '2026-10-08',
      dueAt: '2026-10-09T00:00:00+08:00',
      clock: 'calendar_days',
      provisional: false,
    });
  });

  it('a respondent’s answer period ending on a Saturday moves to Monday', () => {
    expect(calendar.addCalendarDays('2026-11-13', 15).dueDate).toBe('2026-11-30');
  });

  it('a period ending on a make-up working Saturday does not move', () => {
    expect(calendar.addCalendarDays('2026-09-25', 15).dueDate).toBe('2026-10-10');
    expect(calendar.addCalendarDays('2024-02-03', 15).dueDate).toBe('2024-02-18');
  });

  it('a period ending inside Spring Festival 2026 moves to Tuesday 02-24', () => {
    expect(calendar.addCalendarDays('2026-02-01', 15).dueDate).toBe('2026-02-24');
  });

  it('a period from December 2025 ending on the make-up Sunday 2026-01-04 does not move', () => {
    expect(calendar.addCalendarDays('2025-12-20', 15)).toMatchObject({ dueDate: '2026-01-04', provisional: false });
  });

  it('a period ending on a working day ends that day', () => {
    expect(calendar.addCalendarDays('2026-11-02', 10).dueDate).toBe('2026-11-12');
  });
});

describe('WorkingDayCalendar: hour periods (the 24-hour transfer handover)', () => {
  it('24 hours from 22:00 end at 22:00 the next day', () => {
    expect(calendar.addHours('2026-11-25T22:00:00+08:00', 24)).toEqual({
      dueDate: '2026-11-26',
      dueAt: '2026-11-26T22:00:00+08:00',
      clock: 'hours',
      provisional: false,
    });
  });

  it('hours ending exactly at midnight end at 24:00 of the earlier day', () => {
    expect(calendar.addHours('2026-11-25T12:00:00Z', 4)).toMatchObject({
      dueDate: '2026-11-25',
      dueAt: '2026-11-26T00:00:00+08:00',
    });
    expect(calendar.addHours('2026-11-25T12:00:00Z', 5)).toMatchObject({
      dueDate: '2026-11-26',
      dueAt: '2026-11-26T01:00:00+08:00',
    });
  });

  it('hours from a bare date start at 00:00 Shanghai of that date', () => {
    expect(calendar.addHours('2026-11-25', 24)).toMatchObject({
      dueDate: '2026-11-25',
      dueAt: '2026-11-26T00:00:00+08:00',
    });
  });

  it('a handover running into National Day is not moved to a working day', () => {
    expect(calendar.addHours('2026-09-30T18:00:00+08:00', 24)).toEqual({
      dueDate: '2026-10-01',
      dueAt: '2026-10-01T18:00:00+08:00',
      clock: 'hours',
      provisional: false,
    });
  });

  it('keeps sub-second precision of the start instant', () => {
    expect(calendar.addHours('2026-11-25T01:02:03.456Z', 1).dueAt).toBe('2026-11-25T10:02:03.456+08:00');
  });

  it('hours in a year without holiday data are not provisional: no holiday is consulted', () => {
    expect(calendar.addHours('2027-02-06T10:00:00+08:00', 24).provisional).toBe(false);
  });
});

describe('WorkingDayCalendar: years without holiday data', () => {
  it('2027 periods skip weekends only and are provisional', () => {
    // 2027-02-05 is a Friday; the 2027 Spring Festival is not in the data, so Feb 8–12 count.
    expect(calendar.addWorkingDays('2027-02-05', 5)).toEqual({
      dueDate: '2027-02-12',
      dueAt: '2027-02-13T00:00:00+08:00',
      clock: 'working_days',
      provisional: true,
    });
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
    expect(calendar.isHoliday('2027-01-01')).toBe(false);
  });

  it('a period from late December 2026 crossing into 2027 is provisional', () => {
    // Dec 29 (1), 30 (2), 31 (3), Fri Jan 1 2027 (4, not known to be a holiday), Mon Jan 4 (5).
    expect(calendar.addWorkingDays('2026-12-28', 5)).toMatchObject({ dueDate: '2027-01-04', provisional: true });
    expect(calendar.addCalendarDays('2026-12-20', 15)).toMatchObject({ dueDate: '2027-01-04', provisional: true });
  });

  it('a period ending within 2026 is not provisional', () => {
    expect(calendar.addWorkingDays('2026-12-21', 3)).toMatchObject({ dueDate: '2026-12-24', provisional: false });
  });

  it('a period starting in a year before the data is provisional', () => {
    expect(calendar.addWorkingDays('2023-12-29', 1)).toMatchObject({ dueDate: '2024-01-02', provisional: true });
  });

  it('once an administrator adds 2027, a period into it is no longer provisional', () => {
    // Illustrative data for the test, not the real 2027 notice.
    const extended = new WorkingDayCalendar([
      ...STATUTORY_CALENDAR_2024_2026,
      { year: 2027, holidays: [{ from: '2027-01-01', to: '2027-01-03' }], workdays: [] },
    ]);
    expect(extended.addWorkingDays('2026-12-31', 1)).toMatchObject({ dueDate: '2027-01-04', provisional: false });
    expect(extended.describeYear(2027).known).toBe(true);
    expect(calendar.describeYear(2027).known).toBe(false);
  });

  it('a calendar with no data at all counts weekends only', () => {
    expect(new WorkingDayCalendar([]).addWorkingDays('2026-09-30', 1)).toMatchObject({
      dueDate: '2026-10-01',
      provisional: true,
    });
  });
});

describe('WorkingDayCalendar: working days between two dates', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(calendar.workingDaysBetween('2026-11-25', '2026-12-02')).toBe(5);
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(calendar.workingDaysBetween('2026-11-25', '2026-11-25')).toBe(0);
  });

  it('is negative backwards, so that stage times add up', () => {
    expect(calendar.workingDaysBetween('2026-12-02', '2026-11-25')).toBe(-5);
  });

  it('takes instants at their Shanghai date', () => {
    expect(calendar.workingDaysBetween('2026-11-24T23:30:00Z', '2026-12-02T15:59:59Z')).toBe(5);
  });
});

describe('WorkingDayCalendar: refusing bad input', () => {
  it.each([0, -1, 1.5, Number.NaN, 3661])('refuses the period %p', (period) => {
    expect(() => calendar.addWorkingDays('2026-11-25', period)).toThrow(
      expect.objectContaining({ code: 'invalid_period' }),
    );
  });

  it('accepts the longest period it allows', () => {
    expect(calendar.addCalendarDays('2026-01-01', 3660).dueDate).toBe('2036-01-09');
  });

  it.each(['2026-02-30', '2026-13-01', '26-11-25', 'yesterday', ''])('refuses the date %p', (from) => {
    expect(() => calendar.addWorkingDays(from, 5)).toThrow(CalendarError);
  });

  it.each(['2026-11-25T24:00:00+08:00', '2026-11-25T10:00:00+25:00', '2026-02-30T10:00:00Z'])(
    'refuses the instant %p',
    (from) => {
      expect(() => calendar.addHours(from, 5)).toThrow(expect.objectContaining({ code: 'invalid_instant' }));
    },
  );

  it('refuses an Invalid Date', () => {
    expect(() => calendar.isWorkingDay(new Date('nonsense'))).toThrow(
      expect.objectContaining({ code: 'invalid_instant' }),
    );
  });

  it('refuses an unknown clock coming from untyped input', () => {
    const clock = JSON.parse('"weeks"') as 'hours';
    expect(() => calendar.computeDeadline({ from: '2026-11-25', period: 1, clock })).toThrow(
      expect.objectContaining({ code: 'invalid_clock' }),
    );
  });
});
