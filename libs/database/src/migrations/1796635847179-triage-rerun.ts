import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TriageRerun1796635847179 implements MigrationInterface {
  name = 'TriageRerun1796635847179';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"triage_rerun\" (\"id\" uuid NOT NULL, \"cause_case_id\" uuid NOT NULL, \"requested_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"lease_until\" TIMESTAMP WITH TIME ZONE, \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"done_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_bab2de7aa8d2d2335df130858d9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"triage_rerun_pending_idx\" ON \"triage_rerun\"  (\"requested_at\") WHERE done_at IS NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"triage_rerun_pending_idx\"");
    await queryRunner.query("DROP TABLE \"triage_rerun\"");
  }
}
