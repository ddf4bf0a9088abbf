import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { AuditKeyError, AuditKeyring, generateSigningKeyPem, keyIdOf, parsePrivateKey, parsePublicKey, publicKeyBase64 } from './checkpoint';
import { checkpointKey, MemoryCheckpointStore } from './checkpoint-store';
import { normalisePrinciples, principlesFor } from './principles';

const head = { seq: '1234', hash: 'ab'.repeat(32) };

describe('signed audit checkpoints', () => {
  const pem = generateSigningKeyPem();
  const keyring = new AuditKeyring(parsePrivateKey(pem));

  it('sign the head {seq, hash, time} with Ed25519; the configured key verifies it', () => {
    const cp = keyring.sign(head, new Date('2026-11-25T08:00:00Z'));
    expect(cp).toMatchObject({ type: 'lyg-ip-audit-checkpoint', version: 1, seq: '1234', hash: head.hash, time: '2026-11-25T08:00:00.000Z', algorithm: 'Ed25519' });
    expect(cp.keyId).toMatch(/^ed25519:[0-9a-f]{64}$/);
    expect(keyIdOf(parsePublicKey(cp.publicKey))).toBe(cp.keyId);
    expect(keyring.check(cp)).toEqual({ ok: true });
  });

  it('fail with another key: not trusted, whatever public key the document carries', () => {
    const other = new AuditKeyring(parsePrivateKey(generateSigningKeyPem()));
    const cp = keyring.sign(head);
    expect(other.check(cp)).toEqual({ ok: false, reason: 'untrusted_key' });
    // A forger signs with their own key and claims the trusted key's id: the trusted key refuses the signature.
    const forged = { ...other.sign(head), keyId: cp.keyId, publicKey: cp.publicKey };
    expect(keyring.check(forged)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('fail when any signed field is changed', () => {
    const cp = keyring.sign(head);
    expect(keyring.check({ ...cp, hash: 'cd'.repeat(32) })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(keyring.check({ ...cp, seq: '1235' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(keyring.check({ ...cp, time: new Date(0).toISOString() })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(keyring.check({ ...cp, signature: 'AAAA' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(keyring.check({ ...cp, hash: 'not a hash' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('trust further public keys (rotation; a verify-only host) from AUDIT_PUBLIC_KEYS', () => {
    const old = parsePrivateKey(generateSigningKeyPem());
    const verifyOnly = new AuditKeyring(null, [parsePublicKey(publicKeyBase64(createPublicKey(old)))]);
    expect(verifyOnly.canSign).toBe(false);
    expect(verifyOnly.check(new AuditKeyring(old).sign(head))).toEqual({ ok: true });
    expect(() => verifyOnly.sign(head)).toThrow(AuditKeyError);
  });

  it('read the key as PEM, as PEM with escaped newlines, or as base64 PKCS#8; refuse other key types', () => {
    const der = (createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
    const id = keyring.signingKeyId;
    expect(new AuditKeyring(parsePrivateKey(der)).signingKeyId).toBe(id);
    expect(new AuditKeyring(parsePrivateKey(pem.replace(/\n/g, '\\n'))).signingKeyId).toBe(id);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => parsePrivateKey(rsa)).toThrow(/Ed25519/);
    expect(() => parsePrivateKey('bm90IGEga2V5')).toThrow(AuditKeyError);
  });

  it('are stored under audit-checkpoints/<seq, 20 digits>.json and listed in seq order', async () => {
    const store = new MemoryCheckpointStore();
    for (const seq of ['10', '9', '100', '2']) await store.put(keyring.sign({ seq, hash: head.hash }));
    expect(checkpointKey('42')).toBe('audit-checkpoints/00000000000000000042.json');
    expect(await store.listSeqs()).toEqual(['2', '9', '10', '100']);
    expect((await store.get('9'))?.seq).toBe('9');
    expect(await store.get('3')).toBeNull();
  });
});

describe('principle tags', () => {
  it('keep the four known principles, once each, in order', () => {
    expect(normalisePrinciples(['equal', 'fast', 'fast', 'nonsense', 'strict'])).toEqual(['strict', 'fast', 'equal']);
  });

  it('add the triage verdict’s (broad and equal; strict when it flags a repeat or criminal case), and broad when none is named', () => {
    expect(principlesFor('triage', { flags: ['key_industry'] }, [])).toEqual(['broad', 'equal']);
    expect(principlesFor('submit', { triage: { flags: ['repeat_infringer'] } }, ['fast'])).toEqual(['strict', 'broad', 'fast', 'equal']);
    expect(principlesFor('claim', {}, ['fast'])).toEqual(['fast']);
    expect(principlesFor('something_else', {}, [])).toEqual(['broad']);
  });
});
