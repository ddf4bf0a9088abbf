import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Merkle tree over the audit chain (libs/audit `merkle.ts`), so that transfer packages can prove their audit
 * entries against a signed checkpoint without the other cases' entries:
 * - `audit_merkle_node`: the roots of the complete, aligned subtrees of 256 entries and more (level, index), added
 *   by the worker as it signs checkpoints; append-only with the audit tables' triggers, the app role may only
 *   INSERT and SELECT it;
 * - `audit_checkpoint.merkle_root`: the signed root of the tree of the checkpoint's first `seq` entries (checkpoint
 *   version 2; null for the version 1 checkpoints signed before).
 */
export class AuditMerkleTree1796400200000 implements MigrationInterface {
  name = 'AuditMerkleTree1796400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_merkle_node" (
      "level" smallint NOT NULL,
      "idx" bigint NOT NULL,
      "hash" bytea NOT NULL,
      CONSTRAINT "audit_merkle_node_pkey" PRIMARY KEY ("level", "idx"),
      CONSTRAINT "audit_merkle_node_hash_len" CHECK (octet_length("hash") = 32))`);
    await queryRunner.query(
      'CREATE TRIGGER "audit_merkle_node_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_merkle_node" FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()',
    );
    await queryRunner.query('CREATE TRIGGER "audit_merkle_node_no_truncate" BEFORE TRUNCATE ON "audit_merkle_node" FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()');
    await queryRunner.query('ALTER TABLE "audit_merkle_node" ENABLE ALWAYS TRIGGER "audit_merkle_node_no_update_delete"');
    await queryRunner.query('ALTER TABLE "audit_merkle_node" ENABLE ALWAYS TRIGGER "audit_merkle_node_no_truncate"');
    await queryRunner.query('GRANT SELECT, INSERT ON "audit_merkle_node" TO lyg_app');
    await queryRunner.query('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_merkle_node" FROM lyg_app');
    await queryRunner.query('ALTER TABLE "audit_checkpoint" ADD COLUMN "merkle_root" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "audit_checkpoint" DROP COLUMN "merkle_root"');
    await queryRunner.query('DROP TABLE "audit_merkle_node"');
  }
}
