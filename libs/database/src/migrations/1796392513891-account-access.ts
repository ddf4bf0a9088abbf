import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account access that an administrator controls: the version access tokens are checked against (raised on
 * deactivation, password reset or change, role or organisation change, so that older tokens stop working at once)
 * and the flag that makes a one-time password good only for choosing a new one.
 */
export class AccountAccess1796392513891 implements MigrationInterface {
  name = 'AccountAccess1796392513891';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"user_account\" ADD \"token_version\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"user_account\" ADD \"password_change_required\" boolean NOT NULL DEFAULT false");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"user_account\" DROP COLUMN \"password_change_required\"");
    await queryRunner.query("ALTER TABLE \"user_account\" DROP COLUMN \"token_version\"");
  }
}
