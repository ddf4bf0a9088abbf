import type { MigrationInterface, QueryRunner } from 'typeorm';

const QUEUE_ORDER = `(coalesce("due_at", 'infinity'::timestamptz)), (-"priority"), (coalesce("submitted_at", 'infinity'::timestamptz)), "id"`;

/**
 * The lists that still read every matching case at a million (quality.md P7):
 * - the "All" queues of examiners and supervisors (and the supervisor's dashboard) are the whole table in queue
 *   order: without an index led by the order itself, every page sorted every case;
 * - an agency's inbox (`transferred_to = org`) in queue order: customs receive a tenth of all cases, which the plain
 *   `transferred_to` index found but left to be sorted; the new index (partial: most cases are never transferred)
 *   serves the scope's lookups too, so it replaces the plain one;
 * - an enterprise's search of its own cases (newest first): each matching party's page is one range of
 *   (organisation, complainant or respondent name, creation), where the organisation's index alone made every search
 *   read all the organisation's cases;
 * - the period figures (metrics) select the cases submitted in a period by `submitted_at`.
 * A stage's several states (`state=mediation`) are read as one short range of `ip_case_queue_order_idx` per state
 * (CasesService), so they need no index of their own.
 */
export class ListIndexes1796393108377 implements MigrationInterface {
  name = 'ListIndexes1796393108377';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS "ip_case_all_queue_idx" ON "ip_case" (${QUEUE_ORDER})`);
    await q.query(`CREATE INDEX IF NOT EXISTS "ip_case_transferred_queue_idx" ON "ip_case" ("transferred_to", ${QUEUE_ORDER}) WHERE "transferred_to" IS NOT NULL`);
    await q.query('DROP INDEX IF EXISTS "public"."ip_case_transferred_to_idx"');
    await q.query('CREATE INDEX IF NOT EXISTS "ip_case_org_complainant_recent_idx" ON "ip_case" ("organization_id", "complainant_name", "created_at", "id")');
    await q.query('CREATE INDEX IF NOT EXISTS "ip_case_org_respondent_recent_idx" ON "ip_case" ("organization_id", "respondent_name", "created_at", "id")');
    await q.query('CREATE INDEX IF NOT EXISTS "ip_case_submitted_at_idx" ON "ip_case" ("submitted_at")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS "public"."ip_case_submitted_at_idx"');
    await q.query('DROP INDEX IF EXISTS "public"."ip_case_org_respondent_recent_idx"');
    await q.query('DROP INDEX IF EXISTS "public"."ip_case_org_complainant_recent_idx"');
    await q.query('CREATE INDEX IF NOT EXISTS "ip_case_transferred_to_idx" ON "ip_case" ("transferred_to")');
    await q.query('DROP INDEX IF EXISTS "public"."ip_case_transferred_queue_idx"');
    await q.query('DROP INDEX IF EXISTS "public"."ip_case_all_queue_idx"');
  }
}
