// The complaint's inputs, section by section (one wizard step each; the correction screen shows them all). Each
// input carries its API field path, so client-side and server-side errors appear under the same input.
import { CHANNELS, COMPANY_SIZES, CONDUCTS, INDUSTRIES, IP_RIGHT_TYPES, REMEDIES, type IpRightType } from '@lyg/domain/model';
import { textLength } from '@lyg/domain/identifiers';
import { type ReactNode, useEffect } from 'react';
import { CheckboxGroup, SelectField, TextArea, TextField } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { CHANNEL_LABELS, CONDUCT_LABELS, INDUSTRY_LABELS, REMEDY_LABELS, RIGHT_TYPE_LABELS, SIZE_LABELS } from '../../i18n/labels';
import { emptyRight, type ComplaintDraft } from '../../lib/complaint-form';

export interface SectionProps {
  draft: ComplaintDraft;
  set(path: string, value: unknown): void;
  /** Localized message for a field path (client check, or the API's 422), if any. */
  error(path: string): string | null;
  warning(path: string): string | null;
}

/** Immutable set by API path: `setAt(d, 'ipRights[0].number', 'ZL…')`. */
export function setAt<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return copy as T;
}

function getAt(obj: unknown, path: string): unknown {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], obj);
}

function useBind({ draft, set, error, warning }: SectionProps) {
  return (
    path: string,
    label: string,
    extra: { required?: boolean; hint?: string; type?: string; inputMode?: 'numeric' | 'email' | 'tel' | 'url'; placeholder?: string; upperCase?: boolean } = {},
  ) => ({
    field: path,
    label,
    value: String(getAt(draft, path) ?? ''),
    // Codes written in capitals (country codes) are taken as capitals whatever was typed: "cn" is CN.
    onChange: (e: { target: { value: string } }) => set(path, extra.upperCase ? e.target.value.toUpperCase() : e.target.value),
    error: error(path),
    hint: warning(path) ?? extra.hint,
    required: extra.required,
    type: extra.type,
    inputMode: extra.inputMode,
    placeholder: extra.placeholder,
  });
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function ComplainantSection(p: SectionProps) {
  const { tr, label } = useI18n();
  const bind = useBind(p);
  // The USCC is required of a company in China (the API's rule `uscc_required`): marked so before it is refused.
  const c = p.draft.complainant;
  const usccRequired = c.country.trim().toUpperCase() === 'CN' && c.size !== 'individual';
  return (
    <Section title={tr('投诉人', 'Complainant')}>
      <div className="grid-2">
        <TextField {...bind('complainant.name', tr('名称', 'Name'), { required: true })} />
        <TextField {...bind('complainant.uscc', tr('统一社会信用代码', 'Unified social credit code (USCC)'), { required: usccRequired, hint: tr('18 位，中国境内企业必填', '18 characters; required for companies in China') })} />
        <TextField {...bind('complainant.country', tr('国家/地区代码', 'Country code'), { required: true, upperCase: true, hint: tr('ISO 3166-1 两位字母代码，如 CN、US、DE', 'ISO 3166-1, e.g. CN, US, DE') })} maxLength={2} />
        <SelectField
          {...bind('complainant.size', tr('企业规模', 'Size'))}
          options={COMPANY_SIZES.map((s) => ({ value: s, label: label(SIZE_LABELS, s) }))}
        />
        <TextField {...bind('complainant.regionCode', tr('行政区划代码', 'Region code'), { hint: tr('6 位，如 320706（海州区）', '6 digits, e.g. 320706 (Haizhou)'), inputMode: 'numeric' })} maxLength={6} />
        <TextField {...bind('complainant.contactName', tr('联系人', 'Contact person'), { required: true })} />
        <TextField {...bind('complainant.contactEmail', tr('联系邮箱', 'Contact e-mail'), { required: true, type: 'email', inputMode: 'email' })} />
        <TextField {...bind('complainant.contactPhone', tr('联系电话', 'Contact phone'), { type: 'tel', inputMode: 'tel' })} />
      </div>
    </Section>
  );
}

export function RespondentSection(p: SectionProps) {
  const { tr } = useI18n();
  const bind = useBind(p);
  return (
    <Section title={tr('被投诉方', 'Respondent')}>
      <div className="grid-2">
        <TextField {...bind('respondent.name', tr('名称', 'Name'), { required: true })} />
        <TextField {...bind('respondent.uscc', tr('统一社会信用代码（可选）', 'USCC (optional)'))} />
        <TextField {...bind('respondent.country', tr('国家/地区代码', 'Country code'), { required: true, upperCase: true })} maxLength={2} />
        <TextField {...bind('respondent.regionCode', tr('行政区划代码', 'Region code'), { inputMode: 'numeric' })} maxLength={6} />
        <TextField {...bind('respondent.address', tr('地址', 'Address'))} />
        <TextField {...bind('respondent.onlineStoreUrl', tr('网店地址', 'Online store URL'), { type: 'url', inputMode: 'url' })} />
        <TextField {...bind('respondent.platform', tr('电商平台', 'Platform'))} />
        <TextField {...bind('respondent.contactEmail', tr('联系邮箱', 'Contact e-mail'), { type: 'email' })} />
      </div>
    </Section>
  );
}

export function RightsSection(p: SectionProps) {
  const { tr, label } = useI18n();
  const bind = useBind(p);
  const rights = p.draft.ipRights;
  // The holder is most often the complainant: the first right starts with its name, as a right added later does.
  useEffect(() => {
    if (rights.length && !rights[0].holder.trim() && p.draft.complainant.name.trim()) p.set('ipRights[0].holder', p.draft.complainant.name.trim());
    // On showing the step only: a holder the user clears stays cleared.
  }, []);
  return (
    <Section title={tr('权利', 'Rights')}>
      {rights.map((r, i) => (
        <div className="right-item card" key={i} data-testid={`right-${i}`}>
          <div className="grid-3">
            <SelectField
              {...bind(`ipRights[${i}].type`, tr('权利类型', 'Type of right'))}
              onChange={(e) => p.set(`ipRights[${i}].type`, e.target.value as IpRightType)}
              options={IP_RIGHT_TYPES.map((t) => ({ value: t, label: label(RIGHT_TYPE_LABELS, t) }))}
            />
            <TextField
              {...bind(`ipRights[${i}].number`, tr('权利号（专利号/注册号）', 'Number (patent / registration)'), {
                required: r.type !== 'trade_secret' && r.type !== 'copyright',
                hint: r.type.endsWith('patent') || r.type === 'utility_model' ? tr('如 ZL202310586421.6', 'e.g. ZL202310586421.6') : undefined,
              })}
            />
            <TextField {...bind(`ipRights[${i}].title`, tr('名称', 'Title'), { required: true })} />
            <TextField {...bind(`ipRights[${i}].holder`, tr('权利人', 'Holder'), { required: true })} />
            <TextField {...bind(`ipRights[${i}].validUntil`, tr('有效期至', 'Valid until'), { type: 'date' })} />
            {r.type === 'trademark' ? (
              <TextField {...bind(`ipRights[${i}].niceClasses`, tr('尼斯分类（逗号分隔）', 'Nice classes (comma-separated)'), { required: true, placeholder: '5, 35' })} />
            ) : null}
          </div>
          {rights.length > 1 ? (
            <button type="button" className="btn btn-small" onClick={() => p.set('ipRights', rights.filter((_, j) => j !== i))}>
              {tr('删除此权利', 'Remove this right')}
            </button>
          ) : null}
        </div>
      ))}
      {rights.length < 20 ? (
        <button type="button" className="btn" onClick={() => p.set('ipRights', [...rights, emptyRight(p.draft.complainant.name)])}>
          + {tr('添加权利', 'Add a right')}
        </button>
      ) : null}
    </Section>
  );
}

export function InfringementSection(p: SectionProps) {
  const { tr, label } = useI18n();
  const bind = useBind(p);
  const inf = p.draft.infringement;
  return (
    <Section title={tr('侵权情况', 'Infringement')}>
      <CheckboxGroup
        legend={tr('侵权行为（至少一项）', 'Conduct (at least one)')}
        field="infringement.conducts"
        options={CONDUCTS.map((c) => ({ value: c, label: label(CONDUCT_LABELS, c) }))}
        value={inf.conducts}
        onChange={(v) => p.set('infringement.conducts', v)}
        error={p.error('infringement.conducts')}
      />
      <div className="grid-3">
        <SelectField {...bind('infringement.channel', tr('渠道', 'Channel'))} options={CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS, c) }))} />
        <SelectField {...bind('infringement.industry', tr('产业', 'Industry'))} options={INDUSTRIES.map((c) => ({ value: c, label: label(INDUSTRY_LABELS, c) }))} />
        <TextField {...bind('infringement.regionCode', tr('侵权发生地区划代码', 'Region code of the infringement'), { inputMode: 'numeric' })} maxLength={6} />
        <TextField {...bind('infringement.firstKnownAt', tr('知悉日期', 'First known on'), { required: true, type: 'date' })} />
        <TextField {...bind('infringement.estimatedTurnoverCny', tr('非法经营额（元）', 'Illegal turnover (CNY)'), { inputMode: 'numeric' })} />
        <TextField {...bind('infringement.estimatedGainsCny', tr('违法所得（元）', 'Illegal gains (CNY)'), { inputMode: 'numeric' })} />
        <TextField {...bind('infringement.estimatedLossCny', tr('权利人损失（元）', 'Loss (CNY)'), { inputMode: 'numeric' })} />
      </div>
      <TextArea
        {...bind('infringement.description', tr('侵权事实描述（20–5000 字）', 'Description of the infringement (20–5000 characters)'), { required: true })}
        rows={5}
        hint={`${textLength(inf.description)} / 5000`}
      />
      <TextArea {...bind('infringement.urls', tr('相关网址（每行一个）', 'Related URLs (one per line)'))} rows={2} />
      <label className="check">
        <input type="checkbox" checked={inf.priorWarningSent} onChange={(e) => p.set('infringement.priorWarningSent', e.target.checked)} />
        {tr('已向被投诉方发出警告函', 'A warning letter was sent to the respondent')}
      </label>
    </Section>
  );
}

export function RemediesSection(p: SectionProps) {
  const { tr, label } = useI18n();
  return (
    <Section title={tr('请求事项', 'Remedies requested')}>
      <CheckboxGroup
        legend={tr('请求（至少一项）', 'Remedies (at least one)')}
        field="requestedRemedies"
        options={REMEDIES.map((r) => ({ value: r, label: label(REMEDY_LABELS, r) }))}
        value={p.draft.requestedRemedies}
        onChange={(v) => p.set('requestedRemedies', v)}
        error={p.error('requestedRemedies')}
      />
    </Section>
  );
}

export const SECTIONS = [ComplainantSection, RespondentSection, RightsSection, InfringementSection, RemediesSection];
