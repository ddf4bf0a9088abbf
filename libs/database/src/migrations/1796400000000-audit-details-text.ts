import { canonicalJson } from '@lyg/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_APPEND = 'audit_append(text, timestamptz, uuid, uuid, text, uuid, text, text, text, text, jsonb, text, text[], text, text, text)';
const NEW_APPEND = 'audit_append(text, timestamptz, uuid, uuid, text, uuid, text, text, text, text, text, text, text[], text, text, text)';

const appendFunction = (detailsType: 'text' | 'jsonb') => `CREATE OR REPLACE FUNCTION audit_append(
    p_genesis text, p_at timestamptz, p_case_id uuid, p_actor_id uuid, p_actor_role text, p_organization_id uuid, p_action text,
    p_from_state text, p_to_state text, p_payload_digest text, p_details ${detailsType}, p_request_id text, p_principles text[],
    p_before text, p_between text, p_after text)
  RETURNS TABLE (o_seq bigint, o_prev_hash text, o_hash text)
  LANGUAGE plpgsql VOLATILE AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(727001);
    RETURN QUERY
    WITH last AS (SELECT a.seq, a.hash FROM audit_entry a ORDER BY a.seq DESC LIMIT 1),
      head AS (SELECT coalesce((SELECT l.seq FROM last l), 0) + 1 AS seq, coalesce((SELECT l.hash FROM last l), p_genesis) AS prev)
    INSERT INTO audit_entry AS e (seq, at, case_id, actor_id, actor_role, organization_id, action, from_state, to_state, payload_digest,
      details, request_id, principles, prev_hash, hash)
    SELECT head.seq, p_at, p_case_id, p_actor_id, p_actor_role, p_organization_id, p_action, p_from_state, p_to_state, p_payload_digest,
      p_details, p_request_id, p_principles, head.prev,
      encode(sha256(convert_to(head.prev || p_before || head.prev || p_between || head.seq::text || p_after, 'UTF8')), 'hex')
    FROM head
    RETURNING e.seq, e.prev_hash, e.hash;
  END
$$`;

const BATCH = 5000;

/**
 * An audit entry's `details` are kept as the exact canonical JSON text its hash covers (text, no longer jsonb):
 * what is hashed is what is stored, byte for byte, so the chain can be recomputed by PostgreSQL itself in one
 * statement per range (libs/audit `scanChain`), several ranges at once, instead of every row travelling to Node to
 * be re-serialised. jsonb kept its own rendering (key order by length, spaces, numbers as numeric), which no
 * statement can turn back into the hashed text in general.
 *
 * Existing entries are rewritten from jsonb's rendering to the canonical text (parsed and serialised again in the
 * migration, as the verifier's exact path always did): the content and every hash stay as they were. The
 * append-only triggers are switched off for that rewrite only, inside this migration's transaction.
 */
export class AuditDetailsText1796400000000 implements MigrationInterface {
  name = 'AuditDetailsText1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS ${OLD_APPEND}`);
    await queryRunner.query('ALTER TABLE "audit_entry" ALTER COLUMN "details" TYPE text USING "details"::text');
    await queryRunner.query('ALTER TABLE "audit_entry" DISABLE TRIGGER "audit_entry_no_update_delete"');
    for (let after = '0'; ; ) {
      const rows: { seq: string; details: string }[] = await queryRunner.query(
        'SELECT a.seq::text AS seq, a.details FROM audit_entry a WHERE a.seq > $1 ORDER BY a.seq LIMIT $2',
        [after, BATCH],
      );
      if (!rows.length) break;
      const changed = rows.map((r) => ({ seq: r.seq, details: canonicalJson(JSON.parse(r.details)) })).filter((r, i) => r.details !== rows[i].details);
      if (changed.length) {
        await queryRunner.query(
          'UPDATE audit_entry a SET details = v.details FROM unnest($1::bigint[], $2::text[]) AS v(seq, details) WHERE a.seq = v.seq',
          [changed.map((r) => r.seq), changed.map((r) => r.details)],
        );
      }
      after = rows[rows.length - 1].seq;
    }
    await queryRunner.query('ALTER TABLE "audit_entry" ENABLE ALWAYS TRIGGER "audit_entry_no_update_delete"');
    await queryRunner.query(appendFunction('text'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS ${NEW_APPEND}`);
    await queryRunner.query('ALTER TABLE "audit_entry" ALTER COLUMN "details" TYPE jsonb USING "details"::jsonb');
    await queryRunner.query(appendFunction('jsonb'));
  }
}
