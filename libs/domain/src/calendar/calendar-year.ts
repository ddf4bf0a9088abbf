import { type CivilDay, isWeekend, parseCivilDate, yearOf } from './civil-date';

/** An inclusive range of statutory holidays (法定节假日), dates `YYYY-MM-DD`. */
export interface HolidayRange {
  from: string;
  to: string;
}

/**
 * One year of the State Council's holiday notice (国务院办公厅关于…部分节假日安排的通知): holiday ranges and the
 * weekend days that are working days instead (调休). Plain data, so that an administrator can add next year's
 * notice each November without a release.
 */
export interface CalendarYear {
  year: number;
  holidays: HolidayRange[];
  workdays: string[];
}

/**
 * Every defect of one year's data, as `field: message` lines (empty when the data is usable). Make-up days must be
 * weekends because the notices only ever move rest days; one that is not is a typing error in the data.
 */
export function validateCalendarYear(calendarYear: CalendarYear): string[] {
  const { year } = calendarYear;
  const problems: string[] = [];
  if (!Number.isInteger(year) || year < 1 || year > 9999) problems.push(`year: ${year} is not a year`);

  const dateInYear = (field: string, text: string): CivilDay | undefined => {
    const civilDay = parseCivilDate(text);
    if (civilDay === undefined) problems.push(`${field}: ${text} is not a real YYYY-MM-DD date`);
    else if (yearOf(civilDay) !== year) problems.push(`${field}: ${text} is not in ${year}`);
    else return civilDay;
    return undefined;
  };

  const ranges: { field: string; first: CivilDay; last: CivilDay }[] = [];
  calendarYear.holidays.forEach((range, index) => {
    const field = `holidays[${index}]`;
    const first = dateInYear(`${field}.from`, range.from);
    const last = dateInYear(`${field}.to`, range.to);
    if (first === undefined || last === undefined) return;
    if (first > last) problems.push(`${field}: from ${range.from} is after to ${range.to}`);
    else ranges.push({ field, first, last });
  });
  ranges.sort((a, b) => a.first - b.first);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].first <= ranges[i - 1].last) problems.push(`${ranges[i].field}: overlaps ${ranges[i - 1].field}`);
  }

  const seen = new Set<CivilDay>();
  calendarYear.workdays.forEach((text, index) => {
    const field = `workdays[${index}]`;
    const civilDay = dateInYear(field, text);
    if (civilDay === undefined) return;
    if (seen.has(civilDay)) problems.push(`${field}: ${text} is listed twice`);
    seen.add(civilDay);
    if (!isWeekend(civilDay)) problems.push(`${field}: ${text} is not a Saturday or Sunday`);
    const holiday = ranges.find((range) => range.first <= civilDay && civilDay <= range.last);
    if (holiday) problems.push(`${field}: ${text} is inside ${holiday.field}`);
  });
  return problems;
}
