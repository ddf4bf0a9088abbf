import type { Clock } from '../model';

export const DEADLINE_STAGES = [
  'screening',
  'awaiting_correction',
  'fast_track.examining',
  'administrative_enforcement.filing_review',
  'administrative_enforcement.investigating',
  'mediation.assigning',
  'mediation.mediating',
  'police_transfer_review.awaiting_approval',
  'police_transfer_review.package_handover',
  'police_transfer_review.awaiting_police_decision',
  'police_transfer_review.reconsideration_request',
  'police_transfer_review.reconsideration_decision',
  'customs_referral',
  'court_referral',
  'respondent_answer',
  'judicial_confirmation',
] as const;
export type DeadlineStage = (typeof DEADLINE_STAGES)[number];

/**
 * What the worker does when a deadline row fires:
 * - `transition`: send `deadline.expired`; the case moves on (deemed withdrawn, answer lapsed, decline final);
 * - `breach`: send `deadline.expired`; the case stays, the breach is noticed (slaBreached, supervisor notice);
 * - `reminder`: send the reminder notice only; the case is already closed, so there is nothing to re-check.
 * A `deadline.expired` for a deadline the case no longer runs is refused, which makes late or repeated firings harmless.
 */
export type DeadlineExpiry = 'transition' | 'breach' | 'reminder';

export interface DeadlineExtension {
  period: number;
  /** How many extensions a supervisor may approve. */
  limit: number;
  /** A different limit for patent disputes, when it differs. */
  patentDisputeLimit?: number;
}

export interface StageDeadline {
  period: number;
  clock: Clock;
  basis: string;
  onExpiry: DeadlineExpiry;
  extension?: DeadlineExtension;
}

/** The deadline table of lifecycle.md, as data. Periods are counted by the working-day calendar (libs/domain/calendar). */
export const STAGE_DEADLINES = {
  screening: {
    period: 5,
    clock: 'working_days',
    basis: 'Patent-dispute acceptance practice; SAMR complaint rules Art. 14 allow 7 working days, the stricter 5 applies',
    onExpiry: 'breach',
  },
  awaiting_correction: {
    period: 15,
    clock: 'calendar_days',
    basis: 'Protection-center policy: the complainant corrects within 15 days or the complaint is deemed withdrawn',
    onExpiry: 'transition',
  },
  'fast_track.examining': {
    // Triage's targetDays (10 for a design patent or passing off, else 30) replaces this; 30 when triage gave none.
    period: 30,
    clock: 'calendar_days',
    basis: '2016 rapid-protection targets (targetDays from triage), counted from acceptance',
    onExpiry: 'breach',
  },
  'administrative_enforcement.filing_review': {
    period: 15,
    clock: 'working_days',
    basis: 'SAMR 市场监督管理行政处罚程序规定 Art. 18',
    onExpiry: 'breach',
    extension: { period: 15, limit: 1 },
  },
  'administrative_enforcement.investigating': {
    period: 90,
    clock: 'calendar_days',
    basis: '行政处罚法 Art. 60 (90 days from filing); patent disputes 专利纠纷行政裁决和调解办法 (2025): 3 months, at most 5',
    onExpiry: 'breach',
    // Patent disputes: 3 months plus at most 2 more, in calendar months from filing: the period is set by
    // `deadlinePeriod`, and each extension makes it end one month later (`extensionOf`); the 30 days here are the
    // other cases' extension.
    extension: { period: 30, limit: 1, patentDisputeLimit: 2 },
  },
  'mediation.assigning': {
    period: 3,
    clock: 'working_days',
    basis: 'SPC online-mediation rules Art. 12',
    onExpiry: 'breach',
  },
  'mediation.mediating': {
    period: 45,
    clock: 'working_days',
    basis: 'SAMR complaint rules Art. 21',
    onExpiry: 'breach',
  },
  'police_transfer_review.awaiting_approval': {
    period: 3,
    clock: 'calendar_days',
    basis: '行政执法机关移送涉嫌犯罪案件的规定 Art. 5 (approval within 3 days)',
    onExpiry: 'breach',
  },
  'police_transfer_review.package_handover': {
    period: 24,
    clock: 'hours',
    basis: '行政执法机关移送涉嫌犯罪案件的规定 Art. 5 (hand over within 24 hours of approval)',
    onExpiry: 'breach',
  },
  'police_transfer_review.awaiting_police_decision': {
    period: 3,
    clock: 'calendar_days',
    basis: '行政执法机关移送涉嫌犯罪案件的规定 Art. 8 (decision within 3 days of receipt)',
    onExpiry: 'breach',
  },
  'police_transfer_review.reconsideration_request': {
    period: 3,
    clock: 'calendar_days',
    basis: '行政执法机关移送涉嫌犯罪案件的规定 Art. 9 (reconsideration requested within 3 days of the decline)',
    onExpiry: 'transition',
  },
  'police_transfer_review.reconsideration_decision': {
    period: 3,
    clock: 'calendar_days',
    basis: '行政执法机关移送涉嫌犯罪案件的规定 Art. 9 (reconsideration decided within 3 days of the request)',
    onExpiry: 'breach',
  },
  customs_referral: {
    period: 3,
    clock: 'working_days',
    basis: '知识产权海关保护条例 Art. 16 (acknowledgement)',
    onExpiry: 'breach',
  },
  court_referral: {
    period: 7,
    clock: 'calendar_days',
    basis: 'Civil Procedure Law Art. 126 (filing decision within 7 days)',
    onExpiry: 'breach',
  },
  respondent_answer: {
    period: 15,
    clock: 'calendar_days',
    basis: 'Patent-dispute practice: 15 days from the notice to answer',
    onExpiry: 'transition',
  },
  judicial_confirmation: {
    period: 30,
    clock: 'calendar_days',
    basis: 'Civil Procedure Law Art. 205 (judicial confirmation of a mediation agreement applied for within 30 days)',
    onExpiry: 'reminder',
  },
} as const satisfies Record<DeadlineStage, StageDeadline>;

export const isDeadlineStage = (value: unknown): value is DeadlineStage =>
  typeof value === 'string' && (DEADLINE_STAGES as readonly string[]).includes(value);

/** A patent dispute's investigation: this many calendar months from filing (专利纠纷行政裁决和调解办法). */
export const PATENT_DISPUTE_MONTHS = 3;
