// A correction request answered in place: what the examiner asked for, the complaint to edit (checked as typed),
// more evidence, then save and resubmit (or submit, for a draft). Withdrawal stays available.
import { useState } from 'react';
import { api } from '../../api/client';
import type { CaseView, EvidenceView, HistoryItem } from '../../api/types';
import { ActionPanel } from '../../components/action-forms';
import { EvidenceUploader } from '../../components/evidence';
import { ProblemBanner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { fromComplaintInput, toComplaintInput } from '../../lib/complaint-form';
import { SECTIONS } from './complaint-fields';
import { focusFirstError, useComplaintForm } from './use-complaint-form';

export function CorrectionEditor({ c, history, evidence, onChange }: { c: CaseView; history: HistoryItem[]; evidence: EvidenceView[]; onChange(): void }) {
  const { tr, lang } = useI18n();
  // Edits survive a reload; keyed by the case's version, so that edits of a version since changed are not restored.
  const form = useComplaintForm(() => fromComplaintInput(c.complaint), `lyg.correction.${c.id}.v${c.version}`);
  const [added, setAdded] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Evidence still on its way is not left behind by a resubmission (the case would leave the state that takes it).
  const [uploading, setUploading] = useState(0);
  const request = [...history].reverse().find((h) => h.action === 'request_correction');
  const items = Array.isArray(request?.details.items) ? (request.details.items as string[]) : [];
  const message = typeof request?.details.message === 'string' ? request.details.message : null;
  const isDraft = c.state === 'draft';
  const action = isDraft ? 'submit' : 'resubmit';

  /** Saves the edits; then (unless `only`) submits or resubmits. */
  const save = async (only = false) => {
    if (uploading) return;
    if (Object.keys(form.checked.errors).length) {
      form.showAll();
      focusFirstError();
      return;
    }
    setBusy(true);
    setProblem(null);
    let edited = false;
    try {
      const saved = await api.updateComplaint(c.id, toComplaintInput(form.draft, lang), c.version);
      edited = true;
      if (!only) await api.act(c.id, action, {}, saved.version);
      form.clearSaved();
      onChange();
    } catch (e) {
      if (form.takeProblem(e)?.length) focusFirstError();
      setProblem(e);
      // The edits were saved but the submission refused: the page reads the case's new version, so that a retry is
      // not refused as stale (412).
      if (edited) onChange();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card correction" aria-labelledby="h-correction" data-testid="correction-editor">
      <h3 id="h-correction">{isDraft ? tr('完善并提交草稿', 'Complete and submit the draft') : tr('补正投诉', 'Correct the complaint')}</h3>
      {!isDraft ? (
        <div className="banner banner-warn" role="note">
          <strong>{tr('审查员要求补正：', 'The examiner asks you to correct:')}</strong>
          {items.length ? (
            <ul>
              {items.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          ) : (
            <span> {tr('请查看通知邮件。', 'see the notice e-mail.')}</span>
          )}
          {message ? <p data-testid="correction-message">{message}</p> : null}
          <div className="muted">{tr('补正期限 15 日，逾期视为撤回。', 'You have 15 days; after that the complaint counts as withdrawn.')}</div>
        </div>
      ) : null}
      <ProblemBanner error={problem} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {SECTIONS.map((S, i) => (
          <S key={i} draft={form.draft} set={form.set} error={form.error} warning={form.warning} />
        ))}
        <fieldset className="section">
          <legend>{tr('补充证据', 'More evidence')}</legend>
          <p className="muted" data-testid="evidence-count">
            {tr('已有证据', 'Evidence on file')}: {evidence.length + added}
          </p>
          <EvidenceUploader caseId={c.id} onUploaded={() => setAdded((n) => n + 1)} onPending={setUploading} />
        </fieldset>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || uploading > 0} data-testid="resubmit">
            {isDraft ? tr('保存并提交', 'Save and submit') : tr('保存并重新提交', 'Save and resubmit')}
          </button>{' '}
          <button type="button" className="btn" disabled={busy || uploading > 0} data-testid="save-only" onClick={() => void save(true)}>
            {tr('仅保存', 'Save only')}
          </button>
        </div>
      </form>
      <ActionPanel c={c} onChange={onChange} exclude={['submit', 'resubmit']} />
    </section>
  );
}
