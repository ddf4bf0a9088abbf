import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Evidence1795622703415 implements MigrationInterface {
  name = 'Evidence1795622703415';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"evidence\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"file_name\" text NOT NULL, \"content_type\" text NOT NULL, \"size_bytes\" bigint NOT NULL, \"sha256\" text NOT NULL, \"description\" text, \"object_key\" text COLLATE \"C\" NOT NULL, \"version_id\" text, \"retain_until\" TIMESTAMP WITH TIME ZONE, \"uploaded_by\" uuid, \"uploader_role\" text NOT NULL, \"shared_with\" uuid array NOT NULL DEFAULT '{}', \"shared_with_respondent\" boolean NOT NULL DEFAULT false, \"uploaded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b864cb5d49854f89917fc0b44b9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"evidence_object_key_key\" ON \"evidence\"  (\"object_key\") ");
    await queryRunner.query("CREATE INDEX \"evidence_case_idx\" ON \"evidence\"  (\"case_id\", \"uploaded_at\", \"id\") ");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_8e209523267bb0bce6a16677cd3\" FOREIGN KEY (\"case_id\") REFERENCES \"ip_case\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_97aa6cca7071d61f33d55c38e6c\" FOREIGN KEY (\"uploaded_by\") REFERENCES \"user_account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_97aa6cca7071d61f33d55c38e6c\"");
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_8e209523267bb0bce6a16677cd3\"");
    await queryRunner.query("DROP INDEX \"public\".\"evidence_case_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"evidence_object_key_key\"");
    await queryRunner.query("DROP TABLE \"evidence\"");
  }
}
