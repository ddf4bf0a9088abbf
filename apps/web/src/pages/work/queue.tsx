// The staff workbench: queues ordered by due time (GET /cases?sort=due), SLA countdowns, breached rows
// highlighted, claim / release in the row.
import { isTerminalState, type CaseState } from '@lyg/domain/workflow/case-states';
import { claimableStates, OPEN_STATES } from '@lyg/domain/workflow/queue-roles';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CaseListQuery, CaseView } from '../../api/types';
import { CaseTable } from '../../components/case-table';
import { LoadMore, ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { STATE_LABELS } from '../../i18n/labels';
import { rememberWorkList } from '../../lib/list-memory';
import { useUser } from '../../lib/session';
import { usePagedCases } from '../../lib/use-paged-cases';

interface Queue {
  id: string;
  zh: string;
  en: string;
  query: CaseListQuery;
}

const QUEUES: Record<string, Queue[]> = {
  examiner: [
    { id: 'screening', zh: '受理审查', en: 'Screening', query: { state: 'screening' } },
    { id: 'fast_track', zh: '快速审查', en: 'Fast track', query: { state: 'fast_track' } },
    { id: 'mine', zh: '我承办的', en: 'Assigned to me', query: { assignee: 'me' } },
    { id: 'all', zh: '全部', en: 'All', query: {} },
  ],
  officer: [
    { id: 'filing', zh: '立案审查', en: 'Filing review', query: { state: 'administrative_enforcement.filing_review' } },
    { id: 'enforcement', zh: '行政执法', en: 'Enforcement', query: { state: 'administrative_enforcement' } },
    { id: 'mine', zh: '我承办的', en: 'Assigned to me', query: { assignee: 'me' } },
  ],
  mediator: [
    { id: 'mediating', zh: '调解中', en: 'Mediating', query: { state: 'mediation.mediating' } },
    { id: 'mediation', zh: '全部调解', en: 'All mediation', query: { state: 'mediation' } },
    { id: 'mine', zh: '我承办的', en: 'Assigned to me', query: { assignee: 'me' } },
  ],
  supervisor: [
    { id: 'approvals', zh: '移送审批', en: 'Transfer approvals', query: { state: 'police_transfer_review.awaiting_approval' } },
    { id: 'assigning', zh: '待指派调解', en: 'Mediation to assign', query: { state: 'mediation.assigning' } },
    { id: 'declined', zh: '公安不予立案', en: 'Police declined', query: { state: 'police_transfer_review.declined' } },
    { id: 'all', zh: '全部（按期限）', en: 'All (by due time)', query: {} },
  ],
};

export default function QueuePage() {
  const { tr, label } = useI18n();
  const user = useUser();
  const queues = QUEUES[user.role] ?? QUEUES.examiner;
  // The tab, the search and the stage live in the address: a reload, the browser's Back from a case and a link from
  // the dashboard show the list as it was; a case's "back to the list" returns to it too (list-memory).
  const [initial] = useState(() => new URLSearchParams(location.search));
  const [queue, setQueue] = useState(() => queues.find((x) => x.id === initial.get('queue')) ?? queues[0]);
  const [q, setQ] = useState(() => initial.get('q') ?? '');
  const [stage, setStage] = useState(() => (OPEN_STATES as readonly string[]).includes(initial.get('state') ?? '') ? initial.get('state')! : '');
  // The term is searched once typing pauses.
  const [term, setTerm] = useState(q.trim());
  useEffect(() => {
    const t = setTimeout(() => setTerm(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);
  const byStage = queue.id === 'all';
  useEffect(() => {
    const p = new URLSearchParams();
    if (queue.id !== queues[0].id) p.set('queue', queue.id);
    if (term) p.set('q', term);
    if (byStage && stage) p.set('state', stage);
    const search = p.toString() ? `?${p.toString()}` : '';
    history.replaceState(history.state, '', `${location.pathname}${search}`);
    rememberWorkList(search);
  }, [queue.id, term, stage, byStage]);
  const [problem, setProblem] = useState<unknown>(null);
  const query = byStage && stage ? { ...queue.query, state: stage } : queue.query;
  const paged = usePagedCases((cursor) => api.listCases({ ...query, sort: 'due', q: term || undefined, cursor, limit: 25 }), [queue.id, term, byStage ? stage : '']);

  const op = async (fn: () => Promise<CaseView>) => {
    setProblem(null);
    try {
      paged.replace(await fn());
    } catch (e) {
      setProblem(e);
      paged.reload();
    }
  };

  return (
    <section className="page" aria-labelledby="h-queue">
      <h2 id="h-queue">{tr('工作台', 'Workbench')}</h2>
      <div className="tabs" role="tablist" aria-label={tr('队列', 'Queues')}>
        {queues.map((x) => (
          <button key={x.id} role="tab" type="button" aria-selected={x.id === queue.id} className={`tab${x.id === queue.id ? ' active' : ''}`} onClick={() => setQueue(x)}>
            {tr(x.zh, x.en)}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <label className="inline">
          {tr('搜索', 'Search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tr('案件编号（或其序号）、当事人名称', 'Case number (or its serial), party name')} />
        </label>
        {byStage ? (
          <label className="inline">
            {tr('阶段', 'Stage')}
            <select value={stage} onChange={(e) => setStage(e.target.value)} data-testid="stage-filter">
              <option value="">{tr('全部阶段', 'Every stage')}</option>
              {OPEN_STATES.map((x) => (
                <option key={x} value={x}>
                  {label(STATE_LABELS, x)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="btn btn-small" onClick={paged.reload}>
          {tr('刷新', 'Refresh')}
        </button>
      </div>
      <p className="muted small">{tr('按期限先后排列（期限相同按优先级、提交时间）。', 'Ordered by due time, then priority and submission time.')}</p>
      <ProblemBanner error={problem ?? paged.error} />
      {paged.loading && !paged.items.length ? (
        <Spinner />
      ) : (
        <CaseTable
          cases={paged.items}
          hrefOf={(c) => `/work/cases/${c.id}`}
          extra={(c) =>
            // Claim where the case is in the user's queue (the "all" tab also lists others' stages); release while
            // it is open.
            !c.assignee ? (
              claimableStates(user.role).includes(c.state as CaseState) ? (
                <button type="button" className="btn btn-small" onClick={() => op(() => api.claim(c.id))} aria-label={`${tr('认领', 'Claim')} ${c.caseNumber ?? ''}`}>
                  {tr('认领', 'Claim')}
                </button>
              ) : null
            ) : isTerminalState(c.state as CaseState) ? null : c.assignee === user.id || user.role === 'supervisor' ? (
              <button type="button" className="btn btn-small" onClick={() => op(() => api.release(c.id))} aria-label={`${tr('释放', 'Release')} ${c.caseNumber ?? ''}`}>
                {tr('释放', 'Release')}
              </button>
            ) : (
              <span className="muted small">{tr('他人承办', 'taken')}</span>
            )
          }
        />
      )}
      <LoadMore list={paged} />
    </section>
  );
}
