import { type AuditFact, auditedTransaction } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { IpCase } from '@lyg/database';
import { AppError, claimableStates, type Role, workStates } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bureauOfVisibleCase, caseScope, fitsBureauSql, positionalCaseScope } from './case-scope';
import { statesMatching } from './queue-states';
import type { CaseView } from './case-view';
import { CasesService } from './cases.service';

export const QUEUE_ROLES: Role[] = ['examiner', 'supervisor', 'mediator', 'officer'];

/**
 * Queue assignment (lifecycle.md: assignment, not a state change, audited like one). A claim is one conditional
 * UPDATE (`assignee_id IS NULL`), so of any number of concurrent claimers exactly one gets the case.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
  ) {}

  async claim(caller: Caller, id: string, requestId: string): Promise<CaseView> {
    return this.assign(caller, id, caller.userId, 'claim', requestId, 'c.assignee_id IS NULL', claimableStates(caller.role));
  }

  /**
   * "Give me the next case": the first unassigned case of the caller's queue in queue order (due time, priority,
   * submission), locked with SKIP LOCKED so that concurrent claimers each get a different case without waiting.
   */
  async claimNext(caller: Caller, state: string | undefined, requestId: string): Promise<CaseView | null> {
    // Only cases of the caller's queue: by default those in which its role has work to do now, or the stages asked for.
    const claimable: readonly string[] = claimableStates(caller.role);
    const states = state === undefined ? workStates(caller.role) : statesMatching(state).filter((s) => claimable.includes(s));
    if (!states.length) return null;
    const scope = positionalCaseScope(caller, 2, 'list');
    // Picked and taken in one statement, the row coming back whole: the row the subquery locks is the row updated.
    // The ORDER BY is the expressions of the partial index ip_case_unassigned_queue_idx, whose first column is the
    // state: one parameter per state (`c.state = $n` for one), never `= ANY($n)`, which a prepared statement's generic
    // plan cannot match to the index (it walked the claimed rows of the whole queue on every claim: 0.6x the rate).
    const first = 2 + scope.values.length;
    const stateList = states.map((_, i) => `$${first + i}`).join(', ');
    const sql = `UPDATE ip_case u SET assignee_id = $1, version = u.version + 1
      WHERE u.id = (SELECT c.id FROM ip_case c
                     WHERE (${scope.sql}) AND c.assignee_id IS NULL AND c.closed_at IS NULL AND c.submitted_at IS NOT NULL
                       AND c.state IN (${stateList})
                     ORDER BY coalesce(c.due_at, 'infinity'::timestamptz), -c.priority, coalesce(c.submitted_at, 'infinity'::timestamptz), c.id
                     LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING u.*`;
    return auditedTransaction<CaseView | null>(this.ds, async (m) => {
      const [taken]: [Record<string, unknown>[], number] = await m.query(sql, [caller.userId, ...scope.values, ...states]);
      if (!taken.length) return { value: null, audits: [] };
      const c = this.cases.entityOf(taken[0]);
      const view = await this.cases.view(m, caller, c);
      const audit: AuditFact = {
        caseId: c.id,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'claim',
        fromState: c.state,
        toState: c.state,
        payload: { assigneeId: caller.userId },
        details: { assigneeId: caller.userId, next: true },
        requestId,
        principles: ['fast'],
      };
      return { value: view, audits: [audit] };
    });
  }

  async release(caller: Caller, id: string, requestId: string): Promise<CaseView> {
    // The assignee releases their own case; a supervisor may release anyone's.
    const guard = caller.role === 'supervisor' ? 'c.assignee_id IS NOT NULL' : 'c.assignee_id = :me';
    return this.assign(caller, id, null, 'release', requestId, guard);
  }

  async reassign(caller: Caller, id: string, assigneeId: string, requestId: string): Promise<CaseView> {
    // Officers and heads of a bureau work its own cases (a copyright case is not given to the market-regulation bureau).
    const bureau = await bureauOfVisibleCase(this.ds.manager, caller, id);
    const [user]: { role: Role; fits: boolean }[] = await this.ds.query(
      `SELECT u.role, ${fitsBureauSql('$2::text')} AS fits FROM user_account u LEFT JOIN organization o ON o.id = u.organization_id
        WHERE u.id = $1 AND u.active AND coalesce(o.active, true)`,
      [assigneeId, bureau],
    );
    if (!user || !QUEUE_ROLES.includes(user.role)) throw AppError.validation([{ field: 'assigneeId', code: 'invalid' }]);
    if (!user.fits) throw AppError.validation([{ field: 'assigneeId', code: 'assignee_wrong_queue' }]);
    return this.assign(caller, id, assigneeId, 'reassign', requestId, 'true', claimableStates(user.role));
  }

  /**
   * `states`: the stages the new assignee's queue holds (a claim or reassignment of a case in another stage is refused:
   * an examiner does not take an enforcement case, nor is an officer given one in screening); null for a release.
   */
  private async assign(caller: Caller, id: string, assigneeId: string | null, action: string, requestId: string, guard: string, states: readonly string[] | null = null): Promise<CaseView> {
    return auditedTransaction(this.ds, async (m) => {
      const scope = caseScope(caller, 'one');
      const updated = await m
        .createQueryBuilder()
        .update(IpCase)
        .set({ assigneeId, version: () => 'version + 1' })
        .where(`id = :id AND ${guard.replace(/c\./g, '')} AND closed_at IS NULL${states ? ' AND state IN (:...states)' : ''}`, { id, me: caller.userId, states: states?.length ? states : ['-'] })
        .andWhere(`id IN (SELECT c.id FROM ip_case c WHERE c.id = :id AND ${scope.sql})`, scope.params)
        .returning(['id', 'assigneeId'])
        .execute();
      if (!updated.affected) {
        const c = await this.cases.findVisible(m, caller, id);
        if (action === 'claim' && c.assigneeId === caller.userId) return { value: await this.cases.view(m, caller, c), audits: [] }; // already mine
        if (c.closedAt) throw new AppError('not_allowed_in_state', { state: c.state, action });
        if (states && !states.includes(c.state)) {
          if (action === 'reassign') throw AppError.validation([{ field: 'assigneeId', code: 'assignee_wrong_queue' }]);
          throw new AppError('not_allowed_in_state', { state: c.state, action });
        }
        throw new AppError('version_conflict');
      }
      const c = await m.findOneByOrFail(IpCase, { id });
      const view = await this.cases.view(m, caller, c);
      // Last in the transaction: the audit chain's lock is held only for the append and the commit.
      const audit: AuditFact = {
        caseId: id,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action,
        fromState: c.state,
        toState: c.state,
        payload: { assigneeId },
        details: { assigneeId },
        requestId,
        principles: ['fast'],
      };
      return { value: view, audits: [audit] };
    });
  }
}
