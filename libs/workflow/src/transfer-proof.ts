import type { InclusionProof, SignedCheckpoint } from '@lyg/audit';
import type { PackageProofDocument } from '@lyg/domain';
import type { PackageAuditEntry } from './transfer-package';

export const TRANSFER_PROOF_FORMAT = 'lyg-ip-audit-inclusion-proof' as const;

/**
 * What ties a transfer package to the signed audit chain, entry by entry (`GET /cases/:id/transfer-package/proof`):
 * the latest signed checkpoint (version 2, with its Merkle root), an inclusion proof for every audit entry of the
 * package (the withheld ones too: their hash is enough) and for the transfer's own entry, which records the
 * package's digest and is given in full. Entries newer than the checkpoint are `pending` until the next one.
 */
export interface TransferPackageProof extends PackageProofDocument {
  format: typeof TRANSFER_PROOF_FORMAT;
  version: 1;
  merkleDefinition: string;
  /** The latest signed checkpoint with a Merkle root, or null before the first one. */
  checkpoint: SignedCheckpoint | null;
  /** The audit entry of the decision that made the package: `details.transferPackage` = `{id, sha256, …}`. */
  transferEntry: PackageAuditEntry | null;
  proofs: InclusionProof[];
}
