// Receiving agencies (police, court, customs, procuratorate): the cases transferred to their organisation, by due
// time, with the deadlines of acknowledgement and decision.
import { isTerminalState, type CaseState } from '@lyg/domain/workflow/case-states';
import { useState } from 'react';
import { api } from '../../api/client';
import { CaseTable } from '../../components/case-table';
import { LoadMore, ProblemBanner, Spinner } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { ROLE_LABELS } from '../../i18n/labels';
import { useUser } from '../../lib/session';
import { usePagedCases } from '../../lib/use-paged-cases';

/** The periods a receiving agency keeps: receipt of the package, its decision, a reconsideration, a referral's step. */
const AGENCY_DEADLINE_STAGES = [
  'police_transfer_review.package_handover',
  'police_transfer_review.awaiting_police_decision',
  'police_transfer_review.reconsideration_decision',
  'customs_referral',
  'court_referral',
] as const;

export default function Inbox() {
  const { tr, label, dateTime } = useI18n();
  const user = useUser();
  const [q, setQ] = useState('');
  const paged = usePagedCases((cursor) => api.listCases({ sort: 'due', q: q || undefined, cursor, limit: 25 }), [q]);
  return (
    <section className="page" aria-labelledby="h-inbox">
      <h2 id="h-inbox">
        {tr('移送案件收件箱', 'Transferred cases')} · {label(ROLE_LABELS, user.role)}
      </h2>
      <p className="muted">
        {tr('仅显示移送至本机关的案件及向本机关共享的证据。收到后请先“确认接收”，再在期限内反馈决定。', 'Only cases transferred to your organisation and the evidence shared with it. Acknowledge receipt first, then report your decision within the deadline.')}
      </p>
      <div className="toolbar">
        <label className="inline">
          {tr('搜索', 'Search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="button" className="btn btn-small" onClick={paged.reload}>
          {tr('刷新', 'Refresh')}
        </button>
      </div>
      <ProblemBanner error={paged.error} />
      {paged.loading && !paged.items.length ? (
        <Spinner />
      ) : (
        <CaseTable
          cases={paged.items}
          hrefOf={(c) => `/inbox/cases/${c.id}`}
          deadlineStages={AGENCY_DEADLINE_STAGES}
          extraHead={tr('接收', 'Receipt')}
          extra={(c) =>
            c.acknowledgedAt ? (
              <span className="ok small" data-testid="acknowledged">
                ✓ {tr('已确认接收', 'Receipt acknowledged')} {dateTime(c.acknowledgedAt)}
              </span>
            ) : isTerminalState(c.state as CaseState) ? null : (
              <span className="warn small" data-testid="acknowledged">
                {tr('待确认接收', 'To acknowledge')}
              </span>
            )
          }
        />
      )}
      <LoadMore list={paged} />
    </section>
  );
}
