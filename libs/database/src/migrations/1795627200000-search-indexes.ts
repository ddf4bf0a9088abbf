import type { MigrationInterface, QueryRunner } from 'typeorm';

const QUEUE_ORDER = `(coalesce("due_at", 'infinity'::timestamptz)), (-"priority"), (coalesce("submitted_at", 'infinity'::timestamptz)), "id"`;

/**
 * Lists and search that stay fast at a million cases (quality.md P7):
 * - `assignee=me` in queue order: one index range per assignee, in the order the list sorts by;
 * - `?q=` by party name: a search term is first matched against `party_name`, the distinct names of every case's
 *   complainant and respondent (a `pg_trgm` index answers `ILIKE '%term%'` on a few hundred thousand names); for
 *   each matching name the first page of its cases in queue order is one short range of (name, queue order), so a
 *   party with thousands of cases costs what a party with three does.
 * `party_name` is filled by a trigger on every insert or rename, so no write path has to remember it. There is no
 * trigram index on the case table itself: its rows are rewritten by every workflow action, and each rewrite would add
 * a few dozen trigram entries per name. Terms shorter than three characters (no trigram) and terms naming more
 * parties than a search reads one by one are matched on the case table as before (pg_bigm would index them).
 */
export class SearchIndexes1795627200000 implements MigrationInterface {
  name = 'SearchIndexes1795627200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query(`CREATE INDEX IF NOT EXISTS "ip_case_assignee_queue_idx" ON "ip_case" ("assignee_id", ${QUEUE_ORDER}) WHERE "assignee_id" IS NOT NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS "ip_case_complainant_queue_idx" ON "ip_case" ("complainant_name", ${QUEUE_ORDER})`);
    await q.query(`CREATE INDEX IF NOT EXISTS "ip_case_respondent_queue_idx" ON "ip_case" ("respondent_name", ${QUEUE_ORDER})`);

    await q.query('CREATE TABLE "party_name" ("name" text NOT NULL, CONSTRAINT "party_name_pkey" PRIMARY KEY ("name"))');
    // Without a pending list: names are added rarely, and a search must not scan a list of unmerged entries.
    await q.query('CREATE INDEX "party_name_trgm_idx" ON "party_name" USING gin ("name" gin_trgm_ops) WITH (fastupdate = off)');
    // The lookup always goes through the trigram index: under a LIMIT the planner expects a sequential scan to stop
    // early, but a rare term makes it read every name (and ILIKE on CJK text is slow), which grows with the table.
    await q.query(`CREATE OR REPLACE FUNCTION party_names_like(pattern text, max_names int) RETURNS SETOF text
      LANGUAGE sql STABLE SET enable_seqscan = off
      AS $$ SELECT name FROM party_name WHERE name ILIKE pattern LIMIT max_names $$`);
    await q.query(`CREATE OR REPLACE FUNCTION ip_case_party_names() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO party_name (name) VALUES (NEW.complainant_name), (NEW.respondent_name) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END
    $$`);
    await q.query(`CREATE TRIGGER "ip_case_party_names" AFTER INSERT OR UPDATE OF "complainant_name", "respondent_name" ON "ip_case"
      FOR EACH ROW EXECUTE FUNCTION ip_case_party_names()`);
    // The application role writes it through the trigger and reads it when searching (default privileges cover
    // tables made later by the same owner; this covers an owner that did not set them).
    await q.query(`DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lyg_app') THEN GRANT SELECT, INSERT ON "party_name" TO lyg_app; END IF;
      END $$`);
    await q.query(`INSERT INTO party_name (name) SELECT complainant_name FROM ip_case UNION SELECT respondent_name FROM ip_case ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS "ip_case_party_names" ON "ip_case"');
    await q.query('DROP FUNCTION IF EXISTS ip_case_party_names()');
    await q.query('DROP FUNCTION IF EXISTS party_names_like(text, int)');
    await q.query('DROP TABLE IF EXISTS "party_name"');
    for (const ix of ['ip_case_respondent_queue_idx', 'ip_case_complainant_queue_idx', 'ip_case_assignee_queue_idx']) {
      await q.query(`DROP INDEX IF EXISTS "${ix}"`);
    }
  }
}
