import type { ComplaintInput } from '@lyg/domain';

/** The example complaint of contract.md, with the complainant given. */
export function exampleComplaint(overrides: { uscc?: string; name?: string } = {}): ComplaintInput {
  return {
    language: 'zh-CN',
    complainant: {
      name: overrides.name ?? '连云港康恒医药有限公司',
      uscc: overrides.uscc ?? '91320706MA1XK7H21A',
      country: 'CN',
      size: 'sme',
      regionCode: '320706',
      contactName: '王敏',
      contactEmail: 'ip@kangheng.example',
      contactPhone: '+86 518 8555 0101',
    },
    respondent: {
      name: '海州区某药房',
      uscc: '92320706MA2B8R4N1N',
      country: 'CN',
      regionCode: '320706',
      address: '连云港市海州区…',
      onlineStoreUrl: null,
      platform: null,
      contactEmail: null,
    },
    ipRights: [
      {
        type: 'invention_patent',
        number: 'ZL202310586421.6',
        title: '一种缓释片剂及其制备方法',
        holder: '连云港康恒医药有限公司',
        validUntil: '2043-05-10',
        niceClasses: null,
      },
    ],
    infringement: {
      conducts: ['sale'],
      channel: 'offline',
      industry: 'new_medicine',
      regionCode: '320706',
      firstKnownAt: '2026-10-08',
      description: '被投诉方在其门店销售仿制我公司专利缓释片剂的产品，包装与我司产品高度近似。',
      estimatedTurnoverCny: 80000,
      estimatedGainsCny: null,
      estimatedLossCny: null,
      priorWarningSent: false,
      urls: [],
    },
    requestedRemedies: ['stop_infringement', 'administrative_penalty'],
  };
}

/** Deep copy with one path set: `withField(c, 'ipRights[0].number', 'x')`. */
export function withField(c: ComplaintInput, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
