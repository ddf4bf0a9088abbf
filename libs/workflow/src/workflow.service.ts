import { appendAudit, type AuditFact, canonicalJson, sha256Hex } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { CaseDeadline, IpCase, prepared, type StoredSnapshot } from '@lyg/database';
import {
  AppError,
  type CaseActor,
  type CaseEvent,
  type CaseState,
  type CaseTriage,
  type Effect,
  type FieldError,
  allowedActions,
  createInitialSnapshot,
  EXTENDED_DEADLINES,
  isPatentType,
  isTerminalState,
  keepsAssignee,
  type Role,
  type PersistedCaseSnapshot,
  routeDefaults,
  transition,
  type TransitionAccepted,
  type TransferAgency,
  type TransitionSource,
  triage,
  type TriageResult,
  type TriageRuleSet,
} from '@lyg/domain';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { type DataSource, type EntityManager, IsNull, LessThanOrEqual } from 'typeorm';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';
import { runEffects, writeNotices, type EffectScope } from './effect-runner';
import { NON_QUEUE_STAGES } from './queue-stages';
import { RuleSetsService } from './rule-sets.service';
import { gatherTriageInput } from './triage-facts';

export interface CommandContext {
  requestId: string | null;
  /** `If-Match` version, when the caller sent one. */
  ifMatch: number | null;
  now?: Date;
}

const SYSTEM: CaseActor = { role: 'system', userId: null, organizationId: null };

/** Whether the case ($1) has a deadline row past its due time ($2) that nobody has fired yet. */
const DUE_ROW_SQL = `SELECT 1 FROM case_deadline WHERE case_id = $1 AND status = 'active' AND fired_at IS NULL AND due_at <= $2 LIMIT 1`;

/**
 * A command found deadlines of its case past due that the worker has not fired yet (it polls, and may be down). The
 * command must not act as if the period were still running: the caller rolls back, fires them (`fireDue`) and runs
 * the command again, on the case as the firings left it.
 */
export class DeadlinesDue extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} has deadlines past due that have not fired`);
    this.name = 'DeadlinesDue';
  }
}

/**
 * The case workflow: one command = one transaction. Load the case row (locked; its `version` guards If-Match),
 * run the pure statechart transition, carry out its effects (deadline rows, outbox mail, audit entry), save the new
 * snapshot. A lost race is a 409/412, never a lost update.
 */
@Injectable()
export class WorkflowService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calendars: CalendarService,
    private readonly clock: ClockService,
    private readonly ruleSets: RuleSetsService,
  ) {}


  /** The open deadlines of a case row as the last step on it left them (read by the step's own UPDATE). */
  private readonly openDeadlines = new WeakMap<IpCase, CaseDeadline[]>();

  /**
   * The open deadlines (`active`, `paused`, `breached`; by due time) of a case row this service just stepped, or
   * `undefined` when it did not: the answer to an action is built without reading them again.
   */
  takeOpenDeadlines(c: IpCase): CaseDeadline[] | undefined {
    const rows = this.openDeadlines.get(c);
    this.openDeadlines.delete(c);
    return rows;
  }

  initialSnapshot(): StoredSnapshot {
    return createInitialSnapshot() as unknown as StoredSnapshot;
  }

  /**
   * The caller's actions on the case now. `deadlines`, the case's open rows, say what the snapshot does not: a
   * deadline past due that the worker has not fired yet is fired before any command (`checkNoneDue`), so the actions
   * offered are those of the case as that firing will leave it (a correction period that ran out offers no
   * `resubmit`, a reconsideration window that closed no `request_reconsideration`); and a period that has run out is
   * not extended (the effect refuses it), so `extend` is not offered for it.
   */
  allowedActions(c: IpCase, caller: Caller, deadlines: readonly Pick<CaseDeadline, 'stage' | 'status' | 'dueAt'>[] = []): string[] {
    const now = this.clock.now();
    let snapshot = c.snapshot as unknown as PersistedCaseSnapshot;
    let state = c.state;
    // The rows a command would fire first: it looks only when the queue's due time has passed (`checkNoneDue`).
    const looks = c.dueAt !== null && c.dueAt.getTime() <= now.getTime();
    const due = looks
      ? deadlines.filter((d) => d.status === 'active' && d.dueAt.getTime() <= now.getTime()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      : [];
    for (const d of due) {
      const fired = transition(snapshot, { type: 'deadline.expired', stage: d.stage, actor: SYSTEM, now: now.toISOString() } as unknown as CaseEvent);
      if (!fired.ok) continue;
      snapshot = fired.snapshot;
      state = fired.state;
    }
    const actions = allowedActions(snapshot, caller.role, now.toISOString());
    const extended = EXTENDED_DEADLINES[state as TransitionSource];
    if (extended === undefined || !actions.includes('extend')) return actions;
    const ranOut = deadlines.some((d) => d.stage === extended && (d.status === 'breached' || (d.status === 'active' && d.dueAt.getTime() <= now.getTime())));
    return ranOut ? actions.filter((a) => a !== 'extend') : actions;
  }

  /**
   * Runs `action` on a case the caller can already see (the caller of this method locks and scopes the row) and
   * updates the row in place. Returns the audit facts of the step: the caller appends them with `appendAudits` as
   * the transaction's last statements, so the chain's lock is held for the append only.
   */
  async perform(m: EntityManager, c: IpCase, actor: CaseActor, action: string, body: Record<string, unknown>, ctx: CommandContext): Promise<AuditFact[]> {
    if (ctx.ifMatch !== null && ctx.ifMatch !== c.version) {
      throw new AppError('precondition_failed', { expected: ctx.ifMatch, actual: c.version });
    }
    const now = ctx.now ?? this.clock.now();
    const event = { ...body, type: action, actor, now: now.toISOString() } as unknown as CaseEvent;
    const result = transition(c.snapshot as unknown as PersistedCaseSnapshot, event);
    if (!result.ok) {
      if (result.reason === 'forbidden_role') throw new AppError('forbidden_role', { role: actor.role, action });
      if (result.reason === 'invalid_payload') {
        const errors: FieldError[] = (result.errors ?? []).map((e) => ({ field: e.field, code: e.code, ...(e.params ? { params: e.params } : {}) }));
        throw AppError.validation(errors.length ? errors : [{ field: 'body', code: 'invalid' }]);
      }
      throw new AppError('not_allowed_in_state', { state: c.state, action, ...(result.condition ? { because: result.condition } : {}) });
    }
    const calendar = await this.calendars.calendar(m);
    if (action === 'submit' && !c.caseNumber) c.submittedAt = now;
    return this.apply(m, calendar, c, actor, action, body, result, now, ctx.requestId);
  }

  /**
   * Throws `DeadlinesDue` when the case (read and locked by the caller) has a deadline past due and not fired. The
   * queue's due time (`due_at`: the earliest open queue deadline, breached ones included) says when to look, so a
   * case on time costs no query; the respondent's answer period, which `due_at` leaves out, guards itself (the
   * answer link expires with it).
   */
  async checkNoneDue(m: EntityManager, c: IpCase): Promise<void> {
    const now = this.clock.now();
    if (c.dueAt === null || c.dueAt.getTime() > now.getTime()) return;
    const due: unknown[] = await m.query(prepared(DUE_ROW_SQL), [c.id, now]);
    if (due.length) throw new DeadlinesDue(c.id);
  }

  /**
   * Fires the case's deadlines past due now, as the worker would (`fireDeadline`), in one transaction that locks the
   * case row first, the order every command and the worker take. One row at a time, read again after each firing:
   * a firing that moves the case closes or moves its other rows. A row the worker fired meanwhile is not read again.
   */
  async fireDue(ds: DataSource, caseId: string): Promise<number> {
    const now = this.clock.now();
    return ds.transaction(async (m) => {
      const c = await m.getRepository(IpCase).findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      if (!c) return 0;
      let fired = 0;
      for (let i = 0; i < 50; i++) {
        const row = await m.getRepository(CaseDeadline).findOne({
          where: { caseId: c.id, status: 'active', firedAt: IsNull(), dueAt: LessThanOrEqual(now) },
          order: { dueAt: 'ASC', id: 'ASC' },
        });
        if (!row) break;
        if ((await this.fireDeadline(m, c, row, now)) === 'fired') fired++;
      }
      return fired;
    });
  }

  async appendAudits(m: EntityManager, audits: readonly AuditFact[]): Promise<void> {
    for (const fact of audits) await appendAudit(m, fact);
  }

  /**
   * A deadline row reached its due time (the worker): the stage's expiry event. A stale one (the case already left
   * the stage, and the row was still open: a firing that raced the stage change) does nothing to the case; the row
   * is closed as cancelled (a reminder row as met, as before), so it neither shows on the case as a breach nor
   * orders the queue.
   */
  async fireDeadline(m: EntityManager, c: IpCase, row: CaseDeadline, now: Date): Promise<'fired' | 'stale'> {
    const event = { type: 'deadline.expired', stage: row.stage, actor: SYSTEM, now: now.toISOString() } as unknown as CaseEvent;
    const result = transition(c.snapshot as unknown as PersistedCaseSnapshot, event);
    if (!result.ok) {
      await m.update(CaseDeadline, { id: row.id }, { firedAt: now, status: row.onExpiry === 'reminder' ? 'met' : 'cancelled', closedAt: now });
      return 'stale';
    }
    await m.update(CaseDeadline, { id: row.id }, {
      firedAt: now,
      status: row.onExpiry === 'transition' ? 'expired' : row.onExpiry === 'breach' ? 'breached' : 'met',
      ...(row.onExpiry === 'breach' ? {} : { closedAt: now }),
    });
    if (row.onExpiry === 'breach') c.slaBreached = true;
    const calendar = await this.calendars.calendar(m);
    await this.appendAudits(m, await this.apply(m, calendar, c, SYSTEM, 'deadline.expired', { stage: row.stage }, result, now, null));
    return 'fired';
  }

  /**
   * Triage of a submitted, open case again on its respondent's new history (triage-rules.md), in the caller's
   * transaction: locks the case, runs the rule set its submission used with the history as of now and, when the
   * result differs, records it: in screening the full recommendation (`triage.completed`, as a correction does);
   * past screening the route and its periods stay as decided and the flags are revised (`triage.revised`), while the
   * row shows the new recommendation and priority (the queue's order). One audit entry `triage` says why and what
   * changed. Returns false when nothing changed, so running it twice changes nothing twice.
   */
  async retriage(m: EntityManager, caseId: string, cause: { caseId: string; caseNumber: string | null }, now: Date = this.clock.now()): Promise<boolean> {
    const c = await m.getRepository(IpCase).findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!c || c.caseNumber === null || c.submittedAt === null || c.closedAt !== null || isTerminalState(c.state as CaseState) || c.state === 'draft') return false;
    const ruleSet = this.ruleSets.inForceAt(c.submittedAt);
    const recommendation = triage(await gatherTriageInput(m, c, c.submittedAt, ruleSet, undefined, now), ruleSet);
    const before = c.triage;
    if (before !== null && canonicalJson(verdictOf(before)) === canonicalJson(verdictOf(recommendation))) return false;
    const inScreening = c.state === 'screening';
    const event = inScreening ? triageCompleted(c, recommendation, c.submittedAt, ruleSet) : { type: 'triage.revised', flags: recommendation.flags };
    const result = transition(c.snapshot as unknown as PersistedCaseSnapshot, { ...event, actor: SYSTEM, now: now.toISOString() } as CaseEvent);
    if (!result.ok) throw new Error(`${event.type} refused in ${c.state}: ${result.message}`);
    // The one working the case hears of it (the queue shows the new priority to everyone else); the audit entry stays last.
    result.effects.splice(result.effects.length - 1, 0, {
      type: 'notify', template: 'triage_revised', to: 'assignee', data: { recommendedRoute: recommendation.recommendedRoute },
    });
    c.triage = recommendation;
    c.flags = recommendation.flags;
    c.priority = recommendation.priority;
    const body = {
      cause: 'new_history',
      causeCaseId: cause.caseId,
      causeCaseNumber: cause.caseNumber,
      recommendedRoute: recommendation.recommendedRoute,
      flags: recommendation.flags,
      priority: recommendation.priority,
      ruleSetVersion: recommendation.ruleSetVersion,
      previous: before === null ? null : { recommendedRoute: before.recommendedRoute, flags: before.flags, priority: before.priority },
      // Past screening the recommendation informs; the case stays on the route decided.
      routeKept: !inScreening,
    };
    const calendar = await this.calendars.calendar(m);
    await this.appendAudits(m, await this.apply(m, calendar, c, SYSTEM, 'triage', body, result, now, null));
    return true;
  }

  /**
   * A case in a receiving organisation's hands when that organisation leaves (deactivated, or made another kind) goes
   * to the successor the administrator named, in the caller's transaction: the evidence shared with the one leaving
   * is shared with the successor, a new transfer package is made for it (its PDF follows as for any package), its
   * accounts get the transfer notice, and one audit entry `hand_over` records from whom to whom, with the package's
   * digest. The stage and its running deadline stay as they are. Returns the audit facts to append (none when the
   * case is no longer with `from`).
   */
  async handOver(m: EntityManager, caseId: string, from: string, to: string, actor: CaseActor, requestId: string | null, now: Date = this.clock.now()): Promise<AuditFact[]> {
    const c = await m.getRepository(IpCase).findOne({ where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!c || c.transferredTo !== from || !AGENCY_STAGES_SEEN.includes(c.state)) return [];
    const agency = agencyOfStage(c.state);
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [shared]: [{ id: string }[], number] = await m.query(
      `UPDATE evidence SET shared_with = array_append(shared_with, $3::uuid)
        WHERE case_id = $1 AND $2::uuid = ANY(shared_with) AND NOT ($3::uuid = ANY(shared_with)) RETURNING id`,
      [c.id, from, to],
    );
    c.transferredTo = to;
    const result: TransitionAccepted = {
      ok: true,
      snapshot: c.snapshot as unknown as PersistedCaseSnapshot,
      state: c.state as CaseState,
      respondentAnswer: c.respondentAnswer as TransitionAccepted['respondentAnswer'],
      effects: [
        { type: 'make_transfer_package', agency, organizationId: to },
        { type: 'notify', template: 'case_transferred', to: 'agency', data: { agency } },
        { type: 'audit', principles: agency === 'police' ? ['strict', 'broad'] : ['broad'] },
      ],
    };
    const body = { from, to, sharedEvidenceIds: shared.map((e) => e.id).sort() };
    return this.apply(m, await this.calendars.calendar(m), c, actor, 'hand_over', body, result, now, requestId);
  }

  private async apply(
    m: EntityManager,
    calendar: Awaited<ReturnType<CalendarService['calendar']>>,
    c: IpCase,
    actor: CaseActor,
    action: string,
    body: Record<string, unknown>,
    result: TransitionAccepted,
    now: Date,
    requestId: string | null,
  ): Promise<AuditFact[]> {
    const fromState = c.state;
    const audits: AuditFact[] = [];
    const scope: EffectScope = {
      m, calendar, caseRow: c, actor, now, requestId, action, fromState, toState: result.state,
      payload: body, details: detailsOf(action, body, c), audits, notices: [], deadlinesSet: new Map(),
      publicUrl: this.config.publicUrl,
    };
    let effects: Effect[] = result.effects;
    let accepted: TransitionAccepted = result;
    // Evidence to send with a transfer: only a step that makes a package takes it.
    if (!effects.some((e) => e.type === 'make_transfer_package')) {
      if (body.evidenceIds !== undefined) throw AppError.validation([{ field: 'evidenceIds', code: 'not_applicable' }]);
      if (body.agencyId !== undefined) throw AppError.validation([{ field: 'agencyId', code: 'transfer_not_applicable' }]);
    }
    this.adopt(c, accepted);
    await this.handOffAssignee(m, c, fromState, action, body, scope.details);
    await runEffects(scope, effects);

    if (effects.some((e) => e.type === 'run_triage')) {
      // Triage is a recommendation recorded by the system in the same transaction as the submission, by the rule set
      // in force on the submission day among the built-in ones and those loaded from files.
      const submittedAt = c.submittedAt ?? now;
      const ruleSet = this.ruleSets.inForceAt(submittedAt);
      // The respondent's history as of now: a correction re-triaged later sees the closures made meanwhile.
      const input = await gatherTriageInput(m, c, submittedAt, ruleSet, undefined, now);
      const recommendation = triage(input, ruleSet);
      const next = transition(accepted.snapshot, { ...triageCompleted(c, recommendation, submittedAt, ruleSet), actor: SYSTEM, now: now.toISOString() } as CaseEvent);
      if (!next.ok) throw new Error(`triage.completed refused: ${next.message}`);
      c.triage = recommendation;
      c.flags = recommendation.flags;
      c.priority = recommendation.priority;
      accepted = next;
      effects = next.effects;
      this.adopt(c, accepted);
      // The recommendation joins the submission's own audit entry: one entry (one turn of the chain's lock) per
      // command, with the rules' verdict beside what was filed.
      const triageAudits: AuditFact[] = [];
      await runEffects({ ...scope, actor: SYSTEM, action: 'triage', fromState: result.state, toState: next.state, payload: recommendation, audits: triageAudits }, effects);
      const triageDetails = { recommendedRoute: recommendation.recommendedRoute, ruleSetVersion: recommendation.ruleSetVersion, flags: recommendation.flags, priority: recommendation.priority };
      const own = audits[0];
      if (own) {
        own.toState = next.state;
        own.details = { ...own.details, triage: triageDetails };
        own.principles = [...new Set([...own.principles, ...triageAudits.flatMap((a) => a.principles)])];
      } else audits.push(...triageAudits);
    }
    c.version += 1;
    const year = shanghaiYear(c.submittedAt ?? now);
    // One statement saves the row, takes the case number from the year's sequence on submission (nextval never
    // blocks) and recomputes the queue's due time from the deadline rows just written: open ones, breached included
    // (an overdue case is the most urgent, not the last in the queue); stopped clocks do not order the queue.
    // It also returns the open deadlines, as the API shows them, so that the answer needs no query of its own.
    const [saved]: { case_number: string | null; due_at: Date | null; updated_at: Date; open_deadlines: OpenDeadlineRow[] }[] = await m.query(
      `UPDATE ip_case SET
         case_number = CASE WHEN case_number IS NULL AND $2 THEN 'LYG-IP-' || $3 || '-' || lpad(nextval($4::regclass)::text, 6, '0') ELSE case_number END,
         submitted_at = $5, state = $6, respondent_answer = $7, route = $8, competent_agency = $9, outcome = $10,
         closed_at = $11, triage = $12, flags = $13, priority = $14, snapshot = $15, transferred_to = $16,
         sla_breached = $17, version = $18, assignee_id = $20, updated_at = now(),
         due_at = (SELECT min(d.due_at) FROM case_deadline d
                    WHERE d.case_id = $1 AND d.status IN ('active', 'breached') AND d.closed_at IS NULL AND d.stage <> ALL($19))
       WHERE id = $1
       RETURNING case_number, due_at, updated_at,
         (SELECT coalesce(json_agg(json_build_object('stage', d.stage, 'dueDate', d.due_date, 'dueAt', d.due_at, 'clock', d.clock,
                    'provisional', d.provisional, 'status', d.status) ORDER BY d.due_at, d.id), '[]'::json)
            FROM case_deadline d WHERE d.case_id = $1 AND d.status IN ('active', 'paused', 'breached') AND d.closed_at IS NULL) AS open_deadlines`,
      [
        c.id, action === 'submit', String(year), `case_number_${year}`, c.submittedAt, c.state, c.respondentAnswer,
        c.route, c.competentAgency, c.outcome, c.closedAt, c.triage === null ? null : JSON.stringify(c.triage), c.flags,
        c.priority, JSON.stringify(c.snapshot), c.transferredTo, c.slaBreached, c.version, NON_QUEUE_STAGES, c.assigneeId,
      ],
    ).then((r: unknown) => (Array.isArray((r as unknown[])[0]) ? (r as unknown[][])[0] : r) as never);
    // A case closed: its respondent's history changed, so the respondent's other open cases are triaged again by
    // the worker (`HistoryRetriage`), from a row written with the closure (a crash loses neither).
    if (isTerminalState(c.state as CaseState) && !isTerminalState(fromState as CaseState) && c.caseNumber !== null) {
      await m.query(prepared('INSERT INTO triage_rerun (id, cause_case_id) VALUES (gen_random_uuid(), $1)'), [c.id]);
    }
    c.caseNumber = saved.case_number;
    c.dueAt = saved.due_at;
    c.updatedAt = saved.updated_at;
    this.openDeadlines.set(
      c,
      saved.open_deadlines.map((d) => ({ ...d, dueAt: new Date(d.dueAt) }) as CaseDeadline),
    );
    await writeNotices(scope);
    return audits;
  }

  /**
   * Who works the case next. A case that moves into another queue is released into it (the screening examiner does
   * not keep a case accepted into enforcement or mediation; the officer keeps one through the police transfer review
   * it proposed); the audit entry names who was released. `assign_mediator` with a `mediatorId` assigns that mediator,
   * who must be an active mediator (422 otherwise); without one, the case waits in the mediators' queue.
   */
  private async handOffAssignee(m: EntityManager, c: IpCase, fromState: string, action: string, body: Record<string, unknown>, details: Record<string, unknown>): Promise<void> {
    if (c.assigneeId !== null && c.state !== fromState) {
      const [a]: { role: Role }[] = await m.query(prepared('SELECT role FROM user_account WHERE id = $1'), [c.assigneeId]);
      if (!a || !keepsAssignee(a.role, c.state as CaseState)) {
        details.releasedAssigneeId = c.assigneeId;
        c.assigneeId = null;
      }
    }
    if (action === 'assign_mediator' && typeof body.mediatorId === 'string') {
      const id = body.mediatorId.toLowerCase();
      const [u]: { id: string }[] = UUID.test(id)
        ? await m.query(
            "SELECT u.id FROM user_account u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1 AND u.role = 'mediator' AND u.active AND coalesce(o.active, true)",
            [id],
          )
        : [];
      if (!u) throw AppError.validation([{ field: 'mediatorId', code: 'not_a_mediator' }]);
      c.assigneeId = u.id;
      details.mediatorId = u.id;
    } else if (action === 'assign_mediator' && c.assigneeId !== null) {
      // No mediator named: the case waits in the mediators' queue, not with the supervisor who sent it there.
      const [a]: { role: Role }[] = await m.query(prepared('SELECT role FROM user_account WHERE id = $1'), [c.assigneeId]);
      if (a?.role !== 'mediator') {
        details.releasedAssigneeId = c.assigneeId;
        c.assigneeId = null;
      }
    }
  }

  /** Copies what the API shows and queries on out of the snapshot into the case row's columns. */
  private adopt(c: IpCase, r: TransitionAccepted): void {
    const ctx = r.snapshot.context;
    c.snapshot = r.snapshot as unknown as StoredSnapshot;
    c.state = r.state;
    c.respondentAnswer = r.respondentAnswer;
    c.route = ctx.route;
    c.competentAgency = ctx.competentAgency;
    c.outcome = ctx.outcome;
    c.closedAt = isTerminalState(r.state) ? (c.closedAt ?? new Date(ctx.closedAt ?? Date.now())) : null;
    // A case back from an agency (the police declined for good, a transfer proposed again and awaiting approval) is
    // no longer the agency's to see: only the agency stages, and the end they reached, keep the receiver.
    if (!isTerminalState(r.state) && !AGENCY_STAGES_SEEN.includes(r.state)) c.transferredTo = null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The stages in which the receiving organisation works the case (lifecycle.md), and so sees it. */
export const AGENCY_STAGES_SEEN: readonly string[] = [
  'police_transfer_review.awaiting_police_decision',
  'police_transfer_review.declined',
  'customs_referral',
  'court_referral',
];

/** The kind of organisation that works a case in one of `AGENCY_STAGES_SEEN`. */
function agencyOfStage(state: string): TransferAgency {
  if (state.startsWith('police_transfer_review.')) return 'police';
  return state === 'customs_referral' ? 'customs' : 'court';
}

interface OpenDeadlineRow {
  stage: string;
  dueDate: string;
  dueAt: string;
  clock: CaseDeadline['clock'];
  provisional: boolean;
  status: CaseDeadline['status'];
}

/**
 * The statechart's `triage.completed` for a recommendation (less actor and time): what the machine keeps of it, with
 * the route defaults of the rule set, and whether a patent is in dispute.
 */
function triageCompleted(c: IpCase, recommendation: TriageResult, submittedAt: Date, ruleSet: TriageRuleSet): { type: 'triage.completed'; triage: CaseTriage; patentDispute: boolean } {
  return {
    type: 'triage.completed',
    triage: {
      recommendedRoute: recommendation.recommendedRoute,
      competentAgency: recommendation.competentAgency,
      flags: recommendation.flags,
      targetDays: recommendation.targetDays,
      ruleSetVersion: recommendation.ruleSetVersion,
      ...routeDefaults(c.complaint, submittedAt, ruleSet),
    },
    patentDispute: c.complaint.ipRights.some((r) => isPatentType(r.type)),
  };
}

/** What a re-triage compares: the decision and the rules behind it, not the wording of their messages. */
function verdictOf(t: NonNullable<IpCase['triage']>) {
  return {
    route: t.recommendedRoute, agency: t.competentAgency, flags: [...t.flags].sort(), priority: t.priority, targetDays: t.targetDays,
    rules: t.reasons.map((r) => r.ruleId), ruleSetVersion: t.ruleSetVersion,
  };
}

/** Case numbers count per calendar year in Asia/Shanghai (`case_number_<year>` sequences, migration CaseNumberSequences). */
function shanghaiYear(d: Date): number {
  return new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** What the audit entry keeps in clear beside the payload digest: the decision-relevant fields and the words given to the parties. */
function detailsOf(action: string, body: Record<string, unknown>, c?: IpCase): Record<string, unknown> {
  // A re-triage or a hand-over: the system's own record of why and what changed (no free text from anyone).
  if (action === 'triage' || action === 'hand_over') return { action, ...body };
  // The chain starts at filing: the submission records what was filed (its digest) and when the draft began.
  if ((action === 'submit' || action === 'resubmit') && c) {
    return { action, complaintDigest: sha256Hex(canonicalJson(c.complaint)), draftCreatedAt: c.createdAt.toISOString() };
  }
  // The words the parties are given (a decision's or agreement's summary, a correction request's message) are part of
  // the case's record like the reasons: the history shows them to whoever may see the entry.
  const keep = ['route', 'outcome', 'nextRoute', 'overrideReason', 'reason', 'items', 'message', 'summary', 'stage', 'mediatorId'];
  const d: Record<string, unknown> = {};
  for (const k of keep) if (body[k] !== undefined) d[k] = body[k];
  return { action, ...d };
}
