// A transfer package checked in the browser, with Web Crypto only: the document's digest, every audit entry's hash
// and links, every entry's Merkle inclusion proof against the signed checkpoint root (RFC 9162 §2.1.3.2), the
// transfer entry that records the package, and the checkpoint's Ed25519 signature by the key the center publishes
// (whose id the agency compares with the one given to it out of band). The same checks as `npm run transfer:verify`.
import { canonicalJson } from '@lyg/domain/canonical-json';
import type { PackageProof, PublicKeyView, TransferPackage } from '../api/types';

export interface PackageCheck {
  digest: boolean;
  entriesRecomputed: number;
  entriesBad: string[];
  links: number;
  linksBad: string[];
  proven: number;
  notProven: string[];
  transferEntry: 'proven' | 'pending' | 'mismatch' | 'missing';
  /** true / false, or null when this browser cannot check Ed25519 (then the command line can). */
  signature: boolean | null;
  keyId: string | null;
  checkpointSeq: string | null;
  pending: string[];
  valid: boolean;
}

const hex = (b: ArrayBuffer | Uint8Array) => Array.from(b instanceof Uint8Array ? b : new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
const fromBase64 = (b: string) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0));
const sha = async (...parts: Uint8Array[]) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
};
const utf8 = (s: string) => new TextEncoder().encode(s);
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

type Entry = TransferPackage['document']['audit']['entries'][number];
const contentHash = async (e: Entry) => {
  const { hash: _hash, ...content } = e;
  return hex(await sha(utf8(e.prevHash + canonicalJson(content))));
};

async function included(index: number, size: number, entryHash: string, path: string[], root: Uint8Array): Promise<boolean> {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = await sha(new Uint8Array([0]), fromHex(entryHash));
  for (const h of path) {
    const p = fromHex(h);
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha(new Uint8Array([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = await sha(new Uint8Array([1]), r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

async function signatureValid(proof: PackageProof, keys: PublicKeyView[]): Promise<boolean | null> {
  const cp = proof.checkpoint;
  if (!cp) return false;
  const key = keys.find((k) => k.keyId === cp.keyId);
  if (!key) return false;
  const signed = cp.version === 2
    ? { type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, merkleRoot: cp.merkleRoot, time: cp.time, keyId: cp.keyId }
    : { type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, time: cp.time, keyId: cp.keyId };
  try {
    const k = await crypto.subtle.importKey('spki', fromBase64(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, k, fromBase64(cp.signature), utf8(canonicalJson(signed)));
  } catch {
    return null;
  }
}

export async function checkPackage(pkg: TransferPackage, proof: PackageProof, keys: PublicKeyView[]): Promise<PackageCheck> {
  const entries = pkg.document.audit.entries;
  const digest = hex(await sha(utf8(canonicalJson(pkg.document)))) === pkg.sha256;
  const entriesBad: string[] = [];
  const linksBad: string[] = [];
  let recomputed = 0;
  let links = 0;
  for (const [i, e] of entries.entries()) {
    if (!('withheld' in e)) {
      recomputed++;
      if ((await contentHash(e)) !== e.hash) entriesBad.push(e.seq);
    }
    const prev = entries[i - 1];
    if (prev && Number(e.seq) === Number(prev.seq) + 1) {
      links++;
      if (e.prevHash !== prev.hash) linksBad.push(e.seq);
    }
  }
  const cp = proof.checkpoint;
  const size = cp ? Number(cp.seq) : 0;
  const root = cp?.merkleRoot ? fromHex(cp.merkleRoot) : null;
  const paths = new Map(proof.proofs.map((p) => [p.seq, p.path]));
  const covered = (seq: string) => cp !== null && Number(seq) <= Number(cp.seq);
  const proves = async (seq: string, hash: string) => !!root && paths.has(seq) && (await included(Number(seq) - 1, size, hash, paths.get(seq)!, root));
  let proven = 0;
  const notProven: string[] = [];
  for (const e of entries) {
    if (!covered(e.seq)) continue;
    if (await proves(e.seq, e.hash)) proven++;
    else notProven.push(e.seq);
  }
  let transferEntry: PackageCheck['transferEntry'] = 'missing';
  const t = proof.transferEntry;
  if (t) {
    const recorded = (t.details as { transferPackage?: { id?: string; sha256?: string } }).transferPackage;
    if ((await contentHash(t)) !== t.hash || recorded?.id !== pkg.id || recorded?.sha256 !== pkg.sha256) transferEntry = 'mismatch';
    else if (!covered(t.seq)) transferEntry = 'pending';
    else transferEntry = (await proves(t.seq, t.hash)) ? 'proven' : 'mismatch';
  }
  const signature = await signatureValid(proof, keys);
  const pending = [...entries.map((e) => e.seq), ...(t ? [t.seq] : [])].filter((s) => !covered(s));
  return {
    digest,
    entriesRecomputed: recomputed,
    entriesBad,
    links,
    linksBad,
    proven,
    notProven,
    transferEntry,
    signature,
    keyId: cp?.keyId ?? null,
    checkpointSeq: cp?.seq ?? null,
    pending,
    valid: digest && !entriesBad.length && !linksBad.length && !notProven.length && transferEntry === 'proven' && signature === true && !pending.length,
  };
}
