// The supervisor's dashboard: transfer approvals, the live queue by stage with breaches, the four principles
// (GET /metrics/principles) and audit verification (GET /audit/verify). The last two are shown when the API has
// them; until then the panels say so instead of failing.
import { api, isMissingEndpoint } from '../../api/client';
import type { AuditVerification, CaseView } from '../../api/types';
import { CaseTable } from '../../components/case-table';
import { BarChart, Ring } from '../../components/charts';
import { PrinciplesPanel } from './principles-panel';
import { ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { FLAG_LABELS, ROUTE_LABELS, STATE_LABELS } from '../../i18n/labels';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

const optional = <T,>(p: Promise<T>): Promise<T | 'missing'> => p.catch((e: unknown) => (isMissingEndpoint(e) ? 'missing' : Promise.reject(e)));

function countBy(cases: CaseView[], key: (c: CaseView) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) for (const k of key(c)) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function AuditStatus({ v }: { v: AuditVerification }) {
  const { tr, dateTime } = useI18n();
  const cp = v.lastCheckpoint;
  return (
    <div className={v.valid ? 'ok' : 'warn'} data-testid="audit-status">
      <p>
        {v.valid ? `✓ ${tr('审计链校验通过', 'Audit chain verified')}` : `⚠ ${tr('审计链校验失败', 'Audit chain verification FAILED')}`} · {tr('已校验', 'checked')} {v.checkedEntries}
        {v.firstBadSeq ? ` · ${tr('首个异常序号', 'first bad entry')} ${String(v.firstBadSeq)}` : ''}
      </p>
      {cp ? (
        <p className="small" data-testid="audit-checkpoint">
          {tr('最近签名检查点', 'Last signed checkpoint')}: {tr('第', 'entry ')}
          {cp.seq}
          {tr(' 条', '')} · {dateTime(cp.time)} · {tr('密钥', 'key')} <code>{cp.keyId.slice(0, 16)}</code> ·{' '}
          {cp.signatureValid ? tr('签名有效', 'signature valid') : tr('签名无效', 'signature INVALID')}
        </p>
      ) : (
        <p className="small muted">{tr('尚无签名检查点。', 'No signed checkpoint yet.')}</p>
      )}
      {!v.valid && v.problem ? <p className="small" data-testid="audit-problem">{v.problem.message}</p> : null}
    </div>
  );
}

export default function Dashboard() {
  const { tr, label } = useI18n();
  const approvals = useAsync(() => api.listCases({ state: 'police_transfer_review.awaiting_approval', sort: 'due', limit: 50 }), []);
  const queue = useAsync(() => api.listCases({ sort: 'due', limit: 100 }), []);
  const audit = useAsync(() => optional(api.verifyAudit()), []);

  const open = (queue.data?.items ?? []).filter((c) => !['closed', 'withdrawn', 'not_accepted'].includes(c.state));
  const byStage = countBy(open, (c) => [c.state.split('.')[0]]);
  const breached = open.filter((c) => c.slaBreached || c.deadlines.some((d) => d.breached || Date.parse(d.dueAt) < Date.now())).length;
  const byFlag = countBy(open, (c) => c.flags);

  return (
    <section className="page" aria-labelledby="h-dash">
      <h2 id="h-dash">{tr('主任看板', 'Supervisor dashboard')}</h2>

      <section className="card" aria-labelledby="h-approvals" data-testid="approvals">
        <h3 id="h-approvals">{tr('待审批的移送公安', 'Police transfers awaiting approval')}</h3>
        <p className="muted small">{tr('审批期限 3 日（行政执法机关移送涉嫌犯罪案件的规定 第五条）。', 'Decide within 3 days (Provisions on transfer of suspected crimes, Art. 5).')}</p>
        <ProblemBanner error={approvals.error} />
        {approvals.loading ? <Spinner /> : <CaseTable cases={approvals.data?.items ?? []} hrefOf={(c) => `/work/cases/${c.id}`} />}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="h-live">
          <h3 id="h-live">{tr('在办案件（最近 100 件，按期限）', 'Open cases (first 100 by due time)')}</h3>
          <ProblemBanner error={queue.error} />
          {queue.data ? (
            <>
              <Ring title={tr('其中未超期比例', 'Of these, within deadline')} value={open.length ? 1 - breached / open.length : 1} alert={breached > 0} />
              <BarChart title={tr('各阶段案件数', 'Cases by stage')} bars={Object.entries(byStage).map(([k, v]) => ({ label: label({ ...ROUTE_LABELS, ...STATE_LABELS }, k), value: v }))} />
              {Object.keys(byFlag).length ? (
                <BarChart title={tr('标记', 'Flags')} bars={Object.entries(byFlag).map(([k, v]) => ({ label: label(FLAG_LABELS, k), value: v, alert: k === 'criminal_threshold_reached' || k === 'repeat_infringer' }))} />
              ) : null}
              <p>
                <Link to="/work">{tr('进入工作台（认领、改派）', 'Open the workbench (claim, reassign)')}</Link>
              </p>
            </>
          ) : (
            <Spinner />
          )}
        </section>
        <section className="card" aria-labelledby="h-audit">
          <h3 id="h-audit">{tr('审计日志', 'Audit log')}</h3>
          <ProblemBanner error={audit.error} />
          {audit.data === 'missing' ? <p className="muted" data-testid="audit-status">{tr('审计校验接口尚未启用。', 'The audit verification endpoint is not available yet.')}</p> : null}
          {audit.data && audit.data !== 'missing' ? <AuditStatus v={audit.data} /> : null}
          {audit.loading ? <Spinner /> : null}
        </section>
      </div>

      <PrinciplesPanel />
    </section>
  );
}
