// Picking a colleague by name (GET /staff: active staff of the queues), never by typing an account id: the
// supervisor's reassignment and the mediator assignment. A role filter and a name search narrow the list.
import type { Role } from '@lyg/domain/model';
import type { CaseState } from '@lyg/domain/workflow/case-states';
import { queueRolesOf } from '@lyg/domain/workflow/queue-roles';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client';
import type { StaffMember } from '../api/types';
import { type I18n, useI18n } from '../i18n/i18n';
import { ROLE_LABELS } from '../i18n/labels';
import { useAsync } from '../lib/use-async';
import { ProblemBanner } from './ui';

export const QUEUE_ROLES: readonly Role[] = ['examiner', 'supervisor', 'mediator', 'officer'];

/** Who works a case in this state: the role whose queue holds it (the reassignment picker's default filter). */
export function assigneeRoleFor(state: string): Role | '' {
  return queueRolesOf(state as CaseState)[0] ?? '';
}

/** 孙执法员（执法人员 · …） / 孙执法员 (Officer · …): brackets of the interface's language. */
export function staffLabel(s: StaffMember, { tr, label }: Pick<I18n, 'tr' | 'label'>): string {
  const about = `${label(ROLE_LABELS, s.role)}${s.organization ? ` · ${s.organization.name}` : ''}`;
  return tr(`${s.displayName}（${about}）`, `${s.displayName} (${about})`);
}

/**
 * A search box, an optional role filter and the matching colleagues as a select. `onChange('')` when nothing is
 * chosen. `fixedRole` hides the role filter (e.g. mediators only).
 */
export function StaffPicker({
  label: fieldLabel,
  value,
  onChange,
  initialRole = '',
  fixedRole,
  caseId,
  field,
  error,
  roles = QUEUE_ROLES,
}: {
  label: string;
  value: string;
  onChange(id: string): void;
  initialRole?: Role | '';
  fixedRole?: Role;
  /** The case to be given: only those who may take it are offered (not another bureau's officers or head). */
  caseId?: string;
  field?: string;
  error?: string | null;
  /** The roles that may be picked (a reassignment: those whose queue takes the case's stage); others are not offered. */
  roles?: readonly Role[];
}) {
  const i18n = useI18n();
  const { tr, label } = i18n;
  const id = useId();
  const [role, setRole] = useState<Role | ''>(fixedRole ?? initialRole);
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  // The search is sent once typing pauses.
  useEffect(() => {
    const t = setTimeout(() => setTerm(q.trim()), 250);
    return () => clearTimeout(t);
  }, [q]);
  const list = useAsync(() => api.staff({ role: role || undefined, q: term || undefined, caseId }), [role, term, caseId]);
  const items = (list.data?.items ?? []).filter((s) => roles.includes(s.role as Role));
  useEffect(() => {
    if (value && list.data && !items.some((s) => s.id === value)) onChange('');
  }, [list.data]);

  return (
    <div className={`field picker${error ? ' field-invalid' : ''}`} data-field={field} data-testid="staff-picker">
      <div className="picker">
        {fixedRole ? null : (
          <label className="inline">
            {tr('角色', 'Role')}
            <select value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
              {roles.length > 1 ? <option value="">{tr('全部', 'All')}</option> : null}
              {roles.map((r) => (
                <option key={r} value={r}>
                  {label(ROLE_LABELS, r)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline">
          {tr('搜索姓名', 'Search by name')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={tr('姓名或邮箱', 'Name or e-mail')} />
        </label>
        <label className="inline" htmlFor={id}>
          {fieldLabel}
        </label>
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} data-testid="staff-select">
          <option value="">{list.loading ? tr('加载中…', 'Loading…') : items.length ? tr('— 请选择 —', '— choose —') : tr('没有符合条件的人员', 'Nobody matches')}</option>
          {items.map((s) => (
            <option key={s.id} value={s.id}>
              {staffLabel(s, i18n)}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <div className="error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
      <ProblemBanner error={list.error} />
    </div>
  );
}

/** A colleague's name for an account id (a case's assignee), or a short id while unknown. */
export function useStaffName(accountId: string | null): string | null {
  const i18n = useI18n();
  const found = useAsync(() => (accountId ? api.staff({ id: accountId }) : Promise.resolve(null)), [accountId]);
  if (!accountId) return null;
  const s = found.data?.items[0];
  return s ? staffLabel(s, i18n) : accountId.slice(0, 8);
}
