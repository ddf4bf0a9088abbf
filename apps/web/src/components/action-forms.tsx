// The actions the API allows the caller now (`allowedActions`), each with a form for its body (lifecycle.md).
import { ACCEPTABLE_ROUTES, type Role } from '@lyg/domain/model';
import { DECISION_OUTCOMES, ESCALATION_ROUTES, MEDIATION_NEXT_ROUTES, REPORTED_OUTCOMES } from '@lyg/domain/workflow/outcome-rules';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { CaseView } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { ACTION_LABELS, EVIDENCE_KIND_LABELS, OUTCOME_LABELS, ROUTE_LABELS } from '../i18n/labels';
import { useAsync } from '../lib/use-async';
import { StaffPicker } from './staff-picker';
import { ProblemBanner, SelectField, Spinner, TextArea } from './ui';

type FieldKind =
  | { name: string; kind: 'text' | 'lines'; required: boolean }
  | { name: string; kind: 'select'; options: readonly string[]; table: 'route' | 'outcome'; required: boolean }
  | { name: string; kind: 'staff'; role: Role; required: boolean };

const reason = (required: boolean): FieldKind => ({ name: 'reason', kind: 'text', required });

function fieldsOf(action: string, c: CaseView): FieldKind[] {
  const outcomes = (table: Partial<Record<string, readonly string[]>>) => table[c.state] ?? [];
  switch (action) {
    case 'accept':
      return [
        { name: 'route', kind: 'select', options: ACCEPTABLE_ROUTES, table: 'route', required: true },
        { name: 'overrideReason', kind: 'text', required: false },
      ];
    case 'request_correction':
      return [
        { name: 'items', kind: 'lines', required: true },
        { name: 'message', kind: 'text', required: true },
      ];
    case 'reject':
    case 'decline_filing':
    case 'suspend':
    case 'reject_transfer':
    case 'police_decline':
      return [reason(true)];
    case 'request_expert_opinion':
    case 'extend':
    case 'propose_transfer':
    case 'request_reconsideration':
    case 'withdraw':
      return [reason(false)];
    case 'decide':
      return [
        { name: 'outcome', kind: 'select', options: outcomes(DECISION_OUTCOMES), table: 'outcome', required: true },
        { name: 'summary', kind: 'text', required: true },
      ];
    case 'escalate':
      return [{ name: 'route', kind: 'select', options: ESCALATION_ROUTES, table: 'route', required: true }, reason(true)];
    case 'record_agreement':
      return [{ name: 'summary', kind: 'text', required: true }];
    case 'mediation_failed':
      return [reason(true), { name: 'nextRoute', kind: 'select', options: MEDIATION_NEXT_ROUTES, table: 'route', required: true }];
    case 'report_outcome':
      return [{ name: 'outcome', kind: 'select', options: outcomes(REPORTED_OUTCOMES), table: 'outcome', required: true }];
    case 'assign_mediator':
      return [{ name: 'mediatorId', kind: 'staff', role: 'mediator', required: false }];
    default:
      return [];
  }
}

const REFERRAL_ROUTES = ['customs_referral', 'court_referral'];

type AgencyKind = 'police' | 'customs' | 'court';

/**
 * The kind of organisation the action, with these values, transfers the case to (a package is made: evidence can go
 * with it and the receiver can be chosen), or null.
 */
function transfersTo(action: string, values: Record<string, string>): AgencyKind | null {
  const referral = (route: string | undefined): AgencyKind | null => (route && REFERRAL_ROUTES.includes(route) ? (route === 'customs_referral' ? 'customs' : 'court') : null);
  if (action === 'approve_transfer') return 'police';
  if (action === 'accept' || action === 'escalate') return referral(values.route);
  if (action === 'mediation_failed') return referral(values.nextRoute);
  return null;
}

/**
 * Which organisation of the kind receives the case, when there is more than one (a district's court or the
 * intermediate court, one customs office or another); the longest-standing is the default, as the server takes it.
 */
function AgencyChooser({ kind, value, error, onChange }: { kind: AgencyKind; value: string; error?: string; onChange(id: string): void }) {
  const { tr } = useI18n();
  const list = useAsync(() => api.agencies(kind), [kind]);
  const items = list.data?.items ?? [];
  useEffect(() => {
    if (items.length && !items.some((a) => a.id === value)) onChange(items[0]!.id);
  }, [items, value, onChange]);
  if (list.error) return <p className="warn">{tr('接收机关列表读取失败，将移送默认机关。', 'The receiving organisations could not be read; the default one will receive the case.')}</p>;
  if (items.length < 2) return error ? <p className="warn">{error}</p> : null;
  return (
    <SelectField
      label={tr('接收机关', 'Receiving organisation')}
      field="agencyId"
      error={error}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={items.map((a) => ({ value: a.id, label: a.name }))}
    />
  );
}

/**
 * The case's evidence to send with a transfer or referral: shared with the receiving organisation and listed in its
 * package. All of it is ticked to start with; the one who decides may leave out what the agency need not see.
 */
function EvidenceChooser({ caseId, chosen, onChange }: { caseId: string; chosen: Set<string> | null; onChange(ids: Set<string>): void }) {
  const { tr, label } = useI18n();
  const list = useAsync(() => api.listEvidence(caseId), [caseId]);
  const items = list.data?.items ?? [];
  useEffect(() => {
    if (list.data && chosen === null) onChange(new Set(list.data.items.map((e) => e.id)));
  }, [list.data, chosen, onChange]);
  return (
    <fieldset className="checks" data-testid="evidence-chooser">
      <legend>{tr('随案移送的证据（将共享给接收机关并列入移送材料包）', 'Evidence sent with the case (shared with the receiving agency and listed in its package)')}</legend>
      <ProblemBanner error={list.error} />
      {list.loading ? <Spinner /> : null}
      {list.data && !items.length ? <p className="muted">{tr('本案暂无证据。', 'The case has no evidence yet.')}</p> : null}
      <div className="check-grid">
      {items.map((e) => (
        <label key={e.id} className="check">
          <input
            type="checkbox"
            data-evidence-id={e.id}
            checked={chosen?.has(e.id) ?? true}
            onChange={(ev) => {
              const next = new Set(chosen ?? items.map((x) => x.id));
              if (ev.target.checked) next.add(e.id);
              else next.delete(e.id);
              onChange(next);
            }}
          />{' '}
          {e.fileName} · {label(EVIDENCE_KIND_LABELS, e.kind)}
        </label>
      ))}
      </div>
    </fieldset>
  );
}

function fieldLabel(name: string, tr: (zh: string, en: string) => string): string {
  const labels: Record<string, [string, string]> = {
    route: ['程序', 'Route'],
    nextRoute: ['后续程序', 'Next route'],
    overrideReason: ['改变建议路径的理由', 'Reason for overriding the recommendation'],
    items: ['需补正事项（每行一项）', 'Items to correct (one per line)'],
    message: ['给投诉人的说明', 'Message to the complainant'],
    reason: ['理由', 'Reason'],
    outcome: ['结果', 'Outcome'],
    summary: ['决定摘要', 'Summary'],
    mediatorId: ['调解员（不选则由调解委员会指派）', 'Mediator (none chosen: the committee assigns one)'],
  };
  const l = labels[name];
  return l ? tr(l[0], l[1]) : name;
}

/** What an action on a case that changed since the page showed it is answered with (another user acted first). */
const STALE_CODES = ['precondition_failed', 'version_conflict', 'not_allowed_in_state'];

function ActionForm({ c, action, onDone, onCancel, onStale }: { c: CaseView; action: string; onDone(c: CaseView): void; onCancel(): void; onStale(): void }) {
  const { tr, label } = useI18n();
  const fields = fieldsOf(action, c);
  const recommended = c.triage?.recommendedRoute;
  const [values, setValues] = useState<Record<string, string>>(() => {
    const v: Record<string, string> = {};
    for (const f of fields) {
      // A route starts at the recommendation when it may be taken; anything else (an outcome, a next route, a route
      // with no acceptable recommendation) starts unchosen: a confirmed form never carries a choice nobody made.
      v[f.name] = f.kind === 'select' && f.name === 'route' && recommended && f.options.includes(recommended) ? recommended : '';
    }
    return v;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [evidence, setEvidence] = useState<Set<string> | null>(null);
  const [agencyId, setAgencyId] = useState('');
  const overriding = action === 'accept' && values.route !== '' && values.route !== recommended;
  const receiver = transfersTo(action, values);
  const transferring = receiver !== null;
  // Another kind of receiver (the route changed): the choice starts again from that kind's default.
  useEffect(() => setAgencyId(''), [receiver]);

  const submit = async () => {
    const missing: Record<string, string> = {};
    for (const f of fields) {
      const required = f.required || (f.name === 'overrideReason' && overriding);
      if (required && !values[f.name]?.trim()) missing[f.name] = tr('此项为必填项', 'is required');
    }
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name]?.trim();
      if (!v) continue;
      if (f.name === 'overrideReason' && !overriding) continue;
      body[f.name] = f.kind === 'lines' ? v.split('\n').map((s) => s.trim()).filter(Boolean) : v;
    }
    if (transferring && evidence !== null) body.evidenceIds = [...evidence];
    if (transferring && agencyId) body.agencyId = agencyId;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await api.act(c.id, action, body, c.version));
    } catch (e) {
      // The case moved on under this page: nothing was done; the page shows the case as it is now and says so.
      if (e instanceof ApiError && STALE_CODES.includes(e.problem.code ?? '')) return onStale();
      if (e instanceof ApiError && e.problem.errors) setErrors(Object.fromEntries(e.problem.errors.map((f) => [f.field, f.message])));
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card action-form"
      data-testid={`action-form-${action}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{label(ACTION_LABELS, action)}</h4>
      <ProblemBanner error={problem} />
      {fields.map((f) => {
        if (f.name === 'overrideReason' && !overriding) return null;
        const common = { field: f.name, label: fieldLabel(f.name, tr), error: errors[f.name], required: f.required || f.name === 'overrideReason', value: values[f.name] ?? '' };
        const onChange = (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.name]: e.target.value }));
        if (f.kind === 'select') {
          const table = f.table === 'route' ? ROUTE_LABELS : OUTCOME_LABELS;
          return (
            <SelectField
              key={f.name}
              {...common}
              onChange={onChange}
              options={[
                { value: '', label: tr('— 请选择 —', '— choose —') },
                ...f.options.map((o) => ({ value: o, label: label(table, o) + (f.name === 'route' && o === recommended ? tr('（建议）', ' (recommended)') : '') })),
              ]}
            />
          );
        }
        if (f.kind === 'staff') {
          return <StaffPicker key={f.name} label={common.label} field={f.name} error={common.error} value={common.value} fixedRole={f.role} onChange={(id) => setValues((v) => ({ ...v, [f.name]: id }))} />;
        }
        return <TextArea key={f.name} {...common} onChange={onChange} rows={f.kind === 'lines' ? 3 : 2} />;
      })}
      {receiver ? <AgencyChooser key={receiver} kind={receiver} value={agencyId} error={errors.agencyId} onChange={setAgencyId} /> : null}
      {transferring ? <EvidenceChooser caseId={c.id} chosen={evidence} onChange={setEvidence} /> : null}
      {errors.evidenceIds ? <p className="warn">{errors.evidenceIds}</p> : null}
      {overriding ? <p className="warn">{tr('所选程序与系统建议不同，须说明理由（将记入审计日志）。', 'The route differs from the recommendation: give a reason (it is audited).')}</p> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          {tr('取消', 'Cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="confirm-action">
          {tr('确认', 'Confirm')}: {label(ACTION_LABELS, action)}
        </button>
      </div>
    </form>
  );
}

/** Buttons for the allowed actions (and only those); a chosen action opens its form. */
export function ActionPanel({ c, onChange, onStale, exclude = [] }: { c: CaseView; onChange(c: CaseView): void; onStale?(): void; exclude?: string[] }) {
  const { tr, label } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const actions = c.allowedActions.filter((a) => !exclude.includes(a));
  if (!actions.length) return <p className="muted">{tr('当前状态下您没有可执行的操作。', 'No action is open to you in the current state.')}</p>;
  return (
    <div className="action-panel">
      <div className="action-buttons" role="group" aria-label={tr('可执行的操作', 'Available actions')}>
        {actions.map((a) => (
          <button key={a} type="button" className={`btn${open === a ? ' btn-primary' : ''}`} aria-expanded={open === a} data-action={a} onClick={() => setOpen(open === a ? null : a)}>
            {label(ACTION_LABELS, a)}
          </button>
        ))}
      </div>
      {open ? (
        <ActionForm
          key={open + c.version}
          c={c}
          action={open}
          onCancel={() => setOpen(null)}
          onStale={() => {
            setOpen(null);
            onStale?.();
          }}
          onDone={(next) => {
            setOpen(null);
            onChange(next);
          }}
        />
      ) : null}
    </div>
  );
}

