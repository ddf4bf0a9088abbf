// The Merkle tree over the audit chain as the worker keeps it in PostgreSQL (libs/audit merkle-store.ts): checkpoints
// across chunk boundaries sign the RFC 9162 root of every leaf; proofs read from the store verify; the stored nodes
// are append-only for the app's role; a tampered node is reported by the verification.
import {
  appendAudit,
  AuditKeyring,
  CHUNK_SIZE,
  createCheckpoint,
  generateSigningKeyPem,
  inclusionProofs,
  inMemorySubtrees,
  leafHash,
  MemoryCheckpointStore,
  merkleRoot,
  parsePrivateKey,
  treeRoot,
  verifyAudit,
} from '@lyg/audit';
import { verifyInclusion } from '@lyg/domain';
import { createDataSource } from '@lyg/database';
import type { DataSource } from 'typeorm';
import { type Scratch, scratchDatabase } from './audit-scratch';

describe('the Merkle tree of the audit chain in PostgreSQL', () => {
  let s: Scratch;
  let app: DataSource;
  const store = new MemoryCheckpointStore();
  const keyring = new AuditKeyring(parsePrivateKey(generateSigningKeyPem()));

  const appendUpTo = async (n: number) => {
    const [{ count }] = await app.query('SELECT count(*)::int AS count FROM audit_entry');
    for (let i = count; i < n; i += 50) {
      await app.transaction(async (m) => {
        for (let j = i; j < Math.min(n, i + 50); j++) {
          await appendAudit(m, { caseId: null, actorId: null, actorRole: 'system', organizationId: null, action: `entry_${j}`, fromState: null, toState: null, payload: { j }, principles: ['strict'] });
        }
      });
    }
  };
  /** The reference: RFC 9162 over every entry's hash, in memory. */
  const allLeaves = async (n: number) =>
    ((await app.query('SELECT hash FROM audit_entry WHERE seq <= $1 ORDER BY seq', [n])) as { hash: string }[]).map((r) => leafHash(r.hash));

  beforeAll(async () => {
    s = await scratchDatabase('lyg_merkle');
    app = createDataSource(s.url, 2, { role: 'lyg_app' });
    await app.initialize();
  }, 60_000);
  afterAll(async () => {
    await app?.destroy();
    await s?.drop();
  });

  it('checkpoints at sizes around the 256-entry chunks sign the root of every entry; proofs from the store verify; earlier roots stay reproducible', async () => {
    const signed: { seq: string; root: string }[] = [];
    for (const size of [1, 2, 255, 256, 257, 700, 1024, 1025]) {
      await appendUpTo(size);
      const outcome = await createCheckpoint(app, store, keyring);
      expect(outcome.status).toBe('created');
      const cp = outcome.checkpoint!;
      expect(cp).toMatchObject({ version: 2, seq: String(size) });
      const leaves = await allLeaves(size);
      expect(cp.merkleRoot).toBe(treeRoot(inMemorySubtrees(leaves), size).toString('hex'));
      expect(keyring.check(cp)).toEqual({ ok: true });
      signed.push({ seq: cp.seq, root: cp.merkleRoot! });

      const seqs = [...new Set([1, 2, Math.ceil(size / 2), size - 1, size].filter((q) => q >= 1 && q <= size))];
      const hashes: { seq: string; hash: string }[] = await app.query('SELECT seq::text AS seq, hash FROM audit_entry WHERE seq = ANY($1) ORDER BY seq', [seqs]);
      const { root, proofs } = await inclusionProofs(app, size, [...hashes, { seq: String(size + 1), hash: '00'.repeat(32) }]);
      expect(root.toString('hex')).toBe(cp.merkleRoot);
      expect(proofs.map((p) => p.seq)).toEqual(hashes.map((h) => h.seq)); // nothing for an entry past the tree
      for (const p of proofs) {
        const ok = await verifyInclusion(p.leafIndex, size, p.hash, p.path, cp.merkleRoot!);
        expect([p.seq, ok]).toEqual([p.seq, true]);
      }
    }
    // Complete chunks and complete pairs above them are stored, nothing else.
    const nodes: { level: number; n: number }[] = await app.query('SELECT level, count(*)::int AS n FROM audit_merkle_node GROUP BY level ORDER BY level');
    expect(nodes).toEqual([
      { level: 8, n: Math.floor(1025 / CHUNK_SIZE) },
      { level: 9, n: 2 },
      { level: 10, n: 1 },
    ]);
    for (const { seq, root } of signed) expect((await merkleRoot(app, Number(seq))).toString('hex')).toBe(root);
    // The store's copy verifies as a whole, tree included.
    expect(await verifyAudit(app, store, keyring)).toMatchObject({ valid: true, problem: null });
  });

  it('the stored nodes are append-only: the app role may not change them, nor may anyone with the triggers on', async () => {
    await expect(app.query('UPDATE audit_merkle_node SET hash = hash')).rejects.toThrow(/permission denied|append-only/);
    await expect(app.query('DELETE FROM audit_merkle_node')).rejects.toThrow(/permission denied|append-only/);
    await expect(s.su.query('UPDATE audit_merkle_node SET hash = hash')).rejects.toThrow(/append-only/);
    await expect(s.su.query('TRUNCATE audit_merkle_node')).rejects.toThrow(/append-only/);
  });

  it("a node edited behind the triggers' back is reported by the verification, though the chain itself verifies", async () => {
    await s.su.query('ALTER TABLE audit_merkle_node DISABLE TRIGGER audit_merkle_node_no_update_delete');
    try {
      await s.su.query("UPDATE audit_merkle_node SET hash = sha256('forged'::bytea) WHERE level = 10 AND idx = 0");
      const v = await verifyAudit(app, store, keyring);
      expect(v).toMatchObject({ valid: false, firstBadSeq: null, problem: { code: 'merkle_tree_mismatch', checkpointSeq: '1025' } });
    } finally {
      await s.su.query('ALTER TABLE audit_merkle_node ENABLE ALWAYS TRIGGER audit_merkle_node_no_update_delete');
    }
  });
});
