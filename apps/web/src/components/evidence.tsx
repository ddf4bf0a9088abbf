// Evidence: the list with an in-page viewer (PDFs and images fetched with the bearer token into a blob URL), and
// the uploader with a progress bar per file and the SHA-256 the server computed on ingest.
import { EVIDENCE_KINDS, type EvidenceKind } from '@lyg/domain/model';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { api } from '../api/client';
import type { EvidenceView } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { EVIDENCE_KIND_LABELS, ROLE_LABELS } from '../i18n/labels';
import { ProblemBanner, ProgressBar, SelectField, TextField } from './ui';

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function Viewer({ evidence, onClose }: { evidence: EvidenceView; onClose(): void }) {
  const { tr } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    api.evidenceBlob(evidence.id).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      setError,
    );
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [evidence.id]);
  const isImage = evidence.contentType.startsWith('image/');
  const isPdf = evidence.contentType === 'application/pdf';
  return (
    <div className="viewer" role="region" aria-label={tr('证据查看', 'Evidence viewer')} data-testid="evidence-viewer">
      <div className="viewer-bar">
        <strong>{evidence.fileName}</strong>
        <span className="muted digest"> SHA-256 {evidence.sha256}</span>
        {url ? (
          <a className="btn btn-small" href={url} download={evidence.fileName}>
            {tr('下载', 'Download')}
          </a>
        ) : null}
        <button type="button" className="btn btn-small" onClick={onClose}>
          {tr('关闭', 'Close')}
        </button>
      </div>
      <ProblemBanner error={error} />
      {!url && !error ? <p className="muted">{tr('加载中…', 'Loading…')}</p> : null}
      {url && isImage ? <img src={url} alt={evidence.fileName} className="viewer-img" /> : null}
      {url && isPdf ? <iframe src={url} title={evidence.fileName} className="viewer-pdf" /> : null}
      {url && !isImage && !isPdf ? <p>{tr('此类型文件请下载后查看。', 'Download this file to view it.')}</p> : null}
    </div>
  );
}

/**
 * The case's files. `canShare` (examiners, supervisors) adds a switch per file: shown to the respondent on their
 * answer page, or not; and, while the case is with a receiving organisation (`agencyId`), shown to it or not: a
 * file forgotten at the transfer, or filed since (the respondent's answer, an expert opinion), can follow the case
 * (product.md: selective sharing).
 */
export function EvidenceList({ items, canShare = false, agencyId = null }: { items: EvidenceView[]; canShare?: boolean; agencyId?: string | null }) {
  const { tr, label, dateTime } = useI18n();
  const [open, setOpen] = useState<EvidenceView | null>(null);
  const [shared, setShared] = useState<Record<string, boolean>>({});
  const [agencies, setAgencies] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const toggle = async (e: EvidenceView, respondent: boolean) => {
    setProblem(null);
    try {
      const saved = await api.shareWithRespondent(e.id, respondent);
      setShared((s) => ({ ...s, [e.id]: saved.sharedWith?.respondent ?? respondent }));
    } catch (err) {
      setProblem(err);
    }
  };
  const orgsOf = (e: EvidenceView) => agencies[e.id] ?? e.sharedWith?.organizationIds ?? [];
  const toggleAgency = async (e: EvidenceView, on: boolean) => {
    if (!agencyId) return;
    setProblem(null);
    const current = orgsOf(e);
    const next = on ? [...new Set([...current, agencyId])] : current.filter((o) => o !== agencyId);
    try {
      const saved = await api.shareWithAgencies(e.id, next);
      setAgencies((a) => ({ ...a, [e.id]: saved.sharedWith?.organizationIds ?? next }));
    } catch (err) {
      setProblem(err);
    }
  };
  const agencyColumn = canShare && agencyId !== null;
  if (!items.length) return <p className="muted">{tr('尚无证据', 'No evidence yet')}</p>;
  return (
    <>
      {/* On a phone the table scrolls within its own box instead of widening the page. */}
      <div className="table-wrap">
        <table className="table compact" data-testid="evidence-list">
          <thead>
            <tr>
              <th scope="col">{tr('类型', 'Kind')}</th>
              <th scope="col">{tr('文件', 'File')}</th>
              <th scope="col">{tr('提交方', 'Filed by')}</th>
              <th scope="col">{tr('大小', 'Size')}</th>
              <th scope="col">SHA-256</th>
              <th scope="col">{tr('上传时间', 'Uploaded')}</th>
              {canShare ? <th scope="col">{tr('被投诉方可见', 'Shown to the respondent')}</th> : null}
              {agencyColumn ? <th scope="col">{tr('接收机关可见', 'Shown to the receiving agency')}</th> : null}
              <th scope="col">
                <span className="sr-only">{tr('操作', 'Actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{label(EVIDENCE_KIND_LABELS, e.kind)}</td>
                <td>
                  {e.fileName}
                  {e.description ? <div className="muted">{e.description}</div> : null}
                </td>
                <td data-testid="evidence-filed-by">{e.uploaderRole === 'enterprise' ? tr('投诉人', 'Complainant') : e.uploaderRole ? label(ROLE_LABELS, e.uploaderRole) : '—'}</td>
                <td>{formatSize(e.sizeBytes)}</td>
                <td>
                  <code className="hash" title={e.sha256}>
                    {e.sha256.slice(0, 16)}…
                  </code>
                </td>
                <td>{dateTime(e.uploadedAt)}</td>
                {canShare ? (
                  <td>
                    {e.uploaderRole === 'respondent' ? (
                      '—'
                    ) : (
                      <input
                        type="checkbox"
                        data-testid="share-respondent"
                        checked={shared[e.id] ?? e.sharedWith?.respondent ?? false}
                        onChange={(ev) => void toggle(e, ev.target.checked)}
                        aria-label={`${tr('向被投诉方提供', 'Show to the respondent')} ${e.fileName}`}
                      />
                    )}
                  </td>
                ) : null}
                {agencyColumn ? (
                  <td>
                    <input
                      type="checkbox"
                      data-testid="share-agency"
                      checked={orgsOf(e).includes(agencyId!)}
                      onChange={(ev) => void toggleAgency(e, ev.target.checked)}
                      aria-label={`${tr('向接收机关提供', 'Show to the receiving agency')} ${e.fileName}`}
                    />
                  </td>
                ) : null}
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setOpen(e)} aria-label={`${tr('查看', 'View')} ${e.fileName}`}>
                    {tr('查看', 'View')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProblemBanner error={problem} />
      {open ? <Viewer evidence={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/**
 * The SHA-256 the server computed on ingest and, when `localSha256` is given, whether it matches the browser's own
 * digest of what it sent.
 */
export function Sha256Line({ sha256, localSha256 }: { sha256: string; localSha256?: string | null }) {
  const { tr } = useI18n();
  return (
    <div className="ok" data-testid="upload-sha256">
      ✓ SHA-256 <code className="hash">{sha256}</code>
      {localSha256 ? (
        <span className={localSha256 === sha256 ? 'ok' : 'warn'} data-testid="sha256-check">
          {' '}
          {localSha256 === sha256 ? tr('（与本机计算一致）', '(matches the digest computed on this device)') : tr('（与本机计算不一致！）', '(does NOT match the digest computed on this device!)')}
        </span>
      ) : null}
    </div>
  );
}

/**
 * One file on its way to the evidence store: name, size and kind, a progress bar, then the SHA-256 the server
 * computed on ingest. `children` are the row's controls before the upload starts (kind, remove).
 */
export function UploadStatus({
  file,
  kind,
  progress,
  sha256,
  error,
  children,
}: {
  file: File;
  kind: EvidenceKind;
  progress: number | null;
  sha256: string | null;
  error?: unknown;
  children?: ReactNode;
}) {
  const { tr, label } = useI18n();
  return (
    <li data-testid="upload-row">
      <div>
        <strong>{file.name}</strong> <span className="muted">({formatSize(file.size)}, {label(EVIDENCE_KIND_LABELS, kind)})</span>
      </div>
      {children}
      {/* A refused file is not shown as a full bar: it was not stored, and the reason (the field errors) says why. */}
      {progress !== null && !error ? <ProgressBar value={progress} label={`${tr('上传进度', 'Upload progress')} ${file.name}`} /> : null}
      {sha256 ? <Sha256Line sha256={sha256} /> : null}
      <ProblemBanner error={error} listFields={{ file: tr('文件', 'File'), kind: tr('证据类型', 'Kind'), description: tr('说明', 'Description') }} />
    </li>
  );
}

interface UploadRow {
  key: string;
  file: File;
  kind: EvidenceKind;
  progress: number;
  result: EvidenceView | null;
  error: unknown;
}

/**
 * Uploads each chosen file at once, each with its own progress bar; `onUploaded` sees every stored file, `onPending`
 * how many are still on their way (a form must not move on, or submit the case, before they are stored).
 */
export function EvidenceUploader({
  caseId,
  onUploaded,
  onPending,
  kinds = EVIDENCE_KINDS.filter((k) => k !== 'respondent_statement'),
}: {
  caseId: string;
  onUploaded(e: EvidenceView): void;
  onPending?(n: number): void;
  kinds?: readonly EvidenceKind[];
}) {
  const { tr, label } = useI18n();
  const fileId = useId();
  const [kind, setKind] = useState<EvidenceKind>(kinds[0]);
  const [description, setDescription] = useState('');
  const [rows, setRows] = useState<UploadRow[]>([]);
  const update = (key: string, patch: Partial<UploadRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const pending = rows.filter((r) => !r.result && !r.error).length;
  useEffect(() => onPending?.(pending), [pending, onPending]);

  const start = (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setRows((rs) => [...rs, { key, file, kind, progress: 0, result: null, error: null }]);
      const h = api.uploadEvidence(caseId, file, kind, description, (p) => update(key, { progress: p }));
      h.promise.then(
        (result) => {
          update(key, { result, progress: 1 });
          onUploaded(result);
        },
        (error: unknown) => update(key, { error }),
      );
    }
  };

  return (
    <div className="uploader" data-testid="evidence-uploader">
      <div className="grid-3">
        <SelectField
          label={tr('证据类型', 'Evidence kind')}
          field="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as EvidenceKind)}
          options={kinds.map((k) => ({ value: k, label: label(EVIDENCE_KIND_LABELS, k) }))}
        />
        <TextField label={tr('说明（可选）', 'Description (optional)')} field="description" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
        <div className="field">
          <label htmlFor={fileId}>{tr('选择文件（PDF、图片等）', 'Choose files (PDF, images, …)')}</label>
          <input
            id={fileId}
            type="file"
            multiple
            data-testid="evidence-file"
            onChange={(e) => {
              start(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
      </div>
      {rows.length ? (
        <ul className="uploads plain">
          {rows.map((r) => (
            <UploadStatus key={r.key} file={r.file} kind={r.kind} progress={r.progress} sha256={r.result?.sha256 ?? null} error={r.error} />
          ))}
        </ul>
      ) : null}
      {pending ? (
        <p className="muted" role="status" data-testid="uploads-pending">
          {tr(`${pending} 个文件正在上传，完成后方可继续。`, `${pending} file(s) still uploading: you can go on once they are stored.`)}
        </p>
      ) : null}
    </div>
  );
}
