import type { DataSource, EntityManager } from 'typeorm';
import { type ChainProblem, scanChain } from './chain-scan';
import type { AuditKeyring, SignedCheckpoint } from './checkpoint';
import { type CheckpointStore, checkpointKey } from './checkpoint-store';
import { merkleRoot, MerkleTreeIncompleteError } from './merkle-store';

export type AuditProblemCode =
  | 'entry_missing'
  | 'entry_mislinked'
  | 'entry_altered'
  | 'checkpoint_mismatch'
  | 'entries_missing_after_head'
  | 'checkpoint_untrusted_key'
  | 'checkpoint_bad_signature'
  | 'checkpoint_malformed'
  | 'merkle_tree_mismatch';

export interface AuditProblem {
  code: AuditProblemCode;
  /** The entry the problem is about (the first bad one), when there is one. */
  seq: string | null;
  /** The checkpoint involved, when there is one. */
  checkpointSeq: string | null;
  message: string;
}

export interface CheckpointSummary {
  seq: string;
  hash: string;
  time: string;
  keyId: string;
  objectKey: string;
  /** Signed by a trusted key. */
  signatureValid: boolean;
  /** The entry at `seq` still has `hash` (null when not compared: the entry lies past the first bad one). */
  matches: boolean | null;
}

export interface AuditVerification {
  valid: boolean;
  /** Entries recomputed and found linked and unaltered, from the first up to the first bad one. */
  checkedEntries: number;
  /** The first entry that cannot be trusted; null when valid. */
  firstBadSeq: string | null;
  /** The newest checkpoint in the store. */
  lastCheckpoint: CheckpointSummary | null;
  headSeq: string | null;
  checkpointsStored: number;
  /** Checkpoints read and checked (the newest vouches for everything before it; more only to locate a rewrite). */
  checkpointsChecked: number;
  problem: AuditProblem | null;
  durationMs: number;
  entriesPerSecond: number;
}

const CHAIN_PROBLEMS: Record<ChainProblem, { code: AuditProblemCode; message: (seq: string) => string }> = {
  gap: { code: 'entry_missing', message: (s) => `entry ${s} is missing (deleted)` },
  link: { code: 'entry_mislinked', message: (s) => `entry ${s} does not link to the entry before it (removed, inserted or reordered entries)` },
  hash: { code: 'entry_altered', message: (s) => `entry ${s} does not match its hash (edited)` },
};

export interface VerifyOptions {
  pageSize?: number;
}

/**
 * The full check: recompute the chain in constant memory, then hold it against the signed checkpoints kept outside
 * the database. A chain that links and hashes is only as good as its head, since a hostile administrator can
 * rewrite every row with fresh hashes; the newest trusted checkpoint at or before the first bad entry vouches for
 * everything up to it (a hash chain commits to its whole prefix). When that checkpoint no longer matches, the
 * table was rewritten: a binary search over the older checkpoints finds the last one that still matches, and the
 * first bad entry is the one after it (a rewrite changes every hash from the edit on, so matches form a prefix).
 */
export async function verifyAudit(db: DataSource | EntityManager, store: CheckpointStore, keyring: AuditKeyring, opts: VerifyOptions = {}): Promise<AuditVerification> {
  const t0 = performance.now();
  const seqs = await store.listSeqs();
  const wanted = new Set(seqs);
  const hashes = new Map<string, string>();
  const scan = await scanChain(db, { pageSize: opts.pageSize, collect: { seqs: wanted, hashes } });
  const result: AuditVerification = {
    valid: scan.firstBadSeq === null,
    checkedEntries: scan.checkedEntries,
    firstBadSeq: scan.firstBadSeq,
    lastCheckpoint: null,
    headSeq: scan.headSeq,
    checkpointsStored: seqs.length,
    checkpointsChecked: 0,
    problem: scan.problem ? { code: CHAIN_PROBLEMS[scan.problem].code, seq: scan.firstBadSeq, checkpointSeq: null, message: CHAIN_PROBLEMS[scan.problem].message(scan.firstBadSeq!) } : null,
    durationMs: 0,
    entriesPerSecond: 0,
  };
  const finish = () => {
    result.durationMs = Math.round(performance.now() - t0);
    result.entriesPerSecond = result.durationMs > 0 ? Math.round((result.checkedEntries * 1000) / result.durationMs) : 0;
    return result;
  };
  const fail = (problem: AuditProblem) => {
    result.valid = false;
    result.problem = problem;
    result.firstBadSeq = problem.seq;
    return finish();
  };

  const read = async (seq: string) => {
    const doc = await store.get(seq);
    result.checkpointsChecked++;
    const check = doc ? keyring.check(doc) : ({ ok: false, reason: 'malformed' } as const);
    return { doc, check };
  };
  const signatureProblem = (seq: string, reason: 'untrusted_key' | 'bad_signature' | 'malformed'): AuditProblem => ({
    code: reason === 'untrusted_key' ? 'checkpoint_untrusted_key' : reason === 'bad_signature' ? 'checkpoint_bad_signature' : 'checkpoint_malformed',
    seq: result.firstBadSeq,
    checkpointSeq: seq,
    message:
      reason === 'untrusted_key'
        ? `checkpoint ${seq} is signed by a key that is not trusted here (AUDIT_SIGNING_KEY / AUDIT_PUBLIC_KEYS)`
        : reason === 'bad_signature'
          ? `checkpoint ${seq} does not verify: its signature does not match its content`
          : `checkpoint ${seq} is not a readable checkpoint document`,
  });
  const summary = (seq: string, doc: SignedCheckpoint | null, valid: boolean, matches: boolean | null): CheckpointSummary => ({
    seq,
    hash: doc?.hash ?? '',
    time: doc?.time ?? '',
    keyId: doc?.keyId ?? '',
    objectKey: checkpointKey(seq),
    signatureValid: valid,
    matches,
  });

  /**
   * The Merkle tree behind the inclusion proofs of transfer packages: the stored nodes must still give the signed root
   * of the newest checkpoint that matched (a few stored nodes and at most one chunk of entries are read).
   */
  const checkTree = async (seq: string, doc: SignedCheckpoint) => {
    if (doc.version !== 2 || !doc.merkleRoot) return finish();
    let root: string | null = null;
    try {
      root = (await merkleRoot(db, Number(seq))).toString('hex');
    } catch (e) {
      if (!(e instanceof MerkleTreeIncompleteError)) throw e;
    }
    if (root === doc.merkleRoot) return finish();
    result.valid = false;
    result.problem = {
      code: 'merkle_tree_mismatch',
      seq: null,
      checkpointSeq: seq,
      message: `the stored Merkle tree (audit_merkle_node) no longer gives the root signed at checkpoint ${seq}: nodes were ${root === null ? 'removed' : 'edited'}; the chain itself verifies, but inclusion proofs for transfer packages would fail`,
    };
    return finish();
  };

  if (!seqs.length) return finish();
  const newest = seqs[seqs.length - 1];
  const latest = await read(newest);
  const headSeq = BigInt(scan.headSeq ?? '0');
  const goodUpTo = scan.firstBadSeq === null ? headSeq : BigInt(scan.firstBadSeq) - 1n;
  const hashOf = (seq: string) => hashes.get(seq) ?? null;
  const matchesDoc = (seq: string, doc: SignedCheckpoint | null) => (BigInt(seq) <= goodUpTo ? doc !== null && hashOf(seq) === doc.hash : null);
  result.lastCheckpoint = summary(newest, latest.doc, latest.check.ok, latest.check.ok ? matchesDoc(newest, latest.doc) : null);
  if (!latest.check.ok) return fail(signatureProblem(newest, latest.check.reason));
  if (scan.firstBadSeq === null && BigInt(newest) > headSeq) {
    return fail({
      code: 'entries_missing_after_head',
      seq: String(headSeq + 1n),
      checkpointSeq: newest,
      message: `checkpoint ${newest} was signed over entries the table no longer has: entries from ${headSeq + 1n} are missing`,
    });
  }

  // The newest checkpoint at or before the last entry that linked and hashed.
  let hi = seqs.length - 1;
  while (hi >= 0 && BigInt(seqs[hi]) > goodUpTo) hi--;
  if (hi < 0) return finish();
  const top = seqs[hi] === newest ? latest : await read(seqs[hi]);
  if (!top.check.ok) return fail(signatureProblem(seqs[hi], top.check.reason));
  if (matchesDoc(seqs[hi], top.doc)) return checkTree(seqs[hi], top.doc!);

  // Rewritten: find the last checkpoint that still matches; everything after it is suspect.
  let lo = -1;
  let firstMismatch = hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const c = await read(seqs[mid]);
    if (!c.check.ok) return fail(signatureProblem(seqs[mid], c.check.reason));
    if (matchesDoc(seqs[mid], c.doc)) lo = mid;
    else hi = firstMismatch = mid;
  }
  const firstBad = lo >= 0 ? String(BigInt(seqs[lo]) + 1n) : '1';
  return fail({
    code: 'checkpoint_mismatch',
    seq: firstBad,
    checkpointSeq: seqs[firstMismatch],
    message:
      `the entry at checkpoint ${seqs[firstMismatch]} no longer has the signed hash: the table was rewritten after entry ` +
      `${lo >= 0 ? seqs[lo] : '0'} (the last checkpoint that still matches); entry ${firstBad} is the first that cannot be trusted`,
  });
}
