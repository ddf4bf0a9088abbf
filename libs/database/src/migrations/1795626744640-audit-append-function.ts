import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_append(...)`: one round trip for an audit append (libs/audit `appendAudit`). It takes the chain's advisory
 * lock, then, in a statement of its own (a VOLATILE function's statements each see a fresh snapshot, so the head it
 * reads is the one the previous lock holder committed), inserts the entry after the head with
 * `hash = sha256(prevHash + canonical JSON)`: the caller sends the canonical text in three pieces around `prevHash`
 * and `seq`. Invoker's rights: the app role's INSERT on audit_entry is what it uses. The verifier recomputes every
 * hash itself (node:crypto), so nothing here is trusted by verification.
 */
export class AuditAppendFunction1795626744640 implements MigrationInterface {
  name = 'AuditAppendFunction1795626744640';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_append(
        p_genesis text, p_at timestamptz, p_case_id uuid, p_actor_id uuid, p_actor_role text, p_organization_id uuid, p_action text,
        p_from_state text, p_to_state text, p_payload_digest text, p_details jsonb, p_request_id text, p_principles text[],
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
    $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP FUNCTION IF EXISTS audit_append(text, timestamptz, uuid, uuid, text, uuid, text, text, text, text, jsonb, text, text[], text, text, text)',
    );
  }
}
