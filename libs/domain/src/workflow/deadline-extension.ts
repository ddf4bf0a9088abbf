import { monthsLater } from '../calendar/civil-date';
import { toCivilDay } from '../calendar/shanghai-time';
import type { CaseContext } from './case-context';
import type { TransitionSource } from './case-states';
import { PATENT_DISPUTE_MONTHS, STAGE_DEADLINES, type DeadlineExtension, type DeadlineStage, type StageDeadline } from './stage-deadlines';

/** Which deadline a supervisor's `extend` lengthens in each stage that allows it (lifecycle.md). */
export const EXTENDED_DEADLINES: Partial<Record<TransitionSource, DeadlineStage>> = {
  'administrative_enforcement.filing_review': 'administrative_enforcement.filing_review',
  'administrative_enforcement.investigating': 'administrative_enforcement.investigating',
  // A suspension stops the investigation's clock; approving the extension meanwhile is still allowed.
  'administrative_enforcement.suspended': 'administrative_enforcement.investigating',
};

const extensionRule = (stage: DeadlineStage): DeadlineExtension | undefined => {
  const deadline: StageDeadline = STAGE_DEADLINES[stage];
  return deadline.extension;
};

/** How many more extensions the deadline extended at `source` may still get. */
export const extensionsLeft = (source: TransitionSource, context: CaseContext): number => {
  const stage = EXTENDED_DEADLINES[source];
  const rule = stage === undefined ? undefined : extensionRule(stage);
  if (stage === undefined || rule === undefined) return 0;
  const limit = context.patentDispute ? (rule.patentDisputeLimit ?? rule.limit) : rule.limit;
  return Math.max(0, limit - (context.extensionsUsed[stage] ?? 0));
};

/**
 * The `extend_deadline` that an approved extension at `source` amounts to, given the context with this extension
 * counted. A patent dispute's investigation runs in calendar months from filing (`deadlinePeriod`): its n-th extension
 * makes it end 3 + n months after filing, so it adds the days of that month (28 to 31), not 30.
 */
export const extensionOf = (source: TransitionSource, context: CaseContext): { stage: DeadlineStage; period: number } | null => {
  const stage = EXTENDED_DEADLINES[source];
  const rule = stage === undefined ? undefined : extensionRule(stage);
  if (stage === undefined || rule === undefined) return null;
  if (stage === 'administrative_enforcement.investigating' && context.patentDispute && context.filedAt !== null) {
    const filed = toCivilDay(context.filedAt);
    const n = PATENT_DISPUTE_MONTHS + (context.extensionsUsed[stage] ?? 1);
    return { stage, period: monthsLater(filed, n) - monthsLater(filed, n - 1) };
  }
  return { stage, period: rule.period };
};
