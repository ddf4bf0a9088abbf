import {
  type Channel,
  type ComplaintInput,
  type CompanySize,
  type Conduct,
  computeUsccCheckCharacter,
  type EvidenceKind,
  type Industry,
  type IpRight,
  type IpRightType,
  type Language,
  normalizePartyName,
  type Remedy,
} from '@lyg/domain';
import type { Rng } from './random';

// Realistic parties for the bulk generator: complainants (Lianyungang's key industries, other Chinese cities and
// foreign right holders, every size), respondents that come back (a few repeat infringers, many one-off shops),
// rights with valid CNIPA check characters and USCCs with valid GB 32100 check characters.

const LYG_REGIONS = ['320703', '320706', '320706', '320706', '320707', '320722', '320723', '320724'] as const;
const LYG_REGION_NAMES: Record<string, string> = {
  '320703': '连云港市连云区',
  '320706': '连云港市海州区',
  '320707': '连云港市赣榆区',
  '320722': '东海县',
  '320723': '灌云县',
  '320724': '灌南县',
};
const OTHER_REGIONS: readonly (readonly [string, string])[] = [
  ['320102', '南京市玄武区'],
  ['320505', '苏州市虎丘区'],
  ['320211', '无锡市滨湖区'],
  ['321002', '扬州市广陵区'],
  ['320312', '徐州市铜山区'],
  ['310115', '上海市浦东新区'],
  ['330782', '义乌市'],
  ['330106', '杭州市西湖区'],
  ['440106', '广州市天河区'],
  ['440305', '深圳市南山区'],
  ['370202', '青岛市市南区'],
  ['350203', '厦门市思明区'],
  ['110105', '北京市朝阳区'],
];

const BRAND_CHARS = '恒康海信达润华泰鑫盛隆源通宏嘉瑞丰安元正新金宝祥和利天宇博远晟豪昌凯德鸿汇兴明辉东方港云瀚森诚昊荣益佳锦'.split('');
const TRADE_WORDS: Record<Industry, readonly string[]> = {
  high_end_petrochemical: ['石化', '化工', '精细化工', '石油化工'],
  new_medicine: ['医药', '药业', '生物医药', '制药'],
  new_materials: ['新材料', '复合材料', '硅材料', '碳纤维'],
  marine_equipment: ['海工装备', '船舶配件', '海洋工程'],
  new_energy: ['新能源', '光伏科技', '储能科技'],
  intelligent_manufacturing: ['智能装备', '机械制造', '自动化科技'],
  shipping_services: ['国际物流', '港口服务', '船务'],
  big_health: ['健康产业', '生物科技', '保健品'],
  new_generation_it: ['信息技术', '软件', '电子科技'],
  energy_saving: ['节能环保', '环保科技', '节能科技'],
  digital_creative: ['文化传媒', '数字科技', '文化创意'],
  agriculture: ['农业科技', '水产', '食品', '茶业'],
  other: ['商贸', '实业', '贸易'],
};
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'] as const;
const SHOP_FORMS = ['经营部', '商行', '药房', '门市部', '网店', '工作室', '批发部', '专营店'] as const;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅鹏飞宇浩然晨曦'.split('');

const FOREIGN: readonly (readonly [string, string, readonly string[]])[] = [
  ['DE', 'GmbH', ['Rheinland', 'Nordstern', 'Alpenland', 'Hanse', 'Schwarzwald', 'Elbtal']],
  ['US', 'Inc.', ['Northwind', 'Bluecrest', 'Summit', 'Pioneer', 'Redwood', 'Lakeshore']],
  ['JP', 'Co., Ltd.', ['Sakura', 'Fujimi', 'Hikari', 'Kawasemi', 'Asahi', 'Midori']],
  ['KR', 'Co., Ltd.', ['Hanbit', 'Daesung', 'Mirae', 'Saerom', 'Haneul']],
  ['FR', 'SAS', ['Lumière', 'Vallée', 'Provence', 'Étoile']],
  ['GB', 'Ltd', ['Thames', 'Kingsbridge', 'Harbourside', 'Oakfield']],
  ['CH', 'AG', ['Alpenblick', 'Matterhorn', 'Lemanic']],
  ['NL', 'B.V.', ['Oranje', 'Zeeland', 'Delta']],
  ['SG', 'Pte. Ltd.', ['Merlion', 'Straits', 'Orchard']],
  ['IT', 'S.p.A.', ['Toscana', 'Dolomiti', 'Laguna']],
];
const FOREIGN_TRADES: Record<Industry, string> = {
  high_end_petrochemical: 'Chemicals',
  new_medicine: 'Pharma',
  new_materials: 'Materials',
  marine_equipment: 'Marine Systems',
  new_energy: 'Energy',
  intelligent_manufacturing: 'Robotics',
  shipping_services: 'Logistics',
  big_health: 'Health',
  new_generation_it: 'Software',
  energy_saving: 'Cleantech',
  digital_creative: 'Media',
  agriculture: 'Foods',
  other: 'Trading',
};

const INDUSTRY_WEIGHTS: readonly (readonly [Industry, number])[] = [
  ['new_medicine', 18],
  ['new_materials', 12],
  ['high_end_petrochemical', 7],
  ['big_health', 10],
  ['digital_creative', 9],
  ['intelligent_manufacturing', 7],
  ['new_energy', 6],
  ['marine_equipment', 4],
  ['new_generation_it', 6],
  ['shipping_services', 3],
  ['energy_saving', 3],
  ['agriculture', 8],
  ['other', 7],
];

/** Right types by industry: pharma and materials file patents, consumer goods trademarks, media copyright. */
const RIGHTS_BY_INDUSTRY: Partial<Record<Industry, readonly (readonly [IpRightType, number])[]>> = {
  new_medicine: [['invention_patent', 35], ['design_patent', 15], ['trademark', 40], ['utility_model', 5], ['copyright', 5]],
  new_materials: [['invention_patent', 30], ['utility_model', 35], ['trademark', 30], ['trade_secret', 5]],
  high_end_petrochemical: [['invention_patent', 45], ['utility_model', 20], ['trademark', 25], ['trade_secret', 10]],
  digital_creative: [['copyright', 70], ['trademark', 25], ['design_patent', 5]],
  new_generation_it: [['copyright', 40], ['invention_patent', 25], ['trademark', 25], ['ic_layout', 10]],
  agriculture: [['trademark', 50], ['geographical_indication', 20], ['plant_variety', 20], ['invention_patent', 10]],
};
const DEFAULT_RIGHTS: readonly (readonly [IpRightType, number])[] = [
  ['trademark', 40],
  ['invention_patent', 20],
  ['utility_model', 20],
  ['design_patent', 15],
  ['copyright', 5],
];
const NICE_BY_INDUSTRY: Partial<Record<Industry, readonly number[]>> = {
  new_medicine: [5, 10, 35, 44],
  big_health: [3, 5, 29, 32, 44],
  new_materials: [17, 19, 1],
  high_end_petrochemical: [1, 4, 17],
  agriculture: [29, 30, 31, 33],
  digital_creative: [9, 16, 41],
  new_generation_it: [9, 42],
};

export interface Org {
  index: number;
  id: string;
  userId: string;
  name: string;
  uscc: string | null;
  country: string;
  size: CompanySize;
  regionCode: string | null;
  industry: Industry;
  language: Language;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  /** Files for clients (a patent or trademark agency): the complainant is someone else (triage C3). */
  agent: boolean;
  registered: boolean;
  rights: IpRight[];
  /** Existing organisations (the demo ones) are not inserted again. */
  existing: boolean;
}

export interface Respondent {
  name: string;
  uscc: string | null;
  country: string;
  regionCode: string | null;
  address: string | null;
  onlineStoreUrl: string | null;
  platform: string | null;
  contactEmail: string | null;
  key: string;
  nameKey: string;
  /** Earlier cases against this respondent, newest last (triage's history, at most 500 like the query). */
  history: HistoryEntry[];
}

export interface HistoryEntry {
  caseNumber: string;
  complainantUscc: string | null;
  complainantName: string;
  rightNumbers: string[];
  submittedAt: number;
  closedAt: number | null;
  outcome: string | null;
}

export function uscc(rng: Rng, regionCode: string, kind: '91' | '92' | '12' = '91'): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = kind + regionCode;
  while (body.length < 17) body += alphabet[rng.int(alphabet.length)];
  return body + computeUsccCheckCharacter(body);
}

const CHECK_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
function patentNumber(rng: Rng, type: 'invention_patent' | 'utility_model' | 'design_patent', year: number): string {
  const typeDigit = type === 'invention_patent' ? (rng.chance(0.1) ? '8' : '1') : type === 'utility_model' ? '2' : '3';
  const digits = `${year}${typeDigit}${String(rng.int(10_000_000)).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * CHECK_WEIGHTS[i];
  const r = sum % 11;
  return `ZL${digits}.${r === 10 ? 'X' : r}`;
}

const TITLES: Record<IpRightType, readonly string[]> = {
  invention_patent: ['一种缓释片剂及其制备方法', '一种高强度复合板材的制备方法', '一种催化剂及其应用', '一种船用液压舵机控制系统', '一种锂电池正极材料', '一种中药提取物的纯化工艺', '一种硅基负极材料及其制备方法'],
  utility_model: ['一种复合材料板材', '一种便携式检测装置', '一种防滑型包装结构', '一种节能型换热器', '一种海洋浮标固定装置'],
  design_patent: ['药品包装盒（缓释片）', '保健品瓶', '灯具（LED）', '包装袋（茶叶）', '手机壳'],
  trademark: ['康恒', '海信新材', '瀚森', '港云', '东方晶', '花果山', '云台山'],
  copyright: ['健康科普系列插画', '产品宣传视频', '企业管理软件V3.0', '品牌吉祥物形象', '摄影作品集'],
  trade_secret: ['生产工艺配方', '客户名单及报价体系'],
  geographical_indication: ['东海水晶', '连云港紫菜', '灌云豆丹'],
  plant_variety: ['苏紫菜1号', '连麦8号', '港稻16'],
  ic_layout: ['电源管理芯片布图设计', '传感器信号处理芯片布图设计'],
};

export function makeRight(rng: Rng, type: IpRightType, holder: string, industry: Industry, now: number): IpRight {
  const year = 2012 + rng.int(13);
  const nowYear = new Date(now).getUTCFullYear();
  const title = rng.pick(TITLES[type]);
  switch (type) {
    case 'invention_patent':
    case 'utility_model':
    case 'design_patent': {
      const term = type === 'invention_patent' ? 20 : type === 'utility_model' ? 10 : 15;
      const until = Math.max(year + term, nowYear + 1);
      return { type, number: patentNumber(rng, type, year), title, holder, validUntil: `${until}-${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`, niceClasses: null };
    }
    case 'trademark': {
      const classes = NICE_BY_INDUSTRY[industry] ?? [9, 25, 35];
      const niceClasses = rng.some(classes, 3).sort((a, b) => a - b);
      // A few marks lapsed (not renewed): triage's N1 finds them.
      const until = rng.chance(0.03) ? nowYear - 1 : nowYear + 1 + rng.int(9);
      return { type, number: String(10_000_000 + rng.int(70_000_000)), title: `${title}${rng.chance(0.5) ? '' : rng.pick(BRAND_CHARS)}`, holder, validUntil: `${until}-${pad2(1 + rng.int(12))}-${pad2(1 + rng.int(28))}`, niceClasses };
    }
    case 'copyright':
      return { type, number: `国作登字-${year}-${rng.pick(['F', 'I', 'A', 'J'])}-${String(rng.int(100_000_000)).padStart(8, '0')}`, title, holder, validUntil: null, niceClasses: null };
    case 'trade_secret':
      return { type, number: null, title, holder, validUntil: null, niceClasses: null };
    case 'geographical_indication':
      return { type, number: `AGI${String(rng.int(100_000)).padStart(5, '0')}`, title, holder, validUntil: null, niceClasses: null };
    case 'plant_variety':
      return { type, number: `CNA${year}${String(rng.int(100_000)).padStart(5, '0')}.${rng.int(10)}`, title, holder, validUntil: `${nowYear + 5 + rng.int(10)}-12-31`, niceClasses: null };
    case 'ic_layout':
      return { type, number: `BS.${String(year).slice(2)}5${String(rng.int(1_000_000)).padStart(6, '0')}.${rng.int(10)}`, title, holder, validUntil: `${Math.max(year + 10, nowYear + 1)}-06-30`, niceClasses: null };
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function chineseCompanyName(rng: Rng, regionName: string, industry: Industry): string {
  const brand = rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
  return `${regionName.replace(/(市|县|区)$/u, '')}${brand}${rng.pick(TRADE_WORDS[industry])}${rng.pick(COMPANY_FORMS)}`;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

function phone(rng: Rng, country: string): string | null {
  if (country !== 'CN') return rng.chance(0.7) ? `+${rng.between(1, 89)} ${rng.between(100, 999)} ${rng.between(1000, 9999)}` : null;
  return rng.chance(0.5) ? `+86 518 ${rng.between(8000, 8999)} ${rng.between(1000, 9999)}` : `+86 1${rng.between(30, 99)} ${rng.between(1000, 9999)} ${rng.between(1000, 9999)}`;
}

/** A complainant organisation (or an agency filing for clients). */
export function makeOrg(rng: Rng, index: number, agent = false): Org {
  const industry = agent ? 'other' : rng.weighted(INDUSTRY_WEIGHTS);
  const foreign = !agent && rng.chance(0.08);
  let name: string;
  let country = 'CN';
  let regionCode: string | null;
  let code: string | null;
  let language: Language = 'zh-CN';
  if (foreign) {
    const [c, form, words] = rng.pick(FOREIGN);
    country = c;
    name = `${rng.pick(words)} ${FOREIGN_TRADES[industry]} ${form}`;
    if (rng.chance(0.5)) name = `${rng.pick(words)}${rng.pick(['tech', 'line', 'field', 'gate', 'core'])} ${FOREIGN_TRADES[industry]} ${form}`;
    regionCode = null;
    code = null;
    language = rng.chance(0.85) ? 'en' : 'zh-CN';
  } else {
    const local = rng.chance(0.72);
    const [region, regionName] = local ? [rng.pick(LYG_REGIONS), ''] : rng.pick(OTHER_REGIONS);
    regionCode = region;
    name = agent
      ? `${(regionName || LYG_REGION_NAMES[region]).replace(/(市|县|区)$/u, '')}${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${rng.pick(['专利代理事务所', '知识产权代理有限公司', '律师事务所'])}`
      : chineseCompanyName(rng, regionName || LYG_REGION_NAMES[region], industry);
    code = uscc(rng, region);
  }
  const size: CompanySize = agent ? 'sme' : rng.weighted([['large', 12], ['sme', 55], ['micro', 25], ['individual', 8]]);
  const contactName = foreign ? `${rng.pick(['Anna', 'Thomas', 'Yuki', 'Min-jun', 'Claire', 'James', 'Lukas', 'Sofia'])} ${rng.pick(['Weber', 'Smith', 'Tanaka', 'Kim', 'Martin', 'Brown', 'Rossi'])}` : personName(rng);
  return {
    index,
    id: rng.uuid(),
    userId: rng.uuid(),
    name,
    uscc: code,
    country,
    size,
    regionCode,
    industry,
    language,
    contactName,
    contactEmail: `ip${index}@org${index}.example`,
    contactPhone: phone(rng, country),
    agent,
    registered: !foreign && !agent && industry !== 'other' && industry !== 'agriculture' && rng.chance(0.45),
    rights: [],
    existing: false,
  };
}

/** The organisation's portfolio, grown on first use: the same rights come back in its later complaints. */
export function rightsOf(rng: Rng, org: Org, now: number): IpRight[] {
  if (!org.rights.length) {
    const n = org.size === 'large' ? 4 + rng.int(12) : 1 + rng.int(4);
    const table = RIGHTS_BY_INDUSTRY[org.industry] ?? DEFAULT_RIGHTS;
    for (let i = 0; i < n; i++) org.rights.push(makeRight(rng, rng.weighted(table), org.name, org.industry, now));
  }
  return org.rights;
}

const PLATFORMS = ['淘宝', '京东', '拼多多', '抖音电商', '快手小店', '1688', '亚马逊'] as const;

/** A respondent never seen before: mostly local shops and firms, some online stores elsewhere, a few abroad. */
export function makeRespondent(rng: Rng, industry: Industry, channel: Channel): Respondent {
  let name: string;
  let country = 'CN';
  let regionCode: string | null;
  let address: string | null;
  let code: string | null = null;
  if (channel === 'cross_border' && rng.chance(0.35)) {
    const [c, form, words] = rng.pick(FOREIGN);
    country = c;
    name = `${rng.pick(words)} ${rng.pick(['Trading', 'Import Export', 'Supply', 'Distribution'])} ${form}`;
    regionCode = null;
    address = null;
  } else {
    const local = channel === 'ecommerce' ? rng.chance(0.6) : rng.chance(0.96);
    const [region, regionName] = local ? [rng.pick(LYG_REGIONS), ''] : rng.pick(OTHER_REGIONS);
    const place = regionName || LYG_REGION_NAMES[region];
    regionCode = region;
    address = `${place}${rng.pick(['解放路', '海连路', '朝阳路', '建设路', '通灌路', '人民路', '新浦路', '港城大道'])}${rng.between(1, 399)}号`;
    if (rng.chance(0.45)) {
      name = chineseCompanyName(rng, place, industry);
      code = uscc(rng, region);
    } else {
      // Individual businesses (个体工商户): a shop name, a 92… USCC for some, none for many.
      name = `${place.replace(/(市|县|区)$/u, '')}${rng.pick(BRAND_CHARS)}${rng.pick(BRAND_CHARS)}${rng.pick(TRADE_WORDS[industry]).slice(0, 2)}${rng.pick(SHOP_FORMS)}`;
      if (rng.chance(0.4)) code = uscc(rng, region, '92');
      if (rng.chance(0.15)) name = `${personName(rng)}（${name}）`;
    }
  }
  const ecommerce = channel === 'ecommerce';
  const nameKey = normalizePartyName(name);
  return {
    name,
    uscc: code,
    country,
    regionCode,
    address,
    onlineStoreUrl: ecommerce ? `https://shop.example/store/${rng.int(10_000_000)}` : null,
    platform: ecommerce ? rng.pick(PLATFORMS) : null,
    contactEmail: rng.chance(0.45) ? `contact${rng.int(10_000_000)}@resp.example` : null,
    key: code ? `uscc:${code}` : `name:${nameKey}`,
    nameKey,
    history: [],
  };
}

const CONDUCTS_BY_CHANNEL: Record<Channel, readonly (readonly [Conduct, number])[]> = {
  offline: [['sale', 50], ['manufacture', 20], ['offer_for_sale', 10], ['use', 5], ['counterfeiting', 8], ['passing_off', 4], ['copying', 3]],
  ecommerce: [['online_listing', 45], ['sale', 35], ['offer_for_sale', 10], ['copying', 6], ['counterfeiting', 4]],
  exhibition: [['exhibition', 60], ['offer_for_sale', 30], ['sale', 10]],
  cross_border: [['export', 45], ['import', 35], ['sale', 10], ['counterfeiting', 10]],
};

const DESCRIPTIONS = [
  (r: string, t: string) => `被投诉方${r}销售的产品落入我方“${t}”的保护范围，已公证购买并保留发票。`,
  (r: string, t: string) => `我方发现${r}未经许可使用与“${t}”相同或近似的标识，已取得购买凭证和实物照片。`,
  (r: string, t: string) => `${r}在其经营场所生产、销售涉嫌侵犯“${t}”的产品，数量较大，已向其发送警告函。`,
  (r: string, t: string) => `${r}在网络平台发布的商品链接中使用我方“${t}”，页面截图已经公证保全。`,
  (r: string, t: string) => `经比对，${r}的产品与“${t}”技术方案相同，附检测机构出具的比对报告。`,
];
const EN_DESCRIPTIONS = [
  (r: string, t: string) => `${r} offers products that infringe our right "${t}"; test purchases were notarised.`,
  (r: string, t: string) => `Goods bearing a mark identical to "${t}" were found at the premises of ${r}.`,
];

export interface ComplaintDraft {
  complaint: ComplaintInput;
  evidenceKinds: EvidenceKind[];
}

/** One complaint of `org` (or its client, for an agency) against `respondent`, filed at `at`. */
export function makeComplaint(rng: Rng, complainant: Org, respondent: Respondent, channel: Channel, at: number): ComplaintDraft {
  const portfolio = rightsOf(rng, complainant, at);
  const rights = rng.chance(0.85) ? [rng.pick(portfolio)] : rng.some(portfolio, 3);
  const conducts = [rng.weighted(CONDUCTS_BY_CHANNEL[channel])];
  if (rng.chance(0.35)) {
    const more = rng.weighted(CONDUCTS_BY_CHANNEL[channel]);
    if (!conducts.includes(more)) conducts.push(more);
  }
  const daysKnown = rng.chance(0.015) ? 1100 + rng.int(400) : Math.floor(rng.logNormal(35, 1.1));
  const firstKnown = new Date(at - daysKnown * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const turnover = rng.chance(0.75) ? Math.round(rng.logNormal(40_000, 1.3) / 100) * 100 : null;
  const remedies: Remedy[] = ['stop_infringement'];
  const r = rng.next();
  if (channel === 'ecommerce') remedies.push('takedown');
  if (channel === 'cross_border' && rng.chance(0.7)) remedies.push('customs_detention');
  if (r < 0.22) remedies.push('mediation');
  else if (r < 0.55) remedies.push('administrative_penalty');
  else if (r < 0.62) remedies.push('damages');
  if (conducts.includes('counterfeiting') && rng.chance(0.6)) remedies.push('criminal_investigation');
  if (rng.chance(0.03)) remedies.push('punitive_damages');
  const right = rights[0];
  const en = complainant.language === 'en';
  const description = en ? rng.pick(EN_DESCRIPTIONS)(respondent.name, right.title) : rng.pick(DESCRIPTIONS)(respondent.name, right.title);
  const evidenceKinds: EvidenceKind[] = [];
  // Most filings carry a certificate and proof of the infringement; the rest are returned for correction.
  if (rng.chance(0.95)) evidenceKinds.push('right_certificate');
  if (rng.chance(0.95)) evidenceKinds.push(rng.pick(['infringement_evidence', 'purchase_record', 'screenshot', 'notarial_certificate'] as const));
  // Foreign right holders file through a representative's power of attorney, mostly.
  if (rng.chance(complainant.uscc === null ? 0.8 : 0.05)) evidenceKinds.push('authorization_letter');
  const complaint: ComplaintInput = {
    language: complainant.language,
    complainant: {
      name: complainant.name,
      uscc: complainant.uscc,
      country: complainant.country,
      size: complainant.size,
      regionCode: complainant.regionCode,
      contactName: complainant.contactName,
      contactEmail: complainant.contactEmail,
      contactPhone: complainant.contactPhone,
    },
    respondent: {
      name: respondent.name,
      uscc: respondent.uscc,
      country: respondent.country,
      regionCode: respondent.regionCode,
      address: respondent.address,
      onlineStoreUrl: respondent.onlineStoreUrl,
      platform: respondent.platform,
      contactEmail: respondent.contactEmail,
    },
    ipRights: rights,
    infringement: {
      conducts,
      channel,
      industry: complainant.industry,
      regionCode: respondent.regionCode,
      firstKnownAt: firstKnown,
      description,
      estimatedTurnoverCny: turnover,
      estimatedGainsCny: turnover !== null && rng.chance(0.3) ? Math.round(turnover * (0.2 + rng.next() * 0.3)) : null,
      estimatedLossCny: rng.chance(0.15) ? Math.round(rng.logNormal(80_000, 1.2) / 100) * 100 : null,
      priorWarningSent: rng.chance(0.3),
      urls: channel === 'ecommerce' && respondent.onlineStoreUrl ? [`${respondent.onlineStoreUrl}/item/${rng.int(100_000_000)}`] : [],
    },
    requestedRemedies: remedies,
  };
  return { complaint, evidenceKinds };
}

export const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['offline', 42],
  ['ecommerce', 38],
  ['exhibition', 5],
  ['cross_border', 15],
];
