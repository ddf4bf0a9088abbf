import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue order = stage due time, then priority (descending), then submission (triage-rules.md §5), with cases
 * without a due time last. The list query orders by exactly these expressions, so a queue page is an index range
 * scan whatever the table size; claim-next reads the partial index of open, unassigned cases.
 */
export class QueueIndexes1795625500000 implements MigrationInterface {
  name = 'QueueIndexes1795625500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS "ip_case_queue_idx"');
    await q.query(`CREATE INDEX "ip_case_queue_order_idx" ON "ip_case"
      ("state", (coalesce("due_at", 'infinity'::timestamptz)), (-"priority"), (coalesce("submitted_at", 'infinity'::timestamptz)), "id")`);
    await q.query(`CREATE INDEX "ip_case_unassigned_queue_idx" ON "ip_case"
      ("state", (coalesce("due_at", 'infinity'::timestamptz)), (-"priority"), (coalesce("submitted_at", 'infinity'::timestamptz)), "id")
      WHERE "assignee_id" IS NULL AND "closed_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS "ip_case_unassigned_queue_idx"');
    await q.query('DROP INDEX IF EXISTS "ip_case_queue_order_idx"');
    await q.query('CREATE INDEX "ip_case_queue_idx" ON "ip_case" ("state", "due_at", "priority", "submitted_at", "id")');
  }
}
