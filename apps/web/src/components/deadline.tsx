// SLA countdowns: the time left to a stage's deadline, highlighted when it is close (under a day) and when it is
// breached. A period counted in days ends at 24:00 Asia/Shanghai of its last day; one counted in hours (the 24 hours
// of a police package handover) ends at the instant `dueAt` gives, shown in Asia/Shanghai whatever the browser's zone.
import type { DeadlineView } from '../api/types';
import { CLOCK_LABELS, STAGE_LABELS } from '../i18n/labels';
import { useI18n } from '../i18n/i18n';
import { useNow } from '../lib/use-async';

export function remaining(ms: number, en: boolean): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  if (en) return d ? `${d} d ${h} h` : h ? `${h} h ${m} min` : `${m} min`;
  return d ? `${d}天${h}小时` : h ? `${h}小时${m}分` : `${m}分钟`;
}

const SHANGHAI = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** When a deadline ends, in Asia/Shanghai time: `YYYY-MM-DD HH:mm` for an hour clock, `YYYY-MM-DD 24:00` for days. */
export function dueText(d: Pick<DeadlineView, 'clock' | 'dueAt' | 'dueDate'>): string {
  const at = Date.parse(d.dueAt);
  if (d.clock !== 'hours' || Number.isNaN(at)) return `${d.dueDate} 24:00`;
  const part = Object.fromEntries(SHANGHAI.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

export function urgency(d: DeadlineView, now: number): 'breached' | 'soon' | 'ok' | 'paused' {
  if (d.paused) return 'paused';
  const left = Date.parse(d.dueAt) - now;
  if (d.breached || left < 0) return 'breached';
  return left < 86_400_000 ? 'soon' : 'ok';
}

/** The deadline the queue is ordered by: the earliest running one (a stopped clock runs out at no known time). */
export function nextDeadline(deadlines: DeadlineView[]): DeadlineView | null {
  return [...deadlines].filter((d) => !d.paused).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0] ?? null;
}

export function Countdown({ deadline }: { deadline: DeadlineView | null }) {
  const { lang, tr } = useI18n();
  const now = useNow();
  if (!deadline) return <span className="muted">—</span>;
  const u = urgency(deadline, now);
  if (u === 'paused') {
    return (
      <span className="countdown countdown-paused" data-testid="countdown" title={tr('计时中止，恢复后期限相应顺延', 'The clock is stopped; the deadline moves out by the stopped time when it restarts')}>
        {tr('计时中止', 'clock stopped')}
      </span>
    );
  }
  const left = Date.parse(deadline.dueAt) - now;
  const text = u === 'breached' ? tr(`已超期 ${remaining(left, false)}`, `overdue ${remaining(left, true)}`) : tr(`剩余 ${remaining(left, false)}`, `${remaining(left, true)} left`);
  return (
    <span className={`countdown countdown-${u}`} data-testid="countdown" title={`${dueText(deadline)} (${lang === 'en' ? 'Asia/Shanghai' : '北京时间'})`}>
      {u === 'breached' ? '⚠ ' : ''}
      {text}
    </span>
  );
}

export function DeadlineTable({ deadlines }: { deadlines: DeadlineView[] }) {
  const { tr, label } = useI18n();
  if (!deadlines.length) return <p className="muted">{tr('当前阶段无法定期限。', 'No running deadline in this stage.')}</p>;
  return (
    <div className="table-wrap">
      <table className="table compact">
        <caption className="sr-only">{tr('期限', 'Deadlines')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('阶段', 'Stage')}</th>
            {/* The periods end in Asia/Shanghai time, wherever the reader is (a filer abroad reads 24:00 as their own). */}
            <th scope="col">{tr('截止时间（北京时间）', 'Due (Beijing time, UTC+8)')}</th>
            <th scope="col">{tr('计算方式', 'Clock')}</th>
            <th scope="col">{tr('剩余', 'Left')}</th>
          </tr>
        </thead>
        <tbody>
          {deadlines.map((d) => (
            <tr key={d.stage + d.dueAt} data-stage={d.stage}>
              <td>{label(STAGE_LABELS, d.stage)}</td>
              <td data-testid="deadline-due">
                {d.paused ? tr('计时中止，恢复后顺延', 'stopped; moves out when it restarts') : dueText(d)}
                {d.provisional ? <span className="tag" title={tr('节假日数据尚未公布，按周末推算', 'Holiday data not yet published: weekends only')}> {tr('暂定', 'provisional')}</span> : null}
              </td>
              <td>{label(CLOCK_LABELS, d.clock)}</td>
              <td>
                <Countdown deadline={d} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
