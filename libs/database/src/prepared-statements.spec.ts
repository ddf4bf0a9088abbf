import { prepared, statementName } from './prepared-statements';

describe('which statements the pool prepares', () => {
  it('names writes and row locks, one name per text', () => {
    const insert = 'INSERT INTO "outbox_message"("id") VALUES ($1)';
    const name = statementName(insert);
    expect(name).toMatch(/^lyg_[0-9a-f]{24}$/);
    expect(statementName(insert)).toBe(name);
    expect(statementName('INSERT INTO "outbox_message"("id", "case_id") VALUES ($1, $2)')).not.toBe(name);
    for (const text of [
      'UPDATE ip_case SET version = $2 WHERE id = $1',
      '  delete from idempotency_record where key = $1',
      'WITH closed AS (UPDATE case_deadline SET status = $2 WHERE case_id = $1) INSERT INTO case_deadline (id) VALUES ($3)',
      'SELECT "c"."id" FROM "ip_case" "c" WHERE "c"."id" = $1 FOR UPDATE',
      'SELECT id FROM outbox_message WHERE status = $1 FOR UPDATE SKIP LOCKED',
      'SELECT o_seq FROM audit_append($1, $2)',
    ]) {
      expect(statementName(text)).toMatch(/^lyg_/);
    }
  });

  it('leaves lists, searches and figures unnamed (planned for their values), unless a read is chosen', () => {
    const list = 'SELECT c.id FROM ip_case c WHERE c.organization_id = $1 ORDER BY c.created_at DESC LIMIT $2';
    expect(statementName(list)).toBeNull();
    expect(statementName('WITH cohort AS (SELECT id FROM ip_case WHERE submitted_at >= $1 AND submitted_at < $2) SELECT count(*) FROM cohort')).toBeNull();
    expect(statementName('SELECT id FROM ip_case WHERE complainant_name % $1 ORDER BY updated_at DESC')).toBeNull();
    const lookup = prepared('SELECT uscc FROM organization WHERE id = $1');
    expect(statementName(lookup)).toMatch(/^lyg_/);
  });
});
