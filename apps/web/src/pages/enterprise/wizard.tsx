// The complaint wizard: complainant, respondent, rights, infringement, remedies, evidence, review. Each step is
// checked as the user types; the draft is created on the way to the evidence step (the API validates the whole
// complaint then, and its 422 sends the user back to the first bad field); submission gives the case number.
import type { EvidenceKind } from '@lyg/domain/model';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { CaseView, EvidenceView } from '../../api/types';
import { ComplaintDetails } from '../../components/case-parts';
import { EvidenceList, EvidenceUploader } from '../../components/evidence';
import { ProblemBanner, SelectField } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { emptyDraft, stepOfField, toComplaintInput } from '../../lib/complaint-form';
import { Link, useLocation } from '../../lib/router';
import { useUser } from '../../lib/session';
import { blankComplainant, type ComplainantSource, useComplainantSources } from './complainant-sources';
import { SECTIONS } from './complaint-fields';
import { TriagePreview } from './triage-preview';
import { focusFirstError, useComplaintForm } from './use-complaint-form';

const STEP_PREFIXES = ['complainant', 'respondent', 'ipRights', 'infringement', 'requestedRemedies'];

/** The step the address names (`?step=3` is the third, index 2); the first when it names none. */
function stepInAddress(): number {
  const asked = Number(new URLSearchParams(location.search).get('step') ?? '1') - 1;
  return Number.isInteger(asked) && asked >= 0 ? asked : 0;
}

export default function Wizard() {
  const { tr, lang } = useI18n();
  const user = useUser();
  const form = useComplaintForm(emptyDraft, `lyg.wizard.${user.id}`);
  // The draft made on the way to the evidence step, and the step reached, survive a reload like the fields do: a
  // reload neither loses the evidence already attached nor makes a second draft.
  const progressKey = `lyg.wizard.${user.id}.progress`;
  // A reload keeps the step in the address (the fields are kept in this browser); the evidence and review steps come
  // back with the draft (below).
  const [step, setStepState] = useState(() => Math.min(stepInAddress(), 4));
  const [created, setCreatedState] = useState<CaseView | null>(null);
  const [evidence, setEvidence] = useState<EvidenceView[]>([]);
  const [busy, setBusy] = useState(false);
  // Evidence still on its way: the wizard does not move on (nor submit) until it is stored, or it would be lost.
  const [uploading, setUploading] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [submitted, setSubmitted] = useState<CaseView | null>(null);
  const remember = (p: { id: string; step: number } | null) => (p ? localStorage.setItem(progressKey, JSON.stringify(p)) : localStorage.removeItem(progressKey));
  const draftId = useRef<string | null>(null);
  const setStep = (s: number | ((s: number) => number)) =>
    setStepState((prev) => {
      const next = typeof s === 'function' ? s(prev) : s;
      if (draftId.current) remember({ id: draftId.current, step: next });
      return next;
    });
  // Each step is an entry of the browser's history (`?step=3`): its Back and Forward buttons move between the steps
  // (the fields are kept) instead of leaving the complaint. The evidence and review steps need the draft.
  const reachable = (to: number) => Math.min(Math.max(to, 0), draftId.current ? 6 : 4);
  const go = (to: number) => {
    const next = reachable(to);
    if (next === step) return;
    setStep(next);
    history.pushState(null, '', `${location.pathname}?step=${next + 1}`);
  };
  const stepRef = useRef(step);
  stepRef.current = step;
  const uploadingRef = useRef(uploading);
  uploadingRef.current = uploading;
  useEffect(() => {
    const onPop = () => {
      // Files still on their way keep the evidence step: the history entry left is put back.
      if (uploadingRef.current) return history.pushState(null, '', `${location.pathname}?step=${stepRef.current + 1}`);
      setStep(reachable(stepInAddress()));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
    // Once: setStep only writes state and storage, and the refs carry what changes.
  }, []);
  const setCreated = (c: CaseView) => {
    draftId.current = c.id;
    setCreatedState(c);
    remember({ id: c.id, step });
  };
  useEffect(() => {
    let saved: { id?: unknown; step?: unknown } | null;
    try {
      saved = JSON.parse(localStorage.getItem(progressKey) ?? 'null');
    } catch {
      saved = null;
    }
    if (!saved || typeof saved.id !== 'string') return;
    const id = saved.id;
    const at = typeof saved.step === 'number' ? Math.min(Math.max(saved.step, 0), 6) : 5;
    void Promise.all([api.getCase(id), api.listEvidence(id)])
      .then(([c, list]) => {
        if (c.state !== 'draft') return remember(null); // submitted or withdrawn meanwhile (another tab)
        draftId.current = c.id;
        setCreatedState(c);
        setEvidence(list.items);
        setStepState(at);
      })
      .catch(() => remember(null));
    // Once, on the first render.
  }, []);
  // The navigation's "New complaint" after a submission starts a new one.
  const { visit } = useLocation();
  const firstVisit = useRef(visit);
  // The complainant starts as the organisation itself (as it last filed, or as it is on record) when nothing is typed
  // yet; the step offers every earlier complainant (an agent's clients) to fill it in from.
  const sources = useComplainantSources();
  const [filledFrom, setFilledFrom] = useState<ComplainantSource['from'] | null>(null);
  const fillComplainant = (source: ComplainantSource) => {
    form.set('complainant', source.complainant);
    setFilledFrom(source.from);
  };
  useEffect(() => {
    if (sources?.start && !draftId.current && blankComplainant(form.draft.complainant)) fillComplainant(sources.start);
    // When the sources arrive (a new complaint after a submission starts from them below).
  }, [sources]);
  useEffect(() => {
    if (visit === firstVisit.current || !submitted) return;
    firstVisit.current = visit;
    setSubmitted(null);
    draftId.current = null;
    setCreatedState(null);
    setEvidence([]);
    setStepState(0);
    form.setDraft(emptyDraft());
    setFilledFrom(null);
    if (sources?.start) fillComplainant(sources.start);
    // On a new visit only.
  }, [visit]);

  const steps = [
    tr('投诉人', 'Complainant'),
    tr('被投诉方', 'Respondent'),
    tr('权利', 'Rights'),
    tr('侵权情况', 'Infringement'),
    tr('请求事项', 'Remedies'),
    tr('证据', 'Evidence'),
    tr('核对提交', 'Review'),
  ];
  const clientValid = Object.keys(form.checked.errors).length === 0;
  const input = useMemo(() => (clientValid ? toComplaintInput(form.draft, lang) : null), [clientValid, form.draft, lang]);
  const evidenceKinds = useMemo(() => [...new Set(evidence.map((e) => e.kind))] as EvidenceKind[], [evidence]);

  const stepHasErrors = (s: number) => Object.keys(form.checked.errors).some((f) => f.startsWith(STEP_PREFIXES[s]));

  /** Creates the draft (first time) or saves the edits, so evidence can be attached to it. */
  const saveDraft = async (): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      const body = toComplaintInput(form.draft, lang);
      const saved = created ? await api.updateComplaint(created.id, body) : await api.createComplaint(body);
      setCreated(saved);
      return true;
    } catch (e) {
      const fields = form.takeProblem(e);
      setProblem(e);
      if (fields?.length) {
        go(Math.min(...fields.map(stepOfField)));
        focusFirstError();
      }
      return false;
    } finally {
      setBusy(false);
    }
  };

  const next = async () => {
    if (uploading) return;
    if (step < 5 && stepHasErrors(step)) {
      form.showAll();
      focusFirstError();
      return;
    }
    if (step === 4 && !(await saveDraft())) return;
    go(step + 1);
  };

  const submit = async () => {
    if (!created || uploading) return;
    setBusy(true);
    setProblem(null);
    try {
      // Edits made after the evidence step are saved before the submission.
      const saved = await api.updateComplaint(created.id, toComplaintInput(form.draft, lang));
      const result = await api.act(saved.id, 'submit', {}, saved.version);
      form.clearSaved();
      remember(null);
      setSubmitted(result);
    } catch (e) {
      const fields = form.takeProblem(e);
      setProblem(e);
      if (fields?.length) go(Math.min(...fields.map(stepOfField)));
    } finally {
      setBusy(false);
    }
  };

  // Starting over: the draft made so far (and the evidence attached to it) is withdrawn, never to be submitted, so
  // that another complaint (an agent's next client) does not carry it; the fields start again from the organisation.
  const [discarding, setDiscarding] = useState(false);
  const started = Boolean(created) || !blankComplainant(form.draft.complainant) || form.draft.respondent.name.trim() !== '';
  const discard = async () => {
    setBusy(true);
    setProblem(null);
    try {
      // With its version: a draft submitted meanwhile (in another tab) is not withdrawn (412).
      if (created) await api.act(created.id, 'withdraw', { reason: tr('投诉人放弃草稿', 'Draft discarded by the filer') }, created.version);
      form.clearSaved();
      remember(null);
      draftId.current = null;
      setCreatedState(null);
      setEvidence([]);
      setStepState(0);
      history.replaceState(null, '', location.pathname);
      form.setDraft(emptyDraft());
      setFilledFrom(null);
      if (sources?.start) fillComplainant(sources.start);
      setDiscarding(false);
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  if (submitted) {
    return (
      <section className="page" aria-labelledby="h-done">
        <div className="card success" data-testid="submitted">
          <h2 id="h-done">{tr('投诉已提交', 'Complaint submitted')}</h2>
          <p>
            {tr('案件编号', 'Case number')}: <strong data-testid="case-number">{submitted.caseNumber}</strong>
          </p>
          <p>{tr('确认邮件已发送至联系邮箱。受理审查将在 5 个工作日内完成。', 'An acknowledgement was sent to the contact e-mail. Screening completes within 5 working days.')}</p>
          <Link className="btn btn-primary" to={`/portal/cases/${submitted.id}`}>
            {tr('查看案件', 'Open the case')}
          </Link>
        </div>
      </section>
    );
  }

  const Section = step < 5 ? SECTIONS[step] : null;
  return (
    <section className="page wizard" aria-labelledby="h-wizard">
      <h2 id="h-wizard">{tr('新建投诉', 'New complaint')}</h2>
      <ol className="steps" aria-label={tr('步骤', 'Steps')}>
        {steps.map((s, i) => (
          <li key={s} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
            <span className="step-no">{i + 1}</span> {s}
          </li>
        ))}
      </ol>
      <div className="with-aside">
        <div>
          <ProblemBanner error={problem} />
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void (step === 6 ? submit() : next());
            }}
          >
            {step === 0 && sources?.options.length ? (
              <SelectField
                label={tr('从以往资料填入', 'Fill in from')}
                field="complainantSource"
                value=""
                onChange={(e) => {
                  const source = sources.options.find((o) => o.key === e.target.value);
                  if (source) fillComplainant(source);
                }}
                options={[
                  { value: '', label: tr('— 请选择 —', '— choose —') },
                  ...sources.options.map((o) => ({
                    value: o.key,
                    label: `${o.from === 'organization' ? tr('本单位登记信息：', 'Your organisation on record: ') : ''}${o.complainant.name}${o.complainant.uscc ? ` (${o.complainant.uscc})` : ''}`,
                  })),
                ]}
              />
            ) : null}
            {step === 0 && filledFrom ? (
              <p className="banner banner-info" role="status" data-testid="complainant-filled">
                {filledFrom === 'earlier'
                  ? tr('投诉人信息已按以往投诉填入，请核对后继续。', 'The complainant is filled in from an earlier complaint: check it before going on.')
                  : tr('投诉人信息已按本单位登记信息填入，请核对并补全。', "The complainant is filled in from your organisation's record: check and complete it.")}
              </p>
            ) : null}
            {Section ? <Section draft={form.draft} set={form.set} error={form.error} warning={form.warning} /> : null}
            {step === 5 && created ? (
              <fieldset className="section">
                <legend>{tr('证据', 'Evidence')}</legend>
                <p className="muted">{tr('可上传权利证书、侵权证据、购买记录等；每个文件单独显示上传进度与 SHA-256 校验值。', 'Upload right certificates, infringement evidence, purchase records…; each file shows its progress and SHA-256.')}</p>
                <EvidenceUploader caseId={created.id} onUploaded={(e) => setEvidence((list) => [...list, e])} onPending={setUploading} />
                <EvidenceList items={evidence} />
              </fieldset>
            ) : null}
            {step === 6 ? (
              <div data-testid="review">
                <ComplaintDetails c={toComplaintInput(form.draft, lang)} />
                <p>
                  {tr('证据', 'Evidence')}: {evidence.length} {tr('份', 'file(s)')}
                </p>
              </div>
            ) : null}
            <div className="actions">
              {step > 0 ? (
                <button type="button" className="btn" onClick={() => go(step - 1)} disabled={busy || uploading > 0}>
                  {tr('上一步', 'Back')}
                </button>
              ) : null}
              {step < 6 ? (
                <button type="submit" className="btn btn-primary" disabled={busy || uploading > 0}>
                  {step === 4 ? tr('保存草稿并继续', 'Save draft and continue') : tr('下一步', 'Next')}
                </button>
              ) : (
                <button type="submit" className="btn btn-primary" disabled={busy || !created} data-testid="submit-complaint">
                  {tr('提交投诉', 'Submit complaint')}
                </button>
              )}
              {started && !discarding ? (
                <button type="button" className="btn" onClick={() => setDiscarding(true)} disabled={busy || uploading > 0} data-testid="discard-draft">
                  {tr('放弃并重新开始', 'Discard and start over')}
                </button>
              ) : null}
            </div>
            {discarding ? (
              <div className="banner banner-warn" role="alertdialog" aria-labelledby="discard-q" data-testid="discard-confirm">
                <p id="discard-q">
                  {created
                    ? tr(`放弃此投诉草稿？已填写的内容和已上传的 ${evidence.length} 份证据都不会提交，草稿在“我的案件”中显示为“未提交的投诉”。`, `Discard this draft? What you entered and the ${evidence.length} file(s) uploaded will not be submitted; "My cases" lists the draft as never submitted.`)
                    : tr('清空已填写的内容，重新开始？', 'Clear what you entered and start over?')}
                </p>
                <button type="button" className="btn btn-primary" onClick={() => void discard()} disabled={busy}>
                  {tr('确定放弃', 'Discard')}
                </button>{' '}
                <button type="button" className="btn" onClick={() => setDiscarding(false)} disabled={busy}>
                  {tr('取消', 'Cancel')}
                </button>
              </div>
            ) : null}
          </form>
        </div>
        <TriagePreview input={input} evidenceKinds={evidenceKinds} />
      </div>
    </section>
  );
}
