import type { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH, scanChain } from './chain-scan';
import { type AuditKeyring, CHECKPOINT_TYPE, type SignedCheckpoint } from './checkpoint';
import { type CheckpointStore } from './checkpoint-store';
import { extendMerkleTree, merkleRoot } from './merkle-store';

/** Only one process signs at a time (any number of workers may run). */
const CHECKPOINT_LOCK = 727002;

export interface CheckpointRecord extends SignedCheckpoint {
  objectKey: string;
  objectVersionId: string | null;
  retainUntil: string | null;
}

export class AuditChainBrokenError extends Error {
  override name = 'AuditChainBrokenError';
  constructor(
    readonly firstBadSeq: string,
    readonly problem: string,
  ) {
    super(`audit chain broken at entry ${firstBadSeq} (${problem}): no checkpoint is signed over it`);
  }
}

interface CheckpointRow {
  seq: string;
  hash: string;
  signed_at: Date;
  key_id: string;
  public_key: string;
  signature: string;
  object_key: string;
  object_version_id: string | null;
  retain_until: Date | null;
  merkle_root: string | null;
}

const SELECT = `SELECT c.seq::text AS seq, c.hash, c.merkle_root, c.signed_at, c.key_id, c.public_key, c.signature, c.object_key, c.object_version_id, c.retain_until FROM audit_checkpoint c`;

const toRecord = (r: CheckpointRow): CheckpointRecord => ({
  type: CHECKPOINT_TYPE,
  version: r.merkle_root === null ? 1 : 2,
  seq: r.seq,
  hash: r.hash,
  ...(r.merkle_root === null ? {} : { merkleRoot: r.merkle_root }),
  time: new Date(r.signed_at).toISOString(),
  algorithm: 'Ed25519',
  keyId: r.key_id,
  publicKey: r.public_key,
  signature: r.signature,
  objectKey: r.object_key,
  objectVersionId: r.object_version_id,
  retainUntil: r.retain_until ? new Date(r.retain_until).toISOString() : null,
});

/**
 * The latest signed checkpoint (from the database's copy of the object-store documents), for transfer packages:
 * a receiving agency checks the package's audit excerpt against it. Null before the first checkpoint.
 */
export async function latestCheckpoint(db: DataSource | EntityManager): Promise<CheckpointRecord | null> {
  const [row]: CheckpointRow[] = await db.query(`${SELECT} ORDER BY c.seq DESC LIMIT 1`);
  return row ? toRecord(row) : null;
}

export interface CheckpointOutcome {
  /** `created`: a new head was signed; `unchanged`: the head is the latest checkpoint's; `empty`: no entries yet; `busy`: another process is signing. */
  status: 'created' | 'unchanged' | 'empty' | 'busy';
  checkpoint: CheckpointRecord | null;
}

/**
 * Signs the chain head and writes it to the store, then records it in `audit_checkpoint`. Before signing, the
 * entries since the previous checkpoint are re-verified (its row must still carry its hash, and the chain from there
 * must link and hash), so an edit made since is never signed over; a broken chain throws `AuditChainBrokenError`.
 */
export async function createCheckpoint(ds: DataSource, store: CheckpointStore, keyring: AuditKeyring, now: Date = new Date()): Promise<CheckpointOutcome> {
  return ds.transaction(async (m) => {
    const [{ locked }]: { locked: boolean }[] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [CHECKPOINT_LOCK]);
    if (!locked) return { status: 'busy', checkpoint: await latestCheckpoint(m) };
    const [head]: { seq: string; hash: string }[] = await m.query('SELECT a.seq::text AS seq, a.hash FROM audit_entry a ORDER BY a.seq DESC LIMIT 1');
    const previous = await latestCheckpoint(m);
    if (!head) return { status: 'empty', checkpoint: previous };
    if (previous && previous.seq === head.seq) return { status: 'unchanged', checkpoint: previous };

    let afterSeq: string | undefined;
    let prevHash = GENESIS_HASH;
    if (previous && BigInt(previous.seq) > BigInt(head.seq)) {
      throw new AuditChainBrokenError(String(BigInt(head.seq) + 1n), 'entries up to the previous checkpoint are missing');
    }
    if (previous) {
      const [row]: { hash: string }[] = await m.query('SELECT hash FROM audit_entry WHERE seq = $1', [previous.seq]);
      if (!row || row.hash !== previous.hash) throw new AuditChainBrokenError(previous.seq, 'checkpointed entry changed or missing');
      afterSeq = previous.seq;
      prevHash = previous.hash;
    }
    const scan = await scanChain(m, { afterSeq, prevHash, untilSeq: head.seq });
    if (scan.firstBadSeq !== null) throw new AuditChainBrokenError(scan.firstBadSeq, scan.problem ?? 'broken');

    // The Merkle tree over the verified chain: its new complete subtrees stored, the root of the first `seq` entries signed.
    await extendMerkleTree(m, Number(head.seq));
    const root = (await merkleRoot(m, Number(head.seq))).toString('hex');
    const cp = keyring.sign({ ...head, merkleRoot: root }, now);
    const ref = await store.put(cp);
    await m.query(
      `INSERT INTO audit_checkpoint (seq, hash, merkle_root, signed_at, key_id, public_key, signature, object_key, object_version_id, retain_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (seq) DO NOTHING`,
      [cp.seq, cp.hash, root, cp.time, cp.keyId, cp.publicKey, cp.signature, ref.key, ref.versionId, ref.retainUntil],
    );
    return {
      status: 'created',
      checkpoint: { ...cp, objectKey: ref.key, objectVersionId: ref.versionId, retainUntil: ref.retainUntil?.toISOString() ?? null },
    };
  });
}
