// Form controls with their labels and errors wired for assistive technology: every input has a <label>, an error is
// announced (role=alert) and linked by aria-describedby, and `data-field` carries the API's field path.
import { useId, type ReactNode, type SelectHTMLAttributes, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

interface FieldShell {
  label: string;
  field?: string;
  error?: string | null | undefined;
  hint?: string | null | undefined;
  required?: boolean;
}

function Shell({ id, label, field, error, hint, required, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field={field}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint && !error ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="error" id={`${id}-error`} role="alert" data-testid={field ? `error-${field}` : undefined}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string | null, hint?: string | null): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

export function TextField({ label, field, error, hint, required, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} field={field} error={error} hint={hint} required={required}>
      <input
        id={id}
        name={field}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </Shell>
  );
}

export function TextArea({ label, field, error, hint, required, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell id={id} label={label} field={field} error={error} hint={hint} required={required}>
      <textarea
        id={id}
        name={field}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </Shell>
  );
}

export function SelectField({
  label,
  field,
  error,
  hint,
  required,
  options,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <Shell id={id} label={label} field={field} error={error} hint={hint} required={required}>
      <select id={id} name={field} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxGroup<T extends string>({
  legend,
  field,
  options,
  value,
  onChange,
  error,
}: {
  legend: string;
  field: string;
  options: { value: T; label: string }[];
  value: T[];
  onChange(v: T[]): void;
  error?: string | null;
}) {
  const id = useId();
  return (
    <fieldset className={`field checks${error ? ' field-invalid' : ''}`} data-field={field} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="check-grid">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <div className="error" id={`${id}-error`} role="alert" data-testid={`error-${field}`}>
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * A failed call, in the words of the API's problem document (already in the caller's language). `listFields`: a
 * form that does not show each field's error beside its input lists them here (`holidays[1].to: …`), by the names
 * people read where it gives them (`{file: '文件'}`: "文件：空文件" rather than "file: …").
 */
export function ProblemBanner({ error, listFields = false }: { error: unknown; listFields?: boolean | Readonly<Record<string, string>> }) {
  const { tr } = useI18n();
  if (!error) return null;
  let title = tr('操作失败', 'Something went wrong');
  let detail = error instanceof Error ? error.message : String(error);
  let fields: { field: string; message: string }[] = [];
  if (error instanceof ApiError) {
    title = error.status === 0 ? tr('无法连接服务器', 'Cannot reach the server') : error.problem.title;
    detail = error.problem.detail;
    if (listFields) fields = error.problem.errors ?? [];
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="problem">
      <strong>{title}</strong>
      {detail ? <span> — {detail}</span> : null}
      {fields.length ? (
        <ul className="problem-fields">
          {fields.map((f, i) => (
            <li key={i} data-field={f.field}>
              {typeof listFields === 'object' ? (
                <>
                  {listFields[f.field] ?? f.field}
                  {tr('：', ': ')}
                </>
              ) : (
                <>
                  <code>{f.field}</code>:{' '}
                </>
              )}
              {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "Load more" under a cursor-paged list (`usePaged`), while it has a next page. */
export function LoadMore({ list, small = false, testId }: { list: { nextCursor: string | null; more(): unknown }; small?: boolean; testId?: string }) {
  const { tr } = useI18n();
  if (!list.nextCursor) return null;
  return (
    <button type="button" className={small ? 'btn btn-small' : 'btn'} onClick={() => list.more()} data-testid={testId}>
      {tr('加载更多', 'Load more')}
    </button>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { tr } = useI18n();
  return (
    <div className="spinner" role="status" aria-live="polite">
      {label ?? tr('加载中…', 'Loading…')}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(value * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-text">{pct}%</span>
    </div>
  );
}
