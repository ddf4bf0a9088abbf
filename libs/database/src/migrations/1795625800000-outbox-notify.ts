import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the mail workers (LISTEN outbox) when outbox rows are committed, whoever wrote them: one statement-level
 * trigger instead of a `pg_notify` round trip in every command. Notifications are delivered only on commit.
 */
export class OutboxNotify1795625800000 implements MigrationInterface {
  name = 'OutboxNotify1795625800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query('CREATE TRIGGER outbox_message_notify AFTER INSERT ON outbox_message FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS outbox_message_notify ON outbox_message');
    await q.query('DROP FUNCTION IF EXISTS outbox_notify()');
  }
}
