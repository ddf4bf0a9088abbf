// A list of cases: number, parties, state, next deadline with its countdown; breached rows highlighted.
import type { ReactNode } from 'react';
import type { CaseView } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Link } from '../lib/router';
import { useNow } from '../lib/use-async';
import { FlagChips, StateBadge } from './case-parts';
import { Countdown, nextDeadline, urgency } from './deadline';
import { Empty } from './ui';

/**
 * `deadlineStages`: only these stages' deadlines are the reader's (a receiving agency's inbox shows its own periods,
 * not the center's or the respondent's, and a breach of an earlier stage of the center's is not the agency's).
 */
export function CaseTable({
  cases,
  hrefOf,
  extra,
  extraHead,
  deadlineStages,
}: {
  cases: CaseView[];
  hrefOf(c: CaseView): string;
  extra?: (c: CaseView) => ReactNode;
  /** The extra column's heading (shown); without one it is the row's actions, named for screen readers only. */
  extraHead?: string;
  deadlineStages?: readonly string[];
}) {
  const { tr, dateTime } = useI18n();
  const now = useNow();
  if (!cases.length) return <Empty>{tr('没有案件。', 'No cases.')}</Empty>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="case-table">
        <thead>
          <tr>
            <th scope="col">{tr('案件编号', 'Case')}</th>
            <th scope="col">{tr('投诉人 / 被投诉方', 'Complainant / respondent')}</th>
            <th scope="col">{tr('状态', 'State')}</th>
            <th scope="col">{tr('期限', 'Deadline')}</th>
            {extra ? <th scope="col">{extraHead ?? <span className="sr-only">{tr('操作', 'Actions')}</span>}</th> : null}
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => {
            // The earliest running deadline, else a stopped clock (shown as such, never as overdue).
            const own = deadlineStages ? c.deadlines.filter((x) => deadlineStages.includes(x.stage)) : c.deadlines;
            const d = nextDeadline(own) ?? own.find((x) => x.paused) ?? null;
            const u = d ? urgency(d, now) : 'ok';
            const breached = (!deadlineStages && c.slaBreached) || u === 'breached';
            return (
              <tr key={c.id} className={breached ? 'row-breached' : u === 'soon' ? 'row-soon' : ''} data-testid="case-row" data-case-number={c.caseNumber ?? ''}>
                <td>
                  {/* No number: a draft, or one withdrawn before it was ever submitted (then not "draft" any more). */}
                  <Link to={hrefOf(c)}>{c.caseNumber ?? (c.state === 'draft' ? tr('草稿', 'Draft') : tr('未提交的投诉', 'Never submitted'))}</Link>
                  <div className="muted small">{dateTime(c.submittedAt ?? c.createdAt)}</div>
                </td>
                <td>
                  {c.complaint.complainant.name}
                  <div className="muted">→ {c.complaint.respondent.name}</div>
                  <FlagChips flags={c.flags} />
                </td>
                <td>
                  <StateBadge state={c.state} outcome={c.outcome} />
                </td>
                <td>
                  {d && !d.paused ? <div className="small">{d.dueDate}</div> : null}
                  <Countdown deadline={d} />
                </td>
                {extra ? <td>{extra(c)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
