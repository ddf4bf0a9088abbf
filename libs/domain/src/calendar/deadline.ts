import type { Clock } from '../model';
import { CalendarError } from './calendar-error';
import type { ClockPause } from './clock-stop';
import type { DateOrInstant } from './shanghai-time';

/**
 * The end of a period as the contract shows it: `dueDate` is the last day of the period and `dueAt` the instant
 * it ends, 24:00 Asia/Shanghai of that day written as 00:00+08:00 of the next (Civil Code Art. 203), or for the
 * hours clock the exact instant. `provisional` when a year without holiday data had to be consulted.
 */
export interface Deadline {
  dueDate: string;
  dueAt: string;
  clock: Clock;
  provisional: boolean;
}

export interface DeadlineRequest {
  /** A date, or an instant (its Asia/Shanghai date for the day clocks; for hours a date means its 00:00). */
  from: DateOrInstant;
  period: number;
  clock: Clock;
  pauses?: readonly ClockPause[];
  /** Required when a pause is still open. */
  now?: DateOrInstant;
}

/**
 * `paused`: a still-open pause stopped the clock before the period ran out, so `dueAt` is only the earliest end
 * (as if the clock restarted now, see `resolveClockStops`) and nothing may fire on it until the pause is closed
 * and the deadline computed again.
 */
export interface ComputedDeadline extends Deadline {
  paused: boolean;
}

/**
 * Ten years of days: longer than any statutory period the centre tracks (five months at most), and a bound on the
 * work the public calculator does for one request.
 */
export const MAX_PERIOD = 3660;

export function assertPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1 || period > MAX_PERIOD) {
    throw new CalendarError('invalid_period', `period must be a whole number from 1 to ${MAX_PERIOD}: ${period}`);
  }
}
