// "My cases": the organisation's complaints, newest first, with state and the next deadline; search and paging.
import { useState } from 'react';
import { api } from '../../api/client';
import { CaseTable } from '../../components/case-table';
import { LoadMore, ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../lib/router';
import { usePagedCases } from '../../lib/use-paged-cases';

export default function MyCases() {
  const { tr } = useI18n();
  const [q, setQ] = useState('');
  const paged = usePagedCases((cursor) => api.listCases({ sort: 'recent', q: q || undefined, cursor, limit: 20 }), [q]);
  return (
    <section className="page" aria-labelledby="h-mine">
      <div className="page-head">
        <h2 id="h-mine">{tr('我的案件', 'My cases')}</h2>
        <Link className="btn btn-primary" to="/portal/new">
          + {tr('新建投诉', 'New complaint')}
        </Link>
      </div>
      <div className="toolbar">
        <label className="inline">
          {tr('搜索', 'Search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tr('案件编号（或其序号）、当事人名称', 'Case number (or its serial), party name')} />
        </label>
      </div>
      <ProblemBanner error={paged.error} />
      {paged.loading && !paged.items.length ? <Spinner /> : <CaseTable cases={paged.items} hrefOf={(c) => `/portal/cases/${c.id}`} />}
      <LoadMore list={paged} />
    </section>
  );
}
