import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations can be deactivated (an agency merged away, an enterprise that left): none of their accounts can sign
 * in or use a token any more, cases are no longer transferred to them, and their staff leave the assignee lists.
 * Their cases and history stay as they are; reactivation restores access.
 */
export class OrganizationActive1796400100000 implements MigrationInterface {
  name = 'OrganizationActive1796400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization" ADD "active" boolean NOT NULL DEFAULT true');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "active"');
  }
}
