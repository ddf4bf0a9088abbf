/**
 * A civil date as the number of days since 1970-01-01. Periods are counted in whole days (Civil Code Art. 201),
 * so day arithmetic on integers keeps every host time zone and DST rule out of the count.
 */
export type CivilDay = number;

export interface CivilDateParts {
  year: number;
  month: number;
  day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian): pure integer arithmetic, so the same
// answer in Node and in the browser without going through Date and its local-time behaviour.
export function civilDayOf(year: number, month: number, day: number): CivilDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilDateOf(civilDay: CivilDay): CivilDateParts {
  const z = civilDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of a real calendar date, or undefined (2026-02-30 is not a date, not 2026-03-02). */
export function parseCivilDate(text: string): CivilDay | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const civilDay = civilDayOf(year, month, day);
  const roundTrip = civilDateOf(civilDay);
  return roundTrip.year === year && roundTrip.month === month && roundTrip.day === day ? civilDay : undefined;
}

export function formatCivilDate(civilDay: CivilDay): string {
  const { year, month, day } = civilDateOf(civilDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function yearOf(civilDay: CivilDay): number {
  return civilDateOf(civilDay).year;
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(civilDay: CivilDay): number {
  return (((civilDay + 4) % 7) + 7) % 7;
}

/** Saturday and Sunday are the weekly rest days (国务院关于职工工作时间的规定 Art. 7). */
export function isWeekend(civilDay: CivilDay): boolean {
  const weekday = weekdayOf(civilDay);
  return weekday === 0 || weekday === 6;
}

/**
 * The day `months` calendar months after `civilDay`: the same day of the month, or the month's last day when it has
 * no such day (31 January + 3 months = 30 April). A period "of three months" from that day ends on it.
 */
export function monthsLater(civilDay: CivilDay, months: number): CivilDay {
  const { year, month, day } = civilDateOf(civilDay);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const lastDay = civilDayOf(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - civilDayOf(y, m, 1);
  return civilDayOf(y, m, Math.min(day, lastDay));
}
