import { STATUTORY_CALENDAR_2024_2026 } from '@lyg/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The State Council holiday notices for 2024–2026 (lifecycle.md); later years are added by administrators. */
export class StatutoryCalendar1795621400000 implements MigrationInterface {
  name = 'StatutoryCalendar1795621400000';

  async up(q: QueryRunner): Promise<void> {
    for (const y of STATUTORY_CALENDAR_2024_2026) {
      await q.query('INSERT INTO calendar_year (year, holidays, workdays) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING', [
        y.year,
        JSON.stringify(y.holidays),
        JSON.stringify(y.workdays),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM calendar_year WHERE year IN (2024, 2025, 2026)');
  }
}
