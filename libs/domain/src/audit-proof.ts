// The receiving agency's check of a transfer package against the center's signed audit chain, with Web Crypto only
// (`globalThis.crypto.subtle`: Node 20 and every current browser), so that `npm run transfer:verify` and the web
// UI's "check integrity" run this one implementation. Definitions: docs/audit.md ("Merkle tree"), RFC 9162 §2.1.
import { canonicalJson } from './canonical-json';

/** An audit entry as a package carries it (every hashed field; a withheld one only its place, action and hashes). */
export interface ProofAuditEntry {
  seq: string;
  prevHash: string;
  hash: string;
  withheld?: string;
  details?: unknown;
}

export interface ProofCheckpoint {
  type: string;
  version: number;
  seq: string;
  hash: string;
  merkleRoot?: string;
  time: string;
  keyId: string;
  signature: string;
}

/** What `GET /cases/:id/transfer-package/proof` answers (libs/workflow `TransferPackageProof`). */
export interface PackageProofDocument {
  packageId: string;
  packageSha256: string;
  checkpoint: ProofCheckpoint | null;
  transferEntry: ProofAuditEntry | null;
  proofs: { seq: string; path: string[] }[];
  pending: string[];
}

/** What `GET /cases/:id/transfer-package` answers, as far as the check reads it. */
export interface PackageForCheck {
  sha256: string;
  document: { packageId: string; audit: { entries: readonly ProofAuditEntry[] } };
}

/** A public key the receiver trusts for checkpoints: its id and its SPKI DER in base64 (`GET /audit/public-keys`). */
export interface TrustedKey {
  keyId: string;
  publicKey: string;
}

export type SignatureVerdict = 'valid' | 'untrusted_key' | 'bad_signature' | 'malformed' | 'unsupported';

export interface TransferVerification {
  /** Everything checked and nothing pending. */
  valid: boolean;
  digestMatches: boolean;
  /** Entries whose hash was recomputed from their content (all but the withheld). */
  entriesRecomputed: number;
  withheldEntries: number;
  /** Consecutive entries (seq n, n + 1) whose link was checked. */
  linksChecked: number;
  /** Entries shown to be in the signed tree. */
  entriesProven: number;
  badEntries: string[];
  badLinks: string[];
  notProven: string[];
  transferEntry: 'proven' | 'pending' | 'mismatch' | 'missing';
  checkpoint: { seq: string; keyId: string; signature: SignatureVerdict } | null;
  /** Entries newer than the checkpoint: proven once the next one is signed. */
  pending: string[];
  /** Each problem found, named (empty when valid or only pending). */
  problems: string[];
}

const subtle = () => globalThis.crypto.subtle;
const utf8 = (s: string) => new TextEncoder().encode(s);
const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const fromBase64 = (b: string) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const HEX64 = /^[0-9a-f]{64}$/;

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await subtle().digest('SHA-256', all));
}

/** An audit entry's hash from its content: sha256(prevHash + canonicalJson(entry without hash)). */
export async function auditEntryHash(e: ProofAuditEntry): Promise<string> {
  const { hash: _hash, ...content } = e;
  return toHex(await sha256(utf8(e.prevHash + canonicalJson(content))));
}

/**
 * RFC 9162 §2.1.3.2: does `path` (sibling hashes, hex, from the leaf up) prove that the entry with hash `entryHash`
 * is leaf `index` of the tree of `size` leaves with root `rootHex`? Leaf = sha256(0x00 || entry hash).
 */
export async function verifyInclusion(index: number, size: number, entryHash: string, path: readonly string[], rootHex: string): Promise<boolean> {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  if (!HEX64.test(entryHash) || !HEX64.test(rootHex) || !path.every((p) => HEX64.test(p))) return false;
  let fn = index;
  let sn = size - 1;
  let r = await sha256(new Uint8Array([0]), fromHex(entryHash));
  for (const hex of path) {
    const p = fromHex(hex);
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(new Uint8Array([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = await sha256(new Uint8Array([1]), r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && toHex(r) === rootHex;
}

/** The bytes a checkpoint's Ed25519 signature covers (libs/audit `checkpointSigningInput`). */
export function checkpointSignedText(cp: ProofCheckpoint): string {
  return canonicalJson(
    cp.version === 2
      ? { type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, merkleRoot: cp.merkleRoot, time: cp.time, keyId: cp.keyId }
      : { type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, time: cp.time, keyId: cp.keyId },
  );
}

async function checkSignature(cp: ProofCheckpoint, trusted: readonly TrustedKey[]): Promise<SignatureVerdict> {
  if (cp.type !== 'lyg-ip-audit-checkpoint' || (cp.version !== 1 && cp.version !== 2) || !/^\d+$/.test(cp.seq) || !HEX64.test(cp.hash)) return 'malformed';
  if (cp.version === 2 && !HEX64.test(cp.merkleRoot ?? '')) return 'malformed';
  const key = trusted.find((k) => k.keyId === cp.keyId);
  if (!key) return 'untrusted_key';
  const k = await subtle()
    .importKey('spki', fromBase64(key.publicKey), { name: 'Ed25519' }, false, ['verify'])
    .catch(() => null);
  if (!k) return 'unsupported';
  try {
    return (await subtle().verify({ name: 'Ed25519' }, k, fromBase64(cp.signature), utf8(checkpointSignedText(cp)))) ? 'valid' : 'bad_signature';
  } catch {
    return 'bad_signature';
  }
}

/**
 * The whole check of a package and its proof with the keys the receiver trusts (never the key a document carries):
 * the document's digest, every entry's hash (all but the withheld) and link, every entry's inclusion in the signed
 * tree, the transfer entry recording this package's id and digest, and the checkpoint's signature.
 */
export async function verifyTransferPackage(pkg: PackageForCheck, proof: PackageProofDocument, trusted: readonly TrustedKey[]): Promise<TransferVerification> {
  const problems: string[] = [];
  const doc = pkg.document;
  const digestMatches = toHex(await sha256(utf8(canonicalJson(doc)))) === pkg.sha256;
  if (!digestMatches) problems.push('the package document does not match its SHA-256 digest');
  if (proof.packageSha256 !== pkg.sha256 || proof.packageId !== doc.packageId) problems.push('the proof is for another package');

  const entries = doc.audit?.entries ?? [];
  const badEntries: string[] = [];
  const badLinks: string[] = [];
  let recomputed = 0;
  let withheld = 0;
  let links = 0;
  for (const [i, e] of entries.entries()) {
    if (e.withheld) withheld++;
    else {
      recomputed++;
      if ((await auditEntryHash(e)) !== e.hash) {
        badEntries.push(e.seq);
        problems.push(`audit entry ${e.seq} does not match its hash`);
      }
    }
    const prev = entries[i - 1];
    if (prev && Number(e.seq) === Number(prev.seq) + 1) {
      links++;
      if (e.prevHash !== prev.hash) {
        badLinks.push(e.seq);
        problems.push(`audit entry ${e.seq} does not link to entry ${prev.seq}`);
      }
    }
  }

  const cp = proof.checkpoint;
  const signature = cp ? await checkSignature(cp, trusted) : null;
  if (!cp) problems.push('no signed checkpoint yet: nothing can be proven');
  else if (signature === 'unsupported') problems.push('this runtime cannot check Ed25519 signatures');
  else if (signature !== 'valid') problems.push(`the checkpoint is not acceptable: ${signature}`);
  else if (cp.version !== 2) problems.push('the checkpoint has no Merkle root (version 1)');
  const usable = cp !== null && signature === 'valid' && cp.version === 2;
  const covered = (seq: string) => cp !== null && Number(seq) <= Number(cp.seq);
  const paths = new Map((proof.proofs ?? []).map((p) => [p.seq, p.path]));
  const proven = async (seq: string, hash: string) =>
    usable && paths.has(seq) && (await verifyInclusion(Number(seq) - 1, Number(cp.seq), hash, paths.get(seq)!, cp.merkleRoot!));

  let entriesProven = 0;
  const notProven: string[] = [];
  for (const e of entries) {
    if (!covered(e.seq)) continue;
    if (await proven(e.seq, e.hash)) entriesProven++;
    else {
      notProven.push(e.seq);
      if (usable) problems.push(`audit entry ${e.seq} is not proven to be in the chain signed at ${cp.seq}`);
    }
  }

  const t = proof.transferEntry;
  let transferEntry: TransferVerification['transferEntry'] = 'missing';
  if (!t) problems.push('the proof has no transfer entry');
  else {
    const recorded = (t.details as { transferPackage?: { id?: string; sha256?: string } } | undefined)?.transferPackage;
    if ((await auditEntryHash(t)) !== t.hash) {
      transferEntry = 'mismatch';
      problems.push(`the transfer entry ${t.seq} does not match its hash`);
    } else if (recorded?.id !== doc.packageId || recorded?.sha256 !== pkg.sha256) {
      transferEntry = 'mismatch';
      problems.push(`the transfer entry ${t.seq} records another package`);
    } else if (!covered(t.seq)) transferEntry = 'pending';
    else if (await proven(t.seq, t.hash)) transferEntry = 'proven';
    else {
      transferEntry = 'mismatch';
      if (usable) problems.push(`the transfer entry ${t.seq} is not proven to be in the chain signed at ${cp!.seq}`);
    }
  }
  const pending = [...entries.map((e) => e.seq), ...(t ? [t.seq] : [])].filter((s) => !covered(s));
  return {
    valid: problems.length === 0 && pending.length === 0 && transferEntry === 'proven',
    digestMatches,
    entriesRecomputed: recomputed,
    withheldEntries: withheld,
    linksChecked: links,
    entriesProven,
    badEntries,
    badLinks,
    notProven,
    transferEntry,
    checkpoint: cp ? { seq: cp.seq, keyId: cp.keyId, signature: signature! } : null,
    pending,
    problems,
  };
}
