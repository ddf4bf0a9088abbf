// The supervisor's dashboard: transfer approvals, the live queue by stage with breaches, the four principles
// (GET /metrics/principles) and audit verification (GET /audit/verify). The last two are shown when the API has
// them; until then the panels say so instead of failing.
import { api, isMissingEndpoint } from '../../api/client';
import type { AuditVerification, CaseView, PrinciplesMetrics } from '../../api/types';
import { CaseTable } from '../../components/case-table';
import { BarChart, Ring, type Bar } from '../../components/charts';
import { ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { FLAG_LABELS, PRINCIPLE_LABELS, ROUTE_LABELS, STATE_LABELS } from '../../i18n/labels';
import { Link } from '../../lib/router';
import { useAsync } from '../../lib/use-async';

const optional = <T,>(p: Promise<T>): Promise<T | 'missing'> => p.catch((e: unknown) => (isMissingEndpoint(e) ? 'missing' : Promise.reject(e)));

function countBy(cases: CaseView[], key: (c: CaseView) => string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) for (const k of key(c)) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** Numbers and `{label: number}` maps found in one principle's figures. */
function figuresOf(v: unknown): { scalars: [string, number][]; series: [string, Bar[]][] } {
  const scalars: [string, number][] = [];
  const series: [string, Bar[]][] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'number') scalars.push([path, node]);
    else if (node && typeof node === 'object' && !Array.isArray(node)) {
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length && entries.every(([, x]) => typeof x === 'number')) series.push([path, entries.map(([label, value]) => ({ label, value: value as number }))]);
      else for (const [k, x] of entries) walk(x, path ? `${path}.${k}` : k);
    } else if (typeof node === 'boolean') scalars.push([path, node ? 1 : 0]);
  };
  walk(v, '');
  return { scalars, series };
}

function Principles({ metrics }: { metrics: PrinciplesMetrics }) {
  const { tr, label } = useI18n();
  return (
    <div className="grid-2">
      {(['strict', 'broad', 'fast', 'equal'] as const).map((p) => {
        const { scalars, series } = figuresOf(metrics[p]);
        const alert = p === 'equal' && JSON.stringify(metrics[p] ?? {}).includes('"alert":true');
        return (
          <section key={p} className={`card principle${alert ? ' principle-alert' : ''}`} data-testid={`principle-${p}`}>
            <h4>{label(PRINCIPLE_LABELS, p)}</h4>
            {alert ? <p className="warn">⚠ {tr('同保护差异超出阈值', 'Equal-protection parity alert')}</p> : null}
            {scalars.length ? (
              <dl className="dl">
                {scalars.slice(0, 8).map(([k, v]) => (
                  <div key={k} className="dl-row">
                    <dt>{k}</dt>
                    <dd>{Number.isInteger(v) ? v : v.toFixed(2)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {series.slice(0, 3).map(([k, bars]) => (
              <BarChart key={k} title={k} bars={bars.map((b) => ({ ...b, label: label({ ...ROUTE_LABELS, ...FLAG_LABELS, ...STATE_LABELS }, b.label) }))} />
            ))}
            {!scalars.length && !series.length ? <p className="muted">—</p> : null}
          </section>
        );
      })}
    </div>
  );
}

function AuditStatus({ v }: { v: AuditVerification }) {
  const { tr } = useI18n();
  return (
    <p className={v.valid ? 'ok' : 'warn'} data-testid="audit-status">
      {v.valid ? `✓ ${tr('审计链校验通过', 'Audit chain verified')}` : `⚠ ${tr('审计链校验失败', 'Audit chain verification FAILED')}`} · {tr('已校验', 'checked')} {v.checkedEntries}
      {v.firstBadSeq ? ` · ${tr('首个异常序号', 'first bad entry')} ${String(v.firstBadSeq)}` : ''}
      {v.lastCheckpoint ? ` · ${tr('最近签名检查点', 'last checkpoint')} ${typeof v.lastCheckpoint === 'object' ? JSON.stringify(v.lastCheckpoint).slice(0, 80) : String(v.lastCheckpoint)}` : ''}
    </p>
  );
}

export default function Dashboard() {
  const { tr, label } = useI18n();
  const approvals = useAsync(() => api.listCases({ state: 'police_transfer_review.awaiting_approval', sort: 'due', limit: 50 }), []);
  const queue = useAsync(() => api.listCases({ sort: 'due', limit: 100 }), []);
  const metrics = useAsync(() => optional(api.principles()), []);
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
              <Ring title={tr('未超期比例', 'Within deadline')} value={open.length ? 1 - breached / open.length : 1} alert={breached > 0} />
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

      <section className="card" aria-labelledby="h-principles">
        <h3 id="h-principles">{tr('四项原则：严、大、快、同', 'The four principles: strict, broad, fast, equal')}</h3>
        <ProblemBanner error={metrics.error} />
        {metrics.data === 'missing' ? <p className="muted" data-testid="principles-missing">{tr('指标接口尚未启用。', 'The metrics endpoint is not available yet.')}</p> : null}
        {metrics.data && metrics.data !== 'missing' ? <Principles metrics={metrics.data} /> : null}
        {metrics.loading ? <Spinner /> : null}
      </section>
    </section>
  );
}
