import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FLAG_LABELS, OUTCOME_LABELS, PRINCIPLE_LABELS, STATE_LABELS } from '@lyg/domain';
import PDFDocument from 'pdfkit';
import type { TransferPackageDocument } from './transfer-package';

/** A font file with Chinese glyphs; `postscriptName` picks the face inside a collection (.ttc). */
export interface CjkFont {
  path: string;
  postscriptName: string | null;
}

export type PdfLayout = 'cjk' | 'ascii';

export interface RenderedPdf {
  pdf: Buffer;
  layout: PdfLayout;
  pages: number;
}

/** Debian's packages first (`fonts-wqy-microhei`, `fonts-wqy-zenhei`, `fonts-noto-cjk`), then whatever fontconfig knows. */
const KNOWN_FONTS: CjkFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', postscriptName: null },
];

let found: CjkFont | null | undefined;

/** The first usable CJK font on this machine (looked up once), or null: the PDF then uses its ASCII layout. */
export function findCjkFont(): CjkFont | null {
  if (found !== undefined) return found;
  const candidates = [...KNOWN_FONTS.filter((f) => existsSync(f.path)), ...fontconfigCandidates()];
  found = candidates.find(usable) ?? null;
  return found;
}

function fontconfigCandidates(): CjkFont[] {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'file', 'postscriptname'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out
      .split('\n')
      .map((line) => /^(.+\.(?:ttf|ttc|otf)):\s*(?:postscriptname=(.+))?$/i.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ path: m[1], postscriptName: m[2]?.trim() || null }));
  } catch {
    return []; // no fontconfig
  }
}

function usable(f: CjkFont): boolean {
  try {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('cjk', f.path, f.postscriptName ?? undefined);
    probe.addPage().font('cjk');
    const face = (probe as unknown as { _font: { font?: { hasGlyphForCodePoint?(c: number): boolean } } })._font.font;
    const ok = face?.hasGlyphForCodePoint?.(0x6848) ?? false; // 案
    probe.end();
    return ok;
  } catch {
    return false;
  }
}

type Text = { zh: string; en: string };
const t = (zh: string, en: string): Text => ({ zh, en });

const RIGHT_TYPES: Record<string, Text> = {
  invention_patent: t('发明专利', 'invention patent'),
  utility_model: t('实用新型专利', 'utility model'),
  design_patent: t('外观设计专利', 'design patent'),
  trademark: t('注册商标', 'registered trademark'),
  copyright: t('著作权', 'copyright'),
  trade_secret: t('商业秘密', 'trade secret'),
  geographical_indication: t('地理标志', 'geographical indication'),
  plant_variety: t('植物新品种权', 'plant variety right'),
  ic_layout: t('集成电路布图设计', 'IC layout design'),
};
const CONDUCTS: Record<string, Text> = {
  manufacture: t('制造', 'manufacture'),
  sale: t('销售', 'sale'),
  offer_for_sale: t('许诺销售', 'offering for sale'),
  use: t('使用', 'use'),
  import: t('进口', 'import'),
  export: t('出口', 'export'),
  online_listing: t('网络销售/展示', 'online listing'),
  exhibition: t('展会展出', 'exhibition'),
  copying: t('复制', 'copying'),
  counterfeiting: t('假冒', 'counterfeiting'),
  passing_off: t('仿冒混淆', 'passing off'),
  misappropriation: t('侵犯商业秘密', 'misappropriation'),
};
const CHANNELS: Record<string, Text> = {
  offline: t('线下', 'offline'),
  ecommerce: t('电子商务', 'e-commerce'),
  exhibition: t('展会', 'exhibition'),
  cross_border: t('跨境', 'cross-border'),
};
const REMEDIES: Record<string, Text> = {
  stop_infringement: t('停止侵权', 'stop the infringement'),
  takedown: t('删除链接', 'takedown'),
  damages: t('赔偿损失', 'damages'),
  punitive_damages: t('惩罚性赔偿', 'punitive damages'),
  mediation: t('调解', 'mediation'),
  administrative_penalty: t('行政处罚', 'administrative penalty'),
  criminal_investigation: t('追究刑事责任', 'criminal investigation'),
  customs_detention: t('海关扣留', 'customs detention'),
};
const EVIDENCE_KINDS: Record<string, Text> = {
  right_certificate: t('权属证明', 'right certificate'),
  infringement_evidence: t('侵权证据', 'infringement evidence'),
  purchase_record: t('购买记录', 'purchase record'),
  screenshot: t('截图', 'screenshot'),
  notarial_certificate: t('公证书', 'notarial certificate'),
  authorization_letter: t('授权委托书', 'authorization letter'),
  patent_evaluation_report: t('专利权评价报告', 'patent evaluation report'),
  expert_opinion: t('专家意见', 'expert opinion'),
  respondent_statement: t('被投诉人陈述', "respondent's statement"),
  other: t('其他', 'other'),
};
const AGENCIES: Record<string, Text> = {
  police: t('公安机关', 'police'),
  customs: t('海关', 'customs'),
  court: t('人民法院', 'court'),
  procuratorate: t('人民检察院', 'procuratorate'),
  protection_center: t('知识产权保护中心', 'IP protection center'),
  mediation_committee: t('人民调解委员会', 'mediation committee'),
  market_regulation: t('市场监督管理局', 'market regulation bureau'),
  copyright_bureau: t('版权局', 'copyright bureau'),
  agriculture_bureau: t('农业农村局', 'agriculture bureau'),
};
const ROUTES: Record<string, Text> = {
  fast_track: t('快速维权', 'fast track'),
  administrative_enforcement: t('行政执法', 'administrative enforcement'),
  mediation: t('人民调解', 'mediation'),
  police_transfer_review: t('移送公安机关审查', 'transfer to the police'),
  customs_referral: t('移交海关', 'customs referral'),
  court_referral: t('移交人民法院', 'court referral'),
  return_for_correction: t('退回补正', 'return for correction'),
  not_accepted: t('不予受理', 'not accepted'),
};
const ACTIONS: Record<string, Text> = {
  create_draft: t('创建草稿', 'draft created'),
  edit_complaint: t('修改投诉', 'complaint edited'),
  submit: t('提交投诉', 'submitted'),
  triage: t('智能分流', 'triage'),
  accept: t('受理', 'accepted'),
  request_correction: t('要求补正', 'correction requested'),
  reject: t('不予受理', 'rejected'),
  resubmit: t('补正后重新提交', 'resubmitted'),
  request_expert_opinion: t('征求专家意见', 'expert opinion requested'),
  expert_opinion_received: t('收到专家意见', 'expert opinion received'),
  decide: t('作出决定', 'decided'),
  escalate: t('转换处理途径', 'escalated'),
  file_case: t('行政立案', 'case filed'),
  decline_filing: t('不予立案', 'filing declined'),
  extend: t('延长期限', 'deadline extended'),
  suspend: t('中止调查', 'suspended'),
  resume: t('恢复调查', 'resumed'),
  propose_transfer: t('提请移送公安', 'transfer proposed'),
  assign_mediator: t('指派调解员', 'mediator assigned'),
  record_agreement: t('达成调解协议', 'agreement recorded'),
  mediation_failed: t('调解不成', 'mediation failed'),
  approve_transfer: t('批准移送', 'transfer approved'),
  reject_transfer: t('不批准移送', 'transfer rejected'),
  acknowledge: t('确认接收', 'acknowledged'),
  police_file_case: t('公安立案', 'filed by the police'),
  police_decline: t('公安不予立案', 'declined by the police'),
  request_reconsideration: t('提请复议', 'reconsideration requested'),
  report_outcome: t('反馈处理结果', 'outcome reported'),
  withdraw: t('撤回投诉', 'withdrawn'),
  respondent_answered: t('被投诉人答辩', 'respondent answered'),
  'deadline.expired': t('期限届满', 'deadline expired'),
  claim: t('领取案件', 'claimed'),
  release: t('释放案件', 'released'),
  reassign: t('改派', 'reassigned'),
  evidence_added: t('添加证据', 'evidence added'),
  evidence_shared: t('共享证据', 'evidence shared'),
  evidence_downloaded: t('下载证据', 'evidence downloaded'),
  transfer_package_downloaded: t('下载移送材料', 'transfer package downloaded'),
};
const ROLES: Record<string, Text> = {
  enterprise: t('企业', 'enterprise'),
  examiner: t('审查员', 'examiner'),
  supervisor: t('主管', 'supervisor'),
  mediator: t('调解员', 'mediator'),
  officer: t('执法人员', 'officer'),
  police: t('公安', 'police'),
  court: t('法院', 'court'),
  customs: t('海关', 'customs'),
  procuratorate: t('检察院', 'procuratorate'),
  admin: t('管理员', 'admin'),
  system: t('系统', 'system'),
  respondent: t('被投诉人', 'respondent'),
};
const INDUSTRIES: Record<string, Text> = {
  high_end_petrochemical: t('高端石化', 'high-end petrochemicals'),
  new_medicine: t('新医药', 'new medicine'),
  new_materials: t('新材料', 'new materials'),
  marine_equipment: t('海洋装备', 'marine equipment'),
  new_energy: t('新能源', 'new energy'),
  intelligent_manufacturing: t('智能制造', 'intelligent manufacturing'),
  shipping_services: t('航运服务', 'shipping services'),
  big_health: t('大健康', 'health industry'),
  new_generation_it: t('新一代信息技术', 'new-generation IT'),
  energy_saving: t('节能环保', 'energy saving'),
  digital_creative: t('数字创意', 'digital creative'),
  agriculture: t('农业', 'agriculture'),
  other: t('其他', 'other'),
};
/** The details of a decision the package states, with their names. */
const DECISION_DETAILS: readonly [string, Text][] = [
  ['reason', t('理由', 'Reason')],
  ['overrideReason', t('改变处理途径的理由', 'Reason for another route')],
  ['outcome', t('结果', 'Outcome')],
  ['route', t('处理途径', 'Route')],
  ['nextRoute', t('后续途径', 'Next route')],
  ['items', t('补正事项', 'Items to correct')],
];
const SIZES: Record<string, Text> = {
  large: t('大型企业', 'large'),
  sme: t('中小企业', 'SME'),
  micro: t('微型企业', 'micro'),
  individual: t('个人', 'individual'),
};

interface Party {
  name?: string;
  uscc?: string | null;
  country?: string;
  size?: string;
  regionCode?: string;
  address?: string | null;
  contactName?: string;
  contactEmail?: string | null;
  contactPhone?: string;
  onlineStoreUrl?: string | null;
  platform?: string | null;
}
interface Right {
  type: string;
  number?: string | null;
  title?: string | null;
  holder?: string | null;
  validUntil?: string | null;
  niceClasses?: number[] | null;
}
interface Infringement {
  conducts?: string[];
  channel?: string;
  industry?: string;
  regionCode?: string;
  firstKnownAt?: string;
  description?: string;
  estimatedTurnoverCny?: number | null;
  estimatedGainsCny?: number | null;
  estimatedLossCny?: number | null;
  priorWarningSent?: boolean;
  urls?: string[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 78, bottom: 64, left: 56, right: 56 };

/**
 * The printable transfer package: Chinese with a CJK font (English labels and ASCII text when the machine has none,
 * said on its first page), the case number and the package's verification digest (SHA-256 of the JSON document's
 * canonical form) on every page, in a fixed-pitch face so that it can be read back and compared.
 */
export function renderTransferPackagePdf(doc: TransferPackageDocument, sha256: string, font: CjkFont | null = findCjkFont()): Promise<RenderedPdf> {
  const layout: PdfLayout = font ? 'cjk' : 'ascii';
  const zh = layout === 'cjk';
  const caseNumber = doc.case.caseNumber ?? doc.case.id;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: zh ? `知识产权案件移送材料 ${caseNumber}` : `IP case transfer package ${caseNumber}`,
      Subject: `SHA-256 ${sha256}`,
      Author: zh ? '中国(连云港)知识产权保护中心' : 'China (Lianyungang) IP Protection Center',
      Keywords: `${caseNumber} ${doc.packageId} ${sha256}`,
      CreationDate: new Date(doc.createdAt),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  if (font) pdf.registerFont('body', font.path, font.postscriptName ?? undefined);
  const BODY = font ? 'body' : 'Helvetica';
  const BOLD = font ? 'body' : 'Helvetica-Bold';
  const MONO = 'Courier';
  /** In the ASCII layout, what Helvetica cannot show becomes '?' (the JSON holds the full text). */
  const s = (v: unknown): string => {
    const text = v === null || v === undefined || v === '' ? '—' : String(v);
    return zh ? text : text.replace(/[—–]/g, '-').replace(/→/g, '->').replace(/·/g, '-').replace(/…/g, '...').replace(/[^\x20-\x7e\n]/g, '?');
  };
  const L = (x: Text) => (zh ? x.zh : x.en);
  const label = (map: Record<string, Text>, code: string | null | undefined) => (code ? (map[code] ? L(map[code]) : code) : '—');
  const width = A4.width - MARGIN.left - MARGIN.right;

  const h1 = (text: string) => {
    pdf.font(BOLD).fontSize(18).fillColor('#000').text(s(text), { align: 'center' }).moveDown(0.6);
  };
  const h2 = (text: string) => {
    if (pdf.y > A4.height - MARGIN.bottom - 80) pdf.addPage();
    pdf.moveDown(0.6).font(BOLD).fontSize(12.5).fillColor('#1a3d7c').text(s(text));
    pdf.moveTo(MARGIN.left, pdf.y + 1).lineTo(MARGIN.left + width, pdf.y + 1).lineWidth(0.5).strokeColor('#1a3d7c').stroke();
    pdf.moveDown(0.35).fillColor('#000');
  };
  const kv = (k: string, v: unknown) => {
    pdf.font(BOLD).fontSize(9.5).fillColor('#444').text(zh ? `${k}：` : `${s(k)}: `, { continued: true });
    pdf.font(BODY).fillColor('#000').text(s(v));
  };
  const para = (v: unknown, size = 9.5) => pdf.font(BODY).fontSize(size).fillColor('#000').text(s(v), { align: 'left' });
  const mono = (v: string, size = 7) => pdf.font(MONO).fontSize(size).fillColor('#333').text(v);
  const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toLocaleString('en-US')} ${zh ? '元' : 'CNY'}`);
  const when = (isoText: string | null | undefined) => (isoText ? shanghai(isoText) : '—');

  // Title page content.
  h1(zh ? '知识产权案件移送材料' : 'IP case transfer package');
  if (!zh) {
    pdf
      .font('Helvetica-Oblique')
      .fontSize(9)
      .fillColor('#a00')
      .text(
        'Note: no CJK font was available on the server that rendered this PDF, so it uses English labels and shows ' +
          "characters outside ASCII as '?'. The JSON package (same SHA-256) holds the full text; install a CJK font " +
          '(e.g. Debian fonts-wqy-microhei) to get the Chinese layout.',
      )
      .moveDown(0.5)
      .fillColor('#000');
  }
  kv(zh ? '案件编号' : 'Case number', caseNumber);
  kv(zh ? '移送材料编号' : 'Package id', doc.packageId);
  kv(zh ? '生成时间' : 'Made at', when(doc.createdAt));
  kv(zh ? '接收机关' : 'Receiving organisation', `${doc.recipient.name} (${label(AGENCIES, doc.recipient.agency)})`);
  kv(zh ? '移送时所处阶段' : 'Stage at transfer', label(STATE_LABELS, doc.case.state));
  kv(zh ? '处理途径' : 'Route', label(ROUTES, doc.case.route));
  kv(zh ? '提交时间' : 'Submitted at', when(doc.case.submittedAt));
  kv(zh ? '标记' : 'Flags', doc.case.flags.map((f) => label(FLAG_LABELS, f)).join(zh ? '、' : ', ') || '—');
  pdf.moveDown(0.3);
  pdf.font(BOLD).fontSize(9.5).text(zh ? '校验摘要（JSON 规范化文本的 SHA-256）：' : 'Verification digest (SHA-256 of the canonical JSON):');
  mono(sha256, 9);

  const complaint = doc.complaint as { complainant?: Party; respondent?: Party; ipRights?: Right[]; infringement?: Infringement; requestedRemedies?: string[] };
  const party = (title: string, p: Party | undefined) => {
    h2(title);
    if (!p) return para('—');
    kv(zh ? '名称' : 'Name', p.name);
    kv(zh ? '统一社会信用代码' : 'USCC', p.uscc);
    if (p.size) kv(zh ? '规模' : 'Size', label(SIZES, p.size));
    kv(zh ? '国家/地区' : 'Country', p.country);
    kv(zh ? '行政区划代码' : 'Region code', p.regionCode);
    if (p.address !== undefined) kv(zh ? '地址' : 'Address', p.address);
    if (p.onlineStoreUrl) kv(zh ? '网店地址' : 'Online store', p.onlineStoreUrl);
    if (p.platform) kv(zh ? '平台' : 'Platform', p.platform);
    if (p.contactName !== undefined) kv(zh ? '联系人' : 'Contact', p.contactName);
    kv(zh ? '电子邮箱' : 'E-mail', p.contactEmail);
    if (p.contactPhone !== undefined) kv(zh ? '电话' : 'Phone', p.contactPhone);
  };
  party(zh ? '一、投诉人（权利人）' : '1. Complainant (right holder)', complaint.complainant);
  party(zh ? '二、被投诉人' : '2. Respondent', complaint.respondent);

  h2(zh ? '三、涉案权利' : '3. Rights');
  (complaint.ipRights ?? []).forEach((r, i) => {
    para(`${i + 1}. ${label(RIGHT_TYPES, r.type)}  ${s(r.number)}  ${r.title ? s(r.title) : ''}`);
    pdf.font(BODY).fontSize(8.5).fillColor('#444');
    pdf.text(
      s(
        [
          r.holder ? `${zh ? '权利人' : 'holder'}: ${r.holder}` : null,
          r.validUntil ? `${zh ? '有效期至' : 'valid until'}: ${r.validUntil}` : null,
          r.niceClasses?.length ? `${zh ? '尼斯分类' : 'Nice classes'}: ${r.niceClasses.join(', ')}` : null,
        ]
          .filter(Boolean)
          .join('   ') || '—',
      ),
      { indent: 14 },
    );
  });

  const inf = complaint.infringement ?? {};
  h2(zh ? '四、涉嫌侵权行为与金额' : '4. Conduct and amounts');
  kv(zh ? '行为' : 'Conduct', (inf.conducts ?? []).map((c) => label(CONDUCTS, c)).join(zh ? '、' : ', ') || '—');
  kv(zh ? '渠道' : 'Channel', label(CHANNELS, inf.channel));
  kv(zh ? '产业' : 'Industry', label(INDUSTRIES, inf.industry));
  kv(zh ? '行为地' : 'Region code', inf.regionCode);
  kv(zh ? '首次发现' : 'First known', inf.firstKnownAt);
  kv(zh ? '非法经营数额（估）' : 'Estimated turnover', money(inf.estimatedTurnoverCny));
  kv(zh ? '违法所得（估）' : 'Estimated gains', money(inf.estimatedGainsCny));
  kv(zh ? '权利人损失（估）' : 'Estimated loss', money(inf.estimatedLossCny));
  kv(zh ? '已发出警告函' : 'Prior warning sent', inf.priorWarningSent ? (zh ? '是' : 'yes') : zh ? '否' : 'no');
  if (inf.urls?.length) kv(zh ? '网址' : 'URLs', inf.urls.join('  '));
  kv(zh ? '请求事项' : 'Remedies requested', (complaint.requestedRemedies ?? []).map((r) => label(REMEDIES, r)).join(zh ? '、' : ', ') || '—');
  pdf.moveDown(0.2);
  pdf.font(BOLD).fontSize(9.5).fillColor('#444').text(zh ? '情况说明：' : 'Description:');
  para(inf.description);

  h2(zh ? '五、分流理由及法律依据' : '5. Triage reasons and legal basis');
  if (!doc.triage) para('—');
  else {
    kv(zh ? '建议途径' : 'Recommended route', label(ROUTES, doc.triage.recommendedRoute));
    kv(zh ? '主管机关' : 'Competent agency', label(AGENCIES, doc.triage.competentAgency));
    kv(zh ? '规则集版本' : 'Rule set', doc.triage.ruleSetVersion);
    doc.triage.reasons.forEach((r, i) => {
      para(`${i + 1}. [${r.ruleId}] ${zh ? r.message.zh : r.message.en}`);
      if (r.legalBasis) pdf.font(BODY).fontSize(8.5).fillColor('#444').text(s(`${zh ? '依据' : 'Basis'}: ${r.legalBasis}`), { indent: 14 });
    });
  }

  h2(zh ? '六、处理经过' : '6. Decisions so far');
  // What a decision says, by name: the reason as written, a route or an outcome by its label.
  const detail = (k: string, v: unknown): string => {
    if (k === 'outcome') return label(OUTCOME_LABELS, String(v));
    if (k === 'route' || k === 'nextRoute') return label(ROUTES, String(v));
    return Array.isArray(v) ? v.join(zh ? '；' : '; ') : String(v);
  };
  const stateChange = (from: string | null, to: string | null) => (from === to || !to ? '' : `${from ? label(STATE_LABELS, from) : ''} → ${label(STATE_LABELS, to)}`);
  for (const d of doc.decisions) {
    const reason = DECISION_DETAILS.filter(([k]) => d.details[k] !== undefined && d.details[k] !== null)
      .map(([k, name]) => `${L(name)}${zh ? '：' : ': '}${detail(k, d.details[k])}`)
      .join('  ');
    para(`${when(d.at)}  ${label(ACTIONS, d.action)} (${label(ROLES, d.actorRole)})  ${stateChange(d.fromState, d.toState)}`, 9);
    if (reason) pdf.font(BODY).fontSize(8.5).fillColor('#444').text(s(reason), { indent: 14 });
  }

  h2(zh ? `七、证据清单（已向接收机关共享，共 ${doc.evidence.length} 份）` : `7. Evidence manifest (shared with the receiver: ${doc.evidence.length})`);
  if (!doc.evidence.length) para(zh ? '无' : 'none');
  doc.evidence.forEach((e, i) => {
    para(`${i + 1}. ${label(EVIDENCE_KINDS, e.kind)}  ${e.fileName}  (${e.sizeBytes.toLocaleString('en-US')} bytes, ${e.contentType})`, 9);
    mono(`   id ${e.id}  version ${e.versionId ?? '-'}`, 6.8);
    mono(`   SHA-256 ${e.sha256}`, 6.8);
  });

  h2(zh ? `八、审计记录（共 ${doc.audit.entries.length} 条）` : `8. Audit entries (${doc.audit.entries.length})`);
  para(zh ? '每条记录的哈希 = SHA-256(上一条哈希 + 该记录除 hash 外各字段的规范化 JSON)；完整字段见 JSON 移送材料。' : 'Each hash = SHA-256(previous hash + canonical JSON of the entry without its hash); all fields are in the JSON package.', 8.5);
  pdf.moveDown(0.2);
  for (const e of doc.audit.entries) {
    if ('withheld' in e) para(`#${e.seq}  ${when(e.at)}  ${label(ACTIONS, e.action)}  ${zh ? '（涉及未向贵单位共享的证据，内容不予提供）' : '(about evidence not shared with you: content withheld)'}`, 8.5);
    else para(`#${e.seq}  ${when(e.at)}  ${label(ACTIONS, e.action)} (${label(ROLES, e.actorRole)})  ${stateChange(e.fromState, e.toState)}  [${e.principles.map((p) => label(PRINCIPLE_LABELS, p)).join(zh ? '、' : ', ')}]`, 8.5);
    mono(`   prev ${e.prevHash}`, 6.5);
    mono(`   hash ${e.hash}`, 6.5);
  }

  h2(zh ? '九、签名检查点' : '9. Signed checkpoint');
  const cp = doc.audit.checkpoint;
  if (!cp) para(zh ? '生成本材料时尚无签名检查点。' : 'No signed checkpoint existed when this package was made.');
  else {
    kv(zh ? '序号' : 'Seq', cp.seq);
    kv(zh ? '签名时间' : 'Signed at', when(cp.time));
    kv(zh ? '算法' : 'Algorithm', cp.algorithm);
    mono(`keyId     ${cp.keyId}`, 6.5);
    mono(`hash      ${cp.hash}`, 6.5);
    mono(`signature ${cp.signature}`, 6.5);
    mono(`publicKey ${cp.publicKey}`, 6.5);
  }

  h2(zh ? '十、核验方法' : '10. How to verify');
  para(
    zh
      ? `1. 下载 JSON 移送材料（GET /api/v1/cases/${doc.case.id}/transfer-package），将其 document 按规范化 JSON（键排序、无空白）编码后计算 SHA-256，应与每页所印校验摘要一致。\n2. 逐条重算审计记录哈希并核对 prevHash 的衔接；检查点的 Ed25519 签名覆盖 {type, version, seq, hash, merkleRoot, time, keyId} 的规范化 JSON（版本 1 检查点无 merkleRoot）。\n3. 下载包含证明（GET /api/v1/cases/${doc.case.id}/transfer-package/proof），按 RFC 9162 逐条核对各审计记录（含隐去内容的记录）及载明本材料包摘要的移送记录均包含于检查点签名的默克尔根；签名公钥见 GET /api/v1/audit/public-keys，请与保护中心另行提供的密钥编号核对。命令：npm run transfer:verify -- package.json proof.json --key 公钥文件。\n4. 下载各证据文件（GET /api/v1/evidence/<id>/content），核对 SHA-256 与大小。`
      : `1. Download the JSON package (GET /api/v1/cases/${doc.case.id}/transfer-package); the SHA-256 of its document's canonical JSON (sorted keys, no whitespace) must equal the digest printed on every page.\n2. Recompute each audit entry's hash and check the prevHash links; the checkpoint's Ed25519 signature covers the canonical JSON of {type, version, seq, hash, merkleRoot, time, keyId} (version 1 checkpoints: without merkleRoot).\n3. Download the inclusion proofs (GET /api/v1/cases/${doc.case.id}/transfer-package/proof) and check, as RFC 9162 says, that every audit entry (the withheld ones too) and the transfer entry recording this package's digest are in the Merkle tree whose root the checkpoint signs; the public keys are at GET /api/v1/audit/public-keys: compare the key id with the one the center gave you. Command: npm run transfer:verify -- package.json proof.json --key <public key file>.\n4. Download each evidence file (GET /api/v1/evidence/<id>/content) and compare its SHA-256 and size.`,
    8.5,
  );

  // Header and footer on every page: the case number and the digest.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(BODY).fontSize(8).fillColor('#555');
    pdf.text(zh ? '中国(连云港)知识产权保护中心 · 知识产权案件移送材料' : 'China (Lianyungang) IP Protection Center - case transfer package', MARGIN.left, 30, { width, lineBreak: false });
    pdf.text(s(`${zh ? '案件编号' : 'Case'} ${caseNumber}`), MARGIN.left, 30, { width, align: 'right', lineBreak: false });
    pdf.font(MONO).fontSize(7).fillColor('#555').text(s(`${caseNumber}  SHA-256 ${sha256}`), MARGIN.left, 43, { width, lineBreak: false });
    pdf.moveTo(MARGIN.left, 56).lineTo(MARGIN.left + width, 56).lineWidth(0.4).strokeColor('#999').stroke();
    pdf.font(BODY).fontSize(7.5).fillColor('#555');
    pdf.text(s(`${caseNumber} · ${zh ? '校验摘要' : 'digest'} ${sha256.slice(0, 16)}…`), MARGIN.left, A4.height - 40, { width, lineBreak: false });
    pdf.text(zh ? `第 ${i + 1} 页 / 共 ${range.count} 页` : `page ${i + 1} of ${range.count}`, MARGIN.left, A4.height - 40, { width, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  const pages = range.count;
  pdf.end();
  return done.then((buf) => ({ pdf: buf, layout, pages }));
}

/** `2026-12-03 00:00`, Asia/Shanghai. */
function shanghai(isoText: string): string {
  const d = new Date(isoText);
  if (Number.isNaN(d.getTime())) return isoText;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
