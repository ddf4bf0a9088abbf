import { appendAudit, auditedTransaction, canonicalJson } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { CaseDeadline, type DeadlineStatus, IpCase, prepared, rowMapper } from '@lyg/database';
import { AppError, FLAGS, OPEN_STATES, ROUTES } from '@lyg/domain';
import { DeadlinesDue, WorkflowService } from '@lyg/workflow';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In, IsNull, type ObjectLiteral } from 'typeorm';
import { IdempotencyService, type Keyed, type Outcome } from '../common/idempotency.service';
import { ComplaintInputDto, ComplaintPatchDto } from '../complaints/complaint-input.dto';
import { normalizeComplaint, partyKeys } from '../complaints/complaint-normalizer';
import { checkActionBody } from './action-body';
import { caseScope, holdsCase, positionalCaseScope } from './case-scope';
import { statesMatching } from './queue-states';
import { caseView, type CaseView } from './case-view';
import type { ListCasesQuery } from './list-cases.query';

/** `GET /cases/stages`: the caller's open cases by state and by flag. */
export interface CaseStages {
  cases: number;
  /** Past a deadline (breached, or due and not yet fired). */
  breached: number;
  stages: { state: string; cases: number; breached: number }[];
  flags: { flag: string; cases: number }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const EDITABLE_STATES = ['draft', 'awaiting_correction'];
/** Deadlines still running (or stopped), and breached ones of the stage the case is still in. */
const OPEN_DEADLINE: DeadlineStatus[] = ['active', 'paused', 'breached'];

@Injectable()
export class CasesService {
  constructor(
    private readonly ds: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly workflow: WorkflowService,
  ) {
    this.toCase = rowMapper(ds, IpCase);
  }

  private readonly toCase: (row: Record<string, unknown>) => IpCase;

  async createDraft(caller: Caller, dto: ComplaintInputDto, idempotencyKey: string | undefined): Promise<Outcome<CaseView>> {
    if (!caller.organizationId) throw new AppError('forbidden_role', { role: caller.role, action: 'create complaint' });
    const { complaint, warnings } = normalizeComplaint(dto);
    return this.idempotency.run(caller, idempotencyKey, 'POST /complaints', dto, async (m) => {
      const respondent = partyKeys(complaint.respondent);
      const row = Object.assign(new IpCase(), {
        id: randomUUID(),
        caseNumber: null,
        organizationId: caller.organizationId!,
        createdBy: caller.userId,
        state: 'draft',
        respondentAnswer: null,
        outcome: null,
        route: null,
        competentAgency: null,
        flags: [],
        priority: 0,
        complaint,
        triage: null,
        warnings,
        snapshot: this.workflow.initialSnapshot(),
        assigneeId: null,
        transferredTo: null,
        respondentKey: respondent.key,
        respondentNameKey: respondent.nameKey,
        complainantName: complaint.complainant.name,
        respondentName: complaint.respondent.name,
        dueAt: null,
        slaBreached: false,
        version: 1,
        submittedAt: null,
        closedAt: null,
      } satisfies Omit<IpCase, 'createdAt' | 'updatedAt' | 'organization' | 'assignee' | 'transferredToOrganization'>);
      // One statement with its parameters (not the query builder's): the times PostgreSQL gave the row come back.
      const [times]: { created_at: Date; updated_at: Date }[] = await m.query(DRAFT_INSERT_SQL, [
        row.id, row.organizationId, row.createdBy, JSON.stringify(row.complaint), JSON.stringify(row.warnings), JSON.stringify(row.snapshot),
        row.respondentKey, row.respondentNameKey, row.complainantName, row.respondentName,
      ]);
      row.createdAt = times.created_at;
      row.updatedAt = times.updated_at;
      // A draft is the filer's private work in progress, seen by no one else: the audit chain starts when it is
      // filed, and the submission's entry records the digest of exactly what was filed (WorkflowService).
      return { status: 201, body: caseView(row, [], this.workflow.allowedActions(row, caller)) };
    }, true);
  }

  async updateComplaint(caller: Caller, id: string, patch: ComplaintPatchDto, ifMatch: number | null, requestId: string): Promise<CaseView> {
    return this.afterDueFired((check) => this.ds.transaction(async (m) => {
      const c = await this.lockVisible(m, caller, id);
      if (check) await this.workflow.checkNoneDue(m, c);
      if (caller.role !== 'enterprise') throw new AppError('forbidden_role', { role: caller.role, action: 'edit' });
      if (!EDITABLE_STATES.includes(c.state)) throw new AppError('not_allowed_in_state', { state: c.state, action: 'edit' });
      if (ifMatch !== null && ifMatch !== c.version) throw new AppError('precondition_failed', { expected: ifMatch, actual: c.version });
      // Sections given replace the stored ones; the merged complaint was validated section by section by the pipe.
      const merged = { ...c.complaint, ...stripUndefined(patch) } as unknown as ComplaintInputDto;
      const { complaint, warnings } = normalizeComplaint(merged);
      const respondent = partyKeys(complaint.respondent);
      const version = c.version + 1;
      await m.update(
        IpCase,
        { id: c.id },
        {
          complaint,
          warnings,
          respondentKey: respondent.key,
          respondentNameKey: respondent.nameKey,
          complainantName: complaint.complainant.name,
          respondentName: complaint.respondent.name,
          version,
        },
      );
      const view = await this.view(m, caller, await m.findOneByOrFail(IpCase, { id: c.id }));
      // Edits of a filed complaint (answering a correction request) are audited; edits of a draft are not yet
      // anyone's business but the filer's (see createDraft).
      if (c.state === 'draft') return view;
      await appendAudit(m, {
        caseId: c.id,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'edit_complaint',
        fromState: c.state,
        toState: c.state,
        payload: patch,
        // The sections whose content changed (a form sends them all; normalised, so spacing alone changes nothing).
        details: { sections: changedSections(c.complaint, complaint, Object.keys(stripUndefined(patch))) },
        requestId,
        principles: ['broad'],
      });
      return view;
    }));
  }

  /** `POST /cases/:id/actions/:action`: one transaction around the workflow step. */
  async act(caller: Caller, id: string, actionName: string, rawBody: unknown, ifMatch: number | null, requestId: string): Promise<CaseView> {
    return (await this.actOnce(caller, id, actionName, rawBody, ifMatch, requestId, undefined)).body;
  }

  /** `act` with an optional `Idempotency-Key`: the answer says whether it is the first one again (`replayed`). */
  async actOnce(caller: Caller, id: string, actionName: string, rawBody: unknown, ifMatch: number | null, requestId: string, idempotencyKey: string | undefined): Promise<Outcome<CaseView>> {
    const { action, body } = checkActionBody(actionName, rawBody);
    const run = (keyed: Keyed<CaseView> | null) =>
      this.afterDueFired((check) =>
        auditedTransaction(this.ds, async (m) => {
          // With a key, its row is the transaction's first write: a retry waits for this one and then replays it.
          if (keyed) await keyed.claim(m);
          const c = await this.lockVisible(m, caller, id);
          // A receiving agency reads a case that came back from it, and acts on none it no longer holds.
          if (!holdsCase(caller, c)) throw new AppError('forbidden_role', { role: caller.role, action });
          if (check) await this.workflow.checkNoneDue(m, c);
          const actor = { role: caller.role, userId: caller.userId, organizationId: caller.organizationId };
          const audits = await this.workflow.perform(m, c, actor, action, body, { ifMatch, requestId });
          const value = await this.view(m, caller, c);
          if (keyed) await keyed.answer(m, { status: 200, body: value });
          return { value, audits };
        }),
      );
    if (idempotencyKey === undefined) return { status: 200, body: await run(null), replayed: false };
    // A retried command (its answer lost on the way) gets the first answer again, not a 409 for a step already taken.
    return this.idempotency.once<CaseView>(caller, idempotencyKey, `POST /cases/${id}/actions/${action}`, { body, ifMatch }, async (keyed) => ({
      status: 200,
      body: await run(keyed),
    }));
  }

  /**
   * A command on a case whose period ran out before the worker fired it acts on the case as the firing leaves it:
   * a correction sent after its 15 days finds the complaint deemed withdrawn (409), a stage left late is recorded
   * as breached. `run(true)` looks (`checkNoneDue`, which throws `DeadlinesDue`); then the deadlines are fired in
   * their own transaction, committed whatever the command's fate, and the command runs again without looking.
   * A stale `If-Match` is then a 412: the case did change.
   */
  private async afterDueFired<T>(run: (check: boolean) => Promise<T>): Promise<T> {
    try {
      return await run(true);
    } catch (e) {
      if (!(e instanceof DeadlinesDue)) throw e;
      await this.workflow.fireDue(this.ds, e.caseId);
    }
    return run(false);
  }

  async get(caller: Caller, id: string): Promise<CaseView> {
    const c = await this.findVisible(this.ds.manager, caller, id);
    return this.view(this.ds.manager, caller, c);
  }

  /**
   * The open cases the caller sees, counted by state, with those past a deadline, and by flag: the live queue by stage
   * (the supervisor's dashboard), exact however many cases there are.
   */
  async stages(caller: Caller): Promise<CaseStages> {
    const { sql, values } = positionalCaseScope(caller, 2, 'list');
    const where = `c.state = ANY($1::text[]) AND ${sql}`;
    const [byState, byFlag]: [{ state: string; cases: number; breached: number }[], { flag: string; cases: number }[]] = await Promise.all([
      this.ds.query(
        `SELECT c.state, count(*)::int AS cases, count(*) FILTER (WHERE c.sla_breached OR c.due_at < now())::int AS breached
           FROM ip_case c WHERE ${where} GROUP BY c.state ORDER BY c.state`,
        [OPEN_STATES, ...values],
      ),
      this.ds.query(`SELECT f.flag, count(*)::int AS cases FROM ip_case c CROSS JOIN LATERAL unnest(c.flags) AS f(flag) WHERE ${where} GROUP BY f.flag ORDER BY f.flag`, [
        OPEN_STATES,
        ...values,
      ]),
    ]);
    return {
      cases: byState.reduce((n, s) => n + s.cases, 0),
      breached: byState.reduce((n, s) => n + s.breached, 0),
      stages: byState,
      flags: byFlag,
    };
  }

  async list(caller: Caller, q: ListCasesQuery): Promise<Page<CaseView>> {
    const scope = caseScope(caller, 'list');
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(IpCase).createQueryBuilder('c').where(scope.sql, scope.params);
    // Every condition but the search term: a search repeats them inside each party's page (`partyPages`).
    const conds = [scope.sql];
    const where = (sql: string, params?: ObjectLiteral) => {
      conds.push(sql);
      qb.andWhere(sql, params);
    };
    const states = q.state ? statesMatching(q.state) : null;
    if (states) where('c.state IN (:...states)', { states });
    if (q.route) where('c.route = :route', { route: q.route });
    if (q.flag) where(':flag = ANY(c.flags)', { flag: q.flag });
    if (q.assignee === 'me') where('c.assignee_id = :me', { me: caller.userId });
    const sort = q.sort ?? (caller.role === 'enterprise' ? 'recent' : 'due');
    const cursor = q.cursor ? decodeCursor(q.cursor, sort) : null;
    if (sort === 'recent') {
      // The row's own creation time, to the microsecond (the cursor's instant is cut to the millisecond, and rows
      // made within the same millisecond would be skipped); the cursor's instant only if that row is gone.
      if (cursor) {
        where('(c.created_at, c.id) < (coalesce((SELECT k.created_at FROM ip_case k WHERE k.id = :cId::uuid), :cAt::timestamptz), :cId::uuid)', {
          cAt: cursor[0],
          cId: cursor[1],
        });
      }
      qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC');
    } else {
      // Queue order (triage-rules.md §5): stage due time, then priority (descending), then submission time.
      if (cursor) {
        where(
          "(coalesce(c.due_at, 'infinity'::timestamptz), -c.priority, coalesce(c.submitted_at, 'infinity'::timestamptz), c.id) > (:c0::timestamptz, :c1::int, :c2::timestamptz, :c3::uuid)",
          { c0: cursor[0], c1: cursor[1], c2: cursor[2], c3: cursor[3] },
        );
      }
      qb.orderBy("coalesce(c.due_at, 'infinity'::timestamptz)", 'ASC')
        .addOrderBy('-c.priority', 'ASC')
        .addOrderBy("coalesce(c.submitted_at, 'infinity'::timestamptz)", 'ASC')
        .addOrderBy('c.id', 'ASC');
    }
    if (q.q) {
      const term = q.q.trim();
      const search = { qNumbers: caseNumbersMeant(term), qLike: `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` };
      // A term naming a few parties reads each party's first page in the list's order from an index: (name, queue
      // order) for the queues, (organisation, name, creation) for an enterprise's own list, so the cost does not
      // grow with the party's number of cases nor the table's; other terms scan as before.
      const names = [...term].length >= 3 ? await this.partyNames(search.qLike) : null;
      if (names) qb.andWhere(`c.id IN (${partyPages(conds, sort)})`, { ...search, qNames: names, qPage: limit + 1 });
      else qb.andWhere('(c.case_number = ANY(:qNumbers) OR c.complainant_name ILIKE :qLike OR c.respondent_name ILIKE :qLike)', search);
    } else if (sort === 'due' && states && states.length > 1) {
      // A stage's several states in queue order: each state's first page is one range of the queue index, so the
      // page costs the same however many cases the stage holds (one range over all of them would need a sort).
      qb.andWhere(`c.id IN (${statePages(conds)})`, { qStates: states, qPage: limit + 1 });
    }
    const rows = await qb.limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor(
            sort === 'recent'
              ? [last.createdAt.toISOString(), last.id]
              : [last.dueAt?.toISOString() ?? 'infinity', -last.priority, last.submittedAt?.toISOString() ?? 'infinity', last.id],
          )
        : null;
    const deadlines = page.length
      ? await this.ds.getRepository(CaseDeadline).find({ where: { caseId: In(page.map((c) => c.id)), status: In(OPEN_DEADLINE), closedAt: IsNull() } })
      : [];
    return {
      items: page.map((c) => {
        const own = deadlines.filter((d) => d.caseId === c.id);
        return caseView(c, own, this.workflow.allowedActions(c, caller, own));
      }),
      nextCursor,
    };
  }

  /** The party names (complainants and respondents) matching `like` (trigram index); null when there are too many. */
  private async partyNames(like: string): Promise<string[] | null> {
    const rows: { name: string }[] = await this.ds.query('SELECT party_names_like($1, $2) AS name', [like, MAX_SEARCH_PARTIES + 1]);
    return rows.length > MAX_SEARCH_PARTIES ? null : rows.map((r) => r.name);
  }

  /** A whole `ip_case` row (`RETURNING *`, `SELECT c.*`) as the entity, without the query builder. */
  entityOf(row: Record<string, unknown>): IpCase {
    return this.toCase(row);
  }

  /** The case if the caller may see it; 404 otherwise (another organisation's case is never 403). */
  async findVisible(m: EntityManager, caller: Caller, id: string): Promise<IpCase> {
    return this.readVisible(m, caller, id, '');
  }

  /** `findVisible`, with the row locked for the rest of the transaction. */
  private async lockVisible(m: EntityManager, caller: Caller, id: string): Promise<IpCase> {
    return this.readVisible(m, caller, id, ' FOR UPDATE');
  }

  /** One statement per role and lock (named once per connection); the row becomes an entity without the query builder. */
  private async readVisible(m: EntityManager, caller: Caller, id: string, lock: '' | ' FOR UPDATE'): Promise<IpCase> {
    // A malformed id names no case: 404, as for any case the caller cannot see (the routes' UuidParam says so first;
    // this keeps other callers from a cast PostgreSQL would refuse).
    if (!UUID.test(id)) throw new AppError('not_found', { resource: 'case' });
    const scope = positionalCaseScope(caller, 2, 'one');
    const rows: Record<string, unknown>[] = await m.query(prepared(`SELECT c.* FROM ip_case c WHERE c.id = $1 AND (${scope.sql})${lock}`), [id, ...scope.values]);
    if (!rows[0]) throw new AppError('not_found', { resource: 'case' });
    return this.entityOf(rows[0]);
  }

  async view(m: EntityManager, caller: Caller, c: IpCase): Promise<CaseView> {
    const deadlines =
      this.workflow.takeOpenDeadlines(c) ??
      (await m.getRepository(CaseDeadline).find({ where: { caseId: c.id, status: In(OPEN_DEADLINE), closedAt: IsNull() }, order: { dueAt: 'ASC', id: 'ASC' } }));
    return caseView(c, deadlines, holdsCase(caller, c) ? this.workflow.allowedActions(c, caller, deadlines) : []);
  }
}

/** A new draft: nothing decided yet, version 1, no case number until it is filed. */
const DRAFT_INSERT_SQL = `INSERT INTO ip_case (id, organization_id, created_by, complaint, warnings, snapshot, respondent_key, respondent_name_key,
    complainant_name, respondent_name, case_number, state, respondent_answer, outcome, route, competent_agency, flags, priority, triage,
    assignee_id, transferred_to, due_at, sla_breached, version, submitted_at, closed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, 'draft', NULL, NULL, NULL, NULL, '{}', 0, NULL, NULL, NULL, NULL, false, 1, NULL, NULL)
  RETURNING created_at, updated_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Case numbers are given from this year on (one sequence a year, migration CaseNumberSequences: 2024–2060). */
const FIRST_NUMBER_YEAR = 2024;
const LAST_NUMBER_YEAR = 2060;

/**
 * The case numbers a search term can mean: the whole number (any case), the year and the serial (`2026-123`,
 * `IP-2026-000123`), or the serial alone (`000123`, `123`: that serial in every year so far). Each is an exact
 * lookup on the number's unique index, so a short term costs a few index probes, not a scan.
 */
export function caseNumbersMeant(term: string, now = new Date()): string[] {
  const t = term.trim().toUpperCase();
  const serial = (digits: string) => digits.padStart(6, '0');
  const full = /^(?:(?:LYG-)?IP-)?(\d{4})-(\d{1,6})$/.exec(t);
  if (full) return [`LYG-IP-${full[1]}-${serial(full[2]!)}`];
  if (/^\d{1,6}$/.test(t) && Number(t) > 0) {
    const last = Math.min(LAST_NUMBER_YEAR, now.getUTCFullYear() + 1);
    const years = Array.from({ length: Math.max(0, last - FIRST_NUMBER_YEAR + 1) }, (_, i) => FIRST_NUMBER_YEAR + i);
    return years.map((y) => `LYG-IP-${y}-${serial(t)}`);
  }
  return [t];
}

/** A search reads at most this many parties' pages (two index ranges each); a term matching more names scans. */
const MAX_SEARCH_PARTIES = 100;
const QUEUE_ORDER_SQL = "coalesce(c.due_at, 'infinity'::timestamptz), -c.priority, coalesce(c.submitted_at, 'infinity'::timestamptz), c.id";
const LIST_ORDER_SQL = { due: QUEUE_ORDER_SQL, recent: 'c.created_at DESC, c.id DESC' };

/**
 * The ids a search can show: for each matching party name, the first `:qPage` of its cases as complainant and as
 * respondent in the list's order (an index range each, with every list condition and the cursor applied), and the
 * case with that number. The outer query sorts these few and takes the page.
 */
function partyPages(conds: string[], sort: 'due' | 'recent'): string {
  const filter = conds.map((sql) => `(${sql})`).join(' AND ');
  const page = (column: string) => `(SELECT c.id FROM ip_case c WHERE c.${column} = n.name AND ${filter} ORDER BY ${LIST_ORDER_SQL[sort]} LIMIT :qPage)`;
  return (
    `SELECT p.id FROM unnest(CAST(:qNames AS text[])) AS n(name) CROSS JOIN LATERAL (${page('complainant_name')} UNION ALL ${page('respondent_name')}) p ` +
    `UNION ALL SELECT c.id FROM ip_case c WHERE c.case_number = ANY(:qNumbers) AND ${filter}`
  );
}

/**
 * The ids a list of several states in queue order can show: each state's first `:qPage` cases (one range of
 * `ip_case_queue_order_idx` each, with every list condition and the cursor applied). The outer query sorts these few.
 */
function statePages(conds: string[]): string {
  const filter = conds.map((sql) => `(${sql})`).join(' AND ');
  return `SELECT p.id FROM unnest(CAST(:qStates AS text[])) AS s(state) CROSS JOIN LATERAL (SELECT c.id FROM ip_case c WHERE c.state = s.state AND ${filter} ORDER BY ${QUEUE_ORDER_SQL} LIMIT :qPage) p`;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

// A cursor is the client's to send back, so anything may come: each position is checked against what the keyset
// query binds it to (a timestamp, an int, a uuid), or PostgreSQL would refuse it with a 500.
const INSTANT = (x: unknown) => x === 'infinity' || (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(x) && !Number.isNaN(Date.parse(x)));
const CURSOR_UUID = (x: unknown) => typeof x === 'string' && UUID.test(x);
const INT = (x: unknown) => Number.isInteger(x) && Math.abs(x as number) <= 2 ** 31 - 1;
const CURSOR_SHAPES = { recent: [INSTANT, CURSOR_UUID], due: [INSTANT, INT, INSTANT, CURSOR_UUID] };

function decodeCursor(cursor: string, sort: 'recent' | 'due'): (string | number)[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const shape = CURSOR_SHAPES[sort];
    if (Array.isArray(v) && v.length === shape.length && shape.every((ok, i) => ok(v[i]))) return v as (string | number)[];
  } catch {
    // fall through
  }
  throw AppError.validation([{ field: 'cursor', code: 'invalid' }]);
}

export const LIST_FILTERS = { routes: ROUTES, flags: FLAGS };

/** Of the sections a patch gave, those whose stored content it changed. */
function changedSections(before: object, after: object, given: string[]): string[] {
  const at = (o: object, k: string) => canonicalJson((o as Record<string, unknown>)[k] ?? null);
  return given.filter((k) => at(before, k) !== at(after, k));
}
