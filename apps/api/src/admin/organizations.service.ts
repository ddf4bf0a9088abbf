import { appendAudit, type AuditFact } from '@lyg/audit';
import { AccountStates, announceAccountChange, type Caller } from '@lyg/auth';
import { Organization } from '@lyg/database';
import { AppError, checkUscc, type FieldError, type OrganizationKind, ROLE_ORGANIZATION_KINDS, rolesOfOrganization, type Role } from '@lyg/domain';
import { AGENCY_STAGES_SEEN, WorkflowService } from '@lyg/workflow';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyService, type Outcome } from '../common/idempotency.service';
import { decodeIdCursor, encodeIdCursor, likePattern } from '../common/id-cursor';
import { adminFact, changesOf, uniqueOr422 } from './admin-audit';
import { assertRevision, revisionOf } from './revision';
import type { OrganizationInputDto, OrganizationListQuery, OrganizationUpdateDto } from './organizations.dto';

export interface OrganizationView {
  id: string;
  name: string;
  kind: OrganizationKind;
  uscc: string | null;
  regionCode: string | null;
  /** The roles its accounts may hold (libs/domain ROLE_ORGANIZATION_KINDS). */
  roles: Role[];
  /** False once deactivated: its accounts cannot sign in or use their tokens, and nothing is transferred to it. */
  active: boolean;
  /** Accounts of the organisation, and how many of them are active. */
  users: { total: number; active: number };
  /** Cases transferred or referred to it that it has not finished (a deactivation hands them to a successor). */
  openTransfers: number;
  createdAt: string;
  /** `uscc_check_character`: the USCC fails the GB 32100-2015 check (accepted: early pilot codes do). */
  warnings: FieldError[];
  /** Send it back as `If-Match: "<revision>"` with an edit: a change made meanwhile makes the edit 412. */
  revision: string;
}

type Row = Organization & { usersTotal?: number; usersActive?: number; openTransfers?: number };

/** Administration of the organisations that hold accounts (enterprises, the center, mediation, bureaus, agencies). */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly accounts: AccountStates,
    private readonly workflow: WorkflowService,
  ) {}

  async list(q: OrganizationListQuery): Promise<{ items: OrganizationView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(Organization).createQueryBuilder('o').orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(limit + 1);
    if (q.kind) qb.andWhere('o.kind = :kind', { kind: q.kind });
    if (q.active !== undefined) qb.andWhere('o.active = :active', { active: q.active });
    if (q.q?.trim()) {
      const term = q.q.trim();
      const uscc = checkUscc(term);
      qb.andWhere('(o.name ILIKE :like OR o.uscc = :uscc)', { like: likePattern(term), uscc: uscc.ok ? uscc.value : term });
    }
    if (q.cursor) qb.andWhere('(o.name, o.id) > (SELECT k.name, k.id FROM organization k WHERE k.id = :after)', { after: decodeIdCursor(q.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const counts = await this.userCounts(this.ds.manager, page.map((o) => o.id));
    return {
      items: page.map((o) => view({ ...o, ...counts.get(o.id) })),
      nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
    };
  }

  async create(caller: Caller, dto: OrganizationInputDto, idempotencyKey: string | undefined, requestId: string): Promise<Outcome<OrganizationView>> {
    return this.idempotency.run(caller, idempotencyKey, 'POST /admin/organizations', dto, async (m) => {
      const row = { id: randomUUID(), name: dto.name.trim(), kind: dto.kind, uscc: canonicalUscc(dto.uscc), regionCode: dto.regionCode ?? null };
      await this.refuseTakenUscc(m, row.uscc, null);
      await uniqueOr422('uscc', m.insert(Organization, row));
      const created = await m.findOneByOrFail(Organization, { id: row.id });
      await appendAudit(m, adminFact(caller, 'organization_created', dto, { organizationId: row.id, name: row.name, kind: row.kind, uscc: row.uscc, regionCode: row.regionCode }, requestId));
      return { status: 201, body: view(created) };
    });
  }

  async update(caller: Caller, id: string, dto: OrganizationUpdateDto, requestId: string, ifMatch: string | null = null): Promise<OrganizationView> {
    const updated = await this.ds.transaction(async (m) => {
      const o = await m.getRepository(Organization).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!o) throw new AppError('not_found', { resource: 'organisation' });
      assertRevision(ifMatch, organizationRevision(o));
      const next = {
        name: dto.name === undefined ? o.name : dto.name.trim(),
        kind: dto.kind ?? o.kind,
        uscc: dto.uscc === undefined ? o.uscc : canonicalUscc(dto.uscc),
        regionCode: dto.regionCode === undefined ? o.regionCode : dto.regionCode,
        active: dto.active ?? o.active,
      };
      const changes = changesOf(o, next);
      // An organisation that stops receiving (deactivated, or made another kind) hands the cases it is working to a
      // successor of its kind first: none is left where no one can act on it.
      const leaving = (changes.active !== undefined && !next.active) || changes.kind !== undefined;
      if (dto.successorId !== undefined && !leaving) throw AppError.validation([{ field: 'successorId', code: 'successor_not_applicable' }]);
      const open: { id: string }[] = leaving
        ? await m.query('SELECT id FROM ip_case WHERE transferred_to = $1 AND closed_at IS NULL AND state = ANY($2) ORDER BY id', [id, AGENCY_STAGES_SEEN])
        : [];
      if (open.length && dto.successorId === undefined) {
        throw AppError.validation([{ field: 'successorId', code: 'open_transfers', params: { count: open.length } }]);
      }
      if (dto.successorId !== undefined) await this.checkSuccessor(m, o, dto.successorId);
      if (!Object.keys(changes).length) return o;
      if (changes.kind) {
        // Accounts keep their roles: a kind that no longer fits one of them is refused, naming the roles.
        const misfits: { role: Role }[] = await m.query('SELECT DISTINCT role FROM user_account WHERE organization_id = $1 ORDER BY role', [id]);
        const bad = misfits.map((r) => r.role).filter((r) => !ROLE_ORGANIZATION_KINDS[r].includes(next.kind));
        if (bad.length) throw AppError.validation([{ field: 'kind', code: 'organization_kind_in_use', params: { roles: bad.join(', ') } }]);
      }
      if (changes.uscc) await this.refuseTakenUscc(m, next.uscc, id);
      await uniqueOr422('uscc', m.update(Organization, { id }, next));
      // Deactivation ends every session of its accounts at once (their tokens carry the old version), on every replica.
      if (changes.active && !next.active) await m.query('UPDATE user_account SET token_version = token_version + 1 WHERE organization_id = $1', [id]);
      if (changes.active) await announceAccountChange(m, '*');
      const handed: string[] = [];
      const caseAudits: AuditFact[] = [];
      for (const c of open) {
        const audits = await this.workflow.handOver(m, c.id, id, dto.successorId!, { role: caller.role, userId: caller.userId, organizationId: caller.organizationId }, requestId);
        if (audits.length) handed.push(c.id);
        caseAudits.push(...audits);
      }
      // The chain's lock is taken by the first append: all of them last, so that it is held for the appends alone.
      await this.workflow.appendAudits(m, caseAudits);
      const details = handed.length ? { organizationId: id, changes, successorId: dto.successorId, handedOverCaseIds: handed } : { organizationId: id, changes };
      await appendAudit(m, adminFact(caller, 'organization_updated', dto, details, requestId));
      return m.findOneByOrFail(Organization, { id });
    });
    // This process at once; the others when the announcement made in the transaction arrives.
    if (dto.active !== undefined) this.accounts.forgetAll();
    return view({ ...updated, ...(await this.userCounts(this.ds.manager, [id])).get(id) });
  }

  /** The successor named for a leaving organisation: another active organisation of the kind it has now. */
  private async checkSuccessor(m: EntityManager, leaving: Organization, successorId: string): Promise<void> {
    // Locked against its own deactivation while the cases are handed to it.
    const [s]: { kind: OrganizationKind; active: boolean }[] = await m.query('SELECT kind, active FROM organization WHERE id = $1 FOR SHARE', [successorId]);
    if (!s || successorId === leaving.id || !s.active || s.kind !== leaving.kind) {
      throw AppError.validation([{ field: 'successorId', code: 'successor_invalid', params: { kind: leaving.kind } }]);
    }
  }

  private async refuseTakenUscc(m: EntityManager, uscc: string | null, self: string | null): Promise<void> {
    if (!uscc) return;
    const taken = await m.getRepository(Organization).findOneBy({ uscc });
    if (taken && taken.id !== self) throw AppError.validation([{ field: 'uscc', code: 'already_exists' }]);
  }

  private async userCounts(m: EntityManager, ids: string[]): Promise<Map<string, { usersTotal: number; usersActive: number; openTransfers: number }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; total: number; active: number }[] = await m.query(
      `SELECT organization_id AS id, count(*)::int AS total, count(*) FILTER (WHERE active)::int AS active
         FROM user_account WHERE organization_id = ANY($1::uuid[]) GROUP BY organization_id`,
      [ids],
    );
    const open: { id: string; n: number }[] = await m.query(
      'SELECT transferred_to AS id, count(*)::int AS n FROM ip_case WHERE transferred_to = ANY($1::uuid[]) AND closed_at IS NULL AND state = ANY($2) GROUP BY transferred_to',
      [ids, AGENCY_STAGES_SEEN],
    );
    const openOf = new Map(open.map((r) => [r.id, r.n]));
    return new Map(ids.map((id) => {
      const r = rows.find((x) => x.id === id);
      return [id, { usersTotal: r?.total ?? 0, usersActive: r?.active ?? 0, openTransfers: openOf.get(id) ?? 0 }];
    }));
  }
}

function canonicalUscc(v: string | null | undefined): string | null {
  if (!v) return null;
  const r = checkUscc(v);
  return r.ok ? r.value : v;
}

function view(o: Row): OrganizationView {
  const check = o.uscc ? checkUscc(o.uscc) : null;
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    uscc: o.uscc,
    regionCode: o.regionCode,
    roles: rolesOfOrganization(o.kind),
    active: o.active,
    users: { total: o.usersTotal ?? 0, active: o.usersActive ?? 0 },
    openTransfers: o.openTransfers ?? 0,
    createdAt: o.createdAt.toISOString(),
    warnings: check?.ok && !check.checkCharacterValid ? [{ field: 'uscc', code: 'uscc_check_character' }] : [],
    revision: organizationRevision(o),
  };
}

function organizationRevision(o: Pick<Row, 'name' | 'kind' | 'uscc' | 'regionCode' | 'active'>): string {
  return revisionOf({ name: o.name, kind: o.kind, uscc: o.uscc, regionCode: o.regionCode, active: o.active });
}
