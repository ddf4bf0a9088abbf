// The respondent's answer page (`/respond/<token>`, the link of the respondent's notice): no account. The complaint
// summary the API shows the respondent (no contacts, only the evidence shared with them), the answer deadline, a
// statement with its own checks and the API's localized field errors, evidence files sent with the statement in
// one request with progress per file, then the receipt with the SHA-256 of everything stored. A link that no longer
// opens says why, as far as this browser knows (answer-memory.ts).
import { FIELD_MESSAGES, formatMessage } from '@lyg/domain/errors';
import type { EvidenceKind } from '@lyg/domain/model';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { AnswerResult, RespondentEvidence, RespondentSummary } from '../../api/types';
import { Countdown } from '../../components/deadline';
import { formatSize, Sha256Line, UploadStatus } from '../../components/evidence';
import { ProblemBanner, SelectField, Spinner, TextArea } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { CHANNEL_LABELS, CONDUCT_LABELS, EVIDENCE_KIND_LABELS, REMEDY_LABELS, RIGHT_TYPE_LABELS, ROUTE_LABELS } from '../../i18n/labels';
import { sha256OfFile, sha256OfText } from '../../lib/sha256';
import { type LinkMemory, recall, remember } from './answer-memory';

const DEFAULT_KIND: EvidenceKind = 'other';

interface Pending {
  key: string;
  file: File;
  kind: EvidenceKind;
  localSha256: Promise<string | null>;
  /** What is wrong with the file itself (empty, too large): it must be removed. */
  problem: string | null;
  /** The API's word on this file's kind (`kinds[i]`), until the kind is changed. */
  kindError: string | null;
}

const codePoints = (s: string) => [...s].length;

function Summary({ s }: { s: RespondentSummary }) {
  const { tr, label } = useI18n();
  const due = s.deadlines[0] ?? null;
  return (
    <>
      <section className="card" aria-labelledby="h-due" data-testid="answer-deadline">
        <h3 id="h-due">{tr('答辩期限', 'Answer deadline')}</h3>
        {due ? (
          <p>
            <strong data-testid="due-date">{due.dueDate} 24:00</strong> {tr('（北京时间）', '(Beijing time)')} ·{' '}
            <Countdown deadline={{ stage: due.stage, dueDate: due.dueDate, dueAt: due.dueAt, clock: 'calendar_days', provisional: false, breached: false }} />
          </p>
        ) : (
          <p className="muted">—</p>
        )}
        <p className="muted small">
          {tr(
            '答辩期为收到通知之日起 15 日。逾期未答辩的，不影响案件的处理。此链接只能提交一次答辩。',
            'You have 15 days from the notice to answer. The case proceeds if you do not answer in time. This link accepts one answer only.',
          )}
        </p>
      </section>

      <section className="card" aria-labelledby="h-complaint" data-testid="complaint-summary">
        <h3 id="h-complaint">{tr('投诉内容', 'The complaint')}</h3>
        <dl className="dl">
          <dt>{tr('投诉人', 'Complainant')}</dt>
          <dd>{s.complainant.name}</dd>
          <dt>{tr('被投诉方', 'Respondent')}</dt>
          <dd>{s.respondent.name}</dd>
          <dt>{tr('处理程序', 'Route')}</dt>
          <dd>{label(ROUTE_LABELS, s.route)}</dd>
          <dt>{tr('被指控的行为', 'Alleged conduct')}</dt>
          <dd>{s.infringement.conducts.map((c) => label(CONDUCT_LABELS, c)).join(tr('、', ', '))}</dd>
          <dt>{tr('渠道', 'Channel')}</dt>
          <dd>{label(CHANNEL_LABELS, s.infringement.channel)}</dd>
          <dt>{tr('投诉人知悉日期', 'First known to the complainant')}</dt>
          <dd>{s.infringement.firstKnownAt}</dd>
          <dt>{tr('投诉请求', 'Remedies requested')}</dt>
          <dd>{s.requestedRemedies.map((r) => label(REMEDY_LABELS, r)).join(tr('、', ', '))}</dd>
        </dl>
        <h4>{tr('涉及的权利', 'Rights concerned')}</h4>
        <ul className="plain">
          {s.ipRights.map((r, i) => (
            <li key={i}>
              <strong>{label(RIGHT_TYPE_LABELS, r.type)}</strong> {r.number ?? ''} {r.title ? `— ${r.title}` : ''}
              <div className="muted small">
                {r.holder ? `${tr('权利人', 'Holder')}: ${r.holder}` : ''}
                {r.validUntil ? ` · ${tr('有效期至', 'valid until')} ${r.validUntil}` : ''}
                {r.niceClasses?.length ? ` · ${tr('尼斯分类', 'Nice classes')} ${r.niceClasses.join(', ')}` : ''}
              </div>
            </li>
          ))}
        </ul>
        <h4>{tr('事实与理由', 'Facts and grounds')}</h4>
        <p className="pre">{s.infringement.description}</p>
        {s.infringement.urls.length ? (
          <ul className="small">
            {s.infringement.urls.map((u) => (
              <li key={u}>
                <code className="hash">{u}</code>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="card" aria-labelledby="h-shared">
        <h3 id="h-shared">{tr('向您提供的证据', 'Evidence made available to you')}</h3>
        {s.evidence.length ? (
          <SharedEvidence items={s.evidence} />
        ) : (
          <p className="muted" data-testid="no-shared-evidence">
            {tr('保护中心未向您提供投诉人的证据材料。', 'The center has not made any of the complainant’s evidence available to you.')}
          </p>
        )}
      </section>
    </>
  );
}

function SharedEvidence({ items }: { items: (RespondentEvidence & { url: string })[] }) {
  const { tr, label } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table compact" data-testid="shared-evidence">
        <thead>
          <tr>
            <th scope="col">{tr('类型', 'Kind')}</th>
            <th scope="col">{tr('文件', 'File')}</th>
            <th scope="col">{tr('大小', 'Size')}</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{label(EVIDENCE_KIND_LABELS, e.kind)}</td>
              <td>
                <a href={e.url} download={e.fileName}>
                  {e.fileName}
                </a>
              </td>
              <td>{formatSize(e.sizeBytes)}</td>
              <td>
                <code className="hash" title={e.sha256}>
                  {e.sha256}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AnswerForm({ token, s, onAnswered, onDeadLink }: { token: string; s: RespondentSummary; onAnswered(r: AnswerResult, local: Record<string, string | null>): void; onDeadLink(): void }) {
  const { tr, label, lang } = useI18n();
  const fileInputId = useId();
  const rules = s.answer;
  const [statement, setStatement] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [total, setTotal] = useState(1);
  const heading = useRef<HTMLHeadingElement>(null);
  // One key for this form: a refused answer leaves none behind, and one whose receipt was lost on the way is replayed.
  const answerKey = useMemo(() => crypto.randomUUID(), []);
  const message = (code: string, params?: Record<string, string | number>) => {
    const text = FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid;
    return formatMessage(lang === 'en' ? text.en : text.zh, params);
  };
  const statementLength = codePoints(statement.trim());

  const add = (files: FileList | null) => {
    if (!files) return;
    const rows = Array.from(files).map(
      (file): Pending => ({
        key: `${file.name}-${file.size}-${Math.random()}`,
        file,
        kind: DEFAULT_KIND,
        localSha256: sha256OfFile(file).catch(() => null),
        problem: file.size === 0 ? message('file_empty') : file.size > rules.files.maxBytes ? tr(`文件超过 ${formatSize(rules.files.maxBytes)}`, `larger than ${formatSize(rules.files.maxBytes)}`) : null,
        kindError: null,
      }),
    );
    setPending((p) => [...p, ...rows]);
    setErrors((e) => ({ ...e, files: '' }));
  };

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!statementLength) out.statement = message('required');
    else if (statementLength < rules.statement.minLength || statementLength > rules.statement.maxLength) out.statement = message('length', { min: rules.statement.minLength, max: rules.statement.maxLength });
    if (pending.length > rules.files.max) out.files = message('array_size', { min: 0, max: rules.files.max });
    else if (pending.some((p) => p.problem)) out.files = tr('请移除有问题的文件', 'Remove the files marked with a problem');
    return out;
  };

  const submit = async () => {
    const found = check();
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) {
      heading.current?.focus();
      return;
    }
    const files = pending.map((p) => ({ file: p.file, kind: p.kind }));
    setSent(0);
    try {
      const text = statement.trim();
      const result = await api.respondAnswer(
        token,
        text,
        files,
        (bytes, of) => {
          setSent(bytes);
          setTotal(of);
        },
        answerKey,
      ).promise;
      const local: Record<string, string | null> = { statement: await sha256OfText(text) };
      for (const [i, e] of result.evidence.entries()) local[e.id] = await pending[i].localSha256;
      onAnswered(result, local);
    } catch (e) {
      setSent(null);
      if (e instanceof ApiError && e.status === 404) return onDeadLink();
      if (e instanceof ApiError && e.problem.errors?.length) {
        const map: Record<string, string> = {};
        for (const f of e.problem.errors) {
          const index = /^kinds\[(\d+)\]$/.exec(f.field);
          // A refused file is named by its position: marked in its row, and named under the file input.
          const file = /^files\[(\d+)\]$/.exec(f.field);
          if (index) setPending((p) => p.map((row, i) => (i === Number(index[1]) ? { ...row, kindError: f.message } : row)));
          else if (file) {
            const at = Number(file[1]);
            setPending((p) => p.map((row, i) => (i === at ? { ...row, problem: f.message } : row)));
            map.files = `${pending[at]?.file.name ?? ''}${tr('：', ': ')}${f.message}`;
          } else map[f.field === 'kinds' ? 'files' : f.field] = f.message;
        }
        setErrors(map);
      } else if (e instanceof ApiError && (e.status === 413 || e.status === 415)) {
        setErrors({ files: e.problem.detail || e.problem.title });
      }
      setProblem(e);
      heading.current?.focus();
    }
  };

  // Progress per file: the body is the statement and the kinds, then the files in order.
  const sizes = pending.map((p) => p.file.size);
  const filesTotal = sizes.reduce((a, b) => a + b, 0);
  const progressOf = (i: number): number | null => {
    if (sent === null) return null;
    const start = Math.max(0, total - filesTotal) + sizes.slice(0, i).reduce((a, b) => a + b, 0);
    return sizes[i] ? Math.min(1, Math.max(0, (sent - start) / sizes[i])) : sent >= total ? 1 : 0;
  };
  const busy = sent !== null;
  const apiOnly = Object.entries(errors).filter(([k, v]) => v && !['statement', 'files'].includes(k));

  return (
    <form
      className="card"
      aria-labelledby="h-answer"
      data-testid="answer-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="h-answer" ref={heading} tabIndex={-1}>
        {tr('提交答辩', 'Your answer')}
      </h3>
      <ProblemBanner error={problem} />
      {apiOnly.map(([k, v]) => (
        <p key={k} className="error" role="alert">
          {k}: {v}
        </p>
      ))}
      <TextArea
        label={tr('答辩意见', 'Statement')}
        field="statement"
        required
        rows={10}
        value={statement}
        maxLength={rules.statement.maxLength}
        disabled={busy}
        error={errors.statement}
        hint={tr(
          `已输入 ${statementLength} 字（${rules.statement.minLength}–${rules.statement.maxLength} 字）。请写明您对投诉的意见、理由及所附证据的证明目的。`,
          `${statementLength} characters (${rules.statement.minLength}–${rules.statement.maxLength}). State your position on the complaint, your grounds, and what each attached file proves.`,
        )}
        onChange={(e) => {
          setStatement(e.target.value);
          if (errors.statement) setErrors((x) => ({ ...x, statement: '' }));
        }}
      />
      <div className={`field${errors.files ? ' field-invalid' : ''}`} data-field="files">
        <label htmlFor={fileInputId}>
          {tr(`证据文件（可选，最多 ${rules.files.max} 个，每个不超过 ${formatSize(rules.files.maxBytes)}）`, `Evidence files (optional, up to ${rules.files.max}, each at most ${formatSize(rules.files.maxBytes)})`)}
        </label>
        <input
          id={fileInputId}
          type="file"
          multiple
          data-testid="answer-files"
          disabled={busy || pending.length >= rules.files.max}
          aria-describedby={`${fileInputId}-hint${errors.files ? ` ${fileInputId}-error` : ''}`}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <div className="hint" id={`${fileInputId}-hint`}>
          {tr('可接受的类型：', 'Accepted types: ')}
          {rules.files.allowedTypes}
        </div>
        {errors.files ? (
          <div className="error" id={`${fileInputId}-error`} role="alert" data-testid="error-files">
            {errors.files}
          </div>
        ) : null}
      </div>
      {pending.length ? (
        <ul className="uploads plain">
          {pending.map((p, i) => (
            <UploadStatus key={p.key} file={p.file} kind={p.kind} progress={progressOf(i)} sha256={null}>
              {busy ? null : (
                <div className="inline-form">
                  <SelectField
                    label={`${tr('证据类型', 'Evidence kind')}: ${p.file.name}`}
                    field={`kinds[${i}]`}
                    value={p.kind}
                    error={p.kindError}
                    onChange={(e) => setPending((rows) => rows.map((r) => (r.key === p.key ? { ...r, kind: e.target.value as EvidenceKind, kindError: null } : r)))}
                    options={rules.files.kinds.map((k) => ({ value: k, label: label(EVIDENCE_KIND_LABELS, k) }))}
                  />
                  <button type="button" className="btn btn-small" onClick={() => setPending((rows) => rows.filter((r) => r.key !== p.key))} aria-label={`${tr('移除', 'Remove')} ${p.file.name}`}>
                    {tr('移除', 'Remove')}
                  </button>
                </div>
              )}
              {p.problem ? (
                <div className="error" role="alert">
                  {p.problem}
                </div>
              ) : null}
            </UploadStatus>
          ))}
        </ul>
      ) : null}
      <p className="muted small">
        {tr(
          '提交后，答辩意见和证据文件将存入保护中心的证据库并计算 SHA-256 摘要，作为提交凭证。',
          'When you submit, the statement and the files are stored in the center’s evidence store with their SHA-256 digests, shown to you as a receipt.',
        )}
      </p>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="submit-answer">
          {busy ? tr('正在提交…', 'Sending…') : tr('提交答辩', 'Submit the answer')}
        </button>
      </div>
      {busy && !pending.length ? <Spinner label={tr('正在提交…', 'Sending…')} /> : null}
    </form>
  );
}

function Receipt({ r, local, revisit }: { r: AnswerResult; local: Record<string, string | null>; revisit: boolean }) {
  const { tr, label, dateTime } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const row = (e: RespondentEvidence, localSha: string | null | undefined) => (
    <li key={e.id} data-testid="receipt-file">
      <strong>{e.fileName}</strong>{' '}
      <span className="muted">
        ({label(EVIDENCE_KIND_LABELS, e.kind)}, {formatSize(e.sizeBytes)})
      </span>
      <Sha256Line sha256={e.sha256} localSha256={localSha} />
    </li>
  );
  return (
    <section className="card success" aria-labelledby="h-received" data-testid="answer-received">
      <h2 id="h-received" ref={heading} tabIndex={-1}>
        ✓ {tr('答辩已收到', 'Answer received')}
      </h2>
      {revisit ? <p className="banner banner-warn">{tr('此链接已使用，以下是此前从本设备提交的答辩凭证。', 'This link has been used; below is the receipt of the answer sent from this device.')}</p> : null}
      <dl className="dl">
        <dt>{tr('案件编号', 'Case number')}</dt>
        <dd data-testid="receipt-case-number">{r.caseNumber ?? '—'}</dd>
        <dt>{tr('收到时间', 'Received')}</dt>
        <dd>{dateTime(r.answeredAt)}</dd>
      </dl>
      <h3>{tr('已存档的材料', 'What was stored')}</h3>
      <ul className="plain">
        {row(r.statement, local.statement)}
        {r.evidence.map((e) => row(e, local[e.id]))}
      </ul>
      <p>
        {tr(
          '保护中心将在审查中考虑您的答辩意见，处理结果将另行通知。请保存或打印本页作为提交凭证（SHA-256 摘要可用于核对存档文件未被改动）。',
          'The center will consider your answer; you will be told of the outcome. Keep or print this page as your receipt (the SHA-256 digests let anyone check that the stored files are unchanged).',
        )}
      </p>
      <button type="button" className="btn" onClick={() => window.print()}>
        {tr('打印凭证', 'Print the receipt')}
      </button>
    </section>
  );
}

function DeadLink({ memory }: { memory: LinkMemory | null }) {
  const { tr, dateTime } = useI18n();
  const expired = memory?.dueAt ? Date.parse(memory.dueAt) < Date.now() : false;
  return (
    <section className="card" aria-labelledby="h-dead" data-testid="link-unavailable" data-reason={expired ? 'expired' : 'unavailable'}>
      <h2 id="h-dead">{expired ? tr('答辩期限已届满', 'The answer period has ended') : tr('此答辩链接无法使用', 'This answer link cannot be used')}</h2>
      {expired ? (
        <p>
          {tr(`${memory?.caseNumber ?? '本案'}的答辩期限已于 ${dateTime(memory!.dueAt!)} 届满，链接随之失效。`, `The answer period of ${memory?.caseNumber ?? 'the case'} ended on ${dateTime(memory!.dueAt!)}, and the link with it.`)}
        </p>
      ) : (
        <>
          <p>{tr('链接可能出于以下原因之一而失效：', 'The link no longer opens for one of these reasons:')}</p>
          <ul>
            <li>{tr('答辩已经提交（每个链接只能提交一次）；', 'an answer has already been sent through it (each link accepts one);')}</li>
            <li>{tr('答辩期限已经届满，或案件已经结案；', 'the answer period has ended, or the case is closed;')}</li>
            <li>{tr('链接不完整或有误——请从通知邮件中完整复制链接。', 'the link is incomplete or mistyped — copy the whole link from the notice e-mail.')}</li>
          </ul>
        </>
      )}
      <p className="muted">
        {tr(
          '如有疑问，请联系中国(连云港)知识产权保护中心，并提供通知邮件中的案件编号。',
          'If in doubt, contact the China (Lianyungang) IP Protection Center with the case number from the notice e-mail.',
        )}
      </p>
    </section>
  );
}

export default function RespondPage({ token }: { token: string }) {
  const { tr } = useI18n();
  const [state, setState] = useState<
    | { kind: 'loading' }
    | { kind: 'open'; s: RespondentSummary }
    | { kind: 'received'; r: AnswerResult; local: Record<string, string | null>; revisit: boolean }
    | { kind: 'dead'; memory: LinkMemory | null }
    | { kind: 'error'; error: unknown }
  >({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.respondSummary(token).then(
      (s) => {
        if (!live) return;
        setState({ kind: 'open', s });
        void remember(token, { caseNumber: s.caseNumber, dueAt: s.deadlines[0]?.dueAt ?? null });
      },
      async (error: unknown) => {
        if (!live) return;
        if (!(error instanceof ApiError) || error.status !== 404) return setState({ kind: 'error', error });
        const memory = await recall(token);
        if (!live) return;
        setState(memory?.answer ? { kind: 'received', r: memory.answer, local: {}, revisit: true } : { kind: 'dead', memory });
      },
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  return (
    <section className="page" aria-labelledby="h-respond">
      <h2 id="h-respond">
        {tr('被投诉方答辩', 'Answer to a complaint')}
        {state.kind === 'open' && state.s.caseNumber ? <span className="muted"> · {state.s.caseNumber}</span> : null}
      </h2>
      {state.kind === 'loading' ? <Spinner /> : null}
      {state.kind === 'error' ? (
        <>
          <ProblemBanner error={state.error} />
          <button type="button" className="btn" onClick={() => setAttempt((n) => n + 1)}>
            {tr('重试', 'Try again')}
          </button>
        </>
      ) : null}
      {state.kind === 'dead' ? <DeadLink memory={state.memory} /> : null}
      {state.kind === 'received' ? <Receipt r={state.r} local={state.local} revisit={state.revisit} /> : null}
      {state.kind === 'open' ? (
        <>
          <Summary s={state.s} />
          <AnswerForm
            token={token}
            s={state.s}
            onAnswered={(r, local) => {
              void remember(token, { answer: r });
              setState({ kind: 'received', r, local, revisit: false });
            }}
            onDeadLink={() => void recall(token).then((memory) => setState({ kind: 'dead', memory }))}
          />
        </>
      ) : null}
    </section>
  );
}
