import type { Flag, LocalizedText, Outcome } from '../model';
import type { CaseEventType } from './case-events';
import type { CaseState } from './case-states';
import type { AuditPrinciple } from './effect';

// Names of the workflow's codes for people, in both languages: the web UI shows them, and problem documents name a
// state or an action with them (`not_allowed_in_state`). Keyed by the domain's own unions, so a code added without a
// name fails the type check instead of showing up raw.

export const STATE_LABELS: Readonly<Record<CaseState, LocalizedText>> = {
  draft: { zh: '草稿', en: 'Draft' },
  screening: { zh: '受理审查', en: 'Screening' },
  awaiting_correction: { zh: '待补正', en: 'Awaiting correction' },
  'fast_track.examining': { zh: '快速审查中', en: 'Fast track: examining' },
  'fast_track.awaiting_expert': { zh: '快速审查：待专家意见', en: 'Fast track: awaiting expert' },
  'administrative_enforcement.filing_review': { zh: '行政执法：立案审查', en: 'Enforcement: filing review' },
  'administrative_enforcement.investigating': { zh: '行政执法：调查中', en: 'Enforcement: investigating' },
  'administrative_enforcement.suspended': { zh: '行政执法：中止', en: 'Enforcement: suspended' },
  'mediation.assigning': { zh: '调解：待指派', en: 'Mediation: assigning' },
  'mediation.mediating': { zh: '调解中', en: 'Mediating' },
  'police_transfer_review.awaiting_approval': { zh: '移送公安：待审批', en: 'Police transfer: awaiting approval' },
  'police_transfer_review.awaiting_police_decision': { zh: '移送公安：待公安决定', en: 'Police transfer: awaiting police' },
  'police_transfer_review.declined': { zh: '移送公安：不予立案', en: 'Police transfer: declined' },
  customs_referral: { zh: '移交海关', en: 'Customs referral' },
  court_referral: { zh: '移交法院', en: 'Court referral' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  closed: { zh: '已结案', en: 'Closed' },
};

export const EVENT_LABELS: Readonly<Record<CaseEventType, LocalizedText>> = {
  submit: { zh: '提交', en: 'Submit' },
  accept: { zh: '受理', en: 'Accept' },
  request_correction: { zh: '要求补正', en: 'Request correction' },
  reject: { zh: '不予受理', en: 'Reject' },
  resubmit: { zh: '补正后重新提交', en: 'Resubmit' },
  request_expert_opinion: { zh: '征求专家意见', en: 'Request expert opinion' },
  expert_opinion_received: { zh: '专家意见已收到', en: 'Expert opinion received' },
  decide: { zh: '作出决定', en: 'Decide' },
  escalate: { zh: '转其他程序', en: 'Escalate' },
  file_case: { zh: '立案', en: 'File the case' },
  decline_filing: { zh: '不予立案', en: 'Decline filing' },
  extend: { zh: '批准延期', en: 'Extend deadline' },
  suspend: { zh: '中止', en: 'Suspend' },
  resume: { zh: '恢复', en: 'Resume' },
  propose_transfer: { zh: '提请移送公安', en: 'Propose police transfer' },
  assign_mediator: { zh: '指派调解员', en: 'Assign mediator' },
  record_agreement: { zh: '记录调解协议', en: 'Record agreement' },
  mediation_failed: { zh: '调解不成', en: 'Mediation failed' },
  approve_transfer: { zh: '批准移送', en: 'Approve transfer' },
  reject_transfer: { zh: '不批准移送', en: 'Reject transfer' },
  acknowledge: { zh: '确认接收', en: 'Acknowledge receipt' },
  police_file_case: { zh: '公安立案', en: 'Police: file case' },
  police_decline: { zh: '公安不予立案', en: 'Police: decline' },
  request_reconsideration: { zh: '申请复议', en: 'Request reconsideration' },
  report_outcome: { zh: '反馈结果', en: 'Report outcome' },
  withdraw: { zh: '撤回投诉', en: 'Withdraw' },
  'triage.completed': { zh: '分流完成', en: 'Triage completed' },
  'triage.revised': { zh: '分流标记更新', en: 'Triage flags revised' },
  'deadline.expired': { zh: '期限届满', en: 'Deadline expired' },
  respondent_answered: { zh: '被投诉方提交答辩', en: 'Respondent answered' },
};

export const FLAG_LABELS: Readonly<Record<Flag, LocalizedText>> = {
  repeat_infringer: { zh: '重复侵权', en: 'Repeat infringer' },
  punitive_damages_candidate: { zh: '可适用惩罚性赔偿', en: 'Punitive damages candidate' },
  criminal_threshold_reached: { zh: '达到刑事追诉标准', en: 'Criminal threshold reached' },
  criminal_threshold_near: { zh: '接近刑事追诉标准', en: 'Criminal threshold near' },
  foreign_related: { zh: '涉外', en: 'Foreign-related' },
  key_industry: { zh: '重点产业', en: 'Key industry' },
  ecommerce: { zh: '电商', en: 'E-commerce' },
  cross_border: { zh: '跨境', en: 'Cross-border' },
  limitation_risk: { zh: '时效风险', en: 'Limitation risk' },
  public_health: { zh: '公共健康', en: 'Public health' },
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, LocalizedText>> = {
  infringement_established: { zh: '认定侵权', en: 'Infringement established' },
  not_established: { zh: '不构成侵权', en: 'Not established' },
  penalized: { zh: '予以行政处罚', en: 'Penalized' },
  settled: { zh: '调解成功', en: 'Settled' },
  not_filed: { zh: '不予立案', en: 'Not filed' },
  transferred_criminal: { zh: '移送刑事立案', en: 'Transferred (criminal)' },
  court_filed: { zh: '法院立案', en: 'Filed by the court' },
  court_not_filed: { zh: '法院不予立案', en: 'Not filed by the court' },
  customs_detained: { zh: '海关扣留', en: 'Detained by customs' },
  customs_no_action: { zh: '海关未采取措施', en: 'No customs action' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** The four principles (严、大、快、同) an audit entry serves. */
export const PRINCIPLE_LABELS: Readonly<Record<AuditPrinciple, LocalizedText>> = {
  strict: { zh: '严保护', en: 'Strict' },
  broad: { zh: '大保护', en: 'Broad' },
  fast: { zh: '快保护', en: 'Fast' },
  equal: { zh: '同保护', en: 'Equal' },
};
