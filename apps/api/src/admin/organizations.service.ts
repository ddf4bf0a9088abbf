import { appendAudit } from '@lyg/audit';
import { AccountStates, announceAccountChange, type Caller } from '@lyg/auth';
import { Organization } from '@lyg/database';
import { AppError, checkUscc, type FieldError, type OrganizationKind, ROLE_ORGANIZATION_KINDS, rolesOfOrganization, type Role } from '@lyg/domain';
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
  createdAt: string;
  /** `uscc_check_character`: the USCC fails the GB 32100-2015 check (accepted: early pilot codes do). */
  warnings: FieldError[];
  /** Send it back as `If-Match: "<revision>"` with an edit: a change made meanwhile makes the edit 412. */
  revision: string;
}

type Row = Organization & { usersTotal?: number; usersActive?: number };

/** Administration of the organisations that hold accounts (enterprises, the center, mediation, bureaus, agencies). */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly accounts: AccountStates,
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
      await appendAudit(m, adminFact(caller, 'organization_updated', dto, { organizationId: id, changes }, requestId));
      return m.findOneByOrFail(Organization, { id });
    });
    // This process at once; the others when the announcement made in the transaction arrives.
    if (dto.active !== undefined) this.accounts.forgetAll();
    return view({ ...updated, ...(await this.userCounts(this.ds.manager, [id])).get(id) });
  }

  private async refuseTakenUscc(m: EntityManager, uscc: string | null, self: string | null): Promise<void> {
    if (!uscc) return;
    const taken = await m.getRepository(Organization).findOneBy({ uscc });
    if (taken && taken.id !== self) throw AppError.validation([{ field: 'uscc', code: 'already_exists' }]);
  }

  private async userCounts(m: EntityManager, ids: string[]): Promise<Map<string, { usersTotal: number; usersActive: number }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; total: number; active: number }[] = await m.query(
      `SELECT organization_id AS id, count(*)::int AS total, count(*) FILTER (WHERE active)::int AS active
         FROM user_account WHERE organization_id = ANY($1::uuid[]) GROUP BY organization_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { usersTotal: r.total, usersActive: r.active }]));
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
    createdAt: o.createdAt.toISOString(),
    warnings: check?.ok && !check.checkCharacterValid ? [{ field: 'uscc', code: 'uscc_check_character' }] : [],
    revision: organizationRevision(o),
  };
}

function organizationRevision(o: Pick<Row, 'name' | 'kind' | 'uscc' | 'regionCode' | 'active'>): string {
  return revisionOf({ name: o.name, kind: o.kind, uscc: o.uscc, regionCode: o.regionCode, active: o.active });
}
