import { CalendarError } from './calendar-error';
import { validateCalendarYear } from './calendar-year';
import { STATUTORY_CALENDAR_2024_2026 } from './statutory-calendar';
import { WorkingDayCalendar } from './working-day-calendar';

describe('validating a year of holiday data entered by an administrator', () => {
  it('accepts a well-formed year', () => {
    expect(
      validateCalendarYear({
        year: 2027,
        holidays: [{ from: '2027-01-01', to: '2027-01-03' }],
        workdays: ['2027-02-20'],
      }),
    ).toEqual([]);
  });

  it('lists every problem of a badly typed notice, each with its field', () => {
    expect(
      validateCalendarYear({
        year: 2026,
        holidays: [
          { from: '2026-02-30', to: '2026-03-01' },
          { from: '2026-05-05', to: '2026-05-01' },
          { from: '2025-12-31', to: '2026-01-01' },
          { from: '2026-10-01', to: '2026-10-07' },
          { from: '2026-10-07', to: '2026-10-08' },
        ],
        workdays: ['2026-10-05', '2026-11-25', '2027-01-02', '2026-10-10', '2026-10-10', '26-10-10'],
      }),
    ).toEqual([
      'holidays[0].from: 2026-02-30 is not a real YYYY-MM-DD date',
      'holidays[1]: from 2026-05-05 is after to 2026-05-01',
      'holidays[2].from: 2025-12-31 is not in 2026',
      'holidays[4]: overlaps holidays[3]',
      'workdays[0]: 2026-10-05 is not a Saturday or Sunday',
      'workdays[0]: 2026-10-05 is inside holidays[3]',
      'workdays[1]: 2026-11-25 is not a Saturday or Sunday',
      'workdays[2]: 2027-01-02 is not in 2026',
      'workdays[4]: 2026-10-10 is listed twice',
      'workdays[5]: 26-10-10 is not a real YYYY-MM-DD date',
    ]);
  });

  it('refuses a year that is not a year', () => {
    expect(validateCalendarYear({ year: 20.26, holidays: [], workdays: [] })).toEqual(['year: 20.26 is not a year']);
  });

  it('a calendar built from bad data refuses to start, naming every problem', () => {
    const build = () =>
      new WorkingDayCalendar([
        ...STATUTORY_CALENDAR_2024_2026,
        { year: 2026, holidays: [], workdays: ['2026-11-25'] },
      ]);
    expect(build).toThrow(CalendarError);
    expect(build).toThrow(
      expect.objectContaining({
        code: 'invalid_calendar',
        problems: ['2026: the year is given twice', '2026 workdays[0]: 2026-11-25 is not a Saturday or Sunday'],
      }),
    );
  });

  it('a calendar keeps its own copy of the data it describes', () => {
    const years = [{ year: 2027, holidays: [{ from: '2027-01-01', to: '2027-01-01' }], workdays: [] }];
    const calendar = new WorkingDayCalendar(years);
    years[0].holidays.push({ from: '2027-02-06', to: '2027-02-13' });
    calendar.describeYear(2027).holidays.push({ from: '2027-05-01', to: '2027-05-05' });
    expect(calendar.describeYear(2027).holidays).toEqual([{ from: '2027-01-01', to: '2027-01-01' }]);
  });
});
