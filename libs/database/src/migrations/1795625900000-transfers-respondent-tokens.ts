import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfer packages (JSON made in the transfer's transaction, PDF rendered after commit) and the respondent's
 * single-use answer tokens (only their SHA-256 kept).
 */
export class TransfersRespondentTokens1795625900000 implements MigrationInterface {
  name = 'TransfersRespondentTokens1795625900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"respondent_token\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"token_hash\" text NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"used_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6c7c34d516756df807c4ade4b1e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"respondent_token_case_idx\" ON \"respondent_token\"  (\"case_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"respondent_token_hash_key\" ON \"respondent_token\"  (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"transfer_package\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"agency\" text NOT NULL, \"json\" jsonb NOT NULL, \"sha256\" text NOT NULL, \"pdf_object_key\" text, \"pdf_version_id\" text, \"pdf_sha256\" text, \"pdf_size_bytes\" bigint, \"pdf_layout\" text, \"pdf_rendered_at\" TIMESTAMP WITH TIME ZONE, \"pdf_attempts\" integer NOT NULL DEFAULT '0', \"pdf_error\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6385f8f3e7c590824df274661bf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"transfer_package_pdf_pending_idx\" ON \"transfer_package\"  (\"created_at\") WHERE pdf_object_key IS NULL");
    await queryRunner.query("CREATE INDEX \"transfer_package_case_idx\" ON \"transfer_package\"  (\"case_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"respondent_token\" ADD CONSTRAINT \"FK_975ae84691176623afa7c137372\" FOREIGN KEY (\"case_id\") REFERENCES \"ip_case\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"transfer_package\" ADD CONSTRAINT \"FK_a0caeca0921e24ed55fb77a22aa\" FOREIGN KEY (\"case_id\") REFERENCES \"ip_case\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"transfer_package\" ADD CONSTRAINT \"FK_355677dc4e959ce39590396f995\" FOREIGN KEY (\"organization_id\") REFERENCES \"organization\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"transfer_package\" DROP CONSTRAINT \"FK_355677dc4e959ce39590396f995\"");
    await queryRunner.query("ALTER TABLE \"transfer_package\" DROP CONSTRAINT \"FK_a0caeca0921e24ed55fb77a22aa\"");
    await queryRunner.query("ALTER TABLE \"respondent_token\" DROP CONSTRAINT \"FK_975ae84691176623afa7c137372\"");
    await queryRunner.query("DROP INDEX \"public\".\"transfer_package_case_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"transfer_package_pdf_pending_idx\"");
    await queryRunner.query("DROP TABLE \"transfer_package\"");
    await queryRunner.query("DROP INDEX \"public\".\"respondent_token_hash_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"respondent_token_case_idx\"");
    await queryRunner.query("DROP TABLE \"respondent_token\"");
  }
}
