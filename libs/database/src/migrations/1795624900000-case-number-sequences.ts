import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Years with a case-number sequence; a later year needs a migration (or `CREATE SEQUENCE case_number_<year>`). */
const FIRST_YEAR = 2024;
const LAST_YEAR = 2060;

/**
 * Case numbers from one sequence per year (`case_number_<year>`) instead of a locked counter row: `nextval` never
 * blocks, so concurrent submissions no longer queue behind one row lock until commit. Numbers stay unique and
 * increasing; a submission that fails after taking its number leaves a gap, as a paper register would.
 */
export class CaseNumberSequences1795624900000 implements MigrationInterface {
  name = 'CaseNumberSequences1795624900000';

  async up(q: QueryRunner): Promise<void> {
    const counters: { year: number; last_value: number }[] = await q.query('SELECT year, last_value FROM case_number_counter');
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      const last = counters.find((c) => c.year === y)?.last_value ?? 0;
      await q.query(`CREATE SEQUENCE IF NOT EXISTS case_number_${y} MINVALUE 1 MAXVALUE 999999 NO CYCLE`);
      if (last > 0) await q.query(`SELECT setval('case_number_${y}', $1)`, [last]);
    }
    await q.query('DROP TABLE case_number_counter');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE "case_number_counter" ("year" integer NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_05931467fd562911e696a43561b" PRIMARY KEY ("year"))');
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      await q.query(
        `INSERT INTO case_number_counter (year, last_value) SELECT ${y}, last_value FROM case_number_${y} WHERE is_called`,
      );
      await q.query(`DROP SEQUENCE IF EXISTS case_number_${y}`);
    }
  }
}
