// The four principles (GET /metrics/principles) for a chosen period, each figure named in the reader's language, and
// equal protection as what it is: the same figures side by side for each group of complainants, the ratios between
// them with the cases each rests on, and what raised the alert. The CSV holds every figure of the period.
import type { EqualMetric, GroupFigures, PrinciplesReport } from '@lyg/domain/model';
import { useState } from 'react';
import { api, isMissingEndpoint } from '../../api/client';
import { BarChart } from '../../components/charts';
import { ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { AGENCY_LABELS, PRINCIPLE_LABELS, ROUTE_LABELS, SIZE_LABELS, STAGE_LABELS } from '../../i18n/labels';
import { saveBlob } from '../../lib/save-blob';
import { useAsync } from '../../lib/use-async';

/** The broad figure's buckets: the routes, and the cases that have none (still in screening, not accepted, withdrawn). */
const BROAD_ROUTE_LABELS = {
  ...ROUTE_LABELS,
  unrouted: { zh: '受理审查中（未分流）', en: 'In screening (no route yet)' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

const METRIC_LABELS: Record<EqualMetric, { zh: string; en: string }> = {
  meanHandlingWorkingDays: { zh: '平均办理时长（工作日）', en: 'Mean handling time (working days)' },
  closingRate: { zh: '结案率', en: 'Closing rate' },
  acceptanceRate: { zh: '受理率', en: 'Acceptance rate' },
  favourableRate: { zh: '结果有利率', en: 'Favourable outcome rate' },
  meanPriority: { zh: '平均优先级', en: 'Mean priority' },
};
const GROUP_LABELS = { domestic: { zh: '境内', en: 'Domestic' }, foreign: { zh: '境外', en: 'Foreign' }, ...SIZE_LABELS } as Record<string, { zh: string; en: string }>;

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const num = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2));

function Figures({ rows }: { rows: [string, string | number][] }) {
  return (
    <dl className="dl">
      {rows.map(([k, v]) => (
        <div key={k} className="dl-row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Equal({ e }: { e: PrinciplesReport['equal'] }) {
  const { tr, label } = useI18n();
  const groups: [string, GroupFigures][] = [['domestic', e.byNationality.domestic], ['foreign', e.byNationality.foreign], ...Object.entries(e.bySize)];
  const alerts = e.ratios.filter((r) => r.alert);
  const groupName = (g: string) => label(GROUP_LABELS, g);
  return (
    <section className={`card principle${e.alert ? ' principle-alert' : ''}`} data-testid="principle-equal">
      <h4>{label(PRINCIPLE_LABELS, 'equal')}</h4>
      <p className="muted small">
        {tr(
          `按投诉人国籍与规模比较同样的指标；比值超出 ${e.ratioAlertBound} 倍（或其倒数），或比率差异显著（p < 0.001），即提示。样本少于 ${e.minGroup} 件的组只作展示。`,
          `The same figures for each group of complainants; a ratio beyond ${e.ratioAlertBound} (or its inverse), or a rate gap chance does not explain (p < 0.001), raises the alert. Groups of fewer than ${e.minGroup} cases are shown only.`,
        )}
      </p>
      {alerts.length ? (
        <ul className="warn" data-testid="equal-alerts">
          {alerts.map((r) => (
            <li key={`${r.dimension}-${r.metric}`}>
              ⚠ {label(METRIC_LABELS, r.metric)}: {r.between ? `${groupName(r.between[0])} / ${groupName(r.between[1])}` : ''} {r.ratio === null ? tr('（一方为 0）', '(one side is 0)') : `= ${num(r.ratio)}`}
            </li>
          ))}
        </ul>
      ) : (
        <p className="ok" data-testid="equal-alerts">✓ {tr('未发现超出阈值的差异', 'No disparity beyond the bounds')}</p>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="equal-groups">
          <caption className="sr-only">{tr('各组指标', 'Figures by group')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('组别', 'Group')}</th>
              <th scope="col">{tr('案件数', 'Cases')}</th>
              <th scope="col">{label(METRIC_LABELS, 'closingRate')}</th>
              <th scope="col">{label(METRIC_LABELS, 'acceptanceRate')}</th>
              <th scope="col">{label(METRIC_LABELS, 'favourableRate')}</th>
              <th scope="col">{label(METRIC_LABELS, 'meanPriority')}</th>
              <th scope="col">{label(METRIC_LABELS, 'meanHandlingWorkingDays')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(([g, f]) => (
              <tr key={g} data-group={g} className={f.cases > 0 && f.cases < e.minGroup ? 'muted' : undefined}>
                <th scope="row">{groupName(g)}</th>
                <td>{f.cases}</td>
                <td>{pct(f.closingRate)}</td>
                <td>{pct(f.acceptanceRate)}</td>
                <td>{pct(f.favourableRate)}</td>
                <td>{num(f.meanPriority)}</td>
                <td>{num(f.handling.meanWorkingDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table" data-testid="equal-ratios">
          <caption className="sr-only">{tr('组间比值', 'Ratios between groups')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('指标', 'Figure')}</th>
              <th scope="col">{tr('维度', 'By')}</th>
              <th scope="col">{tr('比较', 'Between')}</th>
              <th scope="col">{tr('比值', 'Ratio')}</th>
              <th scope="col">{tr('样本（件）', 'Cases')}</th>
              <th scope="col">p</th>
              <th scope="col">{tr('状态', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {e.ratios.map((r) => (
              <tr key={`${r.dimension}-${r.metric}`} data-metric={r.metric} data-dimension={r.dimension} data-alert={String(r.alert)}>
                <th scope="row">{label(METRIC_LABELS, r.metric)}</th>
                <td>{r.dimension === 'nationality' ? tr('国籍', 'nationality') : tr('规模', 'size')}</td>
                <td>{r.between ? `${groupName(r.between[0])} / ${groupName(r.between[1])}` : '—'}</td>
                <td>{num(r.ratio)}</td>
                <td>{r.n ? `${r.n[0]} / ${r.n[1]}` : '—'}</td>
                <td>{r.pValue === null ? '—' : r.pValue < 0.001 ? '< 0.001' : r.pValue.toFixed(3)}</td>
                <td>{r.alert ? `⚠ ${tr('差异', 'disparity')}` : r.insufficient ? tr('样本不足', 'too few cases') : tr('正常', 'within bounds')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function PrinciplesPanel() {
  const { tr, label } = useI18n();
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const [csvError, setCsvError] = useState<unknown>(null);
  const report = useAsync(
    () =>
      api.principles(period.from, period.to).catch((e: unknown) => (isMissingEndpoint(e) ? ('missing' as const) : Promise.reject(e))),
    [period.from, period.to],
  );
  const r = report.data && report.data !== 'missing' ? report.data : null;
  const shown = draft ?? (r ? { from: r.period.from, to: r.period.to } : { from: '', to: '' });
  // A period that ends before it starts is said here, next to the dates, and the figures shown stay as they were.
  const [reversed, setReversed] = useState(false);

  return (
    <section className="card" aria-labelledby="h-principles" data-testid="principles">
      <h3 id="h-principles">{tr('四项原则：严、大、快、同', 'The four principles: strict, broad, fast, equal')}</h3>
      <form
        className="row"
        onSubmit={(ev) => {
          ev.preventDefault();
          const backwards = Boolean(shown.from && shown.to && shown.from > shown.to);
          setReversed(backwards);
          if (!backwards) setPeriod({ from: shown.from || undefined, to: shown.to || undefined });
        }}
      >
        <label>
          {tr('自', 'From')} <input type="date" value={shown.from} onChange={(ev) => setDraft({ ...shown, from: ev.target.value })} data-testid="period-from" required />
        </label>
        <label>
          {tr('至', 'to')} <input type="date" value={shown.to} onChange={(ev) => setDraft({ ...shown, to: ev.target.value })} data-testid="period-to" required />
        </label>
        <button type="submit" className="btn btn-small">
          {tr('查询', 'Show')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="principles-csv"
          disabled={!r}
          onClick={() => r && api.principlesCsv(r.period.from, r.period.to).then((b) => saveBlob(b, `principles_${r.period.from}_${r.period.to}.csv`), setCsvError)}
        >
          {tr('导出 CSV', 'Export CSV')}
        </button>
      </form>
      {reversed ? (
        <p className="warn" role="alert" data-testid="period-reversed">
          {tr('结束日期早于开始日期，请调整后再查询。', 'The period ends before it starts: change the dates and show again.')}
        </p>
      ) : null}
      <ProblemBanner error={report.error ?? csvError} listFields />
      {report.data === 'missing' ? <p className="muted" data-testid="principles-missing">{tr('指标接口尚未启用。', 'The metrics endpoint is not available yet.')}</p> : null}
      {report.loading ? <Spinner /> : null}
      {r ? (
        <>
          <p className="muted small">
            {tr(`${r.period.from} 至 ${r.period.to}（北京时间）提交的案件 ${r.cases.submitted} 件，其中已结 ${r.cases.closed} 件。`, `Cases submitted ${r.period.from} to ${r.period.to} (Beijing time): ${r.cases.submitted}, of which closed ${r.cases.closed}.`)}
          </p>
          <div className="grid-2">
            <section className="card principle" data-testid="principle-strict">
              <h4>{label(PRINCIPLE_LABELS, 'strict')}</h4>
              <Figures
                rows={[
                  [tr('重复侵权案件', 'Repeat-infringer cases'), r.strict.repeatInfringerCases],
                  [tr('惩罚性赔偿候选', 'Punitive-damages candidates'), r.strict.punitiveDamagesCandidates],
                  [tr('达到刑事追诉标准', 'Criminal threshold reached'), r.strict.criminalThresholdCases],
                  [tr('接近刑事追诉标准', 'Criminal threshold near'), r.strict.criminalThresholdNearCases],
                  [tr('提请/批准/驳回移送公安', 'Police transfers proposed / approved / rejected'), `${r.strict.policeTransfers.proposed} / ${r.strict.policeTransfers.approved} / ${r.strict.policeTransfers.rejected}`],
                  [tr('公安立案/不予立案', 'Police filed / declined'), `${r.strict.policeTransfers.filed} / ${r.strict.policeTransfers.declined}`],
                ]}
              />
            </section>
            <section className="card principle" data-testid="principle-broad">
              <h4>{label(PRINCIPLE_LABELS, 'broad')}</h4>
              {r.broad.byRoute.length ? (
                <BarChart title={tr('各处理途径案件数', 'Cases by route')} bars={r.broad.byRoute.map((x) => ({ label: label(BROAD_ROUTE_LABELS, x.route), value: x.cases }))} />
              ) : null}
              <Figures
                rows={[
                  ...r.broad.transfers.map((x): [string, string] => [
                    // The agency's name begins the row: capitalised in English ("the police" → "The police").
                    `${label(AGENCY_LABELS, x.agency).replace(/^./, (ch) => ch.toUpperCase())}${tr('：移送/已确认/按期确认率', ': transferred / acknowledged / on time')}`,
                    `${x.transfers} / ${x.acknowledged} / ${pct(x.onTimeShare)}`,
                  ]),
                  [tr('调解：成功/失败/进行中', 'Mediations settled / failed / ongoing'), `${r.broad.mediations.settled} / ${r.broad.mediations.failed} / ${r.broad.mediations.ongoing}`],
                  [tr('调解成功率', 'Settlement rate'), pct(r.broad.mediations.settlementRate)],
                ]}
              />
            </section>
            <section className="card principle" data-testid="principle-fast">
              <h4>{label(PRINCIPLE_LABELS, 'fast')}</h4>
              <Figures
                rows={[
                  [tr('按期完成的期限', 'Deadlines met'), `${r.fast.deadlines.met} / ${r.fast.deadlines.met + r.fast.deadlines.breached} (${pct(r.fast.deadlines.shareMet)})`],
                  [tr('当前超期', 'Breaches open now'), r.fast.breachesOpenNow],
                  [tr('结案率', 'Closing rate'), pct(r.fast.closingRate.rate)],
                  [tr('办理时长中位数/90 分位（工作日）', 'Handling time median / p90 (working days)'), `${num(r.fast.handling.medianWorkingDays)} / ${num(r.fast.handling.p90WorkingDays)}`],
                ]}
              />
              {r.fast.stages.some((s) => s.deadlines.shareMet !== null) ? (
                <BarChart
                  title={tr('各阶段按期率', 'Deadlines met by stage')}
                  unit="%"
                  max={100}
                  bars={r.fast.stages.filter((s) => s.deadlines.shareMet !== null).map((s) => ({ label: label(STAGE_LABELS, s.stage), value: Math.round((s.deadlines.shareMet ?? 0) * 100), alert: (s.deadlines.shareMet ?? 1) < 0.9 }))}
                />
              ) : null}
            </section>
            <Equal e={r.equal} />
          </div>
        </>
      ) : null}
    </section>
  );
}
