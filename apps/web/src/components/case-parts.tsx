// The pieces of a case every screen shows: state, flags, parties and rights, triage reasons, history.
import { type LocalizedText, NAMED_DETAIL_KEYS, type TriageResult } from '@lyg/domain/model';
import { legalBasisEn } from '@lyg/domain/triage/legal-basis-text';
import { formatAmount } from '@lyg/domain/triage/reason-text';
import type { CaseView, HistoryItem } from '../api/types';
import { useI18n, type I18n } from '../i18n/i18n';
import {
  ACTION_LABELS,
  AGENCY_LABELS,
  CHANNEL_LABELS,
  CONDUCT_LABELS,
  FLAG_LABELS,
  INDUSTRY_LABELS,
  OUTCOME_LABELS,
  PRINCIPLE_LABELS,
  REMEDY_LABELS,
  RIGHT_TYPE_LABELS,
  ROLE_LABELS,
  ROUTE_LABELS,
  SIZE_LABELS,
  STAGE_LABELS,
  STATE_LABELS,
} from '../i18n/labels';

export function StateBadge({ state, outcome }: { state: string; outcome?: string | null }) {
  const { label } = useI18n();
  const group = state.split('.')[0];
  return (
    <span className={`badge state-${group}`} data-testid="case-state" data-state={state}>
      {label(STATE_LABELS, state)}
      {outcome ? ` · ${label(OUTCOME_LABELS, outcome)}` : ''}
    </span>
  );
}

const SEVERE = new Set(['criminal_threshold_reached', 'repeat_infringer', 'public_health', 'limitation_risk']);

export function FlagChips({ flags }: { flags: string[] }) {
  const { label } = useI18n();
  if (!flags.length) return null;
  return (
    <ul className="chips" aria-label="flags">
      {flags.map((f) => (
        <li key={f} className={`chip${SEVERE.has(f) ? ' chip-severe' : ''}`}>
          {label(FLAG_LABELS, f)}
        </li>
      ))}
    </ul>
  );
}

/** An amount in yuan with thousands separators (1,234,567), as the triage reasons and the transfer package write it. */
const cny = (n: number | null | undefined) => (n === null || n === undefined ? null : formatAmount(n));

function Row({ k, v }: { k: string; v: string | number | null | undefined }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
    </>
  );
}

export function ComplaintDetails({ c }: { c: CaseView['complaint'] }) {
  const { tr, label } = useI18n();
  const list = (table: Parameters<typeof label>[0], codes: string[]) => codes.map((x) => label(table, x)).join(tr('、', ', '));
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="h-complainant">
        <h3 id="h-complainant">{tr('投诉人', 'Complainant')}</h3>
        <dl className="dl">
          <Row k={tr('名称', 'Name')} v={c.complainant.name} />
          <Row k={tr('统一社会信用代码', 'USCC')} v={c.complainant.uscc} />
          <Row k={tr('国家/地区', 'Country')} v={c.complainant.country} />
          <Row k={tr('行政区划代码', 'Region code')} v={c.complainant.regionCode} />
          <Row k={tr('规模', 'Size')} v={label(SIZE_LABELS, c.complainant.size)} />
          {/* The language the complainant filed in, which its notices speak: the examiner writes a correction in it. */}
          <Row k={tr('投诉语言（通知所用语言）', 'Language (of its notices)')} v={c.language === 'en' ? tr('英文', 'English') : tr('中文', 'Chinese')} />
          <Row k={tr('联系人', 'Contact')} v={`${c.complainant.contactName} · ${c.complainant.contactEmail}`} />
          <Row k={tr('联系电话', 'Phone')} v={c.complainant.contactPhone} />
        </dl>
      </section>
      <section className="card" aria-labelledby="h-respondent">
        <h3 id="h-respondent">{tr('被投诉方', 'Respondent')}</h3>
        <dl className="dl">
          <Row k={tr('名称', 'Name')} v={c.respondent.name} />
          <Row k={tr('统一社会信用代码', 'USCC')} v={c.respondent.uscc} />
          <Row k={tr('国家/地区', 'Country')} v={c.respondent.country} />
          <Row k={tr('行政区划代码', 'Region code')} v={c.respondent.regionCode} />
          <Row k={tr('地址', 'Address')} v={c.respondent.address} />
          <Row k={tr('网店', 'Online store')} v={c.respondent.onlineStoreUrl} />
          <Row k={tr('电商平台', 'Platform')} v={c.respondent.platform} />
          {/* Where the respondent's answer link is sent: no address, no link (the filer checks it here). */}
          <Row k={tr('联系邮箱（答辩通知发送至此）', 'E-mail (the answer link is sent here)')} v={c.respondent.contactEmail} />
        </dl>
      </section>
      <section className="card" aria-labelledby="h-rights">
        <h3 id="h-rights">{tr('权利', 'Rights')}</h3>
        <ul className="plain">
          {c.ipRights.map((r, i) => (
            <li key={i}>
              <strong>{label(RIGHT_TYPE_LABELS, r.type)}</strong> {r.number ?? ''} — {r.title}
              <div className="muted">
                {tr('权利人', 'Holder')}: {r.holder}
                {r.validUntil ? ` · ${tr('有效期至', 'valid until')} ${r.validUntil}` : ''}
                {r.niceClasses?.length ? ` · ${tr('尼斯分类', 'Nice classes')} ${r.niceClasses.join(', ')}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="h-infringement">
        <h3 id="h-infringement">{tr('侵权情况', 'Infringement')}</h3>
        <dl className="dl">
          <Row k={tr('行为', 'Conduct')} v={list(CONDUCT_LABELS, c.infringement.conducts)} />
          <Row k={tr('渠道', 'Channel')} v={label(CHANNEL_LABELS, c.infringement.channel)} />
          <Row k={tr('产业', 'Industry')} v={label(INDUSTRY_LABELS, c.infringement.industry)} />
          <Row k={tr('侵权发生地区划代码', 'Region code of the infringement')} v={c.infringement.regionCode} />
          <Row k={tr('知悉日期', 'First known')} v={c.infringement.firstKnownAt} />
          <Row k={tr('非法经营额（元）', 'Turnover (CNY)')} v={cny(c.infringement.estimatedTurnoverCny)} />
          <Row k={tr('违法所得（元）', 'Illegal gains (CNY)')} v={cny(c.infringement.estimatedGainsCny)} />
          <Row k={tr('权利人损失（元）', 'Loss (CNY)')} v={cny(c.infringement.estimatedLossCny)} />
          <Row k={tr('已发警告函', 'Warning letter sent')} v={c.infringement.priorWarningSent ? tr('是', 'yes') : tr('否', 'no')} />
          <Row k={tr('网址', 'URLs')} v={(c.infringement.urls ?? []).join(' ')} />
          <Row k={tr('请求', 'Remedies')} v={list(REMEDY_LABELS, c.requestedRemedies)} />
        </dl>
        <p className="pre">{c.infringement.description}</p>
      </section>
    </div>
  );
}

/**
 * A reason's legal basis: the citation as the rule set states it (Chinese, the authoritative text); in English its
 * rendering first, the Chinese after it. A citation with no rendering (a rule set from a file may cite anything) is
 * shown in Chinese and said to be so.
 */
function LegalBasis({ text }: { text: string }) {
  const { tr, lang } = useI18n();
  const en = lang === 'en' ? legalBasisEn(text) : null;
  return (
    <div className="legal-basis" data-testid="legal-basis">
      {tr('依据', 'Basis')}: {en ?? <span lang="zh-CN">{text}</span>}
      {lang !== 'en' ? null : en ? (
        <span className="muted small" lang="zh-CN">
          {' '}
          ({text})
        </span>
      ) : (
        <span className="muted small"> (in Chinese only)</span>
      )}
    </div>
  );
}

export function TriagePanel({ triage, title }: { triage: TriageResult; title?: string }) {
  const { tr, label, l } = useI18n();
  return (
    <section className="card" aria-labelledby="h-triage" data-testid="triage">
      <h3 id="h-triage">{title ?? tr('分流建议', 'Triage recommendation')}</h3>
      <p className="triage-route">
        <span className="badge badge-route" data-testid="recommended-route" data-route={triage.recommendedRoute}>
          {label(ROUTE_LABELS, triage.recommendedRoute)}
        </span>
        {triage.competentAgency ? <span> · {label(AGENCY_LABELS, triage.competentAgency)}</span> : null}
        {triage.targetDays ? <span> · {tr(`目标 ${triage.targetDays} 日办结`, `target ${triage.targetDays} days`)}</span> : null}
        <span className="muted">
          {' '}
          · {tr('优先级', 'priority')} {triage.priority} · {tr('规则版本', 'rule set')} {triage.ruleSetVersion}
        </span>
      </p>
      <FlagChips flags={triage.flags} />
      <ol className="reasons">
        {triage.reasons.map((r, i) => (
          <li key={i}>
            <span className="rule-id">{r.ruleId}</span> {l(r.message)}
            <LegalBasis text={r.legalBasis} />
          </li>
        ))}
      </ol>
    </section>
  );
}

// What a history entry's details say to a person: storage left out, accounts and organisations by the names the API gives.
const DETAIL_KEYS: Record<string, [string, string]> = {
  reason: ['理由', 'reason'],
  overrideReason: ['改变路径理由', 'override reason'],
  items: ['补正事项', 'items'],
  message: ['说明', 'message'],
  summary: ['要点', 'summary'],
  route: ['程序', 'route'],
  nextRoute: ['后续程序', 'next route'],
  recommendedRoute: ['建议程序', 'recommended route'],
  outcome: ['结果', 'outcome'],
  fileName: ['文件', 'file'],
  sha256: ['SHA-256', 'SHA-256'],
  flags: ['标记', 'flags'],
  priority: ['优先级', 'priority'],
  causeCaseNumber: ['重新分流原因：被投诉方案件结案', 'triaged again: respondent’s case closed'],
  sections: ['修改部分', 'sections'],
  stage: ['阶段', 'stage'],
  // Named by the API (`names`, staff only): who was given the case, where it went, with whom evidence was shared.
  assigneeId: ['承办人', 'assignee'],
  releasedAssigneeId: ['原承办人', 'previous assignee'],
  mediatorId: ['调解员', 'mediator'],
  transferredTo: ['接收机关', 'receiving organisation'],
  organizationIds: ['提供给', 'shared with'],
};

const NAMED = new Set<string>(NAMED_DETAIL_KEYS);

// The complaint's sections an edit changed (`edit_complaint`), named as the wizard names its steps.
const SECTION_LABELS: Record<string, LocalizedText> = {
  language: { zh: '语言', en: 'language' },
  complainant: { zh: '投诉人', en: 'complainant' },
  respondent: { zh: '被投诉方', en: 'respondent' },
  ipRights: { zh: '权利', en: 'rights' },
  infringement: { zh: '侵权情况', en: 'infringement' },
  requestedRemedies: { zh: '请求事项', en: 'remedies' },
};

const CODE_LABELS: Record<string, Record<string, LocalizedText>> = {
  route: ROUTE_LABELS,
  nextRoute: ROUTE_LABELS,
  recommendedRoute: ROUTE_LABELS,
  outcome: OUTCOME_LABELS,
  flags: FLAG_LABELS,
  stage: STAGE_LABELS,
  sections: SECTION_LABELS,
};

function detailText(d: Record<string, unknown>, names: Record<string, string>, { tr, label }: Pick<I18n, 'tr' | 'label'>): string {
  const parts: string[] = [];
  for (const [k, [zh, en]] of Object.entries(DETAIL_KEYS)) {
    const v = d[k];
    // An id is shown only by its name (ids mean nothing to a reader); one the API did not name is left out.
    if (NAMED.has(k)) {
      const named = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x in names).map((x) => names[x]);
      if (named.length) parts.push(`${tr(zh, en)}: ${named.join(tr('、', ', '))}`);
      continue;
    }
    const name = (x: string) => (CODE_LABELS[k] ? label(CODE_LABELS[k], x) : x);
    if (typeof v === 'string' || typeof v === 'number') parts.push(`${tr(zh, en)}: ${name(String(v))}`);
    else if (Array.isArray(v) && v.length && v.every((x) => typeof x === 'string')) parts.push(`${tr(zh, en)}: ${v.map(name).join(tr('、', '; '))}`);
  }
  return parts.join(' · ');
}

export function Timeline({ items }: { items: HistoryItem[] }) {
  const i18n = useI18n();
  const { tr, label, dateTime } = i18n;
  if (!items.length) return <p className="muted">{tr('暂无记录', 'No history yet')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {items.map((h) => (
        <li key={h.seq}>
          <div className="tl-head">
            <strong>{label(ACTION_LABELS, h.action)}</strong>
            <span className="muted"> · {label(ROLE_LABELS, h.actorRole)} · {dateTime(h.at)}</span>
          </div>
          {h.fromState !== h.toState && h.toState ? (
            <div className="muted">
              {label(STATE_LABELS, h.fromState)} → {label(STATE_LABELS, h.toState)}
            </div>
          ) : null}
          {detailText(h.details, h.names ?? {}, i18n) ? <div className="tl-detail">{detailText(h.details, h.names ?? {}, i18n)}</div> : null}
          {h.principles.length ? <div className="tl-principles">{h.principles.map((p) => label(PRINCIPLE_LABELS, p)).join(' · ')}</div> : null}
        </li>
      ))}
    </ol>
  );
}
