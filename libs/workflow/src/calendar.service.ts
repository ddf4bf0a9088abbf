import { CalendarYearRow } from '@lyg/database';
import { type CalendarYear, STATUTORY_CALENDAR_2024_2026, WorkingDayCalendar } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** How long a replica trusts its copy of the holiday data; an edit on another replica is seen within this time. */
const TTL_MS = 60_000;

/**
 * The working-day calendar over the holiday data in the database (administrators add a year each November).
 * Case deadlines and the public calculator both use it, so they always agree.
 */
@Injectable()
export class CalendarService {
  private cached: { calendar: WorkingDayCalendar; at: number } | null = null;

  constructor(private readonly ds: DataSource) {}

  /**
   * The calendar, read again when the copy is older than the TTL. Inside a transaction pass its manager: the read
   * then uses the transaction's own connection. Taking a second pooled connection while the transaction holds a
   * case's row lock starves the pool when many requests queue on that lock (each holding a connection), and they
   * all wait out the pool's connect timeout.
   */
  async calendar(m?: EntityManager): Promise<WorkingDayCalendar> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.calendar;
    const rows = await (m ?? this.ds.manager).getRepository(CalendarYearRow).find({ order: { year: 'ASC' } });
    const years: CalendarYear[] = rows.length
      ? rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }))
      : STATUTORY_CALENDAR_2024_2026;
    const calendar = new WorkingDayCalendar(years);
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  /** Replaces one year's data after validating it together with the other years. */
  async putYear(m: EntityManager, year: CalendarYear): Promise<void> {
    const others = (await m.getRepository(CalendarYearRow).find()).filter((r) => r.year !== year.year);
    // Throws a CalendarError listing every problem when the data is not usable.
    new WorkingDayCalendar([...others.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays })), year]);
    await m.getRepository(CalendarYearRow).upsert({ year: year.year, holidays: year.holidays, workdays: year.workdays }, ['year']);
    this.cached = null;
  }
}
