// The transfer package of a case, for the receiving police, court, customs or procuratorate and the center's staff:
// its digest, the PDF and the JSON document to download, and a check in the browser that ties the package to the
// center's signed audit chain (libs/domain verifyTransferPackage, which `npm run transfer:verify` runs too).
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/client';
import type { CaseView, HistoryItem, TransferPackage } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { type TransferVerification, verifyTransferPackage } from '@lyg/domain/audit-proof';
import type { Route } from '@lyg/domain/model';
import type { CaseState } from '@lyg/domain/workflow/case-states';
import { ProblemBanner } from './ui';
import { saveBlob } from '../lib/save-blob';

/** States a case is in only after its package was made: the approved police transfer, a customs or court referral. */
const TRANSFERRED_STATES: readonly CaseState[] = [
  'police_transfer_review.awaiting_police_decision',
  'police_transfer_review.declined',
  'customs_referral',
  'court_referral',
];
/** Routes whose closure may follow a transfer (police filing, an agency's reported outcome). */
const TRANSFER_ROUTES: readonly Route[] = ['police_transfer_review', 'customs_referral', 'court_referral'];

/**
 * Whether the case may have a transfer package, which the workflow makes on `approve_transfer` and on entering a
 * customs or court referral: asking for one otherwise only gets a 404. A case the police finally declined goes back to
 * enforcement with its package kept; the transfer's audit entry names the package (`details.transferPackage`).
 */
export function mayHaveTransferPackage(c: Pick<CaseView, 'state' | 'route'>, history: readonly HistoryItem[]): boolean {
  if ((TRANSFERRED_STATES as readonly string[]).includes(c.state)) return true;
  if (c.state === 'closed' && c.route !== null && TRANSFER_ROUTES.includes(c.route)) return true;
  return history.some((h) => h.action === 'approve_transfer' || (h.details.transferPackage ?? null) !== null);
}

export function TransferPackagePanel({ c, history }: { c: CaseView; history: readonly HistoryItem[] }) {
  const caseId = c.id;
  const version = c.version;
  const transferred = mayHaveTransferPackage(c, history);
  const { tr, dateTime } = useI18n();
  const [pkg, setPkg] = useState<TransferPackage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState<TransferVerification | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (!transferred) return;
    let live = true;
    api.transferPackage(caseId).then(
      (p) => live && setPkg(p),
      // No package for this caller (e.g. a transfer withdrawn before approval, or one to another agency): nothing to show.
      (e) => live && !(e instanceof ApiError && e.status === 404) && setError(e),
    );
    return () => {
      live = false;
    };
  }, [caseId, version, transferred]);

  if (!pkg && !error) return null;
  const name = pkg?.caseNumber ?? caseId;
  const verify = async () => {
    if (!pkg) return;
    setChecking(true);
    setError(null);
    try {
      const [proof, keys] = await Promise.all([api.transferPackageProof(caseId), api.auditPublicKeys()]);
      setCheck(await verifyTransferPackage(pkg, proof, keys.keys));
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };
  const mark = (ok: boolean | null) => (ok === null ? '–' : ok ? '✓' : '✗');

  return (
    <section className="card" aria-labelledby="h-package" data-testid="transfer-package">
      <h3 id="h-package">{tr('移送材料包', 'Transfer package')}</h3>
      <ProblemBanner error={error} />
      {pkg ? (
        <>
          <p className="muted">
            {pkg.document.recipient.name} · {dateTime(pkg.createdAt)} · {tr('证据', 'evidence')} {pkg.document.evidence.length} ·{' '}
            {tr('审计记录', 'audit entries')} {pkg.document.audit.entries.length}
          </p>
          <p>
            SHA-256 <code data-testid="package-digest">{pkg.sha256}</code>
          </p>
          <p className="button-row">
            {/* A PDF whose background rendering failed is rendered on request: the button is the retry. */}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setError(null);
                api.transferPackagePdf(caseId).then((b) => saveBlob(b, `${name}-transfer-package.pdf`), setError);
              }}
            >
              {pkg.pdf.status === 'failed' ? tr('重新生成并下载 PDF', 'Render and download the PDF again') : tr('下载 PDF', 'Download PDF')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => saveBlob(new Blob([JSON.stringify(pkg, null, 2)], { type: 'application/json' }), `${name}-transfer-package.json`)}
            >
              {tr('下载 JSON', 'Download JSON')}
            </button>
            <button type="button" className="btn btn-small" onClick={verify} disabled={checking} data-testid="verify-package">
              {checking ? tr('核验中…', 'Checking…') : tr('核验完整性', 'Check integrity')}
            </button>
          </p>
        </>
      ) : null}
      {check ? (
        <div data-testid="package-check" data-valid={String(check.valid)}>
          <p role="status">
            <strong>
              {check.valid
                ? tr('✓ 已核验：材料包与保护中心签名的审计链一致', '✓ Verified: the package matches the center’s signed audit chain')
                : check.pending.length && !check.problems.length
                  ? tr('部分记录晚于最近的签名检查点，请稍后再核验', 'Some entries are newer than the latest signed checkpoint; check again later')
                  : tr('✗ 核验未通过', '✗ Verification failed')}
            </strong>
          </p>
          <ul className="check-list">
            <li>
              {mark(check.digestMatches)} {tr('文件摘要', 'Document digest')}
            </li>
            <li>
              {mark(!check.badEntries.length && !check.badLinks.length)} {tr('审计记录哈希与链接', 'Audit entry hashes and links')}: {check.entriesRecomputed}{' '}
              {tr('条重算', 'recomputed')}, {check.linksChecked} {tr('处链接', 'links')}
              {check.badEntries.length ? ` (${tr('不符', 'mismatch')}: ${check.badEntries.join(', ')})` : ''}
            </li>
            <li>
              {mark(!check.notProven.length)} {tr('默克尔包含证明', 'Merkle inclusion proofs')}: {check.entriesProven} {tr('条已证明', 'proven')}
              {check.notProven.length ? ` (${tr('未证明', 'not proven')}: ${check.notProven.join(', ')})` : ''}
            </li>
            <li>
              {mark(check.transferEntry === 'proven' ? true : check.transferEntry === 'pending' ? null : false)} {tr('移送记录载明本材料包', 'The transfer entry records this package')}
            </li>
            <li>
              {mark(check.checkpoint ? (check.checkpoint.signature === 'unsupported' ? null : check.checkpoint.signature === 'valid') : false)}{' '}
              {tr('检查点签名', 'Checkpoint signature')} {check.checkpoint ? `#${check.checkpoint.seq}` : ''}
              {check.checkpoint?.signature === 'unsupported'
                ? ` (${tr('本浏览器不支持 Ed25519，请用命令行核验', 'this browser cannot check Ed25519; use the command line')})`
                : ''}
            </li>
          </ul>
          {check.checkpoint ? (
            <p className="muted">
              {tr('签名密钥编号（请与保护中心另行提供的编号核对）', 'Signing key id (compare it with the one the center gave you)')}: <code>{check.checkpoint.keyId}</code>
            </p>
          ) : null}
          {check.pending.length ? (
            <p className="muted">
              {tr('待下一检查点的记录', 'Entries awaiting the next checkpoint')}: {check.pending.join(', ')}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
