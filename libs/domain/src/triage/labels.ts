// Names of enum values as reasons print them: the reasons are read by examiners and by the parties, who should not
// have to decode `high_end_petrochemical`.
import type {
  Channel,
  CompetentAgency,
  Conduct,
  EvidenceKind,
  Industry,
  IpRightType,
  LocalizedText,
  Remedy,
} from '../model';
import type { AmountKind } from './triage-rule-set';

export const AMOUNT_LABELS: Record<AmountKind, LocalizedText> = {
  turnover: { zh: '非法经营数额', en: 'illegal business volume' },
  gains: { zh: '违法所得数额', en: 'illegal gains' },
  loss: { zh: '权利人损失数额', en: "right holder's loss" },
};

export const RIGHT_TYPE_LABELS: Record<IpRightType, LocalizedText> = {
  invention_patent: { zh: '发明专利', en: 'invention patent' },
  utility_model: { zh: '实用新型专利', en: 'utility model' },
  design_patent: { zh: '外观设计专利', en: 'design patent' },
  trademark: { zh: '注册商标', en: 'registered trademark' },
  copyright: { zh: '著作权', en: 'copyright' },
  trade_secret: { zh: '商业秘密', en: 'trade secret' },
  geographical_indication: { zh: '地理标志', en: 'geographical indication' },
  plant_variety: { zh: '植物新品种权', en: 'plant variety right' },
  ic_layout: { zh: '集成电路布图设计', en: 'IC layout design' },
};

export const INDUSTRY_LABELS: Record<Industry, LocalizedText> = {
  high_end_petrochemical: { zh: '高端石化', en: 'high-end petrochemicals' },
  new_medicine: { zh: '新医药', en: 'new medicine' },
  new_materials: { zh: '新材料', en: 'new materials' },
  marine_equipment: { zh: '海洋装备', en: 'marine equipment' },
  new_energy: { zh: '新能源', en: 'new energy' },
  intelligent_manufacturing: { zh: '智能制造', en: 'intelligent manufacturing' },
  shipping_services: { zh: '航运服务', en: 'shipping services' },
  big_health: { zh: '大健康', en: 'health industry' },
  new_generation_it: { zh: '新一代信息技术', en: 'new-generation IT' },
  energy_saving: { zh: '节能环保', en: 'energy saving and environmental protection' },
  digital_creative: { zh: '数字创意', en: 'digital creative industries' },
  agriculture: { zh: '农业', en: 'agriculture' },
  other: { zh: '其他', en: 'other' },
};

export const CHANNEL_LABELS: Record<Channel, LocalizedText> = {
  offline: { zh: '线下', en: 'offline' },
  ecommerce: { zh: '电子商务', en: 'e-commerce' },
  exhibition: { zh: '展会', en: 'exhibition' },
  cross_border: { zh: '跨境', en: 'cross-border' },
};

export const CONDUCT_LABELS: Record<Conduct, LocalizedText> = {
  manufacture: { zh: '制造', en: 'manufacture' },
  sale: { zh: '销售', en: 'sale' },
  offer_for_sale: { zh: '许诺销售', en: 'offering for sale' },
  use: { zh: '使用', en: 'use' },
  import: { zh: '进口', en: 'import' },
  export: { zh: '出口', en: 'export' },
  online_listing: { zh: '网络上架', en: 'online listing' },
  exhibition: { zh: '展出', en: 'exhibition' },
  copying: { zh: '复制', en: 'copying' },
  counterfeiting: { zh: '假冒商标', en: 'counterfeiting' },
  passing_off: { zh: '假冒专利', en: 'patent passing-off' },
  misappropriation: { zh: '不正当获取或使用', en: 'misappropriation' },
};

export const REMEDY_LABELS: Record<Remedy, LocalizedText> = {
  stop_infringement: { zh: '停止侵权', en: 'stop the infringement' },
  takedown: { zh: '下架', en: 'takedown' },
  damages: { zh: '损害赔偿', en: 'damages' },
  punitive_damages: { zh: '惩罚性赔偿', en: 'punitive damages' },
  mediation: { zh: '调解', en: 'mediation' },
  administrative_penalty: { zh: '行政处罚', en: 'administrative penalty' },
  criminal_investigation: { zh: '刑事追究', en: 'criminal investigation' },
  customs_detention: { zh: '海关扣留', en: 'customs detention' },
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, LocalizedText> = {
  right_certificate: { zh: '权利证书', en: 'Right certificate' },
  infringement_evidence: { zh: '侵权证据', en: 'Infringement evidence' },
  purchase_record: { zh: '购买记录', en: 'Purchase record' },
  screenshot: { zh: '网页截图', en: 'Screenshot' },
  notarial_certificate: { zh: '公证书', en: 'Notarial certificate' },
  authorization_letter: { zh: '授权委托书', en: 'Authorization letter' },
  patent_evaluation_report: { zh: '专利权评价报告', en: 'Patent evaluation report' },
  expert_opinion: { zh: '专家意见', en: 'Expert opinion' },
  respondent_statement: { zh: '被投诉方陈述', en: 'Respondent statement' },
  other: { zh: '其他', en: 'Other' },
};

export const AGENCY_LABELS: Record<CompetentAgency, LocalizedText> = {
  police: { zh: '公安机关', en: 'the police' },
  customs: { zh: '海关', en: 'customs' },
  protection_center: { zh: '知识产权保护中心', en: 'the IP protection center' },
  mediation_committee: { zh: '知识产权纠纷人民调解委员会', en: "the people's mediation committee for IP disputes" },
  court: { zh: '人民法院', en: 'the court' },
  copyright_bureau: { zh: '版权局', en: 'the copyright bureau' },
  agriculture_bureau: { zh: '农业农村局', en: 'the agriculture bureau' },
  market_regulation: { zh: '市场监督管理局（知识产权局）', en: 'the market regulation (IP) bureau' },
};

const OUTCOME_LABELS: Partial<Record<string, LocalizedText>> = {
  infringement_established: { zh: '认定侵权', en: 'infringement established' },
  penalized: { zh: '予以行政处罚', en: 'penalized' },
};

/** Outcomes are rule-set data, so an outcome without a label prints as its code. */
export const outcomeLabel = (outcome: string): LocalizedText => OUTCOME_LABELS[outcome] ?? { zh: outcome, en: outcome };
