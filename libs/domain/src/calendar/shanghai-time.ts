import { CalendarError } from './calendar-error';
import { type CivilDay, formatCivilDate, parseCivilDate } from './civil-date';

/** A `YYYY-MM-DD` date, an ISO 8601 instant, or a Date. */
export type DateOrInstant = Date | string;

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

// Periods end at 24:00 Asia/Shanghai whatever the zone of the server or the browser. China has kept UTC+8
// without daylight saving since 1991, so a fixed offset is exact for every date this system handles.
const SHANGHAI_OFFSET_MS = 8 * MS_PER_HOUR;
const SHANGHAI_OFFSET = '+08:00';

const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function parseOffsetMs(offset: string | undefined): number | undefined {
  // An instant written without an offset is read as Asia/Shanghai wall time, the only zone of this system;
  // letting Date read it in the host's zone would make the deadline depend on where the code runs.
  if (offset === undefined) return SHANGHAI_OFFSET_MS;
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * MS_PER_HOUR + minutes * 60_000);
}

/**
 * Milliseconds since the epoch. A bare date means 00:00 Asia/Shanghai of that day (an hour period "from a date"
 * starts when the day starts, Civil Code Art. 201(2)).
 */
export function toInstant(input: DateOrInstant): number {
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) throw new CalendarError('invalid_instant', 'Invalid Date');
    return ms;
  }
  const match = INSTANT_PATTERN.exec(input);
  const civilDay = match ? parseCivilDate(match[1]) : undefined;
  if (!match || civilDay === undefined) throw new CalendarError('invalid_instant', `not an ISO 8601 instant: ${input}`);
  const [hours, minutes, seconds] = [Number(match[2] ?? 0), Number(match[3] ?? 0), Number(match[4] ?? 0)];
  const millis = Number((match[5] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetMs = parseOffsetMs(match[6]);
  if (hours > 23 || minutes > 59 || seconds > 59 || offsetMs === undefined) {
    throw new CalendarError('invalid_instant', `not an ISO 8601 instant: ${input}`);
  }
  return civilDay * MS_PER_DAY + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offsetMs;
}

/** The Asia/Shanghai date on which the instant falls. */
export function shanghaiDayOf(instant: number): CivilDay {
  return Math.floor((instant + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/**
 * The last Asia/Shanghai day that has begun before the instant: 00:00 of a day is 24:00 of the day before
 * (a period ends "at 24:00 of its last day", Civil Code Art. 203), so it belongs to the earlier day.
 */
export function shanghaiDayEndingBy(instant: number): CivilDay {
  return Math.ceil((instant + SHANGHAI_OFFSET_MS) / MS_PER_DAY) - 1;
}

/** 00:00 Asia/Shanghai of the day, as an instant. */
export function startOfShanghaiDay(civilDay: CivilDay): number {
  return civilDay * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** A `YYYY-MM-DD` date as itself; an instant as its Asia/Shanghai date. */
export function toCivilDay(input: DateOrInstant): CivilDay {
  if (typeof input === 'string') {
    const civilDay = parseCivilDate(input);
    if (civilDay !== undefined) return civilDay;
    if (!input.includes('T') && !input.includes('t') && !input.includes(' ')) {
      throw new CalendarError('invalid_date', `not a YYYY-MM-DD date: ${input}`);
    }
  }
  return shanghaiDayOf(toInstant(input));
}

/** The Asia/Shanghai date (`YYYY-MM-DD`) of an instant or a date. */
export function shanghaiDateOf(input: DateOrInstant): string {
  return formatCivilDate(toCivilDay(input));
}

/** ISO 8601 with the +08:00 offset, the form in which the API shows every instant; milliseconds only if any. */
export function formatShanghaiInstant(instant: number): string {
  const local = instant + SHANGHAI_OFFSET_MS;
  const civilDay = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - civilDay * MS_PER_DAY;
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const hours = Math.floor(msOfDay / MS_PER_HOUR);
  const minutes = Math.floor((msOfDay % MS_PER_HOUR) / 60_000);
  const seconds = Math.floor((msOfDay % 60_000) / 1000);
  const millis = msOfDay % 1000;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${formatCivilDate(civilDay)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}${SHANGHAI_OFFSET}`;
}
