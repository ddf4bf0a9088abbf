import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is append-only in the database itself (architecture.md, decision 4; quality.md S6):
 * - triggers refuse UPDATE and DELETE of audit rows (row triggers) and TRUNCATE (a statement trigger), for every
 *   role, the owner and superusers included, and `ENABLE ALWAYS` keeps them firing under
 *   `session_replication_role = replica`; only a superuser who disables them can change history, and the signed
 *   checkpoints in the object store catch that;
 * - the application role `lyg_app` (NOLOGIN; the app runs `SET ROLE lyg_app` through the connection's startup
 *   options, or logs in as a member of it) may read and write every table, but only INSERT and SELECT the audit
 *   tables, and only read TypeORM's migration table. Migrations run as the schema owner.
 * `audit_checkpoint` mirrors the signed checkpoints kept in the object store (their source of truth), so that the
 * latest one is one indexed read for transfer packages.
 */
export class AuditAppendOnly1795623441136 implements MigrationInterface {
  name = 'AuditAppendOnly1795623441136';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_checkpoint" (
      "seq" bigint NOT NULL,
      "hash" text NOT NULL,
      "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "key_id" text NOT NULL,
      "public_key" text NOT NULL,
      "signature" text NOT NULL,
      "object_key" text NOT NULL,
      "object_version_id" text,
      "retain_until" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("seq"))`);

    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'LA001', HINT = 'audit entries are never changed or removed; record a new entry instead';
      END
    $$`);
    for (const table of ['audit_entry', 'audit_checkpoint']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_update_delete" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      );
      await queryRunner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_no_update_delete"`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER "${table}_no_truncate"`);
    }

    // Roles are cluster-wide: another database on the server (another test run, a staging copy) may have made it.
    await queryRunner.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lyg_app') THEN
          BEGIN
            CREATE ROLE lyg_app NOLOGIN;
          EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'role lyg_app does not exist and % may not create roles: create it first (README, "Database roles")', current_user;
          END;
        END IF;
      END
    $$`);
    await queryRunner.query('GRANT USAGE ON SCHEMA public TO lyg_app');
    await queryRunner.query('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lyg_app');
    await queryRunner.query('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO lyg_app');
    await queryRunner.query('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_entry", "audit_checkpoint" FROM lyg_app');
    await queryRunner.query('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "migrations" FROM lyg_app');
    // Tables that later migrations create (run by the same owner) are the app's to read and write as well.
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lyg_app');
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO lyg_app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT, UPDATE ON SEQUENCES FROM lyg_app');
    await queryRunner.query('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM lyg_app');
    await queryRunner.query('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM lyg_app');
    await queryRunner.query('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM lyg_app');
    await queryRunner.query('REVOKE USAGE ON SCHEMA public FROM lyg_app');
    for (const table of ['audit_checkpoint', 'audit_entry']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_no_update_delete" ON "${table}"`);
    }
    await queryRunner.query('DROP FUNCTION IF EXISTS audit_refuse_change()');
    await queryRunner.query('DROP TABLE "audit_checkpoint"');
  }
}
