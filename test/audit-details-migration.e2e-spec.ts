// Migration AuditDetailsText on a database that already holds a chain: the details kept as jsonb become the exact
// canonical text their hashes cover, every hash stays as it was, and PostgreSQL's own recomputation (the verifier's
// `sql` path) then finds every entry intact without a second look.
import { appendAudit, canonicalJson, scanChain } from '@lyg/audit';
import { AuditEntry, dataSourceOptions } from '@lyg/database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { AuditDetailsText1796400000000 } from '../libs/database/src/migrations/1796400000000-audit-details-text';

describe('migration AuditDetailsText on an existing chain', () => {
  const name = `audit_mig_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(process.env.TEST_DB_URL!);
  url.pathname = `/${name}`;
  const admin = () => new Client({ connectionString: process.env.TEST_DB_URL });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('rewrites jsonb renderings as the hashed canonical text, keeps every hash, and the chain verifies in PostgreSQL', async () => {
    const i = MIGRATIONS.indexOf(AuditDetailsText1796400000000);
    expect(i).toBeGreaterThan(0);
    const before = new DataSource({ ...dataSourceOptions(url.toString(), 2), migrations: MIGRATIONS.slice(0, i) });
    await before.initialize();
    const details = [
      { b: 1, a: 'x y', nested: { z: [1, 0.5, null], y: true } },
      { 长: '连云港', long_key_first: 1, k: 1e21, small: 1e-7 },
      {},
      { route: 'fast_track', note: 'say "hi"\nthere' },
    ];
    try {
      await before.runMigrations({ transaction: 'each' });
      expect((await before.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'audit_entry' AND column_name = 'details'"))[0].data_type).toBe('jsonb');
      for (let k = 0; k < 12; k++) {
        await before.transaction((m) =>
          appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: `before_${k}`, fromState: null, toState: null, payload: { k }, details: details[k % details.length], principles: ['strict'] }),
        );
      }
      // jsonb renders most of these otherwise than the hash saw them (key order by length, spaces, numbers).
      const rendered: { details: string; action: string }[] = await before.query("SELECT details::text AS details, action FROM audit_entry WHERE action LIKE 'before_%' ORDER BY seq");
      expect(rendered).toHaveLength(12);
      expect(rendered.filter((r, k) => r.details !== canonicalJson(details[k % details.length])).length).toBeGreaterThanOrEqual(6);
    } finally {
      await before.destroy();
    }

    const after = new DataSource(dataSourceOptions(url.toString(), 3));
    await after.initialize();
    try {
      const hashesBefore: { seq: string; hash: string }[] = await after.query('SELECT seq::text AS seq, hash FROM audit_entry ORDER BY audit_entry.seq');
      expect(await after.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length - i);
      const rows: { seq: string; hash: string; details: string; type: string; action: string }[] = await after.query(
        'SELECT seq::text AS seq, hash, details, pg_typeof(details)::text AS type, action FROM audit_entry ORDER BY audit_entry.seq',
      );
      expect(rows.map((r) => ({ seq: r.seq, hash: r.hash }))).toEqual(hashesBefore);
      const ours = rows.filter((r) => r.action.startsWith('before_'));
      expect(ours).toHaveLength(12);
      ours.forEach((r, k) => {
        expect(r.type).toBe('text');
        expect(r.details).toBe(canonicalJson(details[k % details.length]));
      });
      const scan = await scanChain(after, { connections: 2, rangeSize: 5 });
      expect(scan).toMatchObject({ firstBadSeq: null, checkedEntries: rows.length, recheckedEntries: 0 });
      // The entity reads the text back as the object it was.
      const entity = await after.getRepository(AuditEntry).findOneByOrFail({ seq: ours[1].seq });
      expect(entity.details).toEqual(JSON.parse(canonicalJson(details[1])));
      // Appends after the migration still verify, and the table is append-only again.
      await after.transaction((m) => appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'after', fromState: null, toState: null, payload: null, details: { z: 1, a: 2 }, principles: ['fast'] }));
      expect(await scanChain(after)).toMatchObject({ firstBadSeq: null, checkedEntries: rows.length + 1, recheckedEntries: 0 });
      await expect(after.query("UPDATE audit_entry SET details = '{}' WHERE seq = 1")).rejects.toThrow(/append-only/);
    } finally {
      await after.destroy();
    }
  });
});
