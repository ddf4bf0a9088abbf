// Calendar days as integers (days since 1970-01-01) so that "N days before submission" is a subtraction that never
// depends on the host's time zone: the engine runs on UTC servers and in browsers anywhere, but the rules count
// days in Asia/Shanghai (triage-rules.md). China has kept UTC+8 all year since 1991, so a fixed offset is exact.

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const number2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);
const number4 = (s: string, i: number): number => number2(s, i) * 100 + number2(s, i + 2);

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const daysInMonth = (y: number, m: number): number => (m === 2 && isLeapYear(y) ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0));

// H. Hinnant's days_from_civil: exact for the proleptic Gregorian calendar without building a Date.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function parseDatePrefix(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45) return Number.NaN;
  const year = number4(s, 0);
  const month = number2(s, 5);
  const day = number2(s, 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  return daysFromCivil(year, month, day);
}

/** The day number of a `YYYY-MM-DD` date. A malformed date is a programming error (input is validated first). */
export function dayNumberOf(isoDate: string): number {
  const day = isoDate.length === 10 ? parseDatePrefix(isoDate) : Number.NaN;
  if (Number.isNaN(day)) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return day;
}

/** `YYYY-MM-DD` of a day number (for messages). */
export function isoDateOf(dayNumber: number): string {
  const date = new Date(dayNumber * MS_PER_DAY);
  return date.toISOString().slice(0, 10);
}

const shanghaiDayOfEpochMs = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MINUTES * 60_000) / MS_PER_DAY);

// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` read by hand: Date.parse dominates the cost of a decision
// otherwise. Seconds never move an instant across a day boundary (offsets are whole minutes), so they are skipped.
function parseInstantMinutes(s: string): number {
  const day = parseDatePrefix(s);
  const sep = s.charCodeAt(10);
  if (Number.isNaN(day) || (sep !== 84 /* T */ && sep !== 32 /* space */) || s.charCodeAt(13) !== 58 /* : */) {
    return Number.NaN;
  }
  const hours = number2(s, 11);
  const minutesOfHour = number2(s, 14);
  if (!(hours <= 24 && minutesOfHour <= 59)) return Number.NaN;
  const minutes = day * 1440 + hours * 60 + minutesOfHour;
  let i = 16;
  if (s.charCodeAt(i) === 58) i += 3; // :SS
  if (s.charCodeAt(i) === 46 /* . */ || s.charCodeAt(i) === 44 /* , */) {
    i++;
    while (digit(s, i) >= 0) i++;
  }
  if (i === s.length) return minutes - SHANGHAI_OFFSET_MINUTES; // no offset: read as Shanghai wall-clock time
  const zone = s.charCodeAt(i);
  if ((zone === 90 /* Z */ || zone === 122 /* z */) && i + 1 === s.length) return minutes;
  if (zone !== 43 /* + */ && zone !== 45 /* - */) return Number.NaN;
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  if (i + 5 + colon !== s.length) return Number.NaN;
  const offset = number2(s, i + 1) * 60 + number2(s, i + 3 + colon);
  return zone === 43 ? minutes - offset : minutes + offset;
}

/**
 * The Asia/Shanghai calendar day of an instant: a Date, an ISO 8601 instant (an instant without an offset is read
 * as Shanghai time, never the host's), or a bare `YYYY-MM-DD` (already a Shanghai date).
 */
export function shanghaiDayOf(instant: string | Date): number {
  if (typeof instant !== 'string') {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('invalid Date');
    return shanghaiDayOfEpochMs(ms);
  }
  if (instant.length === 10) return dayNumberOf(instant);
  const minutes = parseInstantMinutes(instant);
  if (!Number.isNaN(minutes)) return Math.floor((minutes + SHANGHAI_OFFSET_MINUTES) / 1440);
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${instant}`);
  return shanghaiDayOfEpochMs(ms);
}
