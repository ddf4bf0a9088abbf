import type { Clock } from '../model';
import { CalendarError } from './calendar-error';
import { type CalendarProblem, type CalendarYear, calendarProblemText, calendarYearProblems, type HolidayRange } from './calendar-year';
import { type CivilDay, formatCivilDate, isWeekend, parseCivilDate, yearOf } from './civil-date';
import { type ClockStops, NO_CLOCK_STOPS, type Span, resolveClockStops } from './clock-stop';
import { type ComputedDeadline, type Deadline, type DeadlineRequest, assertPeriod } from './deadline';
import {
  type DateOrInstant,
  MS_PER_HOUR,
  formatShanghaiInstant,
  shanghaiDayEndingBy,
  startOfShanghaiDay,
  toCivilDay,
  toInstant,
} from './shanghai-time';

export interface YearDescription {
  year: number;
  known: boolean;
  holidays: HolidayRange[];
  workdays: string[];
}

interface ClockRun {
  deadline: Deadline;
  dueAtInstant: number;
}

/**
 * The statutory working-day calendar (Asia/Shanghai) and the period rules of Civil Code Arts. 201–203, over the
 * holiday data it is given (from the database, so that a new year's notice needs no release).
 */
export class WorkingDayCalendar {
  private readonly years = new Map<number, CalendarYear>();
  private readonly holidays = new Set<CivilDay>();
  private readonly makeUpWorkdays = new Set<CivilDay>();

  constructor(years: readonly CalendarYear[]) {
    const problems: string[] = [];
    const details: (CalendarProblem & { year: number })[] = [];
    for (const calendarYear of years) {
      if (this.years.has(calendarYear.year)) problems.push(`${calendarYear.year}: the year is given twice`);
      for (const problem of calendarYearProblems(calendarYear)) {
        problems.push(`${calendarYear.year} ${calendarProblemText(problem)}`);
        details.push({ ...problem, year: calendarYear.year });
      }
      // A copy: the caller's arrays may change later, the holiday sets built below would not follow.
      this.years.set(calendarYear.year, {
        year: calendarYear.year,
        holidays: calendarYear.holidays.map((range) => ({ ...range })),
        workdays: [...calendarYear.workdays],
      });
    }
    // Wrong holiday data silently moves every deadline, so it is refused outright rather than partly used.
    if (problems.length > 0) throw new CalendarError('invalid_calendar', 'invalid calendar data', problems, details);
    // Every date below passed calendarYearProblems, hence the casts.
    for (const { holidays, workdays } of this.years.values()) {
      for (const range of holidays) {
        const last = parseCivilDate(range.to) as CivilDay;
        for (let day = parseCivilDate(range.from) as CivilDay; day <= last; day++) this.holidays.add(day);
      }
      for (const workday of workdays) this.makeUpWorkdays.add(parseCivilDate(workday) as CivilDay);
    }
  }

  isKnownYear(year: number): boolean {
    return this.years.has(year);
  }

  describeYear(year: number): YearDescription {
    const calendarYear = this.years.get(year);
    return {
      year,
      known: calendarYear !== undefined,
      holidays: (calendarYear?.holidays ?? []).map((range) => ({ ...range })),
      workdays: [...(calendarYear?.workdays ?? [])],
    };
  }

  /** A statutory holiday of the data (weekends are rest days, not holidays). */
  isHoliday(date: DateOrInstant): boolean {
    return this.holidays.has(toCivilDay(date));
  }

  isWorkingDay(date: DateOrInstant): boolean {
    return this.isWorkingCivilDay(toCivilDay(date));
  }

  /** The period ends on the n-th working day after `from`: weekends and holidays skipped, 调休 days counted. */
  addWorkingDays(from: DateOrInstant, n: number): Deadline {
    return this.run('working_days', from, n, NO_CLOCK_STOPS).deadline;
  }

  /** The n-th day after `from`, moved to the next working day when it is a holiday or rest day (Art. 203). */
  addCalendarDays(from: DateOrInstant, n: number): Deadline {
    return this.run('calendar_days', from, n, NO_CLOCK_STOPS).deadline;
  }

  /**
   * Exactly n hours after `from` (Art. 201(2): an hour period runs from the stated moment), never moved for a
   * holiday: the 24-hour handover of a transfer package does not wait for a working day.
   */
  addHours(from: DateOrInstant, n: number): Deadline {
    return this.run('hours', from, n, NO_CLOCK_STOPS).deadline;
  }

  /** The one entry point of the public calculator and of case deadlines; see `ClockStops` for pauses. */
  computeDeadline(request: DeadlineRequest): ComputedDeadline {
    const now = request.now === undefined ? undefined : toInstant(request.now);
    const stops = resolveClockStops(request.pauses ?? [], now);
    const { deadline, dueAtInstant } = this.run(request.clock, request.from, request.period, stops);
    return { ...deadline, paused: stops.openSince !== undefined && stops.openSince < dueAtInstant };
  }

  /**
   * Working days in (from, to], the start day not counted as in a period, so that
   * `workingDaysBetween(d, addWorkingDays(d, n).dueDate) === n`; negative when `to` is before `from`.
   */
  workingDaysBetween(from: DateOrInstant, to: DateOrInstant): number {
    const [first, last] = [toCivilDay(from), toCivilDay(to)];
    const [low, high] = first <= last ? [first, last] : [last, first];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.isWorkingCivilDay(day)) count++;
    return first <= last ? count : -count;
  }

  // Years without data fall back to weekends only; the deadline says so through `provisional`.
  private isWorkingCivilDay(day: CivilDay): boolean {
    if (this.holidays.has(day)) return false;
    return this.makeUpWorkdays.has(day) || !isWeekend(day);
  }

  private run(clock: Clock, from: DateOrInstant, period: number, stops: ClockStops): ClockRun {
    assertPeriod(period);
    switch (clock) {
      case 'working_days': {
        const start = toCivilDay(from);
        return this.endOfDay(clock, start, this.nthCountedDay(start, period, stops.days, true));
      }
      case 'calendar_days': {
        const start = toCivilDay(from);
        const lastDay = this.nthCountedDay(start, period, stops.days, false);
        const due = this.isWorkingCivilDay(lastDay) ? lastDay : this.nthCountedDay(lastDay, 1, stops.days, true);
        return this.endOfDay(clock, start, due);
      }
      case 'hours':
        return this.afterHours(toInstant(from), period, stops.instants);
      default: {
        const unknown: never = clock;
        throw new CalendarError('invalid_clock', `unknown clock: ${String(unknown)}`);
      }
    }
  }

  /** The n-th day after `start` (start not counted) on which the clock ran all day and, if asked, was working. */
  private nthCountedDay(start: CivilDay, n: number, stopped: readonly Span[], workingOnly: boolean): CivilDay {
    let day = start;
    let remaining = n;
    let next = 0;
    while (remaining > 0) {
      day++;
      while (next < stopped.length && stopped[next].end <= day) next++;
      if (next < stopped.length && stopped[next].start <= day) {
        day = stopped[next].end - 1;
        continue;
      }
      if (!workingOnly || this.isWorkingCivilDay(day)) remaining--;
    }
    return day;
  }

  private endOfDay(clock: Clock, start: CivilDay, due: CivilDay): ClockRun {
    const dueAtInstant = startOfShanghaiDay(due + 1);
    const deadline = {
      dueDate: formatCivilDate(due),
      dueAt: formatShanghaiInstant(dueAtInstant),
      clock,
      provisional: this.consultsUnknownYear(start, due),
    };
    return { deadline, dueAtInstant };
  }

  // The hours clock consults no holiday data, so it is never provisional.
  private afterHours(start: number, hours: number, stopped: readonly Span[]): ClockRun {
    let due = start + hours * MS_PER_HOUR;
    for (const span of stopped) {
      // A clock that has run out is not revived by stopping it afterwards.
      if (span.start >= due) break;
      due += Math.max(0, span.end - Math.max(span.start, start));
    }
    const deadline = {
      dueDate: formatCivilDate(shanghaiDayEndingBy(due)),
      dueAt: formatShanghaiInstant(due),
      clock: 'hours' as const,
      provisional: false,
    };
    return { deadline, dueAtInstant: due };
  }

  private consultsUnknownYear(first: CivilDay, last: CivilDay): boolean {
    for (let year = yearOf(first); year <= yearOf(last); year++) if (!this.isKnownYear(year)) return true;
    return false;
  }
}
