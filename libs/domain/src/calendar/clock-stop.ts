import { CalendarError } from './calendar-error';
import { type DateOrInstant, shanghaiDayEndingBy, shanghaiDayOf, toInstant } from './shanghai-time';

/**
 * A span during which a stage's clock stood still (`awaiting_correction`, `suspended`, `awaiting_expert`):
 * that time is not charged to the period (lifecycle.md; the SAMR 行政处罚程序规定 likewise leaves appraisal and
 * similar time out of the case period).
 * `to: null` while the clock still stands.
 */
export interface ClockPause {
  from: DateOrInstant;
  to: DateOrInstant | null;
}

/** A half-open span [start, end) of instants (ms) or of civil days. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Pauses resolved for both kinds of clock.
 * - `instants`: the real time the clock stood still, for the hours clock.
 * - `days`: the days on which the clock stood still at any moment, for the day clocks. A day counts towards a
 *   period only if the clock ran for the whole of it: that is why the start day is not counted (Civil Code
 *   Art. 201), and by the same rule the day a clock stops and the day it restarts are not counted either, so a
 *   party never loses part of a day to a pause. A pause ending at exactly 00:00 ends at 24:00 of the day before.
 * - `openSince`: when the earliest still-open pause began.
 */
export interface ClockStops {
  instants: Span[];
  days: Span[];
  openSince: number | undefined;
}

export const NO_CLOCK_STOPS: ClockStops = { instants: [], days: [], openSince: undefined };

// Overlapping pauses (a suspension recorded while an expert opinion was pending) stop the clock once, not twice.
function merge(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * An open pause is treated as if the clock restarted at `now` (which it needs): the deadline so computed is the
 * earliest it can be, and it moves on every day (or hour) the clock keeps standing.
 */
export function resolveClockStops(pauses: readonly ClockPause[], now: number | undefined): ClockStops {
  const instants: Span[] = [];
  const days: Span[] = [];
  let openSince: number | undefined;
  for (const pause of pauses) {
    const start = toInstant(pause.from);
    if (pause.to === null) {
      if (now === undefined) throw new CalendarError('missing_now', 'an open clock stop needs `now`');
      const end = Math.max(now, start);
      instants.push({ start, end });
      days.push({ start: shanghaiDayOf(start), end: shanghaiDayOf(end) + 1 });
      openSince = openSince === undefined ? start : Math.min(openSince, start);
      continue;
    }
    const end = toInstant(pause.to);
    if (end < start) throw new CalendarError('invalid_pause', 'a clock stop ends before it starts');
    if (end === start) continue;
    instants.push({ start, end });
    days.push({ start: shanghaiDayOf(start), end: shanghaiDayEndingBy(end) + 1 });
  }
  return { instants: merge(instants), days: merge(days), openSince };
}
