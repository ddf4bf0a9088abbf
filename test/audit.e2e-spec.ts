import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  appendAudit,
  AuditChainBrokenError,
  auditedTransaction,
  checkpointKey,
  generateSigningKeyPem,
  keyIdOf,
  latestCheckpoint,
  parsePrivateKey,
  parsePublicKey,
  publicKeyBase64,
  type RawAuditRow,
  rowHash,
  type ScanOptions,
  scanChain,
  type SignedCheckpoint,
  verifyChain,
} from '@lyg/audit';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { createPublicKey } from 'node:crypto';
import { auditVerifyCommand } from '../apps/api/src/audit/audit-verify';
import { CheckpointScheduler } from '../apps/worker/src/checkpoints/checkpoint-scheduler';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { type Scratch, scratchDatabase, testS3 } from './audit-scratch';
import { exampleComplaint } from './support/complaints';
import { createUser, startTestApp, testConfig, type TestApp, type TestUser } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

const KEY_A = generateSigningKeyPem();
const KEY_B = generateSigningKeyPem();
const publicOf = (pem: string) => publicKeyBase64(createPublicKey(parsePrivateKey(pem)));

/** Postgres error of a refused statement: its SQLSTATE and message. */
async function refusal(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (e) {
    const err = e as { code?: string; driverError?: { code?: string }; message: string };
    return { code: err.code ?? err.driverError?.code ?? '?', message: err.message };
  }
  throw new Error('the statement was not refused');
}

describe('audit log integrity (S6): append-only, signed checkpoints, verification', () => {
  let s: Scratch;
  let t: TestApp;
  let c: Cast;
  let admin: TestUser;
  let worker: INestApplicationContext;
  const env = () => ({ DATABASE_URL: s.url, S3_BUCKET: s.bucket });
  const verify = async (app: TestApp = t, u: TestUser = c.supervisor) => {
    const res = await app.http().get('/api/v1/audit/verify').set('authorization', `Bearer ${u.token}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  /**
   * The chain scan in PostgreSQL (one range, and ranges of three on two connections), in pages decoded here (pages of
   * three), and row by row: one verdict.
   */
  const everyPath = async (expected: { firstBadSeq: string; problem: string }) => {
    const paths: ScanOptions[] = [{ mode: 'sql' }, { mode: 'sql', connections: 2, rangeSize: 3 }, { mode: 'pages', pageSize: 3 }, { mode: 'rows' }];
    for (const opts of paths) expect(await scanChain(t.ds, opts)).toMatchObject(expected);
  };
  const count = async () => Number((await s.su.query('SELECT count(*) AS n FROM audit_entry')).rows[0].n);
  const someCases = async (n: number) => {
    const w = actor(t);
    for (let i = 0; i < n; i++) {
      const sub = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
      expect((await w.act(c.examiner, sub.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' })).status).toBe(200);
    }
  };
  /** The hostile administrator: a superuser who disables the triggers, tampers, and (for the next case) puts it back. */
  const tamper = async (sql: (su: Scratch['su']) => Promise<void>) => {
    await s.su.query('DROP TABLE IF EXISTS saved; CREATE TEMP TABLE saved AS SELECT * FROM audit_entry');
    await s.su.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_delete, DISABLE TRIGGER audit_entry_no_truncate');
    await sql(s.su);
  };
  const restore = async () => {
    await s.su.query('DELETE FROM audit_entry; INSERT INTO audit_entry SELECT * FROM saved');
    await s.su.query('ALTER TABLE audit_entry ENABLE ALWAYS TRIGGER audit_entry_no_update_delete, ENABLE ALWAYS TRIGGER audit_entry_no_truncate');
    expect(await verify()).toMatchObject({ valid: true, firstBadSeq: null });
  };
  /** Rewrites every entry from `fromSeq` on with fresh, self-consistent hashes (after `edit` changed one). */
  const rehashFrom = async (fromSeq: number) => {
    const { rows } = await s.su.query(
      `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, case_id AS "caseId", actor_id AS "actorId",
              actor_role AS "actorRole", organization_id AS "organizationId", action, from_state AS "fromState", to_state AS "toState",
              payload_digest AS "payloadDigest", details::jsonb AS details, request_id AS "requestId", principles, prev_hash AS "prevHash"
       FROM audit_entry ORDER BY audit_entry.seq`,
    );
    let prev = rows[0].prevHash as string;
    for (const r of rows as Omit<RawAuditRow, 'hash'>[]) {
      if (Number(r.seq) >= fromSeq) {
        const hash = rowHash({ ...r, prevHash: prev });
        await s.su.query('UPDATE audit_entry SET prev_hash = $1, hash = $2 WHERE seq = $3', [prev, hash, r.seq]);
        prev = hash;
      } else {
        prev = (await s.su.query('SELECT hash FROM audit_entry WHERE seq = $1', [r.seq])).rows[0].hash;
      }
    }
  };

  beforeAll(async () => {
    s = await scratchDatabase('lyg_audit');
    t = await startTestApp({ ...env(), AUDIT_SIGNING_KEY: KEY_A });
    c = await cast(t);
    admin = await createUser(t, 'admin', null, 'zh-CN', { login: false });
    worker = await NestFactory.createApplicationContext(WorkerModule.register(testConfig({ ...env(), AUDIT_SIGNING_KEY: KEY_A, WORKER_POLL_MS: '0' })), { logger: false });
    await someCases(3);
  }, 90_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await s?.drop();
  });

  describe('the application role (lyg_app)', () => {
    it('is the role the app’s connections run as', async () => {
      const [row] = await t.ds.query('SELECT current_user AS "user", session_user AS "session"');
      expect(row.user).toBe('lyg_app');
    });

    it('may append and read audit entries', async () => {
      const before = await count();
      await t.ds.transaction((m) =>
        appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'role_probe', fromState: null, toState: null, payload: null, principles: ['broad'] }),
      );
      expect(await count()).toBe(before + 1);
    });

    it.each([
      ['UPDATE', 'UPDATE audit_entry SET action = action'],
      ['DELETE', 'DELETE FROM audit_entry'],
      ['TRUNCATE', 'TRUNCATE audit_entry'],
      ['UPDATE of a checkpoint', 'UPDATE audit_checkpoint SET hash = hash'],
      ['DELETE of a checkpoint', 'DELETE FROM audit_checkpoint'],
      ['TRUNCATE of the checkpoints', 'TRUNCATE audit_checkpoint'],
    ])('may not %s (permission denied)', async (_, sql) => {
      // Straight through the app's own connection pool (TypeORM's, started with `role=lyg_app`).
      const pool = (t.ds.driver as unknown as { master: { query(sql: string): Promise<unknown> } }).master;
      const err = await refusal(() => pool.query(sql));
      expect(err.code).toBe('42501');
      expect(err.message).toMatch(/permission denied/);
    });

    it('still updates and deletes the other tables it works on', async () => {
      await expect(t.ds.query('UPDATE ip_case SET version = version WHERE false')).resolves.toBeDefined();
      await expect(t.ds.query('DELETE FROM idempotency_record WHERE false')).resolves.toBeDefined();
      const pool = (t.ds.driver as unknown as { master: { query(sql: string): Promise<unknown> } }).master;
      expect((await refusal(() => pool.query('DELETE FROM migrations WHERE false'))).code).toBe('42501');
    });
  });

  describe('the verifier', () => {
    it('reads pages fast and row by row alike, whatever the entries hold (quotes, separators, control characters, NUL, lone surrogates, any script)', async () => {
      const odd = ['say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', 'sep\u001fin\u001efield', '\u001d', '', '连云港 知识产权', 'emoji 🚢', 'NULL', '{a,b}', 'nul\u0000byte', 'lone \ud800 surrogate'];
      const random = fc.sample(fc.record({ action: fc.string({ unit: 'binary', maxLength: 12 }), details: fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })) }), 30);
      const facts = [
        ...odd.map((x, i) => ({ action: x || 'empty', details: { [x]: x, n: [1, 0.1, -0, 1e21, 123456789012345], nested: { z: [x, null], a: true }, i } })),
        ...random.map((r) => ({ action: r.action || 'random', details: r.details as Record<string, unknown> })),
      ];
      for (const f of facts) {
        await t.ds.transaction((m) =>
          appendAudit(m, { caseId: null, actorId: null, actorRole: f.action.slice(0, 5) || 'r', organizationId: null, action: f.action, fromState: f.action, toState: null, payload: f, details: f.details, requestId: f.action || null, principles: ['broad'] }),
        );
      }
      const fast = await scanChain(t.ds);
      const slow = await scanChain(t.ds, { mode: 'rows' });
      // PostgreSQL writes every one of these entries as contentJson does: nothing needed a second look.
      expect(fast).toMatchObject({ firstBadSeq: null, checkedEntries: await count(), recheckedEntries: 0 });
      expect(slow).toEqual(fast);
      // Small pages and ranges, so that their boundaries fall everywhere; ranges on several connections at once.
      expect(await scanChain(t.ds, { mode: 'pages' })).toEqual(fast);
      expect(await scanChain(t.ds, { mode: 'pages', pageSize: 7 })).toEqual(fast);
      expect(await scanChain(t.ds, { rangeSize: 7, connections: 3 })).toEqual(fast);
      expect(await scanChain(t.ds, { rangeSize: 7, connections: 1 })).toEqual(fast);
    });
  });

  describe('appending', () => {
    it('concurrent appends never fork the chain: 40 transactions at once, one after another in the chain', async () => {
      const before = await count();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.ds.transaction(async (m) => {
            await m.query('SELECT pg_sleep(0.005)');
            await appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: `concurrent_${i}`, fromState: null, toState: null, payload: { i }, principles: ['fast'] });
          }),
        ),
      );
      expect(await count()).toBe(before + 40);
      expect(await scanChain(t.ds)).toMatchObject({ firstBadSeq: null, checkedEntries: before + 40 });
    });

    it('appends sent with the COMMIT in one message keep any text exactly (quotes, backslashes, $1, statement separators), and verify', async () => {
      const before = await count();
      const hostile = ["it's", 'back\\slash \\x27', "'); DROP TABLE audit_entry; --", '$1 $2 $$ $16', 'E\'\\\'', '连云港 “引号”', 'line\nbreak;COMMIT'];
      const facts = hostile.map((x, i) => ({
        caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: `inline_${i}`, fromState: x, toState: null,
        payload: { x }, details: { x, [x]: [x, i] }, requestId: x, principles: ['strict' as const],
      }));
      const value = await auditedTransaction(t.ds, async (m) => {
        await m.query('SELECT 1');
        return { value: 'done', audits: facts };
      });
      expect(value).toBe('done');
      const rows: { action: string; from_state: string; request_id: string; details: string }[] = await t.ds.query(
        "SELECT action, from_state, request_id, details FROM audit_entry WHERE action LIKE 'inline_%' ORDER BY audit_entry.seq",
      );
      expect(rows.map((r) => [r.from_state, r.request_id, JSON.parse(r.details)])).toEqual(hostile.map((x, i) => [x, x, { x, [x]: [x, i] }]));
      expect(await count()).toBe(before + hostile.length);
      expect(await scanChain(t.ds)).toMatchObject({ firstBadSeq: null, checkedEntries: before + hostile.length, recheckedEntries: 0 });
    });

    it('an audited transaction whose append fails commits nothing of its work', async () => {
      const before = await count();
      const marker = `failed-append-${Date.now()}`;
      await expect(
        auditedTransaction(t.ds, async (m) => {
          await m.query("INSERT INTO registered_enterprise (uscc, name) VALUES ('91320700MA1NPQ0U5X', $1)", [marker]);
          // An actor id that is not a uuid: the append itself fails, in the message with the COMMIT.
          return { value: 1, audits: [{ caseId: null, actorId: 'not-a-uuid', actorRole: 'system', organizationId: null, action: 'bad', fromState: null, toState: null, payload: null, principles: ['fast' as const] }] };
        }),
      ).rejects.toThrow(/uuid/);
      expect(await t.ds.query('SELECT 1 FROM registered_enterprise WHERE name = $1', [marker])).toHaveLength(0);
      expect(await count()).toBe(before);
      // The connection went back to the pool clean: the next transaction on it works.
      await auditedTransaction(t.ds, async () => ({ value: 0, audits: [{ caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'after_failed', fromState: null, toState: null, payload: null, principles: ['fast' as const] }] }));
      expect(await count()).toBe(before + 1);
    });

    it('a rolled-back append leaves no trace and no gap', async () => {
      const before = await count();
      await expect(
        t.ds.transaction(async (m) => {
          await appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'rolled_back', fromState: null, toState: null, payload: null, principles: ['fast'] });
          throw new Error('the change it records failed');
        }),
      ).rejects.toThrow('the change it records failed');
      await t.ds.transaction((m) => appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: 'after_rollback', fromState: null, toState: null, payload: null, principles: ['fast'] }));
      expect(await count()).toBe(before + 1);
      expect((await scanChain(t.ds)).firstBadSeq).toBeNull();
    });
  });

  describe('the triggers, even for a superuser', () => {
    it.each([
      ['UPDATE', 'UPDATE audit_entry SET action = $$forged$$ WHERE seq = 1'],
      ['DELETE', 'DELETE FROM audit_entry WHERE seq = 1'],
      ['TRUNCATE', 'TRUNCATE audit_entry'],
      ['UPDATE as a replica (session_replication_role)', 'SET session_replication_role = replica; UPDATE audit_entry SET action = $$forged$$ WHERE seq = 1'],
    ])('refuse %s', async (_, sql) => {
      const err = await refusal(() => s.su.query(sql));
      await s.su.query('SET session_replication_role = origin');
      expect(err.code).toBe('LA001');
      expect(err.message).toMatch(/audit log is append-only/);
    });

    it('left the chain as it was', async () => {
      expect(await verify()).toMatchObject({ valid: true, firstBadSeq: null, checkedEntries: await count() });
    });
  });

  describe('checkpoints', () => {
    it('are signed on demand (admin) over the head, written to the object store with the public key, and recorded', async () => {
      const head = (await s.su.query('SELECT max(seq)::text AS seq FROM audit_entry')).rows[0].seq;
      const res = await t.http().post('/api/v1/audit/checkpoints').set('authorization', `Bearer ${admin.token}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'created', checkpoint: { seq: head, algorithm: 'Ed25519', objectKey: checkpointKey(head) } });
      const object = await testS3().send(new GetObjectCommand({ Bucket: s.bucket, Key: checkpointKey(head) }));
      const doc = JSON.parse(await object.Body!.transformToString()) as SignedCheckpoint;
      expect(doc).toMatchObject({ seq: head, hash: res.body.checkpoint.hash, publicKey: publicOf(KEY_A), keyId: keyIdOf(parsePublicKey(publicOf(KEY_A))) });
      expect((await latestCheckpoint(t.ds))?.seq).toBe(head);
      // The signing is itself audited, as the admin's action.
      const [entry] = (await s.su.query("SELECT actor_id, principles FROM audit_entry WHERE action = 'audit_checkpoint_signed'")).rows;
      expect(entry).toMatchObject({ actor_id: admin.id, principles: ['broad'] });
    });

    it('are signed by the worker when the head moved, and only then', async () => {
      const scheduler = worker.get(CheckpointScheduler);
      const first = await scheduler.runOnce();
      expect(first.status).toBe('created');
      expect((await scheduler.runOnce()).status).toBe('unchanged');
      await someCases(2);
      const next = await scheduler.runOnce();
      expect(next.status).toBe('created');
      expect(BigInt(next.checkpoint!.seq)).toBe(BigInt((await s.su.query('SELECT max(seq) AS m FROM audit_entry')).rows[0].m));
      const res = await t.http().get('/api/v1/audit/checkpoints/latest').set('authorization', `Bearer ${c.supervisor.token}`);
      expect(res.body.checkpoint).toMatchObject({ seq: next.checkpoint!.seq, hash: next.checkpoint!.hash });
    });

    it('every entry has a principle; a submission carrying the triage verdict is broad, fast and equal', async () => {
      expect((await s.su.query("SELECT count(*)::int AS n FROM audit_entry WHERE principles = '{}'")).rows[0].n).toBe(0);
      const [submit] = (await s.su.query("SELECT principles FROM audit_entry WHERE action = 'submit' AND details::jsonb ? 'triage' LIMIT 1")).rows;
      expect(submit.principles).toEqual(expect.arrayContaining(['broad', 'fast', 'equal']));
    });
  });

  describe('verification', () => {
    it('GET /audit/verify: valid, every entry checked, the last checkpoint named (supervisor and admin only)', async () => {
      const body = await verify();
      const last = await latestCheckpoint(t.ds);
      expect(body).toMatchObject({ valid: true, firstBadSeq: null, checkedEntries: await count(), lastCheckpoint: { seq: last!.seq, hash: last!.hash, signatureValid: true, matches: true } });
      expect((await verify(t, admin)).valid).toBe(true);
      for (const u of [c.examiner, c.enterprise, c.police]) {
        expect((await t.http().get('/api/v1/audit/verify').set('authorization', `Bearer ${u.token}`)).status).toBe(403);
      }
      expect((await t.http().get('/api/v1/audit/verify')).status).toBe(401);
    });

    it('an edited entry is named', async () => {
      await tamper((su) => su.query(`UPDATE audit_entry SET details = '{"action":"accept","route":"mediation"}' WHERE seq = 5`).then(() => undefined));
      expect(await verify()).toMatchObject({ valid: false, firstBadSeq: '5', checkedEntries: 4, problem: { code: 'entry_altered' } });
      await everyPath({ firstBadSeq: '5', problem: 'hash' });
      await restore();
    });

    it('details written out differently but meaning the same (as jsonb rendered them before migration AuditDetailsText) are re-checked exactly and pass; any other field edited is named on every path', async () => {
      const [row] = (await s.su.query("SELECT seq::text AS seq, details FROM audit_entry WHERE details LIKE '{\"%,%}' ORDER BY audit_entry.seq LIMIT 1")).rows as { seq: string; details: string }[];
      expect(row).toBeDefined();
      await tamper((su) => su.query('UPDATE audit_entry SET details = (details::jsonb)::text WHERE seq = $1', [row.seq]).then(() => undefined));
      const rendered = (await s.su.query('SELECT details FROM audit_entry WHERE seq = $1', [row.seq])).rows[0].details as string;
      expect(rendered).not.toBe(row.details);
      const scan = await scanChain(t.ds, { rangeSize: 4, connections: 2 });
      expect(scan).toMatchObject({ firstBadSeq: null, checkedEntries: await count() });
      expect(scan.recheckedEntries).toBeGreaterThan(0);
      expect(scan.recheckedEntries).toBeLessThanOrEqual(4);
      expect((await verify()).valid).toBe(true);
      await restore();

      const fields = ['actor_role', 'action', 'from_state', 'to_state', 'payload_digest', 'request_id'];
      for (const field of fields) {
        await tamper((su) => su.query(`UPDATE audit_entry SET ${field} = coalesce(${field}, '') || 'x' WHERE seq = 7`).then(() => undefined));
        await everyPath({ firstBadSeq: '7', problem: 'hash' });
        await restore();
      }
      await tamper((su) => su.query("UPDATE audit_entry SET at = at + interval '1 millisecond', principles = principles || '{equal}'::text[] WHERE seq = 8").then(() => undefined));
      await everyPath({ firstBadSeq: '8', problem: 'hash' });
      await restore();
    });

    it('a deleted entry is named', async () => {
      await tamper((su) => su.query('DELETE FROM audit_entry WHERE seq = 6').then(() => undefined));
      expect(await verify()).toMatchObject({ valid: false, firstBadSeq: '6', problem: { code: 'entry_missing' } });
      await everyPath({ firstBadSeq: '6', problem: 'gap' });
      await restore();
    });

    it('two swapped entries: the first of them is named', async () => {
      await tamper(async (su) => {
        await su.query('UPDATE audit_entry SET seq = -3 WHERE seq = 3');
        await su.query('UPDATE audit_entry SET seq = 3 WHERE seq = 4');
        await su.query('UPDATE audit_entry SET seq = 4 WHERE seq = -3');
      });
      expect(await verify()).toMatchObject({ valid: false, firstBadSeq: '3', problem: { code: 'entry_mislinked' } });
      await everyPath({ firstBadSeq: '3', problem: 'link' });
      await restore();
    });

    it('the whole table rewritten with fresh hashes: the chain links, but the signed checkpoints catch it at entry 1', async () => {
      await tamper(async (su) => {
        await su.query("UPDATE audit_entry SET actor_role = 'admin' WHERE seq = 1");
        await rehashFrom(1);
      });
      expect(await verifyChain(t.ds.manager)).toMatchObject({ valid: true });
      expect(await verify()).toMatchObject({ valid: false, firstBadSeq: '1', problem: { code: 'checkpoint_mismatch' }, lastCheckpoint: { signatureValid: true, matches: false } });
      await restore();
    });

    it('a rewrite after a checkpoint: the first entry after the last checkpoint that still matches is named', async () => {
      const seqs = (await s.su.query('SELECT seq::text AS seq FROM audit_checkpoint ORDER BY audit_checkpoint.seq')).rows.map((r) => r.seq as string);
      expect(seqs.length).toBeGreaterThanOrEqual(3);
      const kept = seqs[seqs.length - 2];
      const from = Number(kept) + 1;
      await tamper(async (su) => {
        await su.query(`UPDATE audit_entry SET details = '{"forged":true}' WHERE seq = $1`, [from]);
        await rehashFrom(from);
      });
      expect(await verify()).toMatchObject({ valid: false, firstBadSeq: String(from), problem: { code: 'checkpoint_mismatch', checkpointSeq: seqs[seqs.length - 1] } });
      await restore();
    });

    it('entries removed from the end, behind a checkpoint: named from the first missing one', async () => {
      const last = (await latestCheckpoint(t.ds))!.seq;
      await tamper((su) => su.query('DELETE FROM audit_entry WHERE seq >= $1', [Number(last) - 1]).then(() => undefined));
      expect(await verify()).toMatchObject({ valid: false, firstBadSeq: String(Number(last) - 1), problem: { code: 'entries_missing_after_head' } });
      await restore();
    });

    it('the worker refuses to sign over an edited entry', async () => {
      await someCases(1);
      const head = Number((await s.su.query('SELECT max(seq) AS m FROM audit_entry')).rows[0].m);
      await tamper((su) => su.query(`UPDATE audit_entry SET action = 'forged' WHERE seq = $1`, [head]).then(() => undefined));
      await expect(worker.get(CheckpointScheduler).runOnce()).rejects.toBeInstanceOf(AuditChainBrokenError);
      const res = await t.http().post('/api/v1/audit/checkpoints').set('authorization', `Bearer ${admin.token}`);
      expect(res.status).toBe(409);
      await restore();
    });

    it('checkpoints verified with a wrong key fail; the old key trusted through AUDIT_PUBLIC_KEYS passes', async () => {
      const other = await startTestApp({ ...env(), AUDIT_SIGNING_KEY: KEY_B });
      const rotated = await startTestApp({ ...env(), AUDIT_SIGNING_KEY: KEY_B, AUDIT_PUBLIC_KEYS: publicOf(KEY_A) });
      try {
        const body = await verify(other);
        expect(body).toMatchObject({ valid: false, problem: { code: 'checkpoint_untrusted_key' }, lastCheckpoint: { signatureValid: false } });
        expect(await verify(rotated)).toMatchObject({ valid: true });
      } finally {
        await other.close();
        await rotated.close();
      }
    });

    it('a checkpoint object altered in the store fails its signature', async () => {
      const last = (await latestCheckpoint(t.ds))!;
      const s3 = testS3();
      const key = checkpointKey(last.seq);
      const original = await (await s3.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }))).Body!.transformToString();
      await s3.send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: JSON.stringify({ ...JSON.parse(original), hash: 'f'.repeat(64) }) }));
      try {
        expect(await verify()).toMatchObject({ valid: false, problem: { code: 'checkpoint_bad_signature', checkpointSeq: last.seq } });
      } finally {
        await s3.send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: original }));
        s3.destroy();
      }
      expect((await verify()).valid).toBe(true);
    });

    it('npm run audit:verify: exit 0 when valid, 1 with the first bad entry when not', async () => {
      const cli = async () => {
        let out = '';
        const code = await auditVerifyCommand(['--json'], {
          NODE_ENV: 'test',
          DATABASE_URL: s.url,
          S3_ENDPOINT: process.env.TEST_S3_URL,
          S3_ACCESS_KEY: process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER',
          S3_SECRET_KEY: process.env.TEST_S3_SECRET_KEY ?? 'S3RVER',
          S3_BUCKET: s.bucket,
          SMTP_URL: process.env.TEST_SMTP_URL,
          AUDIT_SIGNING_KEY: KEY_A,
        }, { out: (x) => void (out += x), err: () => undefined });
        return { code, result: JSON.parse(out) };
      };
      expect(await cli()).toMatchObject({ code: 0, result: { valid: true, firstBadSeq: null } });
      await tamper((su) => su.query(`UPDATE audit_entry SET principles = '{strict}' WHERE seq = 2`).then(() => undefined));
      expect(await cli()).toMatchObject({ code: 1, result: { valid: false, firstBadSeq: '2' } });
      await restore();
    });

    it('the object store down: 503, not a verdict', async () => {
      const down = await startTestApp({ ...env(), AUDIT_SIGNING_KEY: KEY_A, S3_ENDPOINT: 'http://127.0.0.1:9' });
      try {
        const res = await down.http().get('/api/v1/audit/verify').set('authorization', `Bearer ${c.supervisor.token}`);
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      } finally {
        await down.close();
      }
    });
  });
});
