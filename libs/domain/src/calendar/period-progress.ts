import { CalendarError } from './calendar-error';
import { type DateOrInstant, formatShanghaiInstant, toInstant } from './shanghai-time';

/** The share of real time between start and due that has passed at `now` (0 at start, 1 at due, > 1 overdue). */
export function elapsedFraction(start: DateOrInstant, dueAt: DateOrInstant, now: DateOrInstant): number {
  const [from, to] = [toInstant(start), toInstant(dueAt)];
  if (to <= from) throw new CalendarError('invalid_instant', 'the due instant is not after the start');
  return (toInstant(now) - from) / (to - from);
}

/**
 * When the reminder goes out: at `fraction` (80 %, lifecycle.md) of the real time from start to due, not of the
 * working days, so that a period spanning a holiday still leaves the assignee the last fifth of the wall time.
 */
export function reminderAt(start: DateOrInstant, dueAt: DateOrInstant, fraction = 0.8): string {
  if (!(fraction > 0 && fraction <= 1)) throw new CalendarError('invalid_fraction', `not in (0, 1]: ${fraction}`);
  const [from, to] = [toInstant(start), toInstant(dueAt)];
  if (to <= from) throw new CalendarError('invalid_instant', 'the due instant is not after the start');
  return formatShanghaiInstant(from + Math.floor((to - from) * fraction));
}
