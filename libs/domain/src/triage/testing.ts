// Test data builders for the triage specs (not exported from the library): the contract's example complaint —
// 康恒医药, a registered new-medicine company, against a local pharmacy — with overrides per scenario.
import type {
  Complainant,
  ComplaintInput,
  Infringement,
  IpRight,
  IpRightType,
  Language,
  Remedy,
  Respondent,
} from '../model';
import type { TriageResult } from '../model';
import { triage } from './triage';
import type { PriorCase, TriageInput } from './triage-input';
import type { TriageRuleSet } from './triage-rule-set';

export const KANGHENG_USCC = '91320706MA1XK7H21A';
export const KANGHENG_NAME = '连云港康恒医药有限公司';
export const AGENT_USCC = '91320706MA1YT3C88M';
export const PHARMACY_USCC = '92320706MA2B8R4N1N';
export const PHARMACY_NAME = '海州区某药房';
/** A Wednesday; the example's firstKnownAt (2026-10-08) is 48 days earlier. */
export const SUBMITTED_AT = '2026-11-25T10:00:00+08:00';
const SUBMISSION_DAY_UTC_MS = Date.UTC(2026, 10, 25);

/** The YYYY-MM-DD date `days` calendar days before the default submission date. */
export function daysBeforeSubmission(days: number): string {
  return new Date(SUBMISSION_DAY_UTC_MS - days * 86_400_000).toISOString().slice(0, 10);
}

const RIGHT_DEFAULTS: Record<IpRightType, Pick<IpRight, 'number' | 'title' | 'validUntil' | 'niceClasses'>> = {
  invention_patent: { number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', validUntil: '2043-05-10', niceClasses: null },
  utility_model: { number: 'ZL202120734518.3', title: '一种药瓶封口装置', validUntil: '2031-04-01', niceClasses: null },
  design_patent: { number: 'ZL202230198765.6', title: '药品包装盒', validUntil: '2037-03-01', niceClasses: null },
  trademark: { number: '12345678', title: '康恒', validUntil: '2033-06-20', niceClasses: [5] },
  copyright: { number: null, title: '康恒产品说明书', validUntil: null, niceClasses: null },
  trade_secret: { number: null, title: '缓释工艺参数', validUntil: null, niceClasses: null },
  geographical_indication: { number: 'GI-2019-001', title: '连云港紫菜', validUntil: null, niceClasses: null },
  plant_variety: { number: 'CNA20201234.5', title: '连稻 8 号', validUntil: '2040-01-01', niceClasses: null },
  ic_layout: { number: 'BS.205500123', title: '控制芯片布图', validUntil: '2030-01-01', niceClasses: null },
};

export function aRight(type: IpRightType, overrides: Partial<IpRight> = {}): IpRight {
  return { type, holder: KANGHENG_NAME, ...RIGHT_DEFAULTS[type], ...overrides };
}

export interface ComplaintOverrides {
  language?: Language;
  complainant?: Partial<Complainant>;
  respondent?: Partial<Respondent>;
  ipRights?: IpRight[];
  infringement?: Partial<Infringement>;
  requestedRemedies?: Remedy[];
}

/** contract.md's example `ComplaintInput`. */
export function aComplaint(overrides: ComplaintOverrides = {}): ComplaintInput {
  return {
    language: overrides.language ?? 'zh-CN',
    complainant: {
      name: KANGHENG_NAME,
      uscc: KANGHENG_USCC,
      country: 'CN',
      size: 'sme',
      regionCode: '320706',
      contactName: '王敏',
      contactEmail: 'ip@kangheng.example',
      contactPhone: '+86 518 8555 0101',
      ...overrides.complainant,
    },
    respondent: {
      name: PHARMACY_NAME,
      uscc: PHARMACY_USCC,
      country: 'CN',
      regionCode: '320706',
      address: '连云港市海州区…',
      onlineStoreUrl: null,
      platform: null,
      contactEmail: null,
      ...overrides.respondent,
    },
    ipRights: overrides.ipRights ?? [aRight('invention_patent')],
    infringement: {
      conducts: ['sale'],
      channel: 'offline',
      industry: 'new_medicine',
      regionCode: '320706',
      firstKnownAt: '2026-10-08',
      description: '被投诉人在其门店销售仿制的缓释片剂，包装与说明书与投诉人产品一致。',
      estimatedTurnoverCny: 80_000,
      estimatedGainsCny: null,
      estimatedLossCny: null,
      priorWarningSent: false,
      urls: [],
      ...overrides.infringement,
    },
    requestedRemedies: overrides.requestedRemedies ?? ['stop_infringement', 'administrative_penalty'],
  };
}

/** Filed by the complainant itself, complete evidence, complainant registered, no history. */
export function aTriageInput(overrides: Partial<TriageInput> = {}): TriageInput {
  return {
    complaint: aComplaint(),
    evidenceKinds: ['right_certificate', 'infringement_evidence'],
    filingOrganization: { uscc: KANGHENG_USCC },
    registeredEnterprises: new Set([KANGHENG_USCC]),
    respondentHistory: [],
    submittedAt: SUBMITTED_AT,
    ...overrides,
  };
}

/** An open case of the same complainant against the same pharmacy about the same patent. */
export function aPriorCase(overrides: Partial<PriorCase> = {}): PriorCase {
  return {
    caseNumber: 'LYG-IP-2026-000012',
    complainantUscc: KANGHENG_USCC,
    complainantName: KANGHENG_NAME,
    respondentUscc: PHARMACY_USCC,
    respondentName: PHARMACY_NAME,
    rightNumbers: ['ZL202310586421.6'],
    terminal: false,
    outcome: null,
    closedAt: null,
    ...overrides,
  };
}

/** A closed case in which another right holder had the pharmacy found infringing `days` days before submission. */
export function anInfringementFinding(days: number, overrides: Partial<PriorCase> = {}): PriorCase {
  return aPriorCase({
    caseNumber: 'LYG-IP-2024-000345',
    complainantUscc: '91320703MA20QW5L3D',
    complainantName: '连云港海信新材料有限公司',
    rightNumbers: ['87654321'],
    terminal: true,
    outcome: 'penalized',
    closedAt: `${daysBeforeSubmission(days)}T15:00:00+08:00`,
    ...overrides,
  });
}

/** Triage of the example complaint changed by `complaint`, with the other inputs changed by `input`. */
export function triageOf(
  complaint: ComplaintOverrides,
  input: Partial<TriageInput> = {},
  ruleSet?: TriageRuleSet,
): TriageResult {
  return triage(aTriageInput({ complaint: aComplaint(complaint), ...input }), ruleSet);
}

export const ruleIds = (result: TriageResult): string[] => result.reasons.map((r) => r.ruleId);
