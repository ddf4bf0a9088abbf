import { type CaseDeadline, CalendarYearRow } from '@lyg/database';
import { type CalendarYear, type Clock, reminderAt, STATUTORY_CALENDAR_2024_2026, WorkingDayCalendar } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NON_QUEUE_STAGES } from './queue-stages';

/** How long a replica trusts its copy of the holiday data; an edit on another replica is seen within this time. */
const TTL_MS = 60_000;

/**
 * The working-day calendar over the holiday data in the database (administrators add a year each November).
 * Case deadlines and the public calculator both use it, so they always agree.
 */
@Injectable()
export class CalendarService {
  private cached: { calendar: WorkingDayCalendar; at: number } | null = null;
  /** Counts `forget()`s: a read that began before one does not keep what it read. */
  private generation = 0;

  constructor(private readonly ds: DataSource) {}

  /**
   * The calendar, read again when the copy is older than the TTL. Inside a transaction pass its manager: the read
   * then uses the transaction's own connection. Taking a second pooled connection while the transaction holds a
   * case's row lock starves the pool when many requests queue on that lock (each holding a connection), and they
   * all wait out the pool's connect timeout.
   */
  async calendar(m?: EntityManager): Promise<WorkingDayCalendar> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.calendar;
    const generation = this.generation;
    const rows = await (m ?? this.ds.manager).getRepository(CalendarYearRow).find({ order: { year: 'ASC' } });
    const years: CalendarYear[] = rows.length
      ? rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }))
      : STATUTORY_CALENDAR_2024_2026;
    const calendar = new WorkingDayCalendar(years);
    if (generation === this.generation) this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  /**
   * Drops this process's copy. A change of the data calls it when it begins and again once it has committed (or
   * failed): a read made meanwhile saw the old data and must not be kept for the TTL.
   */
  forget(): void {
    this.generation++;
    this.cached = null;
  }

  /**
   * Replaces one year's data after validating it together with the other years, and counts again, on the new data,
   * the running deadlines it can move: those computed on weekends only because the year was not known yet
   * (`provisional`, lifecycle.md) and those whose period runs through the year. A correction period ending on
   * 1 January 2027 counted before the 2027 notice must move to the first working day after the holiday, or the worker
   * would deem the complaint withdrawn on a public holiday. Returns how many deadlines moved. The caller calls
   * `forget()` once its transaction has ended.
   */
  async putYear(m: EntityManager, year: CalendarYear): Promise<number> {
    const others = (await m.getRepository(CalendarYearRow).find()).filter((r) => r.year !== year.year);
    // Throws a CalendarError listing every problem when the data is not usable.
    const calendar = new WorkingDayCalendar([...others.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays })), year]);
    await m.getRepository(CalendarYearRow).upsert({ year: year.year, holidays: year.holidays, workdays: year.workdays }, ['year']);
    this.forget();
    return recountDeadlines(m, calendar, year.year);
  }
}

/** Shanghai midnight opening 1 January of `year`. */
const yearStart = (year: number): Date => new Date(`${year}-01-01T00:00:00+08:00`);

/**
 * Running deadlines (not fired, clock not stopped: a stopped one is counted again when it restarts) that the year's
 * data can move, each with its case, both locked in the order commands take them (the case, then its rows).
 */
const AFFECTED_SQL = `SELECT d.id, d.case_id, d.started_at, d.period, d.extension, d.clock, d.pauses, d.due_at, d.provisional,
    to_char(d.due_date, 'YYYY-MM-DD') AS due_date
  FROM case_deadline d JOIN ip_case c ON c.id = d.case_id
  WHERE d.status = 'active' AND d.fired_at IS NULL AND d.closed_at IS NULL AND d.clock <> 'hours'
    AND (d.provisional OR (d.due_at >= $1 AND d.started_at < $2))
  ORDER BY c.id, d.id
  FOR UPDATE OF c, d`;

interface AffectedRow {
  id: string;
  case_id: string;
  started_at: Date;
  period: number;
  extension: number;
  clock: Clock;
  pauses: CaseDeadline['pauses'];
  due_at: Date;
  due_date: string;
  provisional: boolean;
}

async function recountDeadlines(m: EntityManager, calendar: WorkingDayCalendar, year: number): Promise<number> {
  const rows: AffectedRow[] = await m.query(AFFECTED_SQL, [yearStart(year), yearStart(year + 1)]);
  const moved = new Set<string>();
  let count = 0;
  for (const row of rows) {
    const due = calendar.computeDeadline({ from: row.started_at, period: row.period + row.extension, clock: row.clock, pauses: row.pauses });
    const dueAt = new Date(due.dueAt);
    if (due.dueDate === row.due_date && dueAt.getTime() === row.due_at.getTime() && due.provisional === row.provisional) continue;
    // A new due time is a new 80 % point; a reminder already sent for the old one is not repeated.
    await m.query('UPDATE case_deadline SET due_date = $2, due_at = $3, provisional = $4, reminder_at = $5 WHERE id = $1', [
      row.id, due.dueDate, dueAt, due.provisional, new Date(reminderAt(row.started_at, due.dueAt)),
    ]);
    moved.add(row.case_id);
    count++;
  }
  if (moved.size) {
    // The queue's due time follows its rows, as after every workflow step (WorkflowService).
    await m.query(
      `UPDATE ip_case c SET due_at = (SELECT min(d.due_at) FROM case_deadline d
          WHERE d.case_id = c.id AND d.status IN ('active', 'breached') AND d.closed_at IS NULL AND d.stage <> ALL($2))
        WHERE c.id = ANY($1)`,
      [[...moved], NON_QUEUE_STAGES],
    );
  }
  return count;
}
