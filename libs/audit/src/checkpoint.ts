import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const CHECKPOINT_TYPE = 'lyg-ip-audit-checkpoint' as const;

/**
 * The chain head `{seq, hash}` at `time`, signed with Ed25519. The document written to the object store. Version 2
 * also signs `merkleRoot`, the root of the Merkle tree of the first `seq` entries (libs/audit `merkle.ts`), against
 * which a single entry's inclusion proof is checked; version 1 (before the tree) has none.
 */
export interface SignedCheckpoint {
  type: typeof CHECKPOINT_TYPE;
  version: 1 | 2;
  seq: string;
  hash: string;
  /** Version 2: hex SHA-256 root of the RFC 9162 tree over the first `seq` entries. */
  merkleRoot?: string;
  /** When it was signed (ISO 8601, UTC). */
  time: string;
  algorithm: 'Ed25519';
  /** `ed25519:<sha256 of the public key's SPKI DER, hex>`: which trusted key must verify it. */
  keyId: string;
  /** The public key (SPKI DER, base64), for a reader that only wants to check the signature's maths. */
  publicKey: string;
  /**
   * Ed25519 over the UTF-8 bytes of `canonicalJson({type, version, seq, hash, time, keyId})`, and of
   * `canonicalJson({type, version, seq, hash, merkleRoot, time, keyId})` for version 2; base64.
   */
  signature: string;
}

/** The exact bytes a checkpoint's signature covers. */
export function checkpointSigningInput(cp: Pick<SignedCheckpoint, 'type' | 'version' | 'seq' | 'hash' | 'merkleRoot' | 'time' | 'keyId'>): Buffer {
  const signed =
    cp.version === 2
      ? { type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, merkleRoot: cp.merkleRoot, time: cp.time, keyId: cp.keyId }
      : { type: cp.type, version: cp.version, seq: cp.seq, hash: cp.hash, time: cp.time, keyId: cp.keyId };
  return Buffer.from(canonicalJson(signed), 'utf8');
}

export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

const pemBody = (text: string) => text.replace(/\\n/g, '\n').trim();

/** An Ed25519 private key from PEM (`-----BEGIN PRIVATE KEY-----`) or base64 PKCS#8 DER. */
export function parsePrivateKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const t = pemBody(text);
    key = t.startsWith('-----') ? createPrivateKey(t) : createPrivateKey({ key: Buffer.from(t.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new AuditKeyError(`AUDIT_SIGNING_KEY is not a readable private key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`AUDIT_SIGNING_KEY must be an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** An Ed25519 public key from PEM (`-----BEGIN PUBLIC KEY-----`) or base64 SPKI DER. */
export function parsePublicKey(text: string): KeyObject {
  let key: KeyObject;
  try {
    const t = pemBody(text);
    key = t.startsWith('-----') ? createPublicKey(t) : createPublicKey({ key: Buffer.from(t.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch (e) {
    throw new AuditKeyError(`not a readable public key (${(e as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`audit public keys must be Ed25519, got ${key.asymmetricKeyType}`);
  return key;
}

export const publicKeyBase64 = (pub: KeyObject) => (pub.export({ format: 'der', type: 'spki' }) as Buffer).toString('base64');
export const keyIdOf = (pub: KeyObject) => `ed25519:${createHash('sha256').update(pub.export({ format: 'der', type: 'spki' }) as Buffer).digest('hex')}`;

/** A fresh Ed25519 private key as PKCS#8 PEM (the development key; `AUDIT_SIGNING_KEY` takes the same text). */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
}

export type CheckpointCheck = { ok: true } | { ok: false; reason: 'untrusted_key' | 'bad_signature' | 'malformed' };

/**
 * The signing key (when this process signs) and the public keys trusted to have signed checkpoints: the signing
 * key's own, plus `AUDIT_PUBLIC_KEYS` (earlier keys after a rotation, or a verify-only host's whole set).
 */
export class AuditKeyring {
  private readonly trusted = new Map<string, KeyObject>();
  readonly signingKeyId: string | null;
  private readonly signingPublic: string | null;

  constructor(
    private readonly signingKey: KeyObject | null,
    trustedPublicKeys: readonly KeyObject[] = [],
  ) {
    const own = signingKey ? createPublicKey(signingKey) : null;
    for (const k of [...(own ? [own] : []), ...trustedPublicKeys]) this.trusted.set(keyIdOf(k), k);
    this.signingKeyId = own ? keyIdOf(own) : null;
    this.signingPublic = own ? publicKeyBase64(own) : null;
  }

  get canSign(): boolean {
    return this.signingKey !== null;
  }

  get trustedKeyIds(): string[] {
    return [...this.trusted.keys()];
  }

  /** The trusted public keys as a receiver stores them (SPKI DER base64 and PEM), the signing one marked. */
  publicKeys(): { keyId: string; signing: boolean; publicKey: string; pem: string }[] {
    return [...this.trusted].map(([keyId, key]) => ({
      keyId,
      signing: keyId === this.signingKeyId,
      publicKey: publicKeyBase64(key),
      pem: key.export({ format: 'pem', type: 'spki' }) as string,
    }));
  }

  /** Version 2 when the head comes with its Merkle root, version 1 without. */
  sign(head: { seq: string; hash: string; merkleRoot?: string }, time: Date = new Date()): SignedCheckpoint {
    if (!this.signingKey || !this.signingKeyId || !this.signingPublic) throw new AuditKeyError('no audit signing key configured (AUDIT_SIGNING_KEY)');
    const unsigned: Omit<SignedCheckpoint, 'signature'> = {
      type: CHECKPOINT_TYPE,
      version: head.merkleRoot === undefined ? 1 : 2,
      seq: head.seq,
      hash: head.hash,
      ...(head.merkleRoot === undefined ? {} : { merkleRoot: head.merkleRoot }),
      time: time.toISOString(),
      algorithm: 'Ed25519',
      keyId: this.signingKeyId,
      publicKey: this.signingPublic,
    };
    return { ...unsigned, signature: sign(null, checkpointSigningInput(unsigned), this.signingKey).toString('base64') };
  }

  /** Signed by a trusted key, over exactly these fields. The embedded public key is never what is trusted. */
  check(cp: SignedCheckpoint): CheckpointCheck {
    if (
      cp?.type !== CHECKPOINT_TYPE ||
      (cp.version !== 1 && cp.version !== 2) ||
      (cp.version === 2 && !/^[0-9a-f]{64}$/.test(cp.merkleRoot ?? '')) ||
      !/^\d+$/.test(cp.seq ?? '') ||
      !/^[0-9a-f]{64}$/.test(cp.hash ?? '') ||
      typeof cp.signature !== 'string'
    ) {
      return { ok: false, reason: 'malformed' };
    }
    const key = this.trusted.get(cp.keyId);
    if (!key) return { ok: false, reason: 'untrusted_key' };
    let good: boolean;
    try {
      good = verify(null, checkpointSigningInput(cp), key, Buffer.from(cp.signature, 'base64'));
    } catch {
      good = false;
    }
    return good ? { ok: true } : { ok: false, reason: 'bad_signature' };
  }
}
