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

/** What can be wrong with a line of one year's data (the API localizes each). */
export type CalendarProblemCode = 'not_a_year' | 'not_a_date' | 'not_in_year' | 'range_reversed' | 'overlaps' | 'listed_twice' | 'not_a_weekend' | 'inside_holiday';

/** One defect of one year's data: the line (`holidays[2].from`, `workdays[0]`), what is wrong, and its facts. */
export interface CalendarProblem {
  field: string;
  code: CalendarProblemCode;
  params: Record<string, string | number>;
}

const PROBLEM_TEXT: Record<CalendarProblemCode, (p: Record<string, string | number>) => string> = {
  not_a_year: (p) => `${p.year} is not a year`,
  not_a_date: (p) => `${p.text} is not a real YYYY-MM-DD date`,
  not_in_year: (p) => `${p.text} is not in ${p.year}`,
  range_reversed: (p) => `from ${p.from} is after to ${p.to}`,
  overlaps: (p) => `overlaps ${p.other}`,
  listed_twice: (p) => `${p.text} is listed twice`,
  not_a_weekend: (p) => `${p.text} is not a Saturday or Sunday`,
  inside_holiday: (p) => `${p.text} is inside ${p.other}`,
};

/** A problem as one `field: message` line (logs, the CLI, the error's message). */
export const calendarProblemText = (p: CalendarProblem): string => `${p.field}: ${PROBLEM_TEXT[p.code](p.params)}`;

/**
 * Every defect of one year's data (empty when the data is usable). Make-up days must be weekends because the notices
 * only ever move rest days; one that is not is a typing error in the data.
 */
export function calendarYearProblems(calendarYear: CalendarYear): CalendarProblem[] {
  const { year } = calendarYear;
  const problems: CalendarProblem[] = [];
  const add = (field: string, code: CalendarProblemCode, params: Record<string, string | number>) => problems.push({ field, code, params });
  if (!Number.isInteger(year) || year < 1 || year > 9999) add('year', 'not_a_year', { year });

  const dateInYear = (field: string, text: string): CivilDay | undefined => {
    const civilDay = parseCivilDate(text);
    if (civilDay === undefined) add(field, 'not_a_date', { text });
    else if (yearOf(civilDay) !== year) add(field, 'not_in_year', { text, year });
    else return civilDay;
    return undefined;
  };

  const ranges: { field: string; first: CivilDay; last: CivilDay }[] = [];
  calendarYear.holidays.forEach((range, index) => {
    const field = `holidays[${index}]`;
    const first = dateInYear(`${field}.from`, range.from);
    const last = dateInYear(`${field}.to`, range.to);
    if (first === undefined || last === undefined) return;
    if (first > last) add(field, 'range_reversed', { from: range.from, to: range.to });
    else ranges.push({ field, first, last });
  });
  ranges.sort((a, b) => a.first - b.first);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i].first <= ranges[i - 1].last) add(ranges[i].field, 'overlaps', { other: ranges[i - 1].field });
  }

  const seen = new Set<CivilDay>();
  calendarYear.workdays.forEach((text, index) => {
    const field = `workdays[${index}]`;
    const civilDay = dateInYear(field, text);
    if (civilDay === undefined) return;
    if (seen.has(civilDay)) add(field, 'listed_twice', { text });
    seen.add(civilDay);
    if (!isWeekend(civilDay)) add(field, 'not_a_weekend', { text });
    const holiday = ranges.find((range) => range.first <= civilDay && civilDay <= range.last);
    if (holiday) add(field, 'inside_holiday', { text, other: holiday.field });
  });
  return problems;
}

/** Every defect of one year's data, as `field: message` lines (empty when the data is usable). */
export function validateCalendarYear(calendarYear: CalendarYear): string[] {
  return calendarYearProblems(calendarYear).map(calendarProblemText);
}
