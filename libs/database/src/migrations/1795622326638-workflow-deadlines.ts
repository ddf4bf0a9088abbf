import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkflowDeadlines1795622326638 implements MigrationInterface {
  name = 'WorkflowDeadlines1795622326638';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_deadline\" ADD \"on_expiry\" text NOT NULL DEFAULT 'breach'");
    await queryRunner.query("ALTER TABLE \"case_deadline\" ADD \"pauses\" jsonb NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"case_deadline\" ADD \"extension\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"case_deadline\" ADD \"fired_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_deadline\" DROP COLUMN \"fired_at\"");
    await queryRunner.query("ALTER TABLE \"case_deadline\" DROP COLUMN \"extension\"");
    await queryRunner.query("ALTER TABLE \"case_deadline\" DROP COLUMN \"pauses\"");
    await queryRunner.query("ALTER TABLE \"case_deadline\" DROP COLUMN \"on_expiry\"");
  }
}
