// One case, for every role: parties and rights, triage reasons with their legal basis, flags, deadlines, evidence
// (viewer), history; queue work (claim / release / reassign) for staff; the allowed actions with their forms; for
// the enterprise, the correction request answered in place (edit, add evidence, resubmit).
import { isTerminalState, type CaseState } from '@lyg/domain/workflow/case-states';
import { claimableStates } from '@lyg/domain/workflow/queue-roles';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { CaseView, EvidenceView, HistoryItem } from '../api/types';
import { ActionPanel } from '../components/action-forms';
import { ComplaintDetails, FlagChips, StateBadge, Timeline, TriagePanel } from '../components/case-parts';
import { DeadlineTable } from '../components/deadline';
import { EvidenceList } from '../components/evidence';
import { assigneeRoleFor, QUEUE_ROLES, StaffPicker, useStaffName } from '../components/staff-picker';
import { TransferPackagePanel } from '../components/transfer-package';
import { ProblemBanner, Spinner } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { ROUTE_LABELS } from '../i18n/labels';
import { workListPath } from '../lib/list-memory';
import { Link } from '../lib/router';
import { useUser } from '../lib/session';
import { useAsync } from '../lib/use-async';
import { CorrectionEditor } from './enterprise/correction-editor';

/** Who may read transfer packages: the receiving agencies and the center's staff. */
const PACKAGE_ROLES = ['police', 'court', 'customs', 'procuratorate', 'examiner', 'supervisor', 'mediator', 'officer', 'admin'];

interface Loaded {
  c: CaseView;
  history: HistoryItem[];
  evidence: EvidenceView[];
}

async function loadCase(id: string): Promise<Loaded> {
  const [c, history, evidence] = await Promise.all([
    api.getCase(id),
    api.history(id).then((p) => p.items),
    api.listEvidence(id).then((p) => p.items),
  ]);
  return { c, history, evidence };
}

export default function CasePage({ id, back }: { id: string; back: string }) {
  const { tr, label } = useI18n();
  const user = useUser();
  const { data, error, loading, reload } = useAsync(() => loadCase(id), [id]);
  const [problem, setProblem] = useState<unknown>(null);
  const [assignee, setAssignee] = useState('');
  const [reassignError, setReassignError] = useState<string | null>(null);
  // The case as this user's last action left it: when that action handed it on out of their sight (a failed mediation
  // to the bureau or the court, a transfer), the page says what was done rather than "not found".
  const [done, setDone] = useState<CaseView | null>(null);
  // Another user acted on the case after this page showed it: the page reloaded, and says why the action was not taken.
  const [stale, setStale] = useState(false);
  const staffRole = QUEUE_ROLES.includes(user.role);
  const assigneeName = useStaffName(staffRole ? (data?.c.assignee ?? null) : null);

  if (loading && !data) return <Spinner />;
  if (done?.id === id && error instanceof ApiError && error.status === 404) {
    return (
      <section className="page" aria-labelledby="h-case">
        <div className="card success" data-testid="handed-off">
          <h2 id="h-case">
            {done.caseNumber} <StateBadge state={done.state} outcome={done.outcome} />
          </h2>
          <p>{tr('已办理。案件已转至下一程序，不在您的工作范围内。', 'Done. The case has moved on to its next stage and is no longer in your work.')}</p>
          <Link className="btn btn-primary" to={back}>
            {tr('返回列表', 'Back to the list')}
          </Link>
        </div>
      </section>
    );
  }
  if (error || !data) return <ProblemBanner error={error} />;
  const { c, history, evidence } = data;
  const staff = staffRole;
  const mine = c.assignee === user.id;
  /** A queue operation; true when it was done. `refused` may take a refusal to show it itself (then no banner). */
  const queueOp = async (op: () => Promise<CaseView>, refused?: (e: unknown) => boolean): Promise<boolean> => {
    setProblem(null);
    try {
      await op();
      reload();
      return true;
    } catch (e) {
      if (!refused?.(e)) setProblem(e);
      return false;
    }
  };
  const editable = user.role === 'enterprise' && (c.state === 'awaiting_correction' || c.state === 'draft');

  return (
    <section className="page" aria-labelledby="h-case">
      <p>
        <Link to={back === '/work' ? workListPath() : back}>← {tr('返回列表', 'Back to the list')}</Link>
      </p>
      <div className="page-head">
        <h2 id="h-case">
          {c.caseNumber ?? (c.state === 'draft' ? tr('投诉草稿', 'Complaint draft') : tr('未提交的投诉', 'Complaint never submitted'))} <StateBadge state={c.state} outcome={c.outcome} />
        </h2>
        {c.slaBreached ? (
          <span className="badge badge-breached" role="status">
            ⚠ {tr('已超期', 'SLA breached')}
          </span>
        ) : null}
      </div>
      <p className="muted">
        {c.complaint.complainant.name} → {c.complaint.respondent.name}
        {c.route ? ` · ${tr('程序', 'Route')}: ${label(ROUTE_LABELS, c.route)}` : ''}
      </p>
      <FlagChips flags={c.flags} />
      {stale ? (
        <p className="banner banner-warn" role="alert" data-testid="case-stale">
          {tr('此案件刚被他人处理，您的操作未执行。页面已显示最新状态，请核对后再操作。', 'Someone else acted on this case first, so your action was not taken. The page now shows the case as it is; check it before acting.')}
        </p>
      ) : null}
      <ProblemBanner error={problem} />

      {staff ? (
        <div className="card queue-box" data-testid="assignment">
          <strong>{tr('承办人', 'Assignee')}: </strong>
          <span data-testid="assignee">{c.assignee ? (mine ? tr('我', 'me') : assigneeName) : tr('未认领', 'unassigned')}</span>{' '}
          {!c.assignee && claimableStates(user.role).includes(c.state as CaseState) ? (
            <button type="button" className="btn btn-small" onClick={() => queueOp(() => api.claim(c.id))}>
              {tr('认领', 'Claim')}
            </button>
          ) : null}
          {c.assignee && (mine || user.role === 'supervisor') && !isTerminalState(c.state as CaseState) ? (
            <button type="button" className="btn btn-small" onClick={() => queueOp(() => api.release(c.id))}>
              {tr('释放', 'Release')}
            </button>
          ) : null}
          {user.role === 'supervisor' ? (
            <form
              className="inline-form"
              data-testid="reassign-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!assignee) return;
                setReassignError(null);
                // The API's reason for refusing this colleague goes next to the picker, and the choice stays.
                void queueOp(() => api.reassign(c.id, assignee), (e) => {
                  const field = e instanceof ApiError ? e.problem.errors?.find((f) => f.field === 'assigneeId') : undefined;
                  if (field) setReassignError(field.message);
                  return Boolean(field);
                }).then((done) => done && setAssignee(''));
              }}
            >
              <StaffPicker
                label={tr('改派给', 'Reassign to')}
                value={assignee}
                onChange={(id) => {
                  setAssignee(id);
                  setReassignError(null);
                }}
                initialRole={assigneeRoleFor(c.state)}
                roles={QUEUE_ROLES.filter((r) => claimableStates(r).includes(c.state as CaseState))}
                caseId={c.id}
                field="assigneeId"
                error={reassignError}
              />
              <button type="submit" className="btn btn-small" disabled={!assignee}>
                {tr('改派', 'Reassign')}
              </button>
            </form>
          ) : null}
        </div>
      ) : null}

      <div className="grid-main">
        <div>
          {editable ? (
            <CorrectionEditor c={c} history={history} evidence={evidence} onChange={reload} />
          ) : (
            <section className="card" aria-labelledby="h-actions">
              <h3 id="h-actions">{tr('操作', 'Actions')}</h3>
              <ActionPanel
                c={c}
                onChange={(after) => {
                  setDone(after);
                  setStale(false);
                  reload();
                }}
                onStale={() => {
                  setStale(true);
                  reload();
                }}
              />
            </section>
          )}
          {PACKAGE_ROLES.includes(user.role) ? <TransferPackagePanel c={c} history={history} /> : null}
          <section className="card" aria-labelledby="h-deadlines">
            <h3 id="h-deadlines">{tr('期限', 'Deadlines')}</h3>
            <DeadlineTable deadlines={c.deadlines} />
          </section>
          {c.triage && user.role !== 'enterprise' ? <TriagePanel triage={c.triage} /> : null}
          <ComplaintDetails c={c.complaint} />
          <section className="card" aria-labelledby="h-evidence">
            <h3 id="h-evidence">{tr('证据', 'Evidence')}</h3>
            <EvidenceList items={evidence} canShare={user.role === 'examiner' || user.role === 'supervisor'} agencyId={c.transferredTo} />
          </section>
        </div>
        <aside className="card" aria-labelledby="h-history">
          <h3 id="h-history">{tr('办理记录', 'History')}</h3>
          <Timeline items={history} />
        </aside>
      </div>
    </section>
  );
}
