import type { CalendarProblem } from './calendar-year';

export const CALENDAR_ERROR_CODES = [
  'invalid_date',
  'invalid_instant',
  'invalid_period',
  'invalid_clock',
  'invalid_pause',
  'missing_now',
  'invalid_fraction',
  'invalid_calendar',
] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/**
 * The calendar's domain error: callers (the public calculator, the admin calendar endpoint) map `code` to a
 * problem document in one place; `problems` carries every defect of rejected calendar data for a 422.
 */
export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
    /** The same defects of rejected data, each with its year and line, for a problem document naming the field. */
    readonly details: readonly (CalendarProblem & { year: number })[] = [],
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
