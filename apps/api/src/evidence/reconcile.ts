// `npm run evidence:reconcile [-- --json] [--grace-minutes=60] [--check-versions]`: reports evidence objects without
// a row and rows without their object (see EvidenceReconciler). Exit code 0 when clean, 1 when stragglers were
// found, 2 when the check could not run. It reads and reports only; it never deletes.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@lyg/config';
import { createDataSource } from '@lyg/database';
import { createS3Client, EvidenceStore } from '@lyg/evidence';
import { EvidenceReconciler } from './evidence.reconciler';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const grace = args.find((a) => a.startsWith('--grace-minutes='));
  const config = loadConfig();
  const ds = createDataSource(config.databaseUrl, 2);
  const s3 = createS3Client(config.s3);
  await ds.initialize();
  try {
    const store = new EvidenceStore(s3, { bucket: config.s3.bucket, stallMs: config.evidence.stallMs });
    const report = await new EvidenceReconciler(ds, store).findStragglers({
      graceSeconds: grace ? Number(grace.split('=')[1]) * 60 : undefined,
      checkVersions: args.includes('--check-versions'),
    });
    if (json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`evidence reconciliation of bucket "${report.bucket}" at ${report.checkedAt}`);
      console.log(`  objects checked: ${report.objectsChecked}, rows checked: ${report.rowsChecked}`);
      console.log(`  objects without a row: ${report.orphanObjects.length}${report.recentUnmatched ? ` (+${report.recentUnmatched} recent, within the grace period)` : ''}`);
      for (const o of report.orphanObjects) console.log(`    ${o.key}  ${o.sizeBytes} bytes  ${o.lastModified ?? ''}`);
      console.log(`  rows without their object: ${report.missingObjects.length}`);
      for (const m of report.missingObjects) console.log(`    evidence ${m.evidenceId} (case ${m.caseId})  ${m.key}${m.versionId ? ` version ${m.versionId}` : ''}`);
      if (report.truncated) console.log('  (lists truncated)');
    }
    return report.orphanObjects.length || report.missingObjects.length ? 1 : 0;
  } finally {
    await ds.destroy();
    s3.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(2);
  },
);
