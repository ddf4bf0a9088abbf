import { and, assign, setup, stateIn } from 'xstate';
import { ACCEPTABLE_ROUTES, type AcceptableRoute, FLAGS } from '../model';
import { initialCaseContext, type CaseContext, type CaseMachineInput } from './case-context';
import type {
  CaseEvent,
  DeadlineExpiredEvent,
  DeclineFilingEvent,
  PoliceDeclineEvent,
  RejectEvent,
  RequestCorrectionEvent,
  SuspendEvent,
} from './case-events';
import type { CaseState, TransitionSource } from './case-states';
import { refusalOf } from './command-refusal';
import { EXTENDED_DEADLINES, extensionOf } from './deadline-extension';
import type { Effect, NoticeData, NoticeRecipient, NoticeTemplate, TransferAgency } from './effect';
import { ESCALATION_ROUTES, MEDIATION_NEXT_ROUTES } from './outcome-rules';
import { competentAgencyFor, requestedRoute } from './route-entry';
import { SYSTEM_EVENT_SENDERS } from './stage-action-roles';
import { STAGE_DEADLINES } from './stage-deadlines';

/**
 * Persisted snapshots carry this version; a snapshot of another version must be migrated before it is restored,
 * because a renamed state or context field would otherwise be read as something it is not.
 */
export const CASE_MACHINE_VERSION = '2026.1';

/** Routes on which the respondent is asked to answer (lifecycle.md): the ones that hear both parties. */
export const ANSWERING_ROUTES = ['fast_track', 'administrative_enforcement', 'mediation'] as const satisfies readonly AcceptableRoute[];

const caseSetup = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseMachineInput,
  },
  actions: {
    // Effects are data handed back by `transition()`: libs/workflow carries them out in the command's database
    // transaction, so the machine never performs I/O and a retried command cannot send a notice twice.
    effect: (_args, _effect: Effect) => undefined,
  },
  guards: {
    permitted: ({ context, event }, params: { at: TransitionSource }) => refusalOf(params.at, context, event) === null,
    entersRoute: ({ context, event }, params: { route: AcceptableRoute }) =>
      requestedRoute(context.triage, event) === params.route,
    filed: ({ context }) => context.filedAt !== null,
    revisable: ({ context, event }) =>
      event.type === 'triage.revised' &&
      event.actor.role === SYSTEM_EVENT_SENDERS['triage.revised'] &&
      context.submittedAt !== null &&
      context.closedAt === null &&
      context.triage !== null &&
      Array.isArray(event.flags) &&
      event.flags.every((flag) => (FLAGS as readonly string[]).includes(flag)),
    reconsidered: ({ context }) => context.reconsiderationRequestedAt !== null,
    namesMediator: ({ event }) => typeof (event as { mediatorId?: unknown }).mediatorId === 'string',
    answerDue: ({ context }) =>
      context.closedAt === null &&
      context.route !== null &&
      (ANSWERING_ROUTES as readonly AcceptableRoute[]).includes(context.route),
  },
});

// Helpers outside the machine config use the setup's assign, typed for the machine's context and events; inside the
// config xstate's own `assign` is narrowed to the event of the transition it sits on.
const assignCase = caseSetup.assign;

const stateId = (state: CaseState) => `#case.stage.${state}` as const;

const ROUTE_TARGETS = {
  fast_track: stateId('fast_track.examining'),
  administrative_enforcement: stateId('administrative_enforcement.filing_review'),
  mediation: stateId('mediation.assigning'),
  police_transfer_review: stateId('police_transfer_review.awaiting_approval'),
  customs_referral: stateId('customs_referral'),
  court_referral: stateId('court_referral'),
} as const satisfies Record<AcceptableRoute, string>;

const permitted = (at: TransitionSource) => ({ type: 'permitted', params: { at } }) as const;
const entersRoute = (route: AcceptableRoute) => ({ type: 'entersRoute', params: { route } }) as const;
const effect = (params: Effect) => ({ type: 'effect', params }) as const;
const notify = (template: NoticeTemplate, to: NoticeRecipient, data?: NoticeData) =>
  effect(data === undefined ? { type: 'notify', template, to } : { type: 'notify', template, to, data });
/** The `summary` a decision or an agreement carries (payload rules require it), for the parties' notices. */
const summaryOf = (event: CaseEvent): string | null => {
  const s = (event as { summary?: unknown }).summary;
  return typeof s === 'string' ? s : null;
};

/** An effect made from the event or the context (after this transition's assignments). */
const effectWith = <E extends CaseEvent = CaseEvent>(params: (args: { context: CaseContext; event: E }) => Effect) => ({ type: 'effect', params }) as const;

/** A notice whose data comes from the event or the context (after this transition's assignments). */
const notifyWith = <E extends CaseEvent = CaseEvent>(template: NoticeTemplate, to: NoticeRecipient, data: (args: { context: CaseContext; event: E }) => NoticeData) =>
  effectWith<E>((args) => ({ type: 'notify', template, to, data: data(args) }));

const recordOutcome = assignCase({ outcome: ({ event }) => ('outcome' in event ? event.outcome : null) });

const enterRoute = (route: AcceptableRoute) =>
  assignCase({ route, competentAgency: ({ context }) => competentAgencyFor(route, context.triage) });

/** A referral hands a package to the agency, whose receipt is then awaited afresh. */
const refer = (agency: TransferAgency) => [
  assignCase({ agencyAcknowledgedAt: null }),
  effect({ type: 'make_transfer_package', agency }),
  notify('referral_received', 'agency', { agency }),
];

const acknowledgement = (at: TransitionSource) => ({
  guard: permitted(at),
  actions: [assignCase({ agencyAcknowledgedAt: ({ event }) => event.now }), notify('agency_acknowledged', 'assignee')],
});

/** A deadline passed in a stage that carries on: recorded as a breach and escalated to the supervisor. */
const breach = (at: TransitionSource) => ({
  guard: permitted(at),
  actions: notifyWith<DeadlineExpiredEvent>('deadline_breached', 'supervisor', ({ event }) => ({ stage: event.stage })),
});

/** A respondent already asked to answer is told that no answer is needed any more (their link stops working). */
const tellNotifiedRespondent = caseSetup.enqueueActions(({ check, enqueue }) => {
  if (!check(stateIn('#case.respondentAnswer.none'))) enqueue(notify('case_withdrawn', 'respondent'));
});

/**
 * A respondent already asked to answer learns how a case closed that was not decided by the center (a filing
 * declined, an outcome the customs or the court reported after an escalation).
 */
const tellNotifiedRespondentOutcome = caseSetup.enqueueActions(({ check, enqueue, context }) => {
  if (!check(stateIn('#case.respondentAnswer.none'))) enqueue(notify('case_decided', 'respondent', { outcome: context.outcome }));
});

const withdrawal = (at: TransitionSource, extraNotices: ReturnType<typeof notify>[] = []) => ({
  guard: permitted(at),
  target: stateId('closed'),
  // The complainant is told it is done (the withdrawal is theirs, but an e-mail is the record they keep).
  actions: [
    assignCase({ outcome: 'withdrawn' as const }),
    notify('case_withdrawn', 'assignee'),
    notify('case_withdrawn', 'complainant'),
    tellNotifiedRespondent,
    ...extraNotices,
  ],
});

const extension = (at: TransitionSource) => {
  const stage = EXTENDED_DEADLINES[at as keyof typeof EXTENDED_DEADLINES];
  if (stage === undefined) throw new Error(`no deadline to extend at ${at}`);
  // How long, from the context with this extension counted (a patent dispute's month is 28 to 31 days).
  const extended = (context: CaseContext) => extensionOf(at, context)!;
  return {
    guard: permitted(at),
    actions: [
      assignCase({
        extensionsUsed: ({ context }) => ({
          ...context.extensionsUsed,
          [stage]: (context.extensionsUsed[stage] ?? 0) + 1,
        }),
      }),
      effectWith(({ context }) => ({ type: 'extend_deadline', ...extended(context) })),
      // The period in the stage's own unit (working days for a filing review, calendar days for an investigation).
      notifyWith('deadline_extended', 'assignee', ({ context }) => ({ stage, period: extended(context).period, clock: STAGE_DEADLINES[stage].clock })),
    ],
  };
};

const decision = (at: TransitionSource) => ({
  guard: permitted(at),
  target: stateId('closed'),
  actions: [
    recordOutcome,
    // The parties read the decision's own words, not just its outcome.
    notifyWith('case_decided', 'complainant', ({ context, event }) => ({ outcome: context.outcome, summary: summaryOf(event) })),
    notifyWith('case_decided', 'respondent', ({ context, event }) => ({ outcome: context.outcome, summary: summaryOf(event) })),
  ],
});

const escalations = (at: TransitionSource) =>
  ESCALATION_ROUTES.map((route) => ({
    guard: and([permitted(at), entersRoute(route)]),
    target: ROUTE_TARGETS[route],
    actions: notify('route_changed', 'complainant', { route }),
  }));

/** The complainant, told of the transfer review, is told the case goes on in administrative enforcement. */
const backToEnforcementNotice = notify('route_changed', 'complainant', { route: 'administrative_enforcement' });

/** The reason a command gave (a refusal, a decline, a failure), for the notice that reports it. */
const reasonOf = (event: CaseEvent): NoticeData => {
  const r = (event as { reason?: unknown }).reason;
  return typeof r === 'string' && r.trim() ? { reason: r } : {};
};

/**
 * Back to administrative enforcement after the transfer is refused or finally declined: a filed case resumes its
 * investigation, an unfiled one (accepted straight into transfer review) starts at the filing review.
 */
const backToEnforcement = (at: TransitionSource, template: NoticeTemplate, ...conditions: 'reconsidered'[]) => [
  {
    guard: and([permitted(at), ...conditions, 'filed']),
    target: stateId('administrative_enforcement.investigating'),
    // A filed case whose transfer was refused before approval never left the investigation as far as the
    // complainant knows (the proposal is internal); one the police declined was transferred, as they were told.
    actions: [notifyWith(template, 'assignee_or_queue', ({ event }) => reasonOf(event)), ...(template === 'transfer_rejected' ? [] : [backToEnforcementNotice])],
  },
  {
    guard: and([permitted(at), ...conditions]),
    target: stateId('administrative_enforcement.filing_review'),
    actions: [notifyWith(template, 'assignee_or_queue', ({ event }) => reasonOf(event)), backToEnforcementNotice],
  },
];

const close = assignCase({ closedAt: ({ event }) => event.now });

export const caseMachine = caseSetup.createMachine({
  id: 'case',
  version: CASE_MACHINE_VERSION,
  type: 'parallel',
  context: ({ input }) => initialCaseContext(input),
  states: {
    stage: {
      initial: 'draft',
      on: {
        // Every stage from submission to closure: the flags of a re-triage on the respondent's new history.
        'triage.revised': {
          guard: 'revisable',
          actions: assign({ triage: ({ context, event }) => (context.triage === null ? null : { ...context.triage, flags: [...event.flags] }) }),
        },
      },
      states: {
        draft: {
          on: {
            submit: {
              guard: permitted('draft'),
              target: 'screening',
              actions: [
                assign({ submittedAt: ({ event }) => event.now }),
                effect({ type: 'run_triage' }),
                notify('submission_acknowledged', 'complainant'),
              ],
            },
            withdraw: withdrawal('draft'),
          },
        },
        screening: {
          on: {
            'triage.completed': {
              guard: permitted('screening'),
              actions: assign({
                // Only what the workflow needs: the full result (reasons, priority) lives on the case row.
                triage: ({ event }) => ({
                  recommendedRoute: event.triage.recommendedRoute,
                  competentAgency: event.triage.competentAgency,
                  flags: [...event.triage.flags],
                  targetDays: event.triage.targetDays,
                  ruleSetVersion: event.triage.ruleSetVersion,
                  ...(event.triage.enforcementAgency === undefined ? {} : { enforcementAgency: event.triage.enforcementAgency }),
                  ...(event.triage.fastTrackTargetDays === undefined ? {} : { fastTrackTargetDays: event.triage.fastTrackTargetDays }),
                }),
                patentDispute: ({ event }) => event.patentDispute,
              }),
            },
            accept: ACCEPTABLE_ROUTES.map((route) => ({
              guard: and([permitted('screening'), entersRoute(route)]),
              target: ROUTE_TARGETS[route],
              actions: [assign({ acceptedAt: ({ event }) => event.now }), notify('complaint_accepted', 'complainant', { route })],
            })),
            request_correction: {
              guard: permitted('screening'),
              target: 'awaiting_correction',
              actions: notifyWith<RequestCorrectionEvent>('correction_requested', 'complainant', ({ event }) => ({
                items: event.items,
                message: event.message,
              })),
            },
            reject: {
              guard: permitted('screening'),
              target: 'not_accepted',
              actions: notifyWith<RejectEvent>('complaint_not_accepted', 'complainant', ({ event }) => ({
                reason: event.reason,
              })),
            },
            withdraw: withdrawal('screening'),
            'deadline.expired': breach('screening'),
          },
        },
        awaiting_correction: {
          on: {
            resubmit: {
              guard: permitted('awaiting_correction'),
              target: 'screening',
              actions: [effect({ type: 'run_triage' }), notify('complaint_resubmitted', 'assignee_or_queue')],
            },
            withdraw: withdrawal('awaiting_correction'),
            // Not corrected in time: deemed withdrawn, a state of its own because nobody decided it.
            'deadline.expired': {
              guard: permitted('awaiting_correction'),
              target: 'withdrawn',
              actions: notify('complaint_deemed_withdrawn', 'complainant'),
            },
          },
        },
        fast_track: {
          entry: enterRoute('fast_track'),
          initial: 'examining',
          states: {
            examining: {
              on: {
                request_expert_opinion: {
                  guard: permitted('fast_track.examining'),
                  target: 'awaiting_expert',
                  actions: notify('expert_opinion_requested', 'complainant'),
                },
                decide: decision('fast_track.examining'),
                escalate: escalations('fast_track.examining'),
                withdraw: withdrawal('fast_track.examining'),
                'deadline.expired': breach('fast_track.examining'),
              },
            },
            awaiting_expert: {
              on: {
                expert_opinion_received: { guard: permitted('fast_track.awaiting_expert'), target: 'examining' },
                escalate: escalations('fast_track.awaiting_expert'),
                withdraw: withdrawal('fast_track.awaiting_expert'),
              },
            },
          },
        },
        administrative_enforcement: {
          entry: enterRoute('administrative_enforcement'),
          initial: 'filing_review',
          states: {
            filing_review: {
              on: {
                file_case: {
                  guard: permitted('administrative_enforcement.filing_review'),
                  target: 'investigating',
                  actions: [assign({ filedAt: ({ event }) => event.now }), notify('enforcement_case_filed', 'complainant')],
                },
                decline_filing: {
                  guard: permitted('administrative_enforcement.filing_review'),
                  target: stateId('closed'),
                  actions: [
                    assign({ outcome: 'not_filed' }),
                    notifyWith<DeclineFilingEvent>('enforcement_filing_declined', 'complainant', ({ event }) => ({
                      reason: event.reason,
                    })),
                    tellNotifiedRespondentOutcome,
                  ],
                },
                extend: extension('administrative_enforcement.filing_review'),
                withdraw: withdrawal('administrative_enforcement.filing_review'),
                'deadline.expired': breach('administrative_enforcement.filing_review'),
              },
            },
            investigating: {
              on: {
                suspend: {
                  guard: permitted('administrative_enforcement.investigating'),
                  target: 'suspended',
                  actions: notifyWith<SuspendEvent>('investigation_suspended', 'complainant', ({ event }) => ({
                    reason: event.reason,
                  })),
                },
                decide: decision('administrative_enforcement.investigating'),
                propose_transfer: {
                  guard: permitted('administrative_enforcement.investigating'),
                  target: stateId('police_transfer_review.awaiting_approval'),
                },
                extend: extension('administrative_enforcement.investigating'),
                withdraw: withdrawal('administrative_enforcement.investigating'),
                'deadline.expired': breach('administrative_enforcement.investigating'),
              },
            },
            suspended: {
              on: {
                resume: {
                  guard: permitted('administrative_enforcement.suspended'),
                  target: 'investigating',
                  actions: notify('investigation_resumed', 'complainant'),
                },
                extend: extension('administrative_enforcement.suspended'),
                withdraw: withdrawal('administrative_enforcement.suspended'),
              },
            },
          },
        },
        mediation: {
          entry: enterRoute('mediation'),
          initial: 'assigning',
          states: {
            assigning: {
              entry: notify('mediator_assignment_requested', 'supervisor'),
              on: {
                assign_mediator: [
                  {
                    guard: and([permitted('mediation.assigning'), 'namesMediator']),
                    target: 'mediating',
                    actions: [
                      assign({ mediatorId: ({ event }) => event.mediatorId ?? null }),
                      notifyWith('mediator_assigned', 'assignee', ({ context }) => ({ mediatorId: context.mediatorId })),
                    ],
                  },
                  // No mediator named: the committee's mediators take it from their queue (whoever assigned it is
                  // released from it, libs/workflow handOffAssignee), and they are told it is there.
                  {
                    guard: permitted('mediation.assigning'),
                    target: 'mediating',
                    actions: [assign({ mediatorId: null }), notify('mediation_case_queued', 'assignee_or_queue')],
                  },
                ],
                withdraw: withdrawal('mediation.assigning'),
                'deadline.expired': breach('mediation.assigning'),
              },
            },
            mediating: {
              on: {
                record_agreement: {
                  guard: permitted('mediation.mediating'),
                  target: stateId('closed'),
                  actions: [
                    assign({ outcome: 'settled' }),
                    notifyWith('mediation_settled', 'complainant', ({ event }) => ({ summary: summaryOf(event) })),
                    notifyWith('mediation_settled', 'respondent', ({ event }) => ({ summary: summaryOf(event) })),
                  ],
                },
                mediation_failed: MEDIATION_NEXT_ROUTES.map((route) => ({
                  guard: and([permitted('mediation.mediating'), entersRoute(route)]),
                  target: ROUTE_TARGETS[route],
                  actions: notifyWith('mediation_failed', 'complainant', ({ event }) => ({ nextRoute: route, ...reasonOf(event) })),
                })),
                withdraw: withdrawal('mediation.mediating'),
                'deadline.expired': breach('mediation.mediating'),
              },
            },
          },
        },
        police_transfer_review: {
          // Each transfer proposal is a new round: a receipt, decline or reconsideration of an earlier one is spent.
          entry: [
            enterRoute('police_transfer_review'),
            assign({ agencyAcknowledgedAt: null, declinedAt: null, reconsiderationRequestedAt: null }),
          ],
          initial: 'awaiting_approval',
          states: {
            awaiting_approval: {
              entry: notify('transfer_approval_requested', 'supervisor'),
              on: {
                approve_transfer: {
                  guard: permitted('police_transfer_review.awaiting_approval'),
                  target: 'awaiting_police_decision',
                  actions: [
                    effect({ type: 'make_transfer_package', agency: 'police' }),
                    // The notice's "receiving agency" line: the agency's own copy and the complainant's.
                    notify('case_transferred', 'agency', { agency: 'police' }),
                    notify('case_transferred', 'complainant', { agency: 'police' }),
                  ],
                },
                reject_transfer: backToEnforcement('police_transfer_review.awaiting_approval', 'transfer_rejected'),
                'deadline.expired': breach('police_transfer_review.awaiting_approval'),
              },
            },
            awaiting_police_decision: {
              on: {
                acknowledge: acknowledgement('police_transfer_review.awaiting_police_decision'),
                police_file_case: {
                  guard: permitted('police_transfer_review.awaiting_police_decision'),
                  target: stateId('closed'),
                  actions: [
                    // A decision implies receipt, so the handover deadline is met even without an acknowledgement.
                    assign({
                      outcome: 'transferred_criminal',
                      agencyAcknowledgedAt: ({ context, event }) => context.agencyAcknowledgedAt ?? event.now,
                    }),
                    notify('police_case_filed', 'complainant'),
                    // The center's side is told too: whoever holds the case (the officer who proposed the transfer).
                    notify('police_case_filed', 'assignee'),
                  ],
                },
                police_decline: [
                  // A decline after reconsideration is final (Art. 9): the case goes back to enforcement.
                  ...backToEnforcement('police_transfer_review.awaiting_police_decision', 'police_decline_final', 'reconsidered'),
                  {
                    guard: permitted('police_transfer_review.awaiting_police_decision'),
                    target: 'declined',
                    actions: [
                      assign({
                        declinedAt: ({ event }) => event.now,
                        agencyAcknowledgedAt: ({ context, event }) => context.agencyAcknowledgedAt ?? event.now,
                      }),
                      notifyWith<PoliceDeclineEvent>('police_declined', 'supervisor', ({ event }) => ({
                        reason: event.reason,
                      })),
                    ],
                  },
                ],
                'deadline.expired': breach('police_transfer_review.awaiting_police_decision'),
              },
            },
            declined: {
              on: {
                request_reconsideration: {
                  guard: permitted('police_transfer_review.declined'),
                  target: 'awaiting_police_decision',
                  actions: [
                    assign({ reconsiderationRequestedAt: ({ event }) => event.now }),
                    notifyWith('reconsideration_requested', 'agency', ({ event }) => reasonOf(event)),
                  ],
                },
                // No reconsideration asked within the period: the decline is final.
                'deadline.expired': backToEnforcement('police_transfer_review.declined', 'police_decline_final'),
              },
            },
          },
        },
        customs_referral: {
          entry: [enterRoute('customs_referral'), ...refer('customs')],
          on: {
            acknowledge: acknowledgement('customs_referral'),
            report_outcome: {
              guard: permitted('customs_referral'),
              target: 'closed',
              actions: [
                recordOutcome,
                notifyWith('agency_outcome_reported', 'complainant', ({ context }) => ({ outcome: context.outcome })),
                // And the examiner who follows the referral up.
                notifyWith('agency_outcome_reported', 'assignee', ({ context }) => ({ outcome: context.outcome })),
                tellNotifiedRespondentOutcome,
              ],
            },
            withdraw: withdrawal('customs_referral', [notify('case_withdrawn', 'agency')]),
            'deadline.expired': breach('customs_referral'),
          },
        },
        court_referral: {
          entry: [enterRoute('court_referral'), ...refer('court')],
          on: {
            acknowledge: acknowledgement('court_referral'),
            report_outcome: {
              guard: permitted('court_referral'),
              target: 'closed',
              actions: [
                recordOutcome,
                notifyWith('agency_outcome_reported', 'complainant', ({ context }) => ({ outcome: context.outcome })),
                // And the examiner who follows the referral up.
                notifyWith('agency_outcome_reported', 'assignee', ({ context }) => ({ outcome: context.outcome })),
                tellNotifiedRespondentOutcome,
              ],
            },
            withdraw: withdrawal('court_referral', [notify('case_withdrawn', 'agency')]),
            'deadline.expired': breach('court_referral'),
          },
        },
        not_accepted: { type: 'final', entry: close },
        withdrawn: { type: 'final', entry: close },
        closed: { type: 'final', entry: close },
      },
    },
    respondentAnswer: {
      initial: 'none',
      states: {
        none: {
          always: { guard: 'answerDue', target: 'notified', actions: notify('respondent_notice', 'respondent') },
        },
        notified: {
          on: {
            respondent_answered: {
              guard: permitted('respondentAnswer.notified'),
              target: 'answered',
              actions: notify('respondent_answered', 'assignee_or_queue'),
            },
            'deadline.expired': {
              guard: permitted('respondentAnswer.notified'),
              target: 'lapsed',
              actions: notify('respondent_answer_lapsed', 'assignee_or_queue'),
            },
          },
        },
        answered: {},
        lapsed: {},
      },
    },
  },
});

export type CaseMachine = typeof caseMachine;
