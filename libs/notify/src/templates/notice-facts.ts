import type { LocalizedText } from '@lyg/domain';
import { AGENCY_LABELS, labelOf, OUTCOME_LABELS, ROUTE_LABELS, STAGE_LABELS } from './labels';

/** What the workflow put into an outbox row's `data`: JSON, so anything may be missing or of another type. */
export type NoticeValues = Readonly<Record<string, unknown>>;

type Lang = keyof LocalizedText;

/** One labelled line of a notice: a single value, or a list (correction items, reasons). */
export interface NoticeFact {
  label: string;
  value: string | readonly string[];
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
};

const list = (v: unknown): string[] | undefined => {
  const items = (Array.isArray(v) ? v : [v]).map(text).filter((s): s is string => s !== undefined);
  return items.length ? items : undefined;
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const BEIJING_TIME: LocalizedText = { zh: '（北京时间）', en: ' (Beijing time)' };

/**
 * A deadline as a reader in China expects it: Asia/Shanghai wall time, and a period that ends at 00:00 of the next day
 * written as 24:00 of its last day (Civil Code Art. 203), which is how `dueAt` of a day-counted period is stored.
 */
export function formatDue(dueAt: unknown, dueDate: unknown, lang: Lang): string | undefined {
  const at = text(dueAt);
  const ms = at === undefined ? NaN : Date.parse(at);
  if (!Number.isNaN(ms)) {
    const wall = new Date(ms + SHANGHAI_OFFSET_MS).toISOString();
    const [date, time] = [wall.slice(0, 10), wall.slice(11, 16)];
    if (time === '00:00') return `${new Date(ms + SHANGHAI_OFFSET_MS - 86_400_000).toISOString().slice(0, 10)} 24:00${BEIJING_TIME[lang]}`;
    return `${date} ${time}${BEIJING_TIME[lang]}`;
  }
  const date = text(dueDate);
  if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date)) return `${date} 24:00${BEIJING_TIME[lang]}`;
  return date ?? at;
}

/** A period's unit by its clock (`clock` of the notice; calendar days when it has none). */
const PERIOD_UNITS: Readonly<Record<string, LocalizedText>> = {
  working_days: { zh: ' 个工作日', en: ' working days' },
  calendar_days: { zh: ' 日', en: ' days' },
  hours: { zh: ' 小时', en: ' hours' },
};

interface FactDefinition {
  label: LocalizedText;
  value(d: NoticeValues, lang: Lang): string | readonly string[] | undefined;
}

const labelled =
  (key: string, labels: Readonly<Record<string, LocalizedText>>) =>
  (d: NoticeValues, lang: Lang): string | undefined => {
    const v = text(d[key]);
    return v === undefined ? undefined : labelOf(labels, v, lang);
  };

const DUE: FactDefinition = { label: { zh: '截止时间', en: 'Deadline' }, value: (d, lang) => formatDue(d.dueAt, d.dueDate, lang) };

/** The facts a notice may carry, in the order they are printed. A fact whose value is missing is left out. */
const FACTS: readonly FactDefinition[] = [
  { label: { zh: '案件编号', en: 'Case number' }, value: (d) => text(d.caseNumber) },
  { label: { zh: '投诉人', en: 'Complainant' }, value: (d) => text(d.complainantName) },
  { label: { zh: '被投诉人', en: 'Respondent' }, value: (d) => text(d.respondentName) },
  { label: { zh: '当前阶段', en: 'Current stage' }, value: labelled('state', STAGE_LABELS) },
  { label: { zh: '处理途径', en: 'Route' }, value: labelled('route', ROUTE_LABELS) },
  { label: { zh: '后续处理途径', en: 'Next route' }, value: labelled('nextRoute', ROUTE_LABELS) },
  { label: { zh: '建议处理途径', en: 'Recommended route' }, value: labelled('recommendedRoute', ROUTE_LABELS) },
  { label: { zh: '接收机关', en: 'Receiving agency' }, value: labelled('agency', AGENCY_LABELS) },
  { label: { zh: '所涉阶段', en: 'Stage' }, value: labelled('stage', STAGE_LABELS) },
  { label: { zh: '处理结果', en: 'Outcome' }, value: labelled('outcome', OUTCOME_LABELS) },
  {
    label: { zh: '延长期限', en: 'Extended by' },
    value: (d, lang) => {
      const p = text(d.period);
      return p === undefined ? undefined : `${p}${(PERIOD_UNITS[text(d.clock) ?? ''] ?? PERIOD_UNITS.calendar_days!)[lang]}`;
    },
  },
  DUE,
  { label: { zh: '理由', en: 'Reason' }, value: (d) => text(d.reason) },
  { label: { zh: '具体理由', en: 'Grounds' }, value: (d) => list(d.reasons) },
  { label: { zh: '法律依据', en: 'Legal basis' }, value: (d) => list(d.legalBasis) },
  { label: { zh: '需补正事项', en: 'Items to correct' }, value: (d) => list(d.items) },
  { label: { zh: '说明', en: 'Message' }, value: (d) => text(d.message) },
  { label: { zh: '决定（协议）要点', en: 'Summary' }, value: (d) => text(d.summary) },
];

/** The facts present in `data`, labelled in `lang`; `dueLabel` renames the deadline for this notice's reader. */
export function noticeFacts(data: NoticeValues, lang: Lang, dueLabel?: string): NoticeFact[] {
  const facts: NoticeFact[] = [];
  for (const f of FACTS) {
    const value = f.value(data, lang);
    if (value === undefined) continue;
    const label = f === DUE && dueLabel ? dueLabel : f.label[lang];
    facts.push({ label, value });
  }
  return facts;
}

/** The link into the UI, when it is an absolute http(s) URL; anything else (a `javascript:` URL…) is not printed. */
export function noticeLink(data: NoticeValues): string | undefined {
  const raw = text(data.link);
  if (raw === undefined) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
