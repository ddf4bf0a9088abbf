// Administration: accounts and organisations, the registered-enterprise list (保护名录), the statutory holiday
// calendar, the triage rule sets, the mail outbox with its dead letters, and (with the embedded SMTP sink) the mail it kept.
import { INDUSTRIES, type Industry } from '@lyg/domain/model';
import { checkUscc } from '@lyg/domain/identifiers';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { OutboxItem, RuleSetCheck, RuleSetList } from '../../api/types';
import { CheckboxGroup, Empty, LoadMore, ProblemBanner, Spinner, TextArea, TextField } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { INDUSTRY_LABELS } from '../../i18n/labels';
import { shanghaiToday } from '../../lib/complaint-form';
import { saveBlob } from '../../lib/save-blob';
import { useUser } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { usePaged } from '../../lib/use-paged-cases';
import { Organizations, Users } from './accounts';

function RegisteredEnterprises() {
  const { tr, label } = useI18n();
  const [q, setQ] = useState('');
  // Every page of the list (50 at a time, "load more"), so that each entry can be reached and removed.
  const list = usePaged((cursor) => api.registeredEnterprises({ q: q || undefined, cursor }).then((p) => ({ ...p, items: p.items.map((e) => ({ ...e, id: e.uscc })) })), [q]);
  const [uscc, setUscc] = useState('');
  const [name, setName] = useState('');
  const [industries, setIndustries] = useState<Industry[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const usccCheck = uscc ? checkUscc(uscc) : null;
  const usccError = usccCheck && !usccCheck.ok ? tr('统一社会信用代码格式不正确', 'Not a valid USCC') : null;

  const add = async () => {
    setProblem(null);
    try {
      await api.addRegisteredEnterprise({ uscc, name, industries });
      setUscc('');
      setName('');
      setIndustries([]);
      list.reload();
    } catch (e) {
      setProblem(e);
    }
  };
  const remove = async (u: string) => {
    if (!confirm(tr(`从保护名录删除 ${u}？`, `Remove ${u} from the list?`))) return;
    try {
      await api.removeRegisteredEnterprise(u);
      list.reload();
    } catch (e) {
      setProblem(e);
    }
  };
  return (
    <section className="card" aria-labelledby="h-reg" id="registered">
      <h3 id="h-reg">{tr('保护名录（备案企业）', 'Registered enterprises (保护名录)')}</h3>
      <label className="inline">
        {tr('搜索', 'Search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ProblemBanner error={problem ?? list.error} listFields />
      {list.loading ? <Spinner /> : null}
      {list.items.length ? (
        <table className="table compact" data-testid="registered-list">
          <thead>
            <tr>
              <th scope="col">USCC</th>
              <th scope="col">{tr('名称', 'Name')}</th>
              <th scope="col">{tr('产业', 'Industries')}</th>
              <th scope="col">
                <span className="sr-only">{tr('操作', 'Actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.uscc}>
                <td>
                  <code>{e.uscc}</code>
                </td>
                <td>{e.name}</td>
                <td>{e.industries.map((i) => label(INDUSTRY_LABELS, i)).join(tr('、', ', '))}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => remove(e.uscc)} aria-label={`${tr('删除', 'Remove')} ${e.name}`}>
                    {tr('删除', 'Remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !list.loading && !list.error ? (
        <Empty>{tr('名录为空', 'The list is empty')}</Empty>
      ) : null}
      <LoadMore list={list} small testId="registered-more" />
      <form
        className="card sub"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h4>{tr('添加企业', 'Add an enterprise')}</h4>
        <div className="grid-2">
          <TextField label="USCC" field="uscc" value={uscc} onChange={(e) => setUscc(e.target.value)} error={usccError} required />
          <TextField label={tr('名称', 'Name')} field="name" value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <CheckboxGroup legend={tr('产业', 'Industries')} field="industries" options={INDUSTRIES.map((i) => ({ value: i, label: label(INDUSTRY_LABELS, i) }))} value={industries} onChange={setIndustries} />
        <button type="submit" className="btn btn-primary" disabled={!uscc || !name || !!usccError}>
          {tr('添加', 'Add')}
        </button>
      </form>
    </section>
  );
}

function HolidayCalendar() {
  const { tr } = useI18n();
  const [yearText, setYearText] = useState(String(new Date().getFullYear() + 1));
  // Read once the year is whole (four digits the calendar covers), not at every keystroke (2, 20, 202…).
  const year = /^\d{4}$/.test(yearText) && Number(yearText) >= 1900 && Number(yearText) <= 2200 ? Number(yearText) : null;
  const data = useAsync(() => (year === null ? Promise.resolve(null) : api.calendarYear(year)), [year]);
  const [holidays, setHolidays] = useState<string | null>(null);
  const [workdays, setWorkdays] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  // The API's field errors, as the lines of the two text boxes they are about ("line 3: …", not "holidays[1].from").
  const [lineErrors, setLineErrors] = useState<{ holidays?: string; workdays?: string }>({});
  const [saved, setSaved] = useState(false);
  const holidayText = holidays ?? (data.data?.holidays.map((h) => (h.from === h.to ? h.from : `${h.from} ${h.to}`)).join('\n') ?? '');
  const workdayText = workdays ?? (data.data?.workdays.join('\n') ?? '');

  const save = async () => {
    setProblem(null);
    setSaved(false);
    if (year === null) return;
    setLineErrors({});
    // Each range and date with the line it was typed on.
    const ranges: { line: number; from: string; to: string }[] = [];
    holidayText.split('\n').forEach((l, i) => {
      const [from, to] = l.trim().split(/[\s,~–至]+/).filter(Boolean);
      if (from) ranges.push({ line: i + 1, from, to: to ?? from });
    });
    const dates: { line: number; date: string }[] = [];
    workdayText.split('\n').forEach((l, i) => l.split(/[\s,]+/).filter(Boolean).forEach((date) => dates.push({ line: i + 1, date })));
    try {
      await api.putCalendarYear(year, { holidays: ranges.map(({ from, to }) => ({ from, to })), workdays: dates.map((d) => d.date) });
      setHolidays(null);
      setWorkdays(null);
      setSaved(true);
      data.reload();
    } catch (e) {
      setProblem(e);
      if (!(e instanceof ApiError)) return;
      const found: { holidays: string[]; workdays: string[] } = { holidays: [], workdays: [] };
      for (const f of e.problem.errors ?? []) {
        const m = /^(holidays|workdays)(?:\[(\d+)\])?/.exec(f.field);
        if (!m) continue;
        const box = m[1] as 'holidays' | 'workdays';
        // The API names the range or date by its index in what was sent: here, the line it was typed on.
        const line = m[2] === undefined ? undefined : (box === 'holidays' ? ranges : dates)[Number(m[2])]?.line;
        found[box].push(line ? tr(`第 ${line} 行：${f.message}`, `line ${line}: ${f.message}`) : f.message);
      }
      setLineErrors({ holidays: found.holidays.join(tr('；', '; ')) || undefined, workdays: found.workdays.join(tr('；', '; ')) || undefined });
    }
  };
  return (
    <section className="card" aria-labelledby="h-cal" id="calendar">
      <h3 id="h-cal">{tr('法定节假日日历', 'Statutory holiday calendar')}</h3>
      <label className="inline">
        {tr('年份', 'Year')}
        <input
          type="number"
          value={yearText}
          min={1900}
          max={2200}
          onChange={(e) => {
            setYearText(e.target.value);
            setHolidays(null);
            setWorkdays(null);
          }}
        />
      </label>
      {data.data ? (
        <p className={data.data.known ? 'ok' : 'warn'} data-testid="calendar-known">
          {data.data.known ? tr('已录入该年国务院通知。', "This year's State Council notice is on file.") : tr('尚未录入：该年期限按周末推算并标记为暂定。', 'Not on file: deadlines in this year count weekends only and are provisional.')}
        </p>
      ) : null}
      <ProblemBanner error={problem ?? data.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="grid-2">
          <TextArea label={tr('放假（每行：起 止，如 2027-02-06 2027-02-13）', 'Holidays (one range per line: from to)')} field="holidays" rows={8} value={holidayText} error={lineErrors.holidays} onChange={(e) => setHolidays(e.target.value)} />
          <TextArea label={tr('调休上班日（每行一个日期）', 'Make-up working days (one date per line)')} field="workdays" rows={8} value={workdayText} error={lineErrors.workdays} onChange={(e) => setWorkdays(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={year === null}>
          {tr('保存该年日历', 'Save this year')}
        </button>
        {saved ? <span className="ok"> ✓ {tr('已保存', 'Saved')}</span> : null}
      </form>
    </section>
  );
}

function Outbox() {
  const { tr, dateTime } = useI18n();
  const [status, setStatus] = useState<OutboxItem['status'] | ''>('dead');
  const list = usePaged((cursor) => api.outbox(status || undefined, cursor), [status]);
  const [problem, setProblem] = useState<unknown>(null);
  const resend = async (id: string) => {
    try {
      await api.resendOutbox(id);
      list.reload();
    } catch (e) {
      setProblem(e);
    }
  };
  return (
    <section className="card" aria-labelledby="h-outbox" id="outbox">
      <h3 id="h-outbox">{tr('邮件发件箱', 'Mail outbox')}</h3>
      <label className="inline">
        {tr('状态', 'Status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as OutboxItem['status'] | '')}>
          <option value="dead">{tr('死信', 'Dead letters')}</option>
          <option value="pending">{tr('待发送', 'Pending')}</option>
          <option value="sent">{tr('已发送', 'Sent')}</option>
          <option value="">{tr('全部', 'All')}</option>
        </select>
      </label>
      <ProblemBanner error={problem ?? list.error} />
      {list.loading ? <Spinner /> : null}
      {list.items.length ? (
        <div className="table-wrap">
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{tr('收件人', 'Recipient')}</th>
                <th scope="col">{tr('主题', 'Subject')}</th>
                <th scope="col">{tr('状态', 'Status')}</th>
                <th scope="col">{tr('尝试', 'Attempts')}</th>
                <th scope="col">{tr('时间', 'Time')}</th>
                <th scope="col">
                  <span className="sr-only">{tr('操作', 'Actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr key={m.id} className={m.status === 'dead' ? 'row-breached' : ''}>
                  <td>{m.recipient}</td>
                  <td>
                    {m.subject ?? m.template}
                    {m.lastError ? <div className="muted small">{m.lastError}</div> : null}
                  </td>
                  <td>{m.status === 'dead' ? tr('死信', 'Dead letter') : m.status === 'pending' ? tr('待发送', 'Pending') : m.status === 'sent' ? tr('已发送', 'Sent') : m.status}</td>
                  <td>{m.attempts}</td>
                  <td>{dateTime(m.sentAt ?? m.createdAt)}</td>
                  <td>
                    {m.status === 'dead' ? (
                      <button type="button" className="btn btn-small" onClick={() => resend(m.id)}>
                        {tr('重发', 'Resend')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !list.loading && !list.error ? (
        <Empty>{tr('没有邮件。', 'No messages.')}</Empty>
      ) : null}
      <LoadMore list={list} small />
    </section>
  );
}

/** Text with its http(s) links clickable (a notice's case link, a respondent's answer link). */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"'）)]+)/);
  return (
    <>
      {parts.map((p, i) => (i % 2 ? <a key={i} href={p} target="_blank" rel="noreferrer noopener">{p}</a> : p))}
    </>
  );
}

/**
 * The mail the embedded SMTP sink received: `npm start` without SMTP_URL sends nothing out, so this is where the demo's
 * notices (and a respondent's answer link) are read. Absent with a real SMTP server.
 */
function MailSink() {
  const { tr, dateTime } = useI18n();
  const [to, setTo] = useState('');
  const [available, setAvailable] = useState(true);
  const list = usePaged(
    (cursor) =>
      api.mailSink({ to: to.trim() || undefined, cursor }).then((page) => {
        setAvailable(page.available);
        return page;
      }),
    [to],
  );
  const [open, setOpen] = useState<string | null>(null);
  const message = useAsync(() => (open ? api.mailSinkMessage(open) : Promise.resolve(null)), [open]);
  if (!available) return null;
  return (
    <section className="card" aria-labelledby="h-sink" id="mail-sink">
      <h3 id="h-sink">{tr('本地邮件（未外发）', 'Local mail (not sent out)')}</h3>
      <p className="muted">{tr('未配置 SMTP_URL：通知邮件由内置接收器保存，不会真正发出。', 'No SMTP_URL is set: notices are kept by the built-in sink and never leave this machine.')}</p>
      <label className="inline">
        {tr('收件人', 'Recipient')} <input type="search" value={to} onChange={(e) => setTo(e.target.value)} data-testid="sink-search" />
      </label>
      <ProblemBanner error={list.error ?? message.error} />
      {list.loading ? <Spinner /> : null}
      {list.items.length ? (
        <table className="table compact" data-testid="sink-list">
          <thead>
            <tr>
              <th scope="col">{tr('时间', 'Received')}</th>
              <th scope="col">{tr('收件人', 'To')}</th>
              <th scope="col">{tr('主题', 'Subject')}</th>
              <th scope="col">
                <span className="sr-only">{tr('操作', 'Actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((m) => (
              <tr key={m.id} data-message-id={m.id}>
                <td>{dateTime(m.receivedAt)}</td>
                <td>{m.to.join(', ')}</td>
                <td>{m.subject}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setOpen(open === m.id ? null : m.id)} aria-label={`${tr('查看', 'Read')} ${m.subject}`}>
                    {tr('查看', 'Read')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !list.loading && !list.error ? (
        <Empty>{tr('暂无邮件。', 'No mail yet.')}</Empty>
      ) : null}
      <LoadMore list={list} small testId="sink-more" />
      {message.data ? (
        <div className="card sub" data-testid="sink-message">
          <h4>{message.data.subject}</h4>
          <p className="muted">
            {message.data.from.join(', ')} → {message.data.to.join(', ')}
          </p>
          <pre className="mail-text">
            <Linked text={message.data.text} />
          </pre>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The triage rule sets (thresholds, industry lists, periods): which judges complaints today, which takes over next,
 * each one's full content and a download as the start of a new file; and a new file checked before it is placed in
 * TRIAGE_RULE_SETS_DIR, the directory every API and worker process reads (README, "Triage rule sets").
 */
function RuleSets() {
  const { tr } = useI18n();
  const list = useAsync(() => api.ruleSets(), []);
  const [open, setOpen] = useState<string | null>(null);
  const detail = useAsync(() => (open ? api.ruleSet(open) : Promise.resolve(null)), [open]);
  const [report, setReport] = useState<{ file: string; check: RuleSetCheck } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const today = shanghaiToday();
  const checkFile = async (file: File) => {
    setReport(null);
    setProblem(null);
    setFileError(null);
    let value: unknown;
    try {
      value = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    } catch (e) {
      return setFileError(tr(`${file.name} 不是有效的 JSON 文件：${(e as Error).message}`, `${file.name} is not a readable JSON file: ${(e as Error).message}`));
    }
    try {
      setReport({ file: file.name, check: await api.checkRuleSet(value) });
    } catch (e) {
      setProblem(e);
    }
  };
  const download = async (version: string) => {
    const set = await api.ruleSet(version);
    saveBlob(new Blob([`${JSON.stringify(set, null, 2)}\n`], { type: 'application/json' }), `${version}.json`);
  };
  const status = (r: RuleSetList['ruleSets'][number]) =>
    r.inForce
      ? tr('现行', 'in force')
      : r.effectiveFrom > today
        ? tr(`${r.effectiveFrom} 起生效`, `takes effect on ${r.effectiveFrom}`)
        : tr('已被取代（仍用于此前提交的案件）', 'superseded (still judges the complaints submitted before the next set)');
  return (
    <section className="card" aria-labelledby="h-rules" id="rule-sets">
      <h3 id="h-rules">{tr('分流规则集', 'Triage rule sets')}</h3>
      <p className="muted">
        {tr(
          '门槛金额、产业目录与期限等分流规则以版本化规则集保存。新版本以 JSON 文件放入 TRIAGE_RULE_SETS_DIR 目录，生效日期在今天之后的无需重启即被各服务读取；已判过案件的规则集不可修改。',
          'Thresholds, industry lists and periods are kept as versioned rule sets. A new version is a JSON file placed in TRIAGE_RULE_SETS_DIR; one taking effect after today is read by every service without a restart; a set that has judged complaints cannot be changed.',
        )}
      </p>
      <ProblemBanner error={list.error} />
      {list.data?.reload.problems.length ? (
        <div className="banner banner-error" role="alert" data-testid="rule-set-reload-problems">
          <p>{tr('目录中的文件未被采用（仍使用原有规则集）：', 'The files in the directory were not taken (the sets in use stay):')}</p>
          <ul>
            {list.data.reload.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {list.loading && !list.data ? <Spinner /> : null}
      {list.data ? (
        <div className="table-wrap">
          <table className="table compact" data-testid="rule-set-list">
            <thead>
              <tr>
                <th>{tr('版本', 'Version')}</th>
                <th>{tr('生效日期', 'Effective from')}</th>
                <th>{tr('来源', 'Source')}</th>
                <th>{tr('状态', 'Status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.ruleSets.map((r) => (
                <tr key={r.version} data-rule-set={r.version}>
                  <td>{r.version}</td>
                  <td>{r.effectiveFrom}</td>
                  <td>{r.builtIn ? tr('内置', 'built in') : tr('文件', 'file')}</td>
                  <td className={r.inForce ? 'ok' : undefined}>{status(r)}</td>
                  <td className="actions-cell">
                    <button type="button" className="btn btn-small" aria-expanded={open === r.version} onClick={() => setOpen(open === r.version ? null : r.version)}>
                      {open === r.version ? tr('收起', 'Hide') : tr('查看', 'View')}
                    </button>{' '}
                    <button type="button" className="btn btn-small" onClick={() => void download(r.version).catch(setProblem)}>
                      {tr('下载 JSON', 'Download JSON')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open && detail.data ? (
        <pre className="json" data-testid="rule-set-json" aria-label={tr(`规则集 ${open}`, `Rule set ${open}`)}>
          {JSON.stringify(detail.data, null, 2)}
        </pre>
      ) : null}
      <h4>{tr('检查新的规则集文件', 'Check a new rule-set file')}</h4>
      <p className="muted">{tr('文件只做检查，不会保存；通过后再放入目录。', 'The file is only checked, not stored; place it in the directory once it passes.')}</p>
      <label className="inline">
        {tr('规则集文件（.json）', 'Rule-set file (.json)')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="rule-set-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void checkFile(file);
          }}
        />
      </label>
      <ProblemBanner error={problem} />
      {fileError ? (
        <p className="banner banner-error" role="alert">
          {fileError}
        </p>
      ) : null}
      {report ? (
        <div className={`banner ${report.check.acceptable ? 'banner-info' : 'banner-error'}`} role="status" data-testid="rule-set-check">
          {report.check.acceptable ? (
            <p>
              {report.check.takesEffect === 'on_reload'
                ? tr(
                    `${report.file}：可以放入目录。规则集 ${report.check.version} 将于 ${report.check.effectiveFrom} 起生效，各服务在下次读取目录时采用，无需重启。`,
                    `${report.file} can be placed in the directory. Rule set ${report.check.version} takes effect on ${report.check.effectiveFrom}; every service takes it at its next reading of the directory, with no restart.`,
                  )
                : tr(
                    `${report.file}：内容无误，但生效日期 ${report.check.effectiveFrom} 不在今天之后，须重启各服务才会采用。`,
                    `${report.file} is sound, but it takes effect on ${report.check.effectiveFrom}, not after today: the services take it only when restarted.`,
                  )}
            </p>
          ) : (
            <>
              <p>{tr(`${report.file}：不能采用，须修改以下各处：`, `${report.file} cannot be taken as it is; correct these:`)}</p>
              <ul>
                {report.check.problems.map((p) => (
                  <li key={`${p.path}:${p.message}`}>
                    <code>{p.path || tr('（整个文件）', '(the whole file)')}</code> {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

export default function Admin() {
  const { tr } = useI18n();
  const user = useUser();
  const [accountsVersion, setAccountsVersion] = useState(0);
  const sections: [string, string][] = [
    ['users', tr('账号', 'Accounts')],
    ['organizations', tr('机构', 'Organisations')],
    ['registered', tr('保护名录', 'Registered enterprises')],
    ['calendar', tr('节假日日历', 'Holiday calendar')],
    ['rule-sets', tr('分流规则集', 'Triage rule sets')],
    ['outbox', tr('邮件发件箱', 'Mail outbox')],
    ['mail-sink', tr('本地邮件', 'Local mail')],
  ];
  return (
    <section className="page" aria-labelledby="h-admin">
      <h2 id="h-admin">{tr('系统管理', 'Administration')}</h2>
      <nav aria-label={tr('本页内容', 'On this page')}>
        <ul className="toc">
          {sections.map(([id, text]) => (
            <li key={id}>
              <a href={`#${id}`}>{text}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Users selfId={user.id} onChanged={() => setAccountsVersion((n) => n + 1)} />
      <Organizations accountsVersion={accountsVersion} />
      <RegisteredEnterprises />
      <HolidayCalendar />
      <RuleSets />
      <Outbox />
      <MailSink />
    </section>
  );
}
