// Names of the enum values that notices print. The parties read these mails, so `administrative_enforcement` or
// `police_transfer_review.awaiting_police_decision` must reach them as words in their own language.
import type { CaseState, CompetentAgency, DeadlineStage, LocalizedText, Outcome, Route } from '@lyg/domain';

export const CENTER_NAME: LocalizedText = {
  zh: '中国(连云港)知识产权保护中心',
  en: 'China (Lianyungang) IP Protection Center',
};

export const ROUTE_LABELS: Record<Route, LocalizedText> = {
  return_for_correction: { zh: '退回补正', en: 'returned for correction' },
  not_accepted: { zh: '不予受理', en: 'not accepted' },
  police_transfer_review: { zh: '移送公安机关审查', en: 'review for transfer to the police' },
  customs_referral: { zh: '移交海关', en: 'referral to customs' },
  fast_track: { zh: '快速维权（保护中心快速审查）', en: "fast track (the center's rapid examination)" },
  mediation: { zh: '人民调解', en: "people's mediation" },
  court_referral: { zh: '移交人民法院', en: 'referral to the court' },
  administrative_enforcement: { zh: '行政执法', en: 'administrative enforcement' },
};

export const OUTCOME_LABELS: Record<Outcome, LocalizedText> = {
  infringement_established: { zh: '认定侵权成立', en: 'infringement established' },
  not_established: { zh: '侵权不成立', en: 'infringement not established' },
  penalized: { zh: '予以行政处罚', en: 'administrative penalty imposed' },
  settled: { zh: '调解达成协议', en: 'settled by mediation' },
  not_filed: { zh: '不予立案', en: 'not filed' },
  transferred_criminal: { zh: '公安机关已立案侦查', en: 'criminal case filed by the police' },
  court_filed: { zh: '人民法院已立案', en: 'case filed by the court' },
  court_not_filed: { zh: '人民法院不予立案', en: 'not filed by the court' },
  customs_detained: { zh: '海关已扣留侵权嫌疑货物', en: 'suspected goods detained by customs' },
  customs_no_action: { zh: '海关未采取扣留措施', en: 'no detention by customs' },
  withdrawn: { zh: '投诉已撤回', en: 'complaint withdrawn' },
};

/** Case stages (`Case.state`) and the deadline stages that are not states of their own. */
export const STAGE_LABELS: Record<CaseState | DeadlineStage, LocalizedText> = {
  draft: { zh: '草稿', en: 'draft' },
  screening: { zh: '受理审查', en: 'screening' },
  awaiting_correction: { zh: '待补正', en: 'awaiting correction' },
  'fast_track.examining': { zh: '快速审查', en: 'fast-track examination' },
  'fast_track.awaiting_expert': { zh: '快速审查（等待专家意见）', en: 'fast track, awaiting expert opinion' },
  'administrative_enforcement.filing_review': { zh: '行政执法立案审查', en: 'enforcement filing review' },
  'administrative_enforcement.investigating': { zh: '行政执法调查处理', en: 'enforcement investigation' },
  'administrative_enforcement.suspended': { zh: '行政执法调查中止', en: 'enforcement investigation suspended' },
  'mediation.assigning': { zh: '指派调解员', en: 'assigning a mediator' },
  'mediation.mediating': { zh: '调解中', en: 'mediation in progress' },
  'police_transfer_review.awaiting_approval': { zh: '移送公安审批', en: 'transfer to the police awaiting approval' },
  'police_transfer_review.package_handover': { zh: '移送材料交接（至公安确认接收）', en: 'handover of the transfer package (until the police acknowledge receipt)' },
  'police_transfer_review.awaiting_police_decision': { zh: '等待公安机关立案决定', en: "awaiting the police's filing decision" },
  'police_transfer_review.declined': { zh: '公安机关不予立案', en: 'declined by the police' },
  'police_transfer_review.reconsideration_request': { zh: '提请复议', en: 'request for reconsideration' },
  'police_transfer_review.reconsideration_decision': { zh: '复议决定', en: 'reconsideration decision' },
  customs_referral: { zh: '已移交海关', en: 'referred to customs' },
  court_referral: { zh: '已移交人民法院', en: 'referred to the court' },
  respondent_answer: { zh: '被投诉人答辩', en: "respondent's answer" },
  judicial_confirmation: { zh: '调解协议司法确认', en: 'judicial confirmation of the settlement' },
  not_accepted: { zh: '不予受理', en: 'not accepted' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  closed: { zh: '已结案', en: 'closed' },
};

/** Agencies a case is transferred or referred to, and the bodies triage names as competent. */
export const AGENCY_LABELS: Record<CompetentAgency | 'procuratorate', LocalizedText> = {
  police: { zh: '公安机关', en: 'the police' },
  customs: { zh: '海关', en: 'customs' },
  court: { zh: '人民法院', en: 'the court' },
  procuratorate: { zh: '人民检察院', en: 'the procuratorate' },
  protection_center: { zh: '知识产权保护中心', en: 'the IP protection center' },
  mediation_committee: { zh: '知识产权纠纷人民调解委员会', en: "the people's mediation committee for IP disputes" },
  copyright_bureau: { zh: '版权局', en: 'the copyright bureau' },
  agriculture_bureau: { zh: '农业农村局', en: 'the agriculture bureau' },
  market_regulation: { zh: '市场监督管理局（知识产权局）', en: 'the market regulation (IP) bureau' },
};

/** A code's label, or the value itself when it is not a known code (an organisation's name, a newer enum value). */
export function labelOf(labels: Readonly<Record<string, LocalizedText>>, value: string, lang: keyof LocalizedText): string {
  return Object.hasOwn(labels, value) ? labels[value][lang] : value;
}
