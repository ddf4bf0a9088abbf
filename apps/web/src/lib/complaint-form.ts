// The complaint wizard's form state and its checks: the same identifier checks and limits as the API's
// ComplaintInputDto (libs/domain), run on every keystroke, reported under the API's field paths
// (`ipRights[0].number`), so the browser's errors and the server's 422 land on the same inputs.
import { FIELD_MESSAGES, formatMessage } from '@lyg/domain/errors';
import { checkNiceClasses, checkPatentNumber, checkRegionCode, checkTrademarkNumber, checkUscc, isIsoCountryCode, textLength } from '@lyg/domain/identifiers';
import {
  isPatentType,
  type Channel,
  type CompanySize,
  type ComplaintInput,
  type Conduct,
  type Industry,
  type IpRightType,
  type Language,
  type Remedy,
  AMOUNT_MAX_CNY,
} from '@lyg/domain/model';

export interface RightDraft {
  type: IpRightType;
  number: string;
  title: string;
  holder: string;
  validUntil: string;
  niceClasses: string;
}

/** Everything as the inputs hold it (text), converted to `ComplaintInput` only when sent. */
export interface ComplaintDraft {
  complainant: { name: string; uscc: string; country: string; size: CompanySize; regionCode: string; contactName: string; contactEmail: string; contactPhone: string };
  respondent: { name: string; uscc: string; country: string; regionCode: string; address: string; onlineStoreUrl: string; platform: string; contactEmail: string };
  ipRights: RightDraft[];
  infringement: {
    conducts: Conduct[];
    channel: Channel;
    industry: Industry;
    regionCode: string;
    firstKnownAt: string;
    description: string;
    estimatedTurnoverCny: string;
    estimatedGainsCny: string;
    estimatedLossCny: string;
    priorWarningSent: boolean;
    urls: string;
  };
  requestedRemedies: Remedy[];
}

export const emptyRight = (holder = ''): RightDraft => ({ type: 'invention_patent', number: '', title: '', holder, validUntil: '', niceClasses: '' });

export function emptyDraft(): ComplaintDraft {
  return {
    complainant: { name: '', uscc: '', country: 'CN', size: 'sme', regionCode: '', contactName: '', contactEmail: '', contactPhone: '' },
    respondent: { name: '', uscc: '', country: 'CN', regionCode: '', address: '', onlineStoreUrl: '', platform: '', contactEmail: '' },
    ipRights: [emptyRight()],
    infringement: {
      conducts: [],
      channel: 'offline',
      industry: 'other',
      regionCode: '',
      firstKnownAt: '',
      description: '',
      estimatedTurnoverCny: '',
      estimatedGainsCny: '',
      estimatedLossCny: '',
      priorWarningSent: false,
      urls: '',
    },
    requestedRemedies: [],
  };
}

const opt = (s: string): string | null => (s.trim() === '' ? null : s.trim());
/** An amount as typed, its thousands separators (80,000 / 80，000 / 80 000) left out. */
const amountDigits = (s: string): string => s.trim().replace(/[,，\s]/g, '');
const amount = (s: string): number | null => (amountDigits(s) === '' ? null : Number(amountDigits(s)));
const niceList = (s: string): number[] => s.split(/[\s,，、]+/).filter(Boolean).map(Number);

export function toComplaintInput(d: ComplaintDraft, language: Language): ComplaintInput {
  return {
    language,
    complainant: {
      name: d.complainant.name.trim(),
      uscc: opt(d.complainant.uscc),
      country: d.complainant.country.trim(),
      size: d.complainant.size,
      regionCode: opt(d.complainant.regionCode),
      contactName: d.complainant.contactName.trim(),
      contactEmail: d.complainant.contactEmail.trim(),
      contactPhone: opt(d.complainant.contactPhone),
    },
    respondent: {
      name: d.respondent.name.trim(),
      uscc: opt(d.respondent.uscc),
      country: d.respondent.country.trim(),
      regionCode: opt(d.respondent.regionCode),
      address: opt(d.respondent.address),
      onlineStoreUrl: opt(d.respondent.onlineStoreUrl),
      platform: opt(d.respondent.platform),
      contactEmail: opt(d.respondent.contactEmail),
    },
    ipRights: d.ipRights.map((r) => ({
      type: r.type,
      number: opt(r.number),
      title: r.title.trim(),
      holder: r.holder.trim(),
      validUntil: opt(r.validUntil),
      niceClasses: r.type === 'trademark' ? niceList(r.niceClasses) : null,
    })),
    infringement: {
      conducts: d.infringement.conducts,
      channel: d.infringement.channel,
      industry: d.infringement.industry,
      regionCode: opt(d.infringement.regionCode),
      firstKnownAt: d.infringement.firstKnownAt,
      description: d.infringement.description,
      estimatedTurnoverCny: amount(d.infringement.estimatedTurnoverCny),
      estimatedGainsCny: amount(d.infringement.estimatedGainsCny),
      estimatedLossCny: amount(d.infringement.estimatedLossCny),
      priorWarningSent: d.infringement.priorWarningSent,
      urls: d.infringement.urls.split(/\s+/).filter(Boolean),
    },
    requestedRemedies: d.requestedRemedies,
  };
}

/** The form state of a stored complaint (for corrections). */
export function fromComplaintInput(c: ComplaintInput): ComplaintDraft {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    complainant: { ...c.complainant, uscc: s(c.complainant.uscc), regionCode: s(c.complainant.regionCode), contactPhone: s(c.complainant.contactPhone) },
    respondent: {
      name: c.respondent.name,
      uscc: s(c.respondent.uscc),
      country: c.respondent.country,
      regionCode: s(c.respondent.regionCode),
      address: s(c.respondent.address),
      onlineStoreUrl: s(c.respondent.onlineStoreUrl),
      platform: s(c.respondent.platform),
      contactEmail: s(c.respondent.contactEmail),
    },
    ipRights: c.ipRights.map((r) => ({ type: r.type, number: s(r.number), title: r.title, holder: r.holder, validUntil: s(r.validUntil), niceClasses: (r.niceClasses ?? []).join(', ') })),
    infringement: {
      ...c.infringement,
      regionCode: s(c.infringement.regionCode),
      estimatedTurnoverCny: s(c.infringement.estimatedTurnoverCny),
      estimatedGainsCny: s(c.infringement.estimatedGainsCny),
      estimatedLossCny: s(c.infringement.estimatedLossCny),
      urls: c.infringement.urls.join('\n'),
    },
    requestedRemedies: c.requestedRemedies,
  };
}

export interface FieldIssue {
  code: string;
  params?: Record<string, string | number>;
}

export type Issues = Record<string, FieldIssue>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,30}$/;

function isCivilDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export const shanghaiToday = (now = Date.now()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Every problem of the form (errors) and the non-blocking ones (warnings), keyed by API field path. */
export function checkDraft(d: ComplaintDraft): { errors: Issues; warnings: Issues } {
  const errors: Issues = {};
  const warnings: Issues = {};
  const err = (field: string, code: string, params?: Record<string, string | number>) => {
    if (!errors[field]) errors[field] = params ? { code, params } : { code };
  };
  const text = (field: string, v: string, min: number, max: number) => {
    const n = textLength(v);
    if (n === 0 && min > 0) err(field, 'required');
    else if (n < min || n > max) err(field, 'length', { min, max });
  };
  const uscc = (field: string, v: string) => {
    const r = checkUscc(v);
    if (!r.ok) err(field, r.code === 'length' ? 'uscc_length' : 'uscc_character');
    else if (!r.checkCharacterValid) warnings[field] = { code: 'uscc_check_character' };
  };
  const region = (field: string, v: string) => {
    if (v.trim() && !checkRegionCode(v.trim())) err(field, 'region_code');
  };
  const country = (field: string, v: string) => {
    if (!isIsoCountryCode(v.trim())) err(field, 'country');
  };

  const c = d.complainant;
  text('complainant.name', c.name, 1, 200);
  if (!c.uscc.trim()) {
    if (c.country.trim() === 'CN' && c.size !== 'individual') err('complainant.uscc', 'uscc_required');
  } else uscc('complainant.uscc', c.uscc);
  country('complainant.country', c.country);
  region('complainant.regionCode', c.regionCode);
  text('complainant.contactName', c.contactName, 1, 100);
  if (!c.contactEmail.trim()) err('complainant.contactEmail', 'required');
  else if (!EMAIL.test(c.contactEmail.trim())) err('complainant.contactEmail', 'email');
  if (c.contactPhone.trim() && !PHONE.test(c.contactPhone.trim())) err('complainant.contactPhone', 'phone');

  const r = d.respondent;
  text('respondent.name', r.name, 1, 200);
  if (r.uscc.trim()) uscc('respondent.uscc', r.uscc);
  country('respondent.country', r.country);
  region('respondent.regionCode', r.regionCode);
  if (r.address.length > 500) err('respondent.address', 'max_length', { max: 500 });
  if (r.onlineStoreUrl.trim() && !isHttpUrl(r.onlineStoreUrl.trim())) err('respondent.onlineStoreUrl', 'url');
  if (r.contactEmail.trim() && !EMAIL.test(r.contactEmail.trim())) err('respondent.contactEmail', 'email');

  if (d.ipRights.length < 1 || d.ipRights.length > 20) err('ipRights', 'array_size', { min: 1, max: 20 });
  d.ipRights.forEach((right, i) => {
    const p = `ipRights[${i}]`;
    const n = right.number.trim();
    if (!n) {
      if (right.type !== 'trade_secret' && right.type !== 'copyright') err(`${p}.number`, 'number_required');
    } else if (isPatentType(right.type)) {
      const res = checkPatentNumber(n, right.type);
      if (!res.ok) err(`${p}.number`, `patent_${res.code}`);
    } else if (right.type === 'trademark') {
      if (!checkTrademarkNumber(n).ok) err(`${p}.number`, 'trademark_format');
    } else if (n.length > 64) err(`${p}.number`, 'max_length', { max: 64 });
    text(`${p}.title`, right.title, 1, 300);
    text(`${p}.holder`, right.holder, 1, 200);
    if (right.validUntil && !isCivilDate(right.validUntil)) err(`${p}.validUntil`, 'date');
    if (right.type === 'trademark') {
      const res = checkNiceClasses(niceList(right.niceClasses));
      if (!res.ok) err(`${p}.niceClasses`, `nice_${res.code}`);
    }
  });

  const inf = d.infringement;
  // A list of boxes to tick: "choose at least one" says what to do (the API, whose callers are programs, names the bounds).
  if (inf.conducts.length === 0) err('infringement.conducts', 'choose_at_least_one');
  region('infringement.regionCode', inf.regionCode);
  if (!inf.firstKnownAt) err('infringement.firstKnownAt', 'required');
  else if (!isCivilDate(inf.firstKnownAt)) err('infringement.firstKnownAt', 'date');
  else if (inf.firstKnownAt > shanghaiToday()) err('infringement.firstKnownAt', 'date_in_future');
  const desc = textLength(inf.description);
  if (desc === 0) err('infringement.description', 'required');
  else if (desc < 20 || desc > 5000) err('infringement.description', 'length', { min: 20, max: 5000 });
  for (const k of ['estimatedTurnoverCny', 'estimatedGainsCny', 'estimatedLossCny'] as const) {
    const v = amountDigits(inf[k]);
    if (v && !/^\d+$/.test(v)) err(`infringement.${k}`, /^-/.test(v) ? 'min' : 'type_integer', { min: 0 });
    else if (v && Number(v) > AMOUNT_MAX_CNY) err(`infringement.${k}`, 'max', { max: AMOUNT_MAX_CNY });
  }
  inf.urls
    .split(/\s+/)
    .filter(Boolean)
    .forEach((u, i) => {
      if (!isHttpUrl(u)) err('infringement.urls', 'url', { index: i + 1 });
    });
  if (d.requestedRemedies.length === 0) err('requestedRemedies', 'choose_at_least_one');
  return { errors, warnings };
}

export function issueMessage(issue: FieldIssue, lang: Language): string {
  const text = FIELD_MESSAGES[issue.code] ?? FIELD_MESSAGES.invalid;
  return formatMessage(lang === 'en' ? text.en : text.zh, issue.params);
}

/** The wizard step whose inputs hold a field path (the API's 422 sends the user back to it). */
export function stepOfField(field: string): number {
  if (field.startsWith('complainant')) return 0;
  if (field.startsWith('respondent')) return 1;
  if (field.startsWith('ipRights')) return 2;
  if (field.startsWith('infringement')) return 3;
  if (field.startsWith('requestedRemedies')) return 4;
  return 6;
}
