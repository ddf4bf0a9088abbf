import type { Caller } from '@lyg/auth';
import type { ComplaintInput, IpRight, Role } from '@lyg/domain';
import { ClockService } from '@lyg/workflow';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { CasesService } from '../cases/cases.service';
import type { ComplaintInputDto } from '../complaints/complaint-input.dto';

type Step = [role: Role, action: string, body?: Record<string, unknown>];

interface DemoCase {
  by: 'enterprise@demo.example' | 'enterprise2@demo.example' | 'agent@demo.example';
  /** Days ago the complaint was submitted: spreads the queue over realistic deadlines, some already breached. */
  daysAgo: number;
  complaint: ComplaintInput;
  steps: Step[];
}

const KANGHENG = { name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', regionCode: '320706', contactName: '王敏', contactEmail: 'ip@kangheng.example' };
const HAIXIN = { name: '连云港海信新材料有限公司', uscc: '91320703MA20QW5L3D', regionCode: '320703', contactName: '李娜', contactEmail: 'legal@haixin.example' };

function complaint(o: {
  by?: typeof KANGHENG;
  respondent: string;
  respondentUscc?: string | null;
  respondentRegion?: string;
  respondentEmail?: string | null;
  right: ComplaintInput['ipRights'][number];
  conducts: ComplaintInput['infringement']['conducts'];
  channel?: ComplaintInput['infringement']['channel'];
  industry: ComplaintInput['infringement']['industry'];
  description: string;
  turnover?: number | null;
  gains?: number | null;
  remedies: ComplaintInput['requestedRemedies'];
  firstKnownAt?: string;
  country?: string;
  language?: 'zh-CN' | 'en';
}): ComplaintInput {
  const by = o.by ?? KANGHENG;
  return {
    language: o.language ?? 'zh-CN',
    complainant: { ...by, country: o.country ?? 'CN', size: 'sme', contactPhone: '+86 518 8555 0101' },
    respondent: {
      name: o.respondent,
      uscc: o.respondentUscc ?? null,
      country: 'CN',
      regionCode: o.respondentRegion ?? '320706',
      address: '江苏省连云港市',
      onlineStoreUrl: o.channel === 'ecommerce' ? 'https://shop.example/store/8848' : null,
      platform: o.channel === 'ecommerce' ? '某电商平台' : null,
      contactEmail: o.respondentEmail ?? null,
    },
    ipRights: [o.right],
    infringement: {
      conducts: o.conducts,
      channel: o.channel ?? 'offline',
      industry: o.industry,
      regionCode: o.respondentRegion ?? '320706',
      firstKnownAt: o.firstKnownAt ?? '2026-09-15',
      description: o.description,
      estimatedTurnoverCny: o.turnover ?? null,
      estimatedGainsCny: o.gains ?? null,
      estimatedLossCny: null,
      priorWarningSent: false,
      urls: [],
    },
    requestedRemedies: o.remedies,
  };
}

const PATENT: IpRight = { type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: KANGHENG.name, validUntil: '2043-05-10', niceClasses: null };
const DESIGN: IpRight = { type: 'design_patent', number: 'ZL202230198765.6', title: '药品包装盒（缓释片）', holder: KANGHENG.name, validUntil: '2037-03-01', niceClasses: null };
const UTILITY: IpRight = { type: 'utility_model', number: 'ZL202120734518.3', title: '一种复合材料板材', holder: HAIXIN.name, validUntil: '2031-06-30', niceClasses: null };
const MARK: IpRight = { type: 'trademark', number: '31546721', title: '康恒', holder: KANGHENG.name, validUntil: '2029-08-20', niceClasses: [5] };
const HX_MARK: IpRight = { type: 'trademark', number: '40112358', title: '海信新材', holder: HAIXIN.name, validUntil: '2030-04-13', niceClasses: [17, 19] };
const COPYRIGHT: IpRight = { type: 'copyright', number: '国作登字-2024-F-00123456', title: '康恒健康科普系列插画', holder: KANGHENG.name, validUntil: null, niceClasses: null };

/** A small, well-formed PDF standing in for a scanned document. */
function pdf(label: string): Buffer {
  const text = label.replace(/[^\x20-\x7e]/g, '?');
  return Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n` +
      `% demo evidence: ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** The certificate a right holder would attach, by the first right's type. */
const CERTIFICATE_NAMES: Record<string, string> = {
  invention_patent: '发明专利证书.pdf',
  utility_model: '实用新型专利证书.pdf',
  design_patent: '外观设计专利证书.pdf',
  trademark: '商标注册证.pdf',
  copyright: '作品登记证书.pdf',
  plant_variety: '植物新品种权证书.pdf',
};
const REFERRALS = ['customs_referral', 'court_referral'];

const ACCEPT = (route: string): Step => ['examiner', 'accept', { route, overrideReason: '演示数据：证据已线下核验' }];

/** A realistic spread of Lianyungang cases over every route and state, so every screen has something to show. */
const CASES: DemoCase[] = [
  { by: 'enterprise@demo.example', daysAgo: 0, steps: [], complaint: complaint({ respondent: '灌云县某医药连锁门店', right: PATENT, conducts: ['sale'], industry: 'new_medicine', description: '被投诉方门店销售的缓释片与我司发明专利技术方案相同，已购买留存样品和发票。', turnover: 30000, remedies: ['stop_infringement', 'administrative_penalty'] }) },
  { by: 'enterprise@demo.example', daysAgo: 1, steps: [['enterprise', 'submit']], complaint: complaint({ respondent: '海州区某药房', respondentUscc: '92320706MA2B8R4N1N', right: PATENT, conducts: ['sale'], industry: 'new_medicine', description: '被投诉方在其门店销售仿制我公司专利缓释片剂的产品，包装与我司产品高度近似。', turnover: 80000, remedies: ['stop_infringement', 'administrative_penalty'] }) },
  { by: 'enterprise@demo.example', daysAgo: 4, steps: [['enterprise', 'submit']], complaint: complaint({ respondent: '连云港某电子商务有限公司', channel: 'ecommerce', right: DESIGN, conducts: ['online_listing', 'sale'], industry: 'new_medicine', description: '被投诉方网店销售的药品包装盒外观与我司外观设计专利近似，网页截图已公证。', turnover: 45000, remedies: ['takedown', 'stop_infringement'] }) },
  { by: 'enterprise2@demo.example', daysAgo: 6, steps: [['enterprise', 'submit'], ['examiner', 'request_correction', { items: ['补充商标注册证复印件', '补充购买凭证'], message: '请在15日内补充权属证明和侵权证据。' }]], complaint: complaint({ by: HAIXIN, respondent: '赣榆区某建材经营部', respondentRegion: '320707', right: HX_MARK, conducts: ['sale'], industry: 'new_materials', description: '被投诉方销售标有“海信新材”商标的板材，并非我司生产，涉嫌假冒注册商标。', turnover: 20000, remedies: ['stop_infringement', 'administrative_penalty'] }) },
  { by: 'enterprise@demo.example', daysAgo: 9, steps: [['enterprise', 'submit'], ACCEPT('fast_track')], complaint: complaint({ respondent: '东海县某药业有限公司', respondentRegion: '320722', respondentEmail: 'legal@donghai-pharma.example', right: PATENT, conducts: ['manufacture', 'sale'], industry: 'new_medicine', description: '被投诉方生产销售的缓释片落入我司发明专利保护范围，已委托检测机构出具比对报告。', turnover: 150000, remedies: ['stop_infringement'] }) },
  { by: 'enterprise@demo.example', daysAgo: 14, steps: [['enterprise', 'submit'], ACCEPT('fast_track'), ['examiner', 'request_expert_opinion']], complaint: complaint({ respondent: '连云港某生物科技有限公司', right: DESIGN, conducts: ['manufacture'], industry: 'big_health', description: '被投诉方生产的保健品包装盒与我司外观设计专利整体视觉效果无实质性差异。', turnover: 60000, remedies: ['stop_infringement'] }) },
  { by: 'enterprise@demo.example', daysAgo: 40, steps: [['enterprise', 'submit'], ACCEPT('fast_track'), ['examiner', 'decide', { outcome: 'infringement_established', summary: '经比对，被控侵权产品落入专利权保护范围，侵权成立。' }]], complaint: complaint({ respondent: '新浦区某药品批发部', right: PATENT, conducts: ['sale', 'offer_for_sale'], industry: 'new_medicine', description: '被投诉方批发销售侵犯我司发明专利的缓释片，已取得销售合同与送货单。', turnover: 90000, remedies: ['stop_infringement'] }) },
  { by: 'enterprise2@demo.example', daysAgo: 12, steps: [['enterprise', 'submit'], ACCEPT('administrative_enforcement'), ['officer', 'file_case']], complaint: complaint({ by: HAIXIN, respondent: '连云港某板材加工厂', right: UTILITY, conducts: ['manufacture', 'sale'], industry: 'new_materials', description: '被投诉方制造销售的复合板材结构与我司实用新型专利相同，已保全现场照片。', turnover: 120000, remedies: ['stop_infringement', 'administrative_penalty'] }) },
  { by: 'enterprise2@demo.example', daysAgo: 3, steps: [['enterprise', 'submit'], ACCEPT('administrative_enforcement')], complaint: complaint({ by: HAIXIN, respondent: '海州区某五金建材店', right: HX_MARK, conducts: ['sale'], industry: 'new_materials', description: '被投诉方销售带有我司注册商标的仿冒板材，价格明显低于正品。', turnover: 15000, remedies: ['stop_infringement', 'administrative_penalty'] }) },
  { by: 'enterprise@demo.example', daysAgo: 7, steps: [['enterprise', 'submit'], ACCEPT('mediation'), ['supervisor', 'assign_mediator']], complaint: complaint({ respondent: '连云港某文化传媒有限公司', channel: 'ecommerce', right: COPYRIGHT, conducts: ['copying', 'online_listing'], industry: 'digital_creative', description: '被投诉方在其网店商品详情页使用我司享有著作权的科普插画，未经许可。', turnover: 8000, remedies: ['mediation', 'stop_infringement'] }) },
  { by: 'enterprise@demo.example', daysAgo: 30, steps: [['enterprise', 'submit'], ACCEPT('mediation'), ['supervisor', 'assign_mediator'], ['mediator', 'record_agreement', { summary: '双方达成调解协议：被投诉方下架相关图片并支付许可费人民币一万元。' }]], complaint: complaint({ respondent: '连云港某广告设计工作室', right: COPYRIGHT, conducts: ['copying'], industry: 'digital_creative', description: '被投诉方在宣传册中复制使用我司科普插画，已取得宣传册原件。', turnover: 5000, remedies: ['mediation'] }) },
  { by: 'enterprise@demo.example', daysAgo: 2, steps: [['enterprise', 'submit'], ACCEPT('police_transfer_review')], complaint: complaint({ respondent: '某地下制售窝点（王某）', right: MARK, conducts: ['counterfeiting', 'manufacture', 'sale'], industry: 'new_medicine', description: '举报人反映王某租用民房生产假冒“康恒”牌药品，库存大量包装材料，涉案金额较大。', turnover: 260000, gains: 60000, remedies: ['criminal_investigation', 'stop_infringement'] }) },
  { by: 'enterprise@demo.example', daysAgo: 5, steps: [['enterprise', 'submit'], ACCEPT('police_transfer_review'), ['supervisor', 'approve_transfer']], complaint: complaint({ respondent: '连云港某医疗器械贸易公司', right: MARK, conducts: ['counterfeiting', 'sale'], industry: 'big_health', description: '被投诉方大量销售假冒我司注册商标的产品，经营额已超过刑事立案标准。', turnover: 180000, gains: 45000, remedies: ['criminal_investigation'] }) },
  { by: 'enterprise2@demo.example', daysAgo: 4, steps: [['enterprise', 'submit'], ACCEPT('customs_referral')], complaint: complaint({ by: HAIXIN, respondent: '连云港某国际贸易有限公司', channel: 'cross_border', right: HX_MARK, conducts: ['export'], industry: 'new_materials', description: '被投诉方拟经连云港口岸出口标有我司注册商标的板材，货物尚在集装箱堆场。', turnover: 300000, remedies: ['customs_detention'] }) },
  { by: 'enterprise@demo.example', daysAgo: 3, steps: [['enterprise', 'submit'], ACCEPT('court_referral')], complaint: complaint({ respondent: '南京某医药科技有限公司', respondentRegion: '320106', channel: 'ecommerce', right: PATENT, conducts: ['online_listing', 'sale'], industry: 'new_medicine', description: '被投诉方通过网络销售侵犯我司发明专利的产品，我司仅主张损害赔偿。', turnover: 400000, remedies: ['damages'] }) },
  { by: 'enterprise@demo.example', daysAgo: 20, steps: [['enterprise', 'submit'], ['examiner', 'reject', { reason: '投诉事项已由人民法院受理，不属于本中心受理范围。' }]], complaint: complaint({ respondent: '某外地药企', respondentRegion: '320102', right: PATENT, conducts: ['manufacture'], industry: 'new_medicine', description: '被投诉方在外地生产涉嫌侵权产品，我司已另行起诉，现一并投诉。', turnover: 50000, remedies: ['stop_infringement'] }) },
  { by: 'agent@demo.example', daysAgo: 2, steps: [['enterprise', 'submit']], complaint: complaint({ respondent: 'Harbour Trading Co., Ltd.', right: MARK, conducts: ['import', 'sale'], channel: 'cross_border', industry: 'big_health', description: 'The respondent imports and sells supplements bearing our registered mark through Lianyungang port.', turnover: 70000, remedies: ['customs_detention', 'stop_infringement'], country: 'DE', language: 'en' }) },
];

const EMAILS: Record<Role, string> = {
  enterprise: '',
  examiner: 'examiner@demo.example',
  supervisor: 'supervisor@demo.example',
  mediator: 'mediator@demo.example',
  officer: 'officer@demo.example',
  police: 'police@demo.example',
  court: 'court@demo.example',
  customs: 'customs@demo.example',
  procuratorate: '',
  admin: 'admin@demo.example',
};

/** Drives the demo cases through the real services (workflow, triage, deadlines, audit), back-dated by the clock. */
export async function seedDemoCases(app: INestApplication): Promise<number> {
  const ds = app.get(DataSource);
  const cases = app.get(CasesService);
  const clock = app.get(ClockService);
  const users: { id: string; email: string; role: Role; organization_id: string | null }[] = await ds.query(
    'SELECT id, email, role, organization_id FROM user_account WHERE email LIKE $1',
    ['%@demo.example'],
  );
  const caller = (email: string): Caller => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`demo user ${email} missing`);
    return { userId: u.id, role: u.role, organizationId: u.organization_id, email: u.email };
  };
  const jwt = app.get(JwtService);
  const base = await app.getUrl();
  // Evidence goes through the real upload path (type sniffing, hashing, object store), as a filer would send it.
  const upload = async (filer: Caller, caseId: string, kind: string, name: string, bytes: Buffer) => {
    const token = await jwt.signAsync({ sub: filer.userId, role: filer.role, org: filer.organizationId, email: filer.email });
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    const res = await fetch(`${base.replace('[::1]', '127.0.0.1')}/api/v1/complaints/${caseId}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201) throw new Error(`demo evidence upload: ${res.status} ${await res.text()}`);
  };
  let n = 0;
  try {
    for (const [i, d] of CASES.entries()) {
      clock.reset();
      clock.travel(-d.daysAgo * 86_400_000);
      const filer = caller(d.by);
      const draft = await cases.createDraft(filer, d.complaint as unknown as ComplaintInputDto, undefined);
      // The row's own times are the database's; the demo case was drafted on its day.
      await ds.query('UPDATE ip_case SET created_at = $2 WHERE id = $1', [draft.body.id, clock.now()]);
      // Most filers attach their certificate and proof; a few forget (those go back for correction at triage).
      if (i % 6 !== 3) {
        await upload(filer, draft.body.id, 'right_certificate', CERTIFICATE_NAMES[d.complaint.ipRights[0].type] ?? '权利证书.pdf', pdf(`right certificate ${d.complaint.ipRights[0].number ?? ''}`));
        await upload(filer, draft.body.id, 'purchase_record', '公证购买发票.pdf', pdf(`purchase record case ${i}`));
        if (d.by === 'agent@demo.example') await upload(filer, draft.body.id, 'authorization_letter', '授权委托书.pdf', pdf('authorization'));
      }
      let hours = 1;
      for (const [role, action, body] of d.steps) {
        clock.travel(hours++ * 3_600_000);
        const who = role === 'enterprise' ? filer : caller(EMAILS[role]);
        const extra: Record<string, unknown> = action === 'assign_mediator' ? { mediatorId: caller('mediator@demo.example').userId } : {};
        // A transfer goes with the case's evidence, as the examiner's and the supervisor's forms offer it (all ticked).
        if (action === 'approve_transfer' || (action === 'accept' && REFERRALS.includes(String(body?.route)))) {
          extra.evidenceIds = (await ds.query('SELECT id FROM evidence WHERE case_id = $1', [draft.body.id])).map((r: { id: string }) => r.id);
        }
        await cases.act(who, draft.body.id, action, { ...(body ?? {}), ...extra }, null, 'demo-seed');
      }
      n++;
    }
  } finally {
    clock.reset();
  }
  return n;
}
