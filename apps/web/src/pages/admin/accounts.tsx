// Accounts and organisations (GET/POST/PATCH /admin/users, /admin/organizations): lists with search, filters and
// paging; creating an account shows its one-time password once; deactivate, reactivate, change the role within the
// organisation's kind, reset the password. The API's 422 field errors are shown next to their inputs.
import { checkRegionCode, checkUscc } from '@lyg/domain/identifiers';
import { LANGUAGES, type Language, ORGANIZATION_KINDS, type OrganizationKind, ROLE_ORGANIZATION_KINDS, ROLES, type Role } from '@lyg/domain/model';
import { useEffect, useId, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { OrganizationInput, OrganizationView, UserInput, UserView, UserWithPassword } from '../../api/types';
import { Empty, LoadMore, ProblemBanner, SelectField, Spinner, TextField } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { LANGUAGE_LABELS, ORGANIZATION_KIND_LABELS, ROLE_LABELS } from '../../i18n/labels';
import { usePaged } from '../../lib/use-paged-cases';

type Errors = Record<string, string>;

/** The fields of `next` that differ from `current` (an edit sends only these). */
function changedOf<T extends object>(current: object, next: T): Partial<T> {
  const was = current as Record<string, unknown>;
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => (was[k] ?? null) !== (v ?? null))) as Partial<T>;
}

/** The API's 422 as `{field: message}`; anything else stays a problem banner. */
function fieldErrorsOf(e: unknown): Errors {
  return e instanceof ApiError && e.problem.errors ? Object.fromEntries(e.problem.errors.map((f) => [f.field, f.message])) : {};
}

// ---- organisations ------------------------------------------------------------------------------------------------

function OrganizationForm({ initial, onSaved, onCancel }: { initial: OrganizationView | null; onSaved(o: OrganizationView): void; onCancel?: () => void }) {
  const { tr, label } = useI18n();
  const [v, setV] = useState<OrganizationInput>({ name: initial?.name ?? '', kind: initial?.kind ?? 'enterprise', uscc: initial?.uscc ?? '', regionCode: initial?.regionCode ?? '' });
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const uscc = v.uscc?.trim() ?? '';
  const usccCheck = uscc ? checkUscc(uscc) : null;
  const local: Errors = {};
  if (usccCheck && !usccCheck.ok) local.uscc = usccCheck.code === 'length' ? tr('统一社会信用代码必须是 18 位', 'a unified social credit code has 18 characters') : tr('统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）', 'digits and capital letters except I, O, S, V, Z');
  if (v.regionCode?.trim() && !checkRegionCode(v.regionCode.trim())) local.regionCode = tr('必须是 6 位行政区划代码', 'a 6-digit region code');
  const warn = usccCheck?.ok && !usccCheck.checkCharacterValid ? tr('校验位不符（试点期代码仍可保存），请核对', 'The check character does not match (early pilot codes are accepted); please verify') : null;

  const save = async () => {
    setProblem(null);
    setErrors({});
    if (!v.name.trim()) return setErrors({ name: tr('此项为必填项', 'is required') });
    setBusy(true);
    const body: OrganizationInput = { name: v.name.trim(), kind: v.kind, uscc: uscc || null, regionCode: v.regionCode?.trim() || null };
    try {
      // An edit sends only what the form changed, against the revision the form was filled from: another
      // administrator's change made meanwhile is a 412 to reload, not silently undone.
      onSaved(initial ? await api.updateOrganization(initial.id, changedOf(initial, body), initial.revision) : await api.createOrganization(body));
      if (!initial) setV({ name: '', kind: v.kind, uscc: '', regionCode: '' });
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card sub"
      data-testid={initial ? 'organization-edit' : 'organization-create'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{initial ? `${tr('编辑机构', 'Edit organisation')}: ${initial.name}` : tr('添加机构', 'Add an organisation')}</h4>
      <ProblemBanner error={problem} />
      <div className="grid-2">
        <TextField label={tr('名称', 'Name')} field="name" required value={v.name} maxLength={200} error={errors.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
        <SelectField
          label={tr('机构类型', 'Kind')}
          field="kind"
          value={v.kind}
          error={errors.kind}
          hint={tr(`可开设的账号角色：`, 'Roles its accounts may hold: ') + ROLES.filter((r) => ROLE_ORGANIZATION_KINDS[r].includes(v.kind)).map((r) => label(ROLE_LABELS, r)).join(tr('、', ', '))}
          onChange={(e) => setV({ ...v, kind: e.target.value as OrganizationKind })}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: label(ORGANIZATION_KIND_LABELS, k) }))}
        />
        <TextField
          label={tr('统一社会信用代码（可选）', 'USCC (optional)')}
          field="uscc"
          value={v.uscc ?? ''}
          error={errors.uscc ?? local.uscc}
          hint={warn}
          onChange={(e) => setV({ ...v, uscc: e.target.value })}
        />
        <TextField label={tr('行政区划代码（可选）', 'Region code (optional)')} field="regionCode" value={v.regionCode ?? ''} inputMode="numeric" error={errors.regionCode ?? local.regionCode} onChange={(e) => setV({ ...v, regionCode: e.target.value })} />
      </div>
      <div className="actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {tr('取消', 'Cancel')}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy || Boolean(local.uscc || local.regionCode)}>
          {initial ? tr('保存', 'Save') : tr('添加', 'Add')}
        </button>
      </div>
    </form>
  );
}

/**
 * Deactivating an organisation that still works transferred cases: the administrator names the active organisation of
 * its kind that takes them over (PATCH with `successorId`); the API hands each case over in the same transaction.
 */
function HandOver({ org, count, onDone, onCancel }: { org: OrganizationView; count: number; onDone(): void; onCancel(): void }) {
  const { tr, label } = useI18n();
  const id = useId();
  const [options, setOptions] = useState<OrganizationView[] | null>(null);
  const [successor, setSuccessor] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api
      .organizations({ kind: org.kind, active: true, limit: 100 })
      .then((p) => setOptions(p.items.filter((o) => o.id !== org.id)))
      .catch((e: unknown) => setProblem(e));
  }, [org.id, org.kind]);
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.updateOrganization(org.id, { active: false, successorId: successor }, org.revision);
      onDone();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const kindName = label(ORGANIZATION_KIND_LABELS, org.kind);
  return (
    <form
      className="card sub"
      data-testid="organization-handover"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{tr(`停用 ${org.name}`, `Deactivate ${org.name}`)}</h4>
      <p>
        {tr(
          `该机构尚有 ${count} 件移送案件未办结。停用后其账号无法登录；这些案件连同已共享的证据移交给下面选择的${kindName}，并为其生成新的移送材料包、通知其账号，办理期限不变。`,
          `${count} transferred case(s) are still with this organisation. Once it is deactivated its accounts cannot sign in; the cases, with the evidence shared with it, go to the ${kindName} chosen below, which gets a package of its own and a notice; their deadlines stay as they are.`,
        )}
      </p>
      <ProblemBanner error={problem} />
      {options === null ? (
        <Spinner />
      ) : options.length ? (
        <div className="field">
          <label htmlFor={id}>{tr('接手机构', 'Successor')}</label>
          <select id={id} value={successor} required onChange={(e) => setSuccessor(e.target.value)}>
            <option value="">{tr('请选择', 'Choose…')}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="error" role="alert">
          {tr(`没有其他已启用的${kindName}可以接手：请先新建或启用一家。`, `No other active ${kindName} can take them over: create or reactivate one first.`)}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={!successor || busy}>
          {tr('停用并移交', 'Deactivate and hand over')}
        </button>{' '}
        <button type="button" className="btn" onClick={onCancel}>
          {tr('取消', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

/** `accountsVersion`: moves when an account changed on the page, so that the account counts are read again. */
export function Organizations({ accountsVersion = 0 }: { accountsVersion?: number }) {
  const { tr, label } = useI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrganizationKind | ''>('');
  const list = usePaged((cursor) => api.organizations({ q: q.trim() || undefined, kind: kind || undefined, cursor }), [q, kind, accountsVersion]);
  const [editing, setEditing] = useState<OrganizationView | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [handOver, setHandOver] = useState<{ org: OrganizationView; count: number } | null>(null);
  const toggle = async (o: OrganizationView) => {
    if (o.active && o.openTransfers > 0) {
      setHandOver({ org: o, count: o.openTransfers });
      return;
    }
    if (
      o.active &&
      !confirm(
        tr(
          `停用 ${o.name}？该机构的全部账号将立即无法登录和使用系统，案件也不再移送给它；其案件和记录保留，可随时重新启用。`,
          `Deactivate ${o.name}? None of its accounts can sign in or use the system from now on, and no case is transferred to it; its cases and records stay, and it can be reactivated.`,
        ),
      )
    )
      return;
    setProblem(null);
    try {
      await api.updateOrganization(o.id, { active: !o.active }, o.revision);
      list.reload();
    } catch (e) {
      // Cases were transferred to it since the list was read: name a successor.
      const open = e instanceof ApiError ? e.problem.errors?.find((f) => f.field === 'successorId' && f.code === 'open_transfers') : undefined;
      if (open) setHandOver({ org: o, count: Number(/\d+/.exec(open.message)?.[0] ?? 1) });
      else setProblem(e);
    }
  };
  return (
    <section className="card" aria-labelledby="h-orgs" id="organizations">
      <h3 id="h-orgs">{tr('机构', 'Organisations')}</h3>
      <div className="toolbar">
        <label className="inline">
          {tr('搜索', 'Search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tr('名称或统一社会信用代码', 'Name or USCC')} />
        </label>
        <label className="inline">
          {tr('类型', 'Kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as OrganizationKind | '')}>
            <option value="">{tr('全部', 'All')}</option>
            {ORGANIZATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {label(ORGANIZATION_KIND_LABELS, k)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemBanner error={list.error ?? problem} />
      {list.loading ? <Spinner /> : null}
      {list.items.length ? (
        <div className="table-wrap">
          <table className="table compact" data-testid="organization-list">
            <thead>
              <tr>
                <th scope="col">{tr('名称', 'Name')}</th>
                <th scope="col">{tr('类型', 'Kind')}</th>
                <th scope="col">USCC</th>
                <th scope="col">{tr('区划', 'Region')}</th>
                <th scope="col">{tr('账号（启用/全部）', 'Accounts (active/all)')}</th>
                <th scope="col">{tr('未办结移送案件', 'Open transfers')}</th>
                <th scope="col">{tr('状态', 'Status')}</th>
                <th scope="col">
                  <span className="sr-only">{tr('操作', 'Actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((o) => (
                <tr key={o.id} className={o.active ? '' : 'row-inactive'} data-organization={o.name}>
                  <td>{o.name}</td>
                  <td>{label(ORGANIZATION_KIND_LABELS, o.kind)}</td>
                  <td>{o.uscc ? <code>{o.uscc}</code> : '—'}</td>
                  <td>{o.regionCode ?? '—'}</td>
                  <td>
                    {o.users.active}/{o.users.total}
                  </td>
                  <td>{o.openTransfers || '—'}</td>
                  <td>{o.active ? tr('启用', 'Active') : tr('已停用', 'Deactivated')}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => setEditing(o)} aria-label={`${tr('编辑', 'Edit')} ${o.name}`}>
                      {tr('编辑', 'Edit')}
                    </button>{' '}
                    <button type="button" className="btn btn-small" onClick={() => void toggle(o)} aria-label={`${o.active ? tr('停用', 'Deactivate') : tr('启用', 'Reactivate')} ${o.name}`}>
                      {o.active ? tr('停用', 'Deactivate') : tr('启用', 'Reactivate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !list.loading ? (
        <Empty>{tr('没有符合条件的机构。', 'No organisation matches.')}</Empty>
      ) : null}
      <LoadMore list={list} />
      {handOver ? (
        <HandOver
          key={handOver.org.id}
          org={handOver.org}
          count={handOver.count}
          onCancel={() => setHandOver(null)}
          onDone={() => {
            setHandOver(null);
            list.reload();
          }}
        />
      ) : null}
      {editing ? (
        <OrganizationForm
          key={editing.id}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
      <OrganizationForm initial={null} onSaved={() => list.reload()} />
    </section>
  );
}

// ---- accounts ---------------------------------------------------------------------------------------------------

/** The organisations an account of `role` may belong to, found by name. */
function OrganizationPicker({ role, value, onChange, error }: { role: Role; value: string | null; onChange(id: string | null): void; error?: string }) {
  const { tr, label } = useI18n();
  const id = useId();
  const kinds = ROLE_ORGANIZATION_KINDS[role];
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<OrganizationView[]>([]);
  useEffect(() => {
    if (!kinds.length) return;
    let live = true;
    const t = setTimeout(() => {
      void api.organizations({ q: q.trim() || undefined, kind: kinds.length === 1 ? kinds[0] : undefined, limit: 100 }).then((p) => {
        if (live) setOptions(p.items.filter((o) => kinds.includes(o.kind)));
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [role, q]);
  if (!kinds.length) return <p className="muted small">{tr('系统管理员不属于任何机构。', 'A system administrator belongs to no organisation.')}</p>;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field="organizationId">
      <label htmlFor={id}>
        {tr('所属机构', 'Organisation')}
        <span className="req" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      <input type="search" aria-label={tr('搜索机构', 'Search organisations')} value={q} onChange={(e) => setQ(e.target.value)} placeholder={tr('按名称搜索', 'Search by name')} />
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
        <option value="">{tr('— 请选择 —', '— choose —')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}（{label(ORGANIZATION_KIND_LABELS, o.kind)}）
          </option>
        ))}
      </select>
      {error ? (
        <div className="error" id={`${id}-error`} role="alert" data-testid="error-organizationId">
          {error}
        </div>
      ) : (
        <div className="hint" id={`${id}-hint`}>
          {tr('该角色可属于：', 'This role belongs to: ')}
          {kinds.map((k) => label(ORGANIZATION_KIND_LABELS, k)).join(tr('、', ', '))}
        </div>
      )}
    </div>
  );
}

function OneTimePassword({ result, onClose }: { result: UserWithPassword; onClose(): void }) {
  const { tr } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="banner banner-warn" role="status" data-testid="one-time-password">
      <p>
        <strong>{result.user.email}</strong>{' '}
        {tr('的一次性密码（仅显示这一次，请当面或通过安全渠道告知本人；首次登录后须设置新密码）：', "'s one-time password (shown this once: hand it over in person or through a safe channel; it must be changed at the first sign-in):")}
      </p>
      {result.oneTimePassword ? (
        <p>
          <code className="otp" data-testid="otp-value">
            {result.oneTimePassword}
          </code>{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              void navigator.clipboard?.writeText(result.oneTimePassword!).then(() => setCopied(true));
            }}
          >
            {copied ? tr('已复制', 'Copied') : tr('复制', 'Copy')}
          </button>
        </p>
      ) : (
        <p>{tr('密码不会保存，无法再次显示；如需密码请重置。', 'The password is not kept and cannot be shown again; reset it for a new one.')}</p>
      )}
      <button type="button" className="btn btn-small" onClick={onClose}>
        {tr('我已记下，关闭', 'Noted, close')}
      </button>
    </div>
  );
}

function UserForm({ initial, onSaved, onCancel }: { initial: UserView | null; onSaved(u: UserView, created: UserWithPassword | null): void; onCancel?: () => void }) {
  const { tr, label } = useI18n();
  const [v, setV] = useState<UserInput>({
    email: initial?.email ?? '',
    displayName: initial?.displayName ?? '',
    role: initial?.role ?? 'enterprise',
    organizationId: initial?.organizationId ?? null,
    language: initial?.language ?? 'zh-CN',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const found: Errors = {};
    if (!v.email.trim()) found.email = tr('此项为必填项', 'is required');
    if (!v.displayName.trim()) found.displayName = tr('此项为必填项', 'is required');
    if (ROLE_ORGANIZATION_KINDS[v.role].length && !v.organizationId) found.organizationId = tr('此项为必填项', 'is required');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    const body: UserInput = { ...v, email: v.email.trim(), displayName: v.displayName.trim(), organizationId: ROLE_ORGANIZATION_KINDS[v.role].length ? v.organizationId : null };
    try {
      if (initial) onSaved(await api.updateUser(initial.id, changedOf(initial, body), initial.revision), null);
      else {
        const created = await api.createUser(body);
        onSaved(created.user, created);
        setV({ ...v, email: '', displayName: '' });
      }
    } catch (e) {
      setErrors(fieldErrorsOf(e));
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card sub"
      data-testid={initial ? 'user-edit' : 'user-create'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4>{initial ? `${tr('编辑账号', 'Edit account')}: ${initial.email}` : tr('新建账号', 'New account')}</h4>
      <ProblemBanner error={problem} />
      <div className="grid-2">
        <TextField label={tr('邮箱（登录名）', 'E-mail (sign-in name)')} field="email" type="email" required autoComplete="off" value={v.email} error={errors.email} onChange={(e) => setV({ ...v, email: e.target.value })} />
        <TextField label={tr('姓名', 'Name')} field="displayName" required maxLength={100} value={v.displayName} error={errors.displayName} onChange={(e) => setV({ ...v, displayName: e.target.value })} />
        <SelectField
          label={tr('角色', 'Role')}
          field="role"
          value={v.role}
          error={errors.role}
          onChange={(e) => setV({ ...v, role: e.target.value as Role, organizationId: null })}
          options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
        />
        <SelectField
          label={tr('通知语言', 'Language of notices')}
          field="language"
          value={v.language}
          error={errors.language}
          onChange={(e) => setV({ ...v, language: e.target.value as Language })}
          options={LANGUAGES.map((l) => ({ value: l, label: label(LANGUAGE_LABELS, l) }))}
        />
      </div>
      <OrganizationPicker key={v.role} role={v.role} value={v.organizationId} error={errors.organizationId} onChange={(organizationId) => setV({ ...v, organizationId })} />
      {initial && (initial.role !== v.role || initial.organizationId !== v.organizationId || initial.email !== v.email.trim().toLowerCase()) ? (
        <p className="warn small">{tr('更改邮箱、角色或机构后，该账号须重新登录。', 'After a change of e-mail, role or organisation the account must sign in again.')}</p>
      ) : null}
      <div className="actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {tr('取消', 'Cancel')}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid={initial ? 'save-user' : 'create-user'}>
          {initial ? tr('保存', 'Save') : tr('创建账号', 'Create the account')}
        </button>
      </div>
    </form>
  );
}

/** `onChanged`: an account was created, changed or (de)activated (the organisations' account counts move with it). */
export function Users({ selfId, onChanged }: { selfId: string; onChanged?(): void }) {
  const { tr, label } = useI18n();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [active, setActive] = useState<'' | 'true' | 'false'>('');
  const list = usePaged((cursor) => api.users({ q: q.trim() || undefined, role: role || undefined, active: active === '' ? undefined : active === 'true', cursor }), [q, role, active]);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [secret, setSecret] = useState<UserWithPassword | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const changed = () => {
    list.reload();
    onChanged?.();
  };
  const run = async (op: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await op();
      changed();
    } catch (e) {
      setProblem(e);
    }
  };
  const toggle = (u: UserView) => {
    if (u.active && !confirm(tr(`停用 ${u.email}？该账号将立即无法登录和使用系统。`, `Deactivate ${u.email}? The account can no longer sign in or use the system, from now on.`))) return;
    void run(() => api.updateUser(u.id, { active: !u.active }, u.revision));
  };
  const reset = (u: UserView) => {
    if (!confirm(tr(`为 ${u.email} 重置密码？当前密码和登录会话将失效。`, `Reset the password of ${u.email}? The current password and sessions stop working.`))) return;
    void run(async () => setSecret(await api.resetPassword(u.id)));
  };

  return (
    <section className="card" aria-labelledby="h-users" id="users">
      <h3 id="h-users">{tr('账号', 'Accounts')}</h3>
      {secret ? <OneTimePassword result={secret} onClose={() => setSecret(null)} /> : null}
      <div className="toolbar">
        <label className="inline">
          {tr('搜索', 'Search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tr('邮箱或姓名', 'E-mail or name')} data-testid="user-search" />
        </label>
        <label className="inline">
          {tr('角色', 'Role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{tr('全部', 'All')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(ROLE_LABELS, r)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {tr('状态', 'Status')}
          <select value={active} onChange={(e) => setActive(e.target.value as '' | 'true' | 'false')}>
            <option value="">{tr('全部', 'All')}</option>
            <option value="true">{tr('启用', 'Active')}</option>
            <option value="false">{tr('已停用', 'Deactivated')}</option>
          </select>
        </label>
      </div>
      <ProblemBanner error={problem ?? list.error} />
      {list.loading ? <Spinner /> : null}
      {list.items.length ? (
        <div className="table-wrap">
          <table className="table compact" data-testid="user-list">
            <thead>
              <tr>
                <th scope="col">{tr('姓名', 'Name')}</th>
                <th scope="col">{tr('邮箱', 'E-mail')}</th>
                <th scope="col">{tr('角色', 'Role')}</th>
                <th scope="col">{tr('机构', 'Organisation')}</th>
                <th scope="col">{tr('状态', 'Status')}</th>
                <th scope="col">
                  <span className="sr-only">{tr('操作', 'Actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((u) => (
                <tr key={u.id} className={u.active ? '' : 'row-inactive'} data-email={u.email}>
                  <td>{u.displayName}</td>
                  <td>{u.email}</td>
                  <td>{label(ROLE_LABELS, u.role)}</td>
                  <td>{u.organization?.name ?? '—'}</td>
                  <td data-testid="user-status">
                    {u.active ? tr('启用', 'Active') : tr('已停用', 'Deactivated')}
                    {u.passwordChangeRequired ? <div className="muted small">{tr('待设置新密码', 'New password pending')}</div> : null}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(u)} aria-label={`${tr('编辑', 'Edit')} ${u.email}`}>
                        {tr('编辑', 'Edit')}
                      </button>
                      {u.id === selfId ? null : (
                        <button type="button" className="btn btn-small" onClick={() => toggle(u)} aria-label={`${u.active ? tr('停用', 'Deactivate') : tr('启用', 'Reactivate')} ${u.email}`}>
                          {u.active ? tr('停用', 'Deactivate') : tr('启用', 'Reactivate')}
                        </button>
                      )}
                      <button type="button" className="btn btn-small" onClick={() => reset(u)} aria-label={`${tr('重置密码', 'Reset password')} ${u.email}`}>
                        {tr('重置密码', 'Reset password')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !list.loading ? (
        <Empty>{tr('没有符合条件的账号。', 'No account matches.')}</Empty>
      ) : null}
      <LoadMore list={list} />
      {editing ? (
        <UserForm
          key={editing.id}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      ) : null}
      <UserForm
        initial={null}
        onSaved={(_u, created) => {
          setSecret(created);
          changed();
        }}
      />
    </section>
  );
}
