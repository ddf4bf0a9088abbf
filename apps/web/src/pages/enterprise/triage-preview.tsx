// "Likely route and deadlines": the recommendation this complaint would get if submitted now (POST /triage/preview,
// nothing stored), with the screening deadline from the public calculator and the first stage's period of the
// recommended route. Where the preview endpoint is missing, the same rule engine runs in the browser.
import type { ComplaintInput, EvidenceKind, Route, TriageResult } from '@lyg/domain/model';
import { STAGE_DEADLINES } from '@lyg/domain/workflow/stage-deadlines';
import { useEffect, useState } from 'react';
import { api, isMissingEndpoint } from '../../api/client';
import { TriagePanel } from '../../components/case-parts';
import { useI18n } from '../../i18n/i18n';
import { CLOCK_LABELS, STAGE_LABELS } from '../../i18n/labels';
import { shanghaiToday } from '../../lib/complaint-form';

const FIRST_STAGE: Partial<Record<Route, keyof typeof STAGE_DEADLINES>> = {
  return_for_correction: 'awaiting_correction',
  fast_track: 'fast_track.examining',
  administrative_enforcement: 'administrative_enforcement.filing_review',
  mediation: 'mediation.assigning',
  police_transfer_review: 'police_transfer_review.awaiting_approval',
  customs_referral: 'customs_referral',
  court_referral: 'court_referral',
};

async function localTriage(input: ComplaintInput, evidenceKinds: EvidenceKind[]): Promise<TriageResult> {
  const { triage } = await import('@lyg/domain/triage');
  return triage({
    complaint: input,
    evidenceKinds,
    filingOrganization: { uscc: input.complainant.uscc },
    registeredEnterprises: new Set<string>(),
    respondentHistory: [],
    submittedAt: new Date().toISOString(),
  });
}

let previewEndpointMissing = false;

export function TriagePreview({ input, evidenceKinds }: { input: ComplaintInput | null; evidenceKinds: EvidenceKind[] }) {
  const { tr, label } = useI18n();
  const [result, setResult] = useState<{ triage: TriageResult; local: boolean } | null>(null);
  const [screeningDue, setScreeningDue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = input ? JSON.stringify([input, evidenceKinds]) : null;

  useEffect(() => {
    if (!input) return;
    let live = true;
    const t = setTimeout(async () => {
      setBusy(true);
      try {
        let triage: TriageResult;
        let local = previewEndpointMissing;
        if (!local) {
          try {
            triage = await api.triagePreview(input, evidenceKinds);
          } catch (e) {
            if (!isMissingEndpoint(e)) throw e;
            previewEndpointMissing = local = true;
            triage = await localTriage(input, evidenceKinds);
          }
        } else triage = await localTriage(input, evidenceKinds);
        if (live) setResult({ triage, local });
      } catch {
        if (live) setResult(null);
      } finally {
        if (live) setBusy(false);
      }
    }, 500);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);

  useEffect(() => {
    fetch(`/api/v1/calendar/deadline?from=${shanghaiToday()}&period=5&clock=working_days`)
      .then((r) => (r.ok ? (r.json() as Promise<{ dueDate: string }>) : null))
      .then((d) => setScreeningDue(d?.dueDate ?? null))
      .catch(() => setScreeningDue(null));
  }, []);

  if (!input) {
    return (
      <aside className="card preview" aria-live="polite" data-testid="triage-preview">
        <h3>{tr('预计分流与期限', 'Likely route and deadlines')}</h3>
        <p className="muted">{tr('填写完整且无误后，这里显示系统的分流建议。', 'Once the form is complete and valid, the recommended route appears here.')}</p>
      </aside>
    );
  }
  const stage = result ? FIRST_STAGE[result.triage.recommendedRoute] : undefined;
  const period = stage ? (stage === 'fast_track.examining' && result?.triage.targetDays ? result.triage.targetDays : STAGE_DEADLINES[stage].period) : null;
  return (
    <aside className="preview" aria-live="polite" aria-busy={busy} data-testid="triage-preview">
      <div className="card">
        <h3>{tr('预计分流与期限', 'Likely route and deadlines')}</h3>
        {screeningDue ? (
          <p>
            {tr('若今日提交，受理审查最迟于', 'Submitted today, screening ends at the latest on')} <strong>
              {screeningDue} 24:00{tr('（北京时间）', ' Beijing time (UTC+8)')}
            </strong>
            {tr('（5 个工作日）。', ' (5 working days).')}
          </p>
        ) : null}
        {stage && period ? (
          <p>
            {tr('按建议路径，首个阶段', 'On the recommended route, the first stage')} “{label(STAGE_LABELS, stage)}” {tr('期限', 'runs')} {period} {label(CLOCK_LABELS, STAGE_DEADLINES[stage].clock)}
            {tr('。', '.')}
          </p>
        ) : null}
        {result?.local ? <p className="muted">{tr('（浏览器内预估，未含历史案件与保护名录。）', '(Estimated in the browser, without case history or the registered-enterprise list.)')}</p> : null}
        {!result ? <p className="muted">{busy ? tr('计算中…', 'Calculating…') : '—'}</p> : null}
      </div>
      {result ? <TriagePanel triage={result.triage} title={tr('分流建议（预览）', 'Recommendation (preview)')} /> : null}
    </aside>
  );
}
