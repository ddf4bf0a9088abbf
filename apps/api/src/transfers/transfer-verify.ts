import { keyIdOf, parsePublicKey, publicKeyBase64 } from '@lyg/audit';
import { type TrustedKey, verifyTransferPackage } from '@lyg/domain';
import type { TransferPackageDocument, TransferPackageProof } from '@lyg/workflow';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run transfer:verify -- <package.json> <proof.json> --key <public key file> [--key …] [--json]
  package.json  the body of GET /api/v1/cases/:id/transfer-package
  proof.json    the body of GET /api/v1/cases/:id/transfer-package/proof
  --key         a public key trusted for the center's audit checkpoints (PEM, or base64 SPKI DER), e.g. the one it publishes
`;

/**
 * `npm run transfer:verify`: what a receiving agency runs on a transfer package and its proof, offline: the
 * package's digest, every audit entry's hash and links, every entry's inclusion in the tree whose root the center
 * signed, the transfer entry that records the package, and the checkpoint's signature by a key the agency trusts
 * (never the key the document carries). Exit code 0 when everything is proven, 1 when not, 2 on bad usage.
 */
export async function transferVerifyCommand(
  argv: string[] = process.argv.slice(2),
  io: { out: (text: string) => void; err: (text: string) => void } = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  let pkg: { sha256: string; document: TransferPackageDocument };
  let proof: TransferPackageProof;
  let json: boolean;
  let keys: TrustedKey[];
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { key: { type: 'string', multiple: true }, json: { type: 'boolean' } } });
    if (positionals.length !== 2 || !values.key?.length) throw new Error('a package, a proof and at least one --key are needed');
    json = values.json ?? false;
    pkg = JSON.parse(readFileSync(positionals[0], 'utf8'));
    proof = JSON.parse(readFileSync(positionals[1], 'utf8'));
    keys = values.key.map((f) => parsePublicKey(readFileSync(f, 'utf8'))).map((k) => ({ keyId: keyIdOf(k), publicKey: publicKeyBase64(k) }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const v = await verifyTransferPackage(pkg, proof, keys);
  if (json) io.out(`${JSON.stringify(v, null, 2)}\n`);
  else {
    io.out(
      [
        `package ${pkg.document?.packageId ?? '?'} (case ${pkg.document?.case?.caseNumber ?? '?'}): ${v.valid ? 'PROVEN' : 'NOT PROVEN'}`,
        `  digest ${v.digestMatches ? 'matches' : 'DOES NOT MATCH'} ${pkg.sha256}`,
        `  audit entries: ${v.entriesRecomputed} recomputed, ${v.withheldEntries} withheld (hash only), ${v.linksChecked} links checked, ${v.entriesProven} proven in the signed tree`,
        `  transfer entry ${proof.transferEntry?.seq ?? '-'}: ${v.transferEntry === 'proven' ? 'records this package and is proven' : v.transferEntry}`,
        `  checkpoint ${v.checkpoint ? `${v.checkpoint.seq}, key ${v.checkpoint.keyId}: ${v.checkpoint.signature === 'valid' ? 'trusted signature' : `NOT ACCEPTED (${v.checkpoint.signature})`}` : 'none'}`,
        ...(v.pending.length ? [`  pending (after the checkpoint; ask again after the next one): ${v.pending.join(', ')}`] : []),
        ...v.problems.map((p) => `  problem: ${p}`),
        '',
      ].join('\n'),
    );
  }
  return v.valid ? 0 : 1;
}

if (require.main === module) void transferVerifyCommand().then((code) => (process.exitCode = code));
