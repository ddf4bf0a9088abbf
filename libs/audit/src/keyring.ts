import type { AppConfig } from '@lyg/config';
import { createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AuditKeyring, generateSigningKeyPem, keyIdOf, parsePrivateKey, parsePublicKey } from './checkpoint';

export const DEV_KEY_FILE = 'audit-signing-key.pem';

/** The development key under DATA_DIR, made once; two processes starting together agree on one file. */
function developmentKeyPem(dataDir: string): { pem: string; file: string; created: boolean } {
  const file = path.resolve(dataDir, DEV_KEY_FILE);
  try {
    return { pem: readFileSync(file, 'utf8'), file, created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const pem = generateSigningKeyPem();
  try {
    writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    return { pem, file, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { pem: readFileSync(file, 'utf8'), file, created: false };
  }
}

/**
 * The keyring from the configuration: `AUDIT_SIGNING_KEY` (required in production, where the configuration refuses
 * to load without it); in development without it, a key generated once and kept in `DATA_DIR/audit-signing-key.pem`
 * (the API and the worker of one machine share it); under tests without it, a key for this process only.
 * `AUDIT_PUBLIC_KEYS` adds trusted public keys.
 */
export function loadKeyring(config: Pick<AppConfig, 'env' | 'dataDir' | 'auditSigningKey' | 'audit'>, log: (message: string) => void = () => undefined): AuditKeyring {
  let pem = config.auditSigningKey;
  if (!pem) {
    if (config.env === 'production') throw new Error('AUDIT_SIGNING_KEY is required in production');
    if (config.env === 'test') {
      pem = generateSigningKeyPem();
    } else {
      const dev = developmentKeyPem(config.dataDir);
      pem = dev.pem;
      const id = keyIdOf(createPublicKey(parsePrivateKey(pem)));
      log(
        `AUDIT_SIGNING_KEY is not set: audit checkpoints are signed with the development key ${dev.created ? 'generated in' : 'kept in'} ` +
          `${dev.file} (${id}); production requires AUDIT_SIGNING_KEY`,
      );
    }
  }
  return new AuditKeyring(parsePrivateKey(pem), config.audit.publicKeys.map(parsePublicKey));
}
