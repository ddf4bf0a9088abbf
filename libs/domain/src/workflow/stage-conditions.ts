import type { CaseContext } from './case-context';
import type { CaseEventType } from './case-events';
import type { TransitionSource } from './case-states';
import { extensionsLeft } from './deadline-extension';
import { stageDeadlines } from './deadline-plan';

/** What a condition needs of an event: its type, its time and, for a deadline firing, the deadline's stage. */
export interface ConditionProbe {
  type: CaseEventType;
  now: string;
  stage?: unknown;
}

/** Why an action the stage offers cannot be taken now: the code a problem document names, and a message for logs. */
export const CONDITION_CODES = ['no_extension_left', 'not_declined', 'already_acknowledged', 'filed_ex_officio', 'case_closed', 'deadline_not_running'] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];

export interface ConditionProblem {
  code: ConditionCode;
  message: string;
}

const problem = (code: ConditionCode, message: string): ConditionProblem => ({ code, message });

/**
 * Why an action that the stage offers cannot be taken now (→ 409), or null. These are facts of the case, not of the
 * request: the same request succeeds in another case in the same stage.
 */
export const conditionProblem = (source: TransitionSource, context: CaseContext, probe: ConditionProbe): ConditionProblem | null => {
  switch (probe.type) {
    case 'extend':
      return extensionsLeft(source, context) > 0 ? null : problem('no_extension_left', 'the deadline of this stage has no extension left');
    case 'request_reconsideration':
      // Within 3 days of the decline (Art. 9): the window is the stage's deadline row, counted on the statutory
      // calendar (a last day on a rest day or holiday moves to the next working day). The row's firing makes the
      // decline final, and every command fires a row past due before it acts (WorkflowService.checkNoneDue), so a
      // late request finds the decline final.
      return context.declinedAt !== null ? null : problem('not_declined', 'reconsideration may be requested only after a police decline');
    case 'acknowledge':
      return context.agencyAcknowledgedAt === null ? null : problem('already_acknowledged', 'receipt has already been acknowledged');
    case 'withdraw': {
      // Filed enforcement proceeds ex officio (行政处罚法 Art. 54), but a patent dispute is adjudicated on the
      // requester's application, which the requester may withdraw until the decision (专利纠纷行政裁决和调解办法).
      const filed =
        source === 'administrative_enforcement.investigating' || source === 'administrative_enforcement.suspended';
      return !filed || context.patentDispute ? null : problem('filed_ex_officio', 'a filed enforcement case proceeds ex officio and cannot be withdrawn');
    }
    case 'respondent_answered':
      return context.closedAt === null ? null : problem('case_closed', 'the case is closed');
    case 'deadline.expired': {
      const running =
        source === 'respondentAnswer.notified'
          ? context.closedAt === null && probe.stage === 'respondent_answer'
          : stageDeadlines(source, context).running.some((stage) => stage === probe.stage);
      // A late or repeated firing for a deadline the case no longer runs changes nothing (architecture decision 1).
      return running ? null : problem('deadline_not_running', 'that deadline is not running in this stage');
    }
    default:
      return null;
  }
};
