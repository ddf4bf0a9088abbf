import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795621346390 implements MigrationInterface {
  name = 'Init1795621346390';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"seq\" bigint NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"case_id\" uuid, \"actor_id\" uuid, \"actor_role\" text NOT NULL, \"organization_id\" uuid, \"action\" text NOT NULL, \"from_state\" text, \"to_state\" text, \"payload_digest\" text NOT NULL, \"details\" jsonb NOT NULL, \"request_id\" text, \"principles\" text array NOT NULL, \"prev_hash\" text NOT NULL, \"hash\" text NOT NULL, CONSTRAINT \"PK_bb4ea39cbd1686232d5fdda3a01\" PRIMARY KEY (\"seq\"))");
    await queryRunner.query("CREATE INDEX \"audit_entry_case_idx\" ON \"audit_entry\"  (\"case_id\", \"seq\") ");
    await queryRunner.query("CREATE TABLE \"calendar_year\" (\"year\" integer NOT NULL, \"holidays\" jsonb NOT NULL, \"workdays\" jsonb NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4a5f5b39f8e07f51dab5be6fed9\" PRIMARY KEY (\"year\"))");
    await queryRunner.query("CREATE TABLE \"organization\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"kind\" text NOT NULL, \"uscc\" text, \"region_code\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_472c1f99a32def1b0abb219cd67\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"organization_uscc_key\" ON \"organization\"  (\"uscc\") WHERE uscc IS NOT NULL");
    await queryRunner.query("CREATE TABLE \"user_account\" (\"id\" uuid NOT NULL, \"email\" text NOT NULL, \"display_name\" text NOT NULL, \"password_hash\" text NOT NULL, \"role\" text NOT NULL, \"organization_id\" uuid, \"language\" text NOT NULL DEFAULT 'zh-CN', \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6acfec7285fdf9f463462de3e9f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"user_account_email_key\" ON \"user_account\"  (\"email\") ");
    await queryRunner.query("CREATE INDEX \"user_account_organization_idx\" ON \"user_account\"  (\"organization_id\") ");
    await queryRunner.query("CREATE TABLE \"ip_case\" (\"id\" uuid NOT NULL, \"case_number\" text, \"organization_id\" uuid NOT NULL, \"created_by\" uuid NOT NULL, \"state\" text NOT NULL, \"respondent_answer\" text, \"outcome\" text, \"route\" text, \"competent_agency\" text, \"flags\" text array NOT NULL DEFAULT '{}', \"priority\" integer NOT NULL DEFAULT '0', \"complaint\" jsonb NOT NULL, \"triage\" jsonb, \"warnings\" jsonb NOT NULL DEFAULT '[]', \"snapshot\" jsonb NOT NULL, \"assignee_id\" uuid, \"transferred_to\" uuid, \"respondent_key\" text NOT NULL, \"respondent_name_key\" text NOT NULL, \"complainant_name\" text NOT NULL, \"respondent_name\" text NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE, \"sla_breached\" boolean NOT NULL DEFAULT false, \"version\" integer NOT NULL, \"submitted_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4040f4010cfacc8934ba6fc38d6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"ip_case_case_number_key\" ON \"ip_case\"  (\"case_number\") WHERE case_number IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"ip_case_transferred_to_idx\" ON \"ip_case\"  (\"transferred_to\") ");
    await queryRunner.query("CREATE INDEX \"ip_case_respondent_key_idx\" ON \"ip_case\"  (\"respondent_key\") ");
    await queryRunner.query("CREATE INDEX \"ip_case_respondent_name_key_idx\" ON \"ip_case\"  (\"respondent_name_key\") ");
    await queryRunner.query("CREATE INDEX \"ip_case_queue_idx\" ON \"ip_case\"  (\"state\", \"due_at\", \"priority\", \"submitted_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ip_case_org_created_idx\" ON \"ip_case\"  (\"organization_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"case_deadline\" (\"id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"stage\" text NOT NULL, \"clock\" text NOT NULL, \"period\" integer NOT NULL, \"basis\" text NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"due_date\" date NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"provisional\" boolean NOT NULL, \"reminder_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"reminded_at\" TIMESTAMP WITH TIME ZONE, \"status\" text NOT NULL DEFAULT 'active', \"closed_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_628eaa021c76325a345581901c7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"case_deadline_reminder_idx\" ON \"case_deadline\"  (\"reminder_at\") WHERE status = 'active' AND reminded_at IS NULL");
    await queryRunner.query("CREATE INDEX \"case_deadline_due_idx\" ON \"case_deadline\"  (\"due_at\") WHERE status = 'active'");
    await queryRunner.query("CREATE INDEX \"case_deadline_case_idx\" ON \"case_deadline\"  (\"case_id\") ");
    await queryRunner.query("CREATE TABLE \"case_number_counter\" (\"year\" integer NOT NULL, \"last_value\" integer NOT NULL, CONSTRAINT \"PK_05931467fd562911e696a43561b\" PRIMARY KEY (\"year\"))");
    await queryRunner.query("CREATE TABLE \"idempotency_record\" (\"user_id\" uuid NOT NULL, \"key\" text NOT NULL, \"scope\" text NOT NULL, \"request_hash\" text NOT NULL, \"status_code\" integer NOT NULL, \"body\" jsonb NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_ff6ff6e4a7c261b21e30f0280a7\" PRIMARY KEY (\"user_id\", \"key\"))");
    await queryRunner.query("CREATE TABLE \"login_throttle\" (\"key\" text NOT NULL, \"failures\" integer NOT NULL, \"window_start\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_14c03bac82292a8310c54cb98d0\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE TABLE \"outbox_message\" (\"id\" uuid NOT NULL, \"case_id\" uuid, \"template\" text NOT NULL, \"recipient\" text NOT NULL, \"language\" text NOT NULL, \"data\" jsonb NOT NULL, \"message_id\" text NOT NULL, \"status\" text NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"next_attempt_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_error\" text, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2f36ee5236f2793f3e7bd554589\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_message_pending_idx\" ON \"outbox_message\"  (\"next_attempt_at\") WHERE status = 'pending'");
    await queryRunner.query("CREATE TABLE \"registered_enterprise\" (\"uscc\" text NOT NULL, \"name\" text NOT NULL, \"industries\" text array NOT NULL DEFAULT '{}', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_b235b0a28ecb43c32e1decb26ed\" PRIMARY KEY (\"uscc\"))");
    await queryRunner.query("ALTER TABLE \"user_account\" ADD CONSTRAINT \"FK_2d07ad97884d4a29df6503f55df\" FOREIGN KEY (\"organization_id\") REFERENCES \"organization\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ip_case\" ADD CONSTRAINT \"FK_2ef899a7dc8005cfcb27132f04c\" FOREIGN KEY (\"organization_id\") REFERENCES \"organization\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ip_case\" ADD CONSTRAINT \"FK_d67b0be47619337f685ded35b09\" FOREIGN KEY (\"assignee_id\") REFERENCES \"user_account\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"ip_case\" ADD CONSTRAINT \"FK_03d76ceaab58aa1ebc96696b2ad\" FOREIGN KEY (\"transferred_to\") REFERENCES \"organization\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"case_deadline\" ADD CONSTRAINT \"FK_e2b2c5afe2cf62108a17bfe746c\" FOREIGN KEY (\"case_id\") REFERENCES \"ip_case\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_deadline\" DROP CONSTRAINT \"FK_e2b2c5afe2cf62108a17bfe746c\"");
    await queryRunner.query("ALTER TABLE \"ip_case\" DROP CONSTRAINT \"FK_03d76ceaab58aa1ebc96696b2ad\"");
    await queryRunner.query("ALTER TABLE \"ip_case\" DROP CONSTRAINT \"FK_d67b0be47619337f685ded35b09\"");
    await queryRunner.query("ALTER TABLE \"ip_case\" DROP CONSTRAINT \"FK_2ef899a7dc8005cfcb27132f04c\"");
    await queryRunner.query("ALTER TABLE \"user_account\" DROP CONSTRAINT \"FK_2d07ad97884d4a29df6503f55df\"");
    await queryRunner.query("DROP TABLE \"registered_enterprise\"");
    await queryRunner.query("DROP INDEX \"public\".\"outbox_message_pending_idx\"");
    await queryRunner.query("DROP TABLE \"outbox_message\"");
    await queryRunner.query("DROP TABLE \"login_throttle\"");
    await queryRunner.query("DROP TABLE \"idempotency_record\"");
    await queryRunner.query("DROP TABLE \"case_number_counter\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_deadline_case_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_deadline_due_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_deadline_reminder_idx\"");
    await queryRunner.query("DROP TABLE \"case_deadline\"");
    await queryRunner.query("DROP INDEX \"public\".\"ip_case_org_created_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"ip_case_queue_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"ip_case_respondent_name_key_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"ip_case_respondent_key_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"ip_case_transferred_to_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"ip_case_case_number_key\"");
    await queryRunner.query("DROP TABLE \"ip_case\"");
    await queryRunner.query("DROP INDEX \"public\".\"user_account_organization_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"user_account_email_key\"");
    await queryRunner.query("DROP TABLE \"user_account\"");
    await queryRunner.query("DROP INDEX \"public\".\"organization_uscc_key\"");
    await queryRunner.query("DROP TABLE \"organization\"");
    await queryRunner.query("DROP TABLE \"calendar_year\"");
    await queryRunner.query("DROP INDEX \"public\".\"audit_entry_case_idx\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
  }
}
