import { AuditKeyring, canonicalJson, type InclusionProof, leafHash, type SignedCheckpoint, sha256Hex, verifyInclusion } from '@lyg/audit';
import type { KeyObject } from 'node:crypto';
import { type PackageAuditEntry, type TransferPackageDocument, type WithheldAuditEntry } from './transfer-package';

export const TRANSFER_PROOF_FORMAT = 'lyg-ip-audit-inclusion-proof' as const;

/**
 * What ties a transfer package to the signed audit chain, entry by entry (`GET /cases/:id/transfer-package/proof`):
 * the latest signed checkpoint (version 2, with its Merkle root), an inclusion proof for every audit entry of the
 * package (the withheld ones too: their hash is enough) and for the transfer's own entry, which records the
 * package's digest and is given in full. Entries newer than the checkpoint are `pending` until the next one.
 */
export interface TransferPackageProof {
  format: typeof TRANSFER_PROOF_FORMAT;
  version: 1;
  packageId: string;
  packageSha256: string;
  merkleDefinition: string;
  /** The latest signed checkpoint with a Merkle root, or null before the first one. */
  checkpoint: SignedCheckpoint | null;
  /** The audit entry of the decision that made the package: `details.transferPackage` = `{id, sha256, …}`. */
  transferEntry: PackageAuditEntry | null;
  proofs: InclusionProof[];
  /** Entries of the package (or the transfer's) after the checkpoint: proven once the next checkpoint is signed. */
  pending: string[];
}

export interface TransferVerification {
  /** Everything checked and nothing pending. */
  valid: boolean;
  digestMatches: boolean;
  /** Entries whose hash was recomputed from their content (all but the withheld). */
  entriesRecomputed: number;
  withheldEntries: number;
  /** Consecutive entries (seq n, n + 1) whose link was checked. */
  linksChecked: number;
  checkpoint: { seq: string; keyId: string; trusted: boolean } | null;
  /** Entries of the package shown to be in the signed tree. */
  entriesProven: number;
  transferEntryProven: boolean;
  pending: string[];
  problems: string[];
}

const entryContentHash = (e: PackageAuditEntry) => {
  const { hash: _hash, ...content } = e;
  return sha256Hex(e.prevHash + canonicalJson(content));
};

/**
 * The receiving agency's check of a package (the body of `GET /cases/:id/transfer-package`) and its proof, with the
 * public keys it trusts for the center's checkpoints; uses nothing from the center but these documents. Each
 * problem found is named; `valid` only when there are none and nothing is pending.
 */
export function verifyTransferPackage(
  pkg: { id?: string; sha256: string; document: TransferPackageDocument },
  proof: TransferPackageProof,
  trustedKeys: readonly KeyObject[],
): TransferVerification {
  const problems: string[] = [];
  const doc = pkg.document;
  const digestMatches = sha256Hex(canonicalJson(doc)) === pkg.sha256;
  if (!digestMatches) problems.push('the package document does not match its SHA-256 digest');
  if (proof.packageSha256 !== pkg.sha256 || proof.packageId !== doc.packageId) problems.push('the proof is for another package');

  const entries: (PackageAuditEntry | WithheldAuditEntry)[] = doc.audit?.entries ?? [];
  let recomputed = 0;
  let withheld = 0;
  let links = 0;
  let previous: { seq: string; hash: string } | null = null;
  for (const e of entries) {
    if ('withheld' in e) withheld++;
    else {
      recomputed++;
      if (entryContentHash(e) !== e.hash) problems.push(`audit entry ${e.seq} does not match its hash`);
    }
    if (previous && BigInt(e.seq) === BigInt(previous.seq) + 1n) {
      links++;
      if (e.prevHash !== previous.hash) problems.push(`audit entry ${e.seq} does not link to entry ${previous.seq}`);
    }
    previous = e;
  }

  const cp = proof.checkpoint;
  let trusted = false;
  if (!cp) problems.push('no signed checkpoint yet: nothing can be proven');
  else {
    const check = new AuditKeyring(null, trustedKeys).check(cp);
    trusted = check.ok;
    if (!check.ok) problems.push(`the checkpoint is not acceptable: ${check.reason}`);
    else if (cp.version !== 2 || !cp.merkleRoot) problems.push('the checkpoint has no Merkle root (version 1)');
  }
  const size = cp ? Number(cp.seq) : 0;
  const root = cp?.merkleRoot ? Buffer.from(cp.merkleRoot, 'hex') : null;
  const pending = new Set(proof.pending ?? []);
  const bySeq = new Map((proof.proofs ?? []).map((p) => [p.seq, p]));
  const proven = (seq: string, hash: string): boolean => {
    const p = bySeq.get(seq);
    if (!p || !root || !trusted) return false;
    return verifyInclusion(
      Number(seq) - 1,
      size,
      leafHash(hash),
      p.path.map((h) => Buffer.from(h, 'hex')),
      root,
    );
  };
  let entriesProven = 0;
  for (const e of entries) {
    if (pending.has(e.seq) && BigInt(e.seq) > BigInt(cp?.seq ?? '0')) continue;
    if (proven(e.seq, e.hash)) entriesProven++;
    else if (cp && trusted) problems.push(`audit entry ${e.seq} is not proven to be in the chain signed at ${cp.seq}`);
  }

  const t = proof.transferEntry;
  let transferEntryProven = false;
  if (!t) problems.push('the proof has no transfer entry');
  else {
    const recorded = (t.details as { transferPackage?: { id?: string; sha256?: string } }).transferPackage;
    if (entryContentHash(t) !== t.hash) problems.push(`the transfer entry ${t.seq} does not match its hash`);
    else if (recorded?.id !== doc.packageId || recorded?.sha256 !== pkg.sha256) problems.push(`the transfer entry ${t.seq} records another package`);
    else if (!(pending.has(t.seq) && BigInt(t.seq) > BigInt(cp?.seq ?? '0'))) {
      transferEntryProven = proven(t.seq, t.hash);
      if (!transferEntryProven && cp && trusted) problems.push(`the transfer entry ${t.seq} is not proven to be in the chain signed at ${cp.seq}`);
    }
  }
  const stillPending = [...pending].filter((s) => BigInt(s) > BigInt(cp?.seq ?? '0'));
  return {
    valid: problems.length === 0 && stillPending.length === 0,
    digestMatches,
    entriesRecomputed: recomputed,
    withheldEntries: withheld,
    linksChecked: links,
    checkpoint: cp ? { seq: cp.seq, keyId: cp.keyId, trusted } : null,
    entriesProven,
    transferEntryProven,
    pending: stillPending,
    problems,
  };
}
