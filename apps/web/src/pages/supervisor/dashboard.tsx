// The supervisor's dashboard: transfer approvals, the live queue by stage with breaches, the four principles
// (GET /metrics/principles) and audit verification (GET /audit/verify). The last two are shown when the API has
// them; until then the panels say so instead of failing.
import { api, isMissingEndpoint } from '../../api/client';
import type { AuditVerification } from '../../api/types';
import { CaseTable } from '../../components/case-table';
import { BarChart, Ring } from '../../components/charts';
import { PrinciplesPanel } from './principles-panel';
import { ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { FLAG_LABELS, STATE_LABELS } from '../../i18n/labels';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

const optional = <T,>(p: Promise<T>): Promise<T | 'missing'> => p.catch((e: unknown) => (isMissingEndpoint(e) ? 'missing' : Promise.reject(e)));

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
  const live = useAsync(() => api.caseStages(), []);
  const audit = useAsync(() => optional(api.verifyAudit()), []);
  const stages = live.data;

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
        <section className="card" aria-labelledby="h-live" data-testid="live-queue">
          <h3 id="h-live">{tr('在办案件（按阶段）', 'Open cases by stage')}</h3>
          <ProblemBanner error={live.error} />
          {stages ? (
            <>
              <Ring title={tr('未超期比例', 'Within deadline')} value={stages.cases ? 1 - stages.breached / stages.cases : 1} alert={stages.breached > 0} />
              <div className="table-wrap">
                <table className="table compact" data-testid="stage-counts">
                  <thead>
                    <tr>
                      <th>{tr('阶段', 'Stage')}</th>
                      <th className="num">{tr('在办', 'Open')}</th>
                      <th className="num">{tr('已超期', 'Past deadline')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stages.stages.map((x) => (
                      <tr key={x.state} data-stage={x.state} className={x.breached ? 'row-breached' : undefined}>
                        <td>
                          {/* The stage's cases on the workbench, by due time. */}
                          <Link to={`/work?queue=all&state=${encodeURIComponent(x.state)}`}>{label(STATE_LABELS, x.state)}</Link>
                        </td>
                        <td className="num">{x.cases}</td>
                        <td className="num">{x.breached || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th>{tr('合计', 'Total')}</th>
                      <th className="num">{stages.cases}</th>
                      <th className="num">{stages.breached || '—'}</th>
                    </tr>
                  </tfoot>
                </table>
              </div>
              {stages.flags.length ? (
                <BarChart
                  title={tr('在办案件的标记', 'Flags of the open cases')}
                  bars={stages.flags.map((f) => ({ label: label(FLAG_LABELS, f.flag), value: f.cases, alert: f.flag === 'criminal_threshold_reached' || f.flag === 'repeat_infringer' }))}
                />
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
