// Names of the contract's codes for people: states, routes, actions, flags, outcomes, kinds, roles. The domain's own
// labels (rights, industries, channels, conducts, remedies, agencies) are reused as they are.
// Each table is keyed by the domain's own union of codes, so that a code added there without a name here fails
// `npm run typecheck` instead of showing up raw in the browser.
import type {
  Clock,
  CompanySize,
  Language,
  LocalizedText,
  Route,
} from '@lyg/domain/model';
import type { ActorRole } from '@lyg/domain/workflow/case-actor';
import type { CaseEventType } from '@lyg/domain/workflow/case-events';
import type { DeadlineStage } from '@lyg/domain/workflow/stage-deadlines';
import { EVENT_LABELS, FLAG_LABELS, OUTCOME_LABELS, PRINCIPLE_LABELS, STATE_LABELS } from '@lyg/domain/workflow/labels';
import { ORGANIZATION_KIND_LABELS } from '@lyg/domain/model/organizations';

export {
  AGENCY_LABELS,
  CHANNEL_LABELS,
  CONDUCT_LABELS,
  EVIDENCE_KIND_LABELS,
  INDUSTRY_LABELS,
  REMEDY_LABELS,
  RIGHT_TYPE_LABELS,
} from '@lyg/domain/triage/labels';

type Labels<K extends string> = Record<K, LocalizedText>;

/**
 * Audit-log actions of a case that are not workflow events (CASE_ACTIONS, SYSTEM_EVENTS): drafting and editing,
 * triage's own entry, queue work, evidence, package access and the respondent's link (apps/api, libs/workflow), plus the
 * chain-wide checkpoint entry. An API change that writes a new action belongs here, with its label below.
 */
export const AUDIT_ONLY_ACTIONS = [
  'create_draft',
  'edit_complaint',
  'triage',
  'claim',
  'release',
  'reassign',
  'hand_over',
  'evidence_added',
  'evidence_downloaded',
  'evidence_shared',
  'evidence_integrity_failure',
  'transfer_package_downloaded',
  'respondent_notice_viewed',
  'audit_checkpoint_signed',
] as const;
export type AuditOnlyAction = (typeof AUDIT_ONLY_ACTIONS)[number];

export { STATE_LABELS };

export const ROUTE_LABELS: Labels<Route> = {
  return_for_correction: { zh: '退回补正', en: 'Return for correction' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  police_transfer_review: { zh: '移送公安审查', en: 'Police transfer review' },
  customs_referral: { zh: '移交海关', en: 'Customs referral' },
  fast_track: { zh: '快速维权通道', en: 'Fast track' },
  mediation: { zh: '人民调解', en: 'Mediation' },
  court_referral: { zh: '移交法院', en: 'Court referral' },
  administrative_enforcement: { zh: '行政执法', en: 'Administrative enforcement' },
};

export const ACTION_LABELS: Labels<CaseEventType | AuditOnlyAction> = {
  ...EVENT_LABELS,
  create_draft: { zh: '创建草稿', en: 'Draft created' },
  triage: { zh: '系统分流', en: 'Triage' },
  edit_complaint: { zh: '修改投诉', en: 'Complaint edited' },
  evidence_added: { zh: '上传证据', en: 'Evidence added' },
  evidence_downloaded: { zh: '下载证据', en: 'Evidence downloaded' },
  evidence_shared: { zh: '共享证据', en: 'Evidence shared' },
  evidence_integrity_failure: { zh: '证据完整性校验未通过', en: 'Evidence integrity check failed' },
  transfer_package_downloaded: { zh: '调取移送材料包', en: 'Transfer package accessed' },
  respondent_notice_viewed: { zh: '被投诉方查阅通知', en: 'Respondent viewed the notice' },
  claim: { zh: '认领', en: 'Claimed' },
  release: { zh: '释放', en: 'Released' },
  reassign: { zh: '改派', en: 'Reassigned' },
  hand_over: { zh: '接收机构变更，案件移交继任机构', en: 'Handed to the successor of the receiving organisation' },
  audit_checkpoint_signed: { zh: '签署审计检查点', en: 'Audit checkpoint signed' },
};


export const ROLE_LABELS: Labels<ActorRole> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  examiner: { zh: '审查员', en: 'Examiner' },
  supervisor: { zh: '主任', en: 'Supervisor' },
  mediator: { zh: '调解员', en: 'Mediator' },
  officer: { zh: '执法人员', en: 'Officer' },
  police: { zh: '公安', en: 'Police' },
  court: { zh: '法院', en: 'Court' },
  customs: { zh: '海关', en: 'Customs' },
  procuratorate: { zh: '检察院', en: 'Procuratorate' },
  admin: { zh: '管理员', en: 'Administrator' },
  system: { zh: '系统', en: 'System' },
  respondent: { zh: '被投诉方', en: 'Respondent' },
};

export const SIZE_LABELS: Labels<CompanySize> = {
  large: { zh: '大型企业', en: 'Large' },
  sme: { zh: '中小企业', en: 'SME' },
  micro: { zh: '微型企业', en: 'Micro' },
  individual: { zh: '个人', en: 'Individual' },
};

/** Deadline stages: most are case states, named as such; the others run beside or after one. */
export const STAGE_LABELS: Labels<DeadlineStage> = {
  ...STATE_LABELS,
  // The center hands the package over within 24 hours; the police's acknowledgement of receipt ends it.
  'police_transfer_review.package_handover': { zh: '移送公安：材料交接（至公安确认接收）', en: 'Police transfer: handover (until the police acknowledge receipt)' },
  'police_transfer_review.reconsideration_request': { zh: '移送公安：提请复议', en: 'Police transfer: reconsideration request' },
  'police_transfer_review.reconsideration_decision': { zh: '移送公安：复议决定', en: 'Police transfer: reconsideration decision' },
  respondent_answer: { zh: '被投诉方答辩', en: 'Respondent answer' },
  judicial_confirmation: { zh: '司法确认提醒', en: 'Judicial confirmation' },
};

export const CLOCK_LABELS: Labels<Clock> = {
  working_days: { zh: '工作日', en: 'working days' },
  calendar_days: { zh: '自然日', en: 'calendar days' },
  hours: { zh: '小时', en: 'hours' },
};

export { ORGANIZATION_KIND_LABELS };

export const LANGUAGE_LABELS: Labels<Language> = {
  'zh-CN': { zh: '中文', en: 'Chinese' },
  en: { zh: '英文', en: 'English' },
};
export { FLAG_LABELS, OUTCOME_LABELS, PRINCIPLE_LABELS };
