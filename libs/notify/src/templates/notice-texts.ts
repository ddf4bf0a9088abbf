import type { NoticeTemplate } from '@lyg/domain';

/**
 * The words of one notice in one language. Facts (case number, parties, route, deadline, items, reasons…) are not
 * written into these sentences: the layout lists whichever the workflow supplied, so a missing one simply leaves its
 * line out instead of printing a hole.
 */
export interface NoticeText {
  /** The subject without the case number, which the layout adds. */
  title: string;
  paragraphs: readonly string[];
  /** The words of the link into the UI, when the notice asks the reader to do something there. */
  action?: string;
  /** What the deadline means for this reader, when "deadline" alone would be vague. */
  dueLabel?: string;
  /** The same, by the receiving agency the notice names (`data.agency`), where its deadline means another step. */
  dueLabelByAgency?: Partial<Record<'police' | 'customs' | 'court', string>>;
}

export type NoticeTexts = { zh: NoticeText; en: NoticeText };

// Several templates go to more than one kind of reader (case_decided to both parties, case_transferred to the agency
// and the complainant, case_withdrawn to the assignee, both parties and the agency, police_case_filed and
// agency_outcome_reported to the complainant and the assignee, route_changed to the complainant after a transfer is
// refused), so their sentences address no one in particular.
export const NOTICE_TEXTS: Record<NoticeTemplate, NoticeTexts> = {
  submission_acknowledged: {
    zh: {
      title: '投诉已收到',
      paragraphs: ['本中心已收到您提交的知识产权侵权投诉，并已进入受理审查。', '受理审查将在 5 个工作日内完成，审查结果将另行通知。'],
      action: '查看案件进度',
      dueLabel: '受理审查截止时间',
    },
    en: {
      title: 'Complaint received',
      paragraphs: [
        'The center has received your IP infringement complaint and has started screening it.',
        'Screening takes at most 5 working days; you will be told the result.',
      ],
      action: 'Track your case',
      dueLabel: 'Screening completes by',
    },
  },
  correction_requested: {
    zh: {
      title: '请补正投诉材料',
      paragraphs: ['经审查，您的投诉材料需要补正。请在补正截止时间前登录系统补正下列事项。', '逾期未补正的，投诉视为撤回。'],
      action: '登录系统补正',
      dueLabel: '补正截止时间',
    },
    en: {
      title: 'Please correct your complaint',
      paragraphs: [
        'Your complaint needs corrections before it can be accepted. Please sign in and correct the items below before the deadline.',
        'If it is not corrected in time, the complaint is deemed withdrawn.',
      ],
      action: 'Sign in to correct',
      dueLabel: 'Correct by',
    },
  },
  complaint_resubmitted: {
    zh: {
      title: '投诉人已提交补正材料',
      paragraphs: ['投诉人已提交补正材料，案件重新进入受理审查，请及时处理。受理审查期限扣除补正期间后继续计算。'],
      action: '查看案件',
      dueLabel: '受理审查截止时间',
    },
    en: {
      title: 'Complaint corrected and resubmitted',
      paragraphs: ['The complainant has corrected and resubmitted the complaint; it is back in screening. The screening period runs on, less the time spent on the correction.'],
      action: 'Open the case',
      dueLabel: 'Screening completes by',
    },
  },
  complaint_deemed_withdrawn: {
    zh: {
      title: '投诉视为撤回',
      paragraphs: ['您未在补正期限内补正投诉材料，投诉视为撤回。', '如仍需维权，您可以重新提交投诉。'],
    },
    en: {
      title: 'Complaint deemed withdrawn',
      paragraphs: [
        'The complaint was not corrected within the correction period and is deemed withdrawn.',
        'You may file a new complaint at any time.',
      ],
    },
  },
  complaint_not_accepted: {
    zh: {
      title: '投诉不予受理',
      paragraphs: ['经审查，本中心决定对您的投诉不予受理，理由如下。', '您可以补充材料后重新提交投诉，或依法向其他有权机关寻求救济。'],
    },
    en: {
      title: 'Complaint not accepted',
      paragraphs: [
        'After screening, the center has decided not to accept your complaint, for the reason below.',
        'You may file again with further material, or seek a remedy from another competent authority.',
      ],
    },
  },
  complaint_accepted: {
    zh: { title: '投诉已受理', paragraphs: ['您的投诉已受理，并已分流至下列途径处理。'], action: '查看案件进度' },
    en: {
      title: 'Complaint accepted',
      paragraphs: ['Your complaint has been accepted and assigned to the route below.'],
      action: 'Track your case',
    },
  },
  respondent_notice: {
    zh: {
      title: '投诉答辩通知',
      paragraphs: [
        '权利人就下列案件向本中心提出知识产权侵权投诉，本中心已依法受理。',
        '您可以通过下方链接查看投诉摘要，并在答辩截止时间前提交书面答辩意见和证据。该链接仅限您本人使用，请勿转发。逾期未答辩的，不影响案件的处理。',
      ],
      action: '查看投诉并答辩',
      dueLabel: '答辩截止时间',
    },
    en: {
      title: 'Notice of complaint and invitation to answer',
      paragraphs: [
        'A right holder has filed an IP infringement complaint against you with the center, and the center has accepted it.',
        'Through the link below you can read a summary of the complaint and submit a written answer and evidence before the deadline. The link is for you alone; please do not forward it. The case proceeds if no answer is received in time.',
      ],
      action: 'Read the complaint and answer',
      dueLabel: 'Answer by',
    },
  },
  respondent_answered: {
    zh: { title: '被投诉人已答辩', paragraphs: ['被投诉人已提交答辩意见和证据，请登录系统查看。'], action: '查看答辩' },
    en: {
      title: 'The respondent has answered',
      paragraphs: ['The respondent has submitted an answer and evidence.'],
      action: 'Read the answer',
    },
  },
  respondent_answer_lapsed: {
    zh: { title: '被投诉人答辩期满', paragraphs: ['被投诉人未在答辩期限内提交答辩意见，案件继续处理。'], action: '查看案件' },
    en: {
      title: "The respondent's answer period has lapsed",
      paragraphs: ['The respondent did not answer within the answer period; the case proceeds.'],
      action: 'Open the case',
    },
  },
  expert_opinion_requested: {
    zh: { title: '已征询专家意见', paragraphs: ['本案已征询专家意见。征询期间，审查期限暂停计算。'], action: '查看案件进度' },
    en: {
      title: 'Expert opinion requested',
      paragraphs: ["The examiner has asked for an expert opinion on the case. The examination deadline is paused meanwhile."],
      action: 'Track your case',
    },
  },
  case_decided: {
    zh: { title: '案件处理决定', paragraphs: ['本案已作出处理决定，结果如下。'], action: '查看案件' },
    en: { title: 'Decision on the case', paragraphs: ['A decision has been made on the case, as follows.'], action: 'Open the case' },
  },
  route_changed: {
    zh: { title: '处理途径已调整', paragraphs: ['本案的处理途径已调整，现由下列途径继续处理。'], action: '查看案件进度' },
    en: {
      title: 'Route changed',
      paragraphs: ['The case has been moved to another route and continues there.'],
      action: 'Track your case',
    },
  },
  enforcement_case_filed: {
    zh: { title: '行政执法已立案', paragraphs: ['行政执法部门已对本案立案，将依法开展调查处理。'], action: '查看案件进度' },
    en: {
      title: 'Enforcement case filed',
      paragraphs: ['The enforcement authority has filed the case and will investigate it.'],
      action: 'Track your case',
    },
  },
  enforcement_filing_declined: {
    zh: { title: '行政执法不予立案', paragraphs: ['行政执法部门决定对本案不予立案，理由如下。'] },
    en: {
      title: 'Enforcement filing declined',
      paragraphs: ['The enforcement authority has decided not to file the case, for the reasons below.'],
    },
  },
  triage_revised: {
    zh: {
      title: '智能分流结果已更新',
      paragraphs: ['被投诉方的案件记录发生变化（另一案件已结案），本案已重新分流，建议处理途径、标记或优先级有变化。请查看分流理由。'],
      action: '查看案件',
    },
    en: {
      title: 'Triage revised',
      paragraphs: [
        "The respondent's record in this system changed (another case was closed), so the case was triaged again: its recommended route, flags or priority changed. Please review the reasons.",
      ],
      action: 'Open the case',
    },
  },
  deadline_extended: {
    zh: { title: '办理期限已延长', paragraphs: ['经负责人批准，下列阶段的办理期限已延长。'], action: '查看案件', dueLabel: '延长后的截止时间' },
    en: {
      title: 'Deadline extended',
      paragraphs: ['A supervisor has approved an extension of the deadline of the stage below.'],
      action: 'Open the case',
      dueLabel: 'New deadline',
    },
  },
  investigation_suspended: {
    zh: { title: '案件调查中止', paragraphs: ['本案调查已中止。中止期间，办理期限暂停计算。'], action: '查看案件进度' },
    en: {
      title: 'Investigation suspended',
      paragraphs: ['The investigation of the case has been suspended; its deadline is paused meanwhile.'],
      action: 'Track your case',
    },
  },
  investigation_resumed: {
    zh: { title: '案件调查恢复', paragraphs: ['本案调查已恢复，办理期限继续计算。'], action: '查看案件进度' },
    en: {
      title: 'Investigation resumed',
      paragraphs: ['The investigation of the case has resumed, and its deadline runs again.'],
      action: 'Track your case',
    },
  },
  transfer_approval_requested: {
    zh: {
      title: '移送公安机关待审批',
      paragraphs: ['执法人员提请将本案移送公安机关（涉嫌犯罪），请在期限内审批。'],
      action: '审批移送',
      dueLabel: '审批截止时间',
    },
    en: {
      title: 'Transfer to the police awaiting your approval',
      paragraphs: ['An officer proposes to transfer the case to the police as a suspected crime. Please decide within the deadline.'],
      action: 'Review the transfer',
      dueLabel: 'Decide by',
    },
  },
  transfer_rejected: {
    zh: { title: '移送公安机关未获批准', paragraphs: ['负责人未批准移送公安机关，本案继续由行政执法途径处理。'], action: '查看案件' },
    en: {
      title: 'Transfer to the police not approved',
      paragraphs: ['The supervisor did not approve the transfer to the police; the case continues in administrative enforcement.'],
      action: 'Open the case',
    },
  },
  mediator_assignment_requested: {
    zh: { title: '待指派调解员', paragraphs: ['本案已分流至人民调解，请在期限内指派调解员。'], action: '指派调解员', dueLabel: '指派截止时间' },
    en: {
      title: 'A mediator is to be assigned',
      paragraphs: ["The case has been routed to people's mediation. Please assign a mediator within the deadline."],
      action: 'Assign a mediator',
      dueLabel: 'Assign by',
    },
  },
  mediator_assigned: {
    zh: { title: '调解员指派通知', paragraphs: ['您已被指派为本案调解员，请在期限内组织调解。'], action: '查看案件' },
    en: {
      title: 'You have been assigned as mediator',
      paragraphs: ['You have been assigned to mediate the case. Please conduct the mediation within the deadline.'],
      action: 'Open the case',
    },
  },
  mediation_case_queued: {
    zh: {
      title: '新的调解案件待认领',
      paragraphs: ['本案已进入人民调解，尚未指定调解员。请登录系统认领本案，并在期限内组织调解。'],
      action: '认领案件',
      dueLabel: '调解期限',
    },
    en: {
      title: 'A mediation case is waiting to be taken',
      paragraphs: ['The case has entered mediation with no mediator named. Please sign in, take the case and conduct the mediation within the deadline.'],
      action: 'Take the case',
      dueLabel: 'Mediate by',
    },
  },
  mediation_settled: {
    zh: {
      title: '调解成功',
      paragraphs: ['双方已达成调解协议，本案结案。', '当事人可以自调解协议生效之日起 30 日内，共同向人民法院申请司法确认（民事诉讼法第二百零五条）。'],
    },
    en: {
      title: 'Mediation settled',
      paragraphs: [
        'The parties have reached a mediation agreement and the case is closed.',
        'Within 30 days of the agreement taking effect, the parties may jointly apply to the court for judicial confirmation (Civil Procedure Law Art. 205).',
      ],
    },
  },
  mediation_failed: {
    zh: { title: '调解未成', paragraphs: ['调解未能达成协议，本案转由下列途径继续处理。'], action: '查看案件进度' },
    en: {
      title: 'Mediation failed',
      paragraphs: ['No agreement was reached in mediation; the case continues on the route below.'],
      action: 'Track your case',
    },
  },
  case_transferred: {
    zh: {
      title: '案件已移送',
      paragraphs: ['本案已移送下列机关处理。移送材料包括案件摘要、证据清单（含各文件的 SHA-256 哈希值）和经签名校验点证明的审计记录摘录。'],
      action: '查看案件',
      // To the police: the 24 hours within which the package is handed over, proven by their acknowledgement.
      dueLabelByAgency: { police: '确认接收截止时间' },
    },
    en: {
      title: 'Case transferred',
      paragraphs: [
        'The case has been transferred to the agency below. The package holds the case summary, the evidence manifest with each file\'s SHA-256 hash, and an audit excerpt with its signed checkpoint.',
      ],
      action: 'Open the case',
      dueLabelByAgency: { police: 'Acknowledge receipt by' },
    },
  },
  agency_acknowledged: {
    // The deadline it carries, if any, is the agency's own next one (the police decide within 3 days of receipt).
    zh: { title: '接收机关已确认接收', paragraphs: ['接收机关已确认收到本案移送材料。'], action: '查看案件', dueLabel: '接收机关作出决定截止时间' },
    en: {
      title: 'Receipt acknowledged by the agency',
      paragraphs: ['The receiving agency has acknowledged receipt of the case.'],
      action: 'Open the case',
      dueLabel: 'The agency decides by',
    },
  },
  police_case_filed: {
    zh: { title: '公安机关已立案', paragraphs: ['公安机关已对本案立案侦查。'], action: '查看案件进度' },
    en: { title: 'The police have filed the case', paragraphs: ['The police have opened a criminal investigation into the case.'], action: 'Track your case' },
  },
  police_declined: {
    zh: {
      title: '公安机关不予立案',
      paragraphs: ['公安机关决定对本案不予立案，理由如下。如有异议，可以在收到决定之日起 3 日内提请复议。'],
      action: '处理复议',
      dueLabel: '提请复议截止时间',
    },
    en: {
      title: 'The police declined to file the case',
      paragraphs: ['The police have decided not to file the case, for the reasons below. Reconsideration may be requested within 3 days of the decision.'],
      action: 'Decide on reconsideration',
      dueLabel: 'Request reconsideration by',
    },
  },
  reconsideration_requested: {
    zh: {
      title: '提请复议',
      paragraphs: ['本中心对贵单位不予立案的决定提请复议，请在期限内作出复议决定。'],
      action: '查看案件',
      dueLabel: '复议决定截止时间',
    },
    en: {
      title: 'Reconsideration requested',
      paragraphs: ['The center requests reconsideration of your decision not to file the case. Please decide within the deadline.'],
      action: 'Open the case',
      dueLabel: 'Decide by',
    },
  },
  police_decline_final: {
    zh: {
      title: '不予立案决定已成为最终决定',
      paragraphs: ['公安机关不予立案的决定已成为最终决定，本案退回行政执法途径继续处理。'],
      action: '查看案件',
    },
    en: {
      title: "The police's decision not to file is final",
      paragraphs: ["The police's decision not to file the case is final; the case returns to administrative enforcement."],
      action: 'Open the case',
    },
  },
  referral_received: {
    zh: {
      title: '案件移交通知',
      paragraphs: ['本中心已向贵单位移交一宗知识产权案件，请登录系统确认接收、查阅移送材料，并在期限内反馈处理结果。'],
      action: '确认接收',
      dueLabel: '确认接收截止时间',
      // The court's period is the 7-day decision whether to file (Civil Procedure Law Art. 126), not a receipt.
      dueLabelByAgency: { court: '决定是否立案截止时间' },
    },
    en: {
      title: 'A case has been referred to your organisation',
      paragraphs: [
        'The center has referred an IP case to your organisation. Please sign in to acknowledge receipt, read the package and report the outcome within the deadline.',
      ],
      action: 'Acknowledge receipt',
      dueLabel: 'Acknowledge by',
      dueLabelByAgency: { court: 'Decide on filing by' },
    },
  },
  agency_outcome_reported: {
    zh: { title: '接收机关已反馈处理结果', paragraphs: ['接收机关已反馈本案的处理结果，本案结案。'], action: '查看案件' },
    en: {
      title: 'Outcome reported by the agency',
      paragraphs: ['The receiving agency has reported its decision on the case, and the case is closed.'],
      action: 'Open the case',
    },
  },
  case_withdrawn: {
    zh: { title: '投诉已撤回', paragraphs: ['投诉人已撤回投诉，本案终结，无需继续办理。'] },
    en: {
      title: 'Complaint withdrawn',
      paragraphs: ['The complainant has withdrawn the complaint; the case is closed and needs no further work.'],
    },
  },
  deadline_breached: {
    zh: { title: '办理期限已超期', paragraphs: ['下列案件阶段已超过办理期限，已计入“快保护”超期统计，请督促办理。'], action: '查看案件' },
    en: {
      title: 'Deadline breached',
      paragraphs: ['The stage below has passed its deadline and is counted as a breach in the "fast" metrics. Please follow it up.'],
      action: 'Open the case',
    },
  },
  respondent_answer_reminder: {
    zh: {
      title: '答辩期限即将届满',
      paragraphs: [
        '本中心受理的下列投诉案件，您的答辩期限即将届满。',
        '如需答辩，请通过下方链接在答辩截止时间前提交书面答辩意见和证据（此链接为新链接，此前通知中的链接在答辩提交前同样有效）。该链接仅限您本人使用，请勿转发。逾期未答辩的，不影响案件的处理。',
      ],
      action: '查看投诉并答辩',
      dueLabel: '答辩截止时间',
    },
    en: {
      title: 'Reminder: the period to answer the complaint ends soon',
      paragraphs: [
        'The period for you to answer the complaint below, accepted by the center, ends soon.',
        'To answer, send your written statement and evidence through the link below before the deadline (a new link; the one in the earlier notice also works until an answer is sent). The link is for you alone: please do not forward it. Not answering does not stop the case.',
      ],
      action: 'Read the complaint and answer',
      dueLabel: 'Answer by',
    },
  },
  correction_reminder: {
    zh: {
      title: '补正期限即将届满',
      paragraphs: ['您的投诉尚待补正，补正期限即将届满。请在截止时间前登录系统补正；逾期未补正的，投诉视为撤回。'],
      action: '登录系统补正',
      dueLabel: '补正截止时间',
    },
    en: {
      title: 'The correction period is running out',
      paragraphs: ['Your complaint still needs the corrections asked for. Please sign in and correct it before the deadline; if it is not corrected in time, the complaint is deemed withdrawn.'],
      action: 'Sign in to correct',
      dueLabel: 'Correct by',
    },
  },
  judicial_confirmation_reminder: {
    zh: {
      title: '申请司法确认的期限即将届满',
      paragraphs: ['本案已调解成功。当事人可以自调解协议生效之日起 30 日内，共同向人民法院申请司法确认（民事诉讼法第二百零五条），该期限即将届满。'],
      dueLabel: '申请司法确认截止时间',
    },
    en: {
      title: 'The time to apply for judicial confirmation is running out',
      paragraphs: ['The case was settled in mediation. The parties may jointly apply to the people\'s court for judicial confirmation of the agreement within 30 days of its taking effect (Civil Procedure Law Art. 205); that time is nearly over.'],
      dueLabel: 'Apply by',
    },
  },
  deadline_reminder: {
    zh: { title: '办理期限即将届满', paragraphs: ['下列案件阶段已用去 80% 的办理期限，请在期限届满前办结。'], action: '查看案件' },
    en: {
      title: 'Deadline approaching',
      paragraphs: ['80 % of the period for the stage below has passed. Please complete it before the deadline.'],
      action: 'Open the case',
    },
  },
};
