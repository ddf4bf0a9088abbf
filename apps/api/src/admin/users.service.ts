import { appendAudit } from '@lyg/audit';
import { AccountStates, announceAccountChange, type Caller, hashPassword, oneTimePassword } from '@lyg/auth';
import { Organization, UserAccount } from '@lyg/database';
import { AppError, type FieldError, type Language, type OrganizationKind, ROLE_ORGANIZATION_KINDS, type Role, roleFitsOrganization } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { bureauOfVisibleCase, fitsBureauSql } from '../cases/case-scope';
import { QUEUE_ROLES } from '../cases/queue.service';
import { IdempotencyService, type Outcome } from '../common/idempotency.service';
import { decodeIdCursor, encodeIdCursor, likePattern } from '../common/id-cursor';
import { adminFact, changesOf, uniqueOr422 } from './admin-audit';
import { assertRevision, revisionOf } from './revision';
import type { StaffListQuery, UserInputDto, UserListQuery, UserUpdateDto } from './users.dto';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  organization: { id: string; name: string; kind: OrganizationKind } | null;
  language: Language;
  active: boolean;
  /** Signed in with a one-time password not yet replaced (or never signed in since it was issued). */
  passwordChangeRequired: boolean;
  createdAt: string;
  /** Send it back as `If-Match: "<revision>"` with an edit: a change made meanwhile makes the edit 412. */
  revision: string;
}

/** The answer that carries a one-time password: shown once, stored nowhere but as its scrypt hash. */
export interface UserWithPassword {
  user: UserView;
  /** Null when an `Idempotency-Key` replays a creation: the password is not kept; reset it for a new one. */
  oneTimePassword: string | null;
}

/** An eligible assignee as a supervisor picks one: a name, not a raw id. */
export interface StaffMember {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  organization: { id: string; name: string } | null;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type AccountRow = UserAccount & { organization?: Organization };

/**
 * Administration of accounts: list, create, update (deactivate / reactivate, role within the contract's roles and
 * fitting the organisation's kind), reset the password to a one-time password shown once. Every change is one
 * transaction with its audit entry; a change to the account's access (deactivation, e-mail, role, organisation,
 * password) raises its token version, so its current tokens are refused from the next request on.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly accounts: AccountStates,
  ) {}

  async list(q: UserListQuery): Promise<Page<UserView>> {
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(UserAccount).createQueryBuilder('u').leftJoinAndSelect('u.organization', 'o').orderBy('u.email', 'ASC').limit(limit + 1);
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.organizationId) qb.andWhere('u.organization_id = :org', { org: q.organizationId.toLowerCase() });
    if (q.active !== undefined) qb.andWhere('u.active = :active', { active: q.active });
    if (q.q?.trim()) qb.andWhere('(u.email ILIKE :like OR u.display_name ILIKE :like)', { like: likePattern(q.q.trim()) });
    if (q.cursor) qb.andWhere('u.email > (SELECT k.email FROM user_account k WHERE k.id = :after)', { after: decodeIdCursor(q.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { items: page.map(userView), nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null };
  }

  /** Active staff of the queues (the accounts `POST /cases/:id/assign` accepts), by name. */
  async staff(q: StaffListQuery, caller: Caller): Promise<Page<StaffMember>> {
    const limit = q.limit ?? 20;
    const qb = this.ds
      .getRepository(UserAccount)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.organization', 'o')
      .where('u.active AND coalesce(o.active, true) AND u.role IN (:...roles)', { roles: q.role ? [q.role] : QUEUE_ROLES })
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (q.q?.trim()) qb.andWhere('(u.email ILIKE :like OR u.display_name ILIKE :like)', { like: likePattern(q.q.trim()) });
    if (q.id) qb.andWhere('u.id = :id', { id: q.id.toLowerCase() });
    // Those who may be given this case (QueueService.reassign's rule): no officer or head of another bureau.
    if (q.caseId) qb.andWhere(fitsBureauSql(':bureau::text'), { bureau: await bureauOfVisibleCase(this.ds.manager, caller, q.caseId.toLowerCase()) });
    if (q.cursor) qb.andWhere('(u.display_name, u.id) > (SELECT k.display_name, k.id FROM user_account k WHERE k.id = :after)', { after: decodeIdCursor(q.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((u) => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, organization: u.organization ? { id: u.organization.id, name: u.organization.name } : null })),
      nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
    };
  }

  async create(caller: Caller, dto: UserInputDto, idempotencyKey: string | undefined, requestId: string): Promise<Outcome<UserWithPassword>> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    let fresh = false;
    const outcome = await this.idempotency.run(caller, idempotencyKey, 'POST /admin/users', dto, async (m) => {
      const email = dto.email.trim().toLowerCase();
      const organizationId = dto.organizationId?.toLowerCase() ?? null;
      refuseAll([...(await this.emailTaken(m, email, null)), ...(await this.misfit(m, dto.role, organizationId))]);
      const row = {
        id: randomUUID(),
        email,
        displayName: dto.displayName.trim(),
        passwordHash,
        role: dto.role,
        organizationId,
        language: dto.language ?? 'zh-CN',
        active: true,
        tokenVersion: 0,
        passwordChangeRequired: true,
      };
      await uniqueOr422('email', m.insert(UserAccount, row));
      const details = { userId: row.id, email, displayName: row.displayName, role: row.role, organizationId, language: row.language };
      await appendAudit(m, adminFact(caller, 'user_created', dto, details, requestId));
      fresh = true;
      // The stored (replayable) answer never holds the password.
      return { status: 201, body: { user: userView(await this.load(m, row.id)), oneTimePassword: null } };
    });
    return fresh ? { ...outcome, body: { ...outcome.body, oneTimePassword: password } } : outcome;
  }

  async update(caller: Caller, id: string, dto: UserUpdateDto, requestId: string, ifMatch: string | null = null): Promise<UserView> {
    const updated = await this.ds.transaction(async (m) => {
      // Locks in one order: an administrator's account is changed under the lock of all active administrators, taken
      // first (two administrators deactivating each other at once each held the other's row, then deadlocked on the
      // set: the loser was told 409 instead of finding itself signed out).
      const adminsFirst = (await m.query("SELECT 1 FROM user_account WHERE id = $1 AND role = 'admin' AND active", [id])).length > 0;
      const lockedAdmins: { id: string }[] | null = adminsFirst ? await m.query(ADMINS_LOCK_SQL) : null;
      const u = await this.lockedAccount(m, id);
      assertRevision(ifMatch, accountRevision(u));
      const next = {
        email: dto.email === undefined ? u.email : dto.email.trim().toLowerCase(),
        displayName: dto.displayName === undefined ? u.displayName : dto.displayName.trim(),
        role: dto.role ?? u.role,
        organizationId: dto.organizationId === undefined ? u.organizationId : (dto.organizationId?.toLowerCase() ?? null),
        language: dto.language ?? u.language,
        active: dto.active ?? u.active,
      };
      const changes = changesOf(u, next);
      if (!Object.keys(changes).length) return u;
      const errors: FieldError[] = [];
      // An administrator cannot lock themselves out (nor leave the system without one by accident).
      if (id === caller.userId && changes.active) errors.push({ field: 'active', code: 'own_account' });
      if (id === caller.userId && changes.role) errors.push({ field: 'role', code: 'own_account' });
      // Taking an administrator away (deactivated or given another role): the active administrators are locked, in
      // one order, and one must remain besides the caller, who must still be one. Two administrators deactivating each
      // other at once leave one of them, not none.
      if (u.role === 'admin' && u.active && (next.role !== 'admin' || !next.active)) {
        const admins: { id: string }[] = lockedAdmins ?? (await m.query(ADMINS_LOCK_SQL));
        if (!admins.some((a) => a.id === caller.userId)) throw new AppError('unauthenticated');
        if (admins.filter((a) => a.id !== id).length < 1) errors.push({ field: next.active ? 'role' : 'active', code: 'last_admin' });
      }
      if (changes.email) errors.push(...(await this.emailTaken(m, next.email, id)));
      if (changes.role || changes.organizationId) errors.push(...(await this.misfit(m, next.role, next.organizationId)));
      refuseAll(errors);
      const endsSessions = Boolean(changes.email || changes.role || changes.organizationId || (changes.active && !next.active));
      await uniqueOr422(
        'email',
        m
          .createQueryBuilder()
          .update(UserAccount)
          .set({ ...next, ...(endsSessions ? { tokenVersion: () => 'token_version + 1' } : {}) })
          .where('id = :id', { id })
          .execute(),
      );
      await appendAudit(m, adminFact(caller, 'user_updated', dto, { userId: id, changes, sessionsEnded: endsSessions }, requestId));
      await announceAccountChange(m, id);
      return this.load(m, id);
    });
    this.accounts.forget(id);
    return userView(updated);
  }

  /** A new one-time password: the account must choose its own at the next sign-in; its current sessions end. */
  async resetPassword(caller: Caller, id: string, requestId: string): Promise<UserWithPassword> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.ds.transaction(async (m) => {
      const u = await this.lockedAccount(m, id);
      await m.createQueryBuilder().update(UserAccount).set({ passwordHash, passwordChangeRequired: true, tokenVersion: () => 'token_version + 1' }).where('id = :id', { id }).execute();
      // A reset also lifts a sign-in throttle on the account (from any address): its owner is about to use the new password.
      await m.query('DELETE FROM login_throttle WHERE left(key, length($1)) = $1', [`${u.email}|`]);
      await appendAudit(m, adminFact(caller, 'user_password_reset', { userId: id }, { userId: id, email: u.email }, requestId));
      await announceAccountChange(m, id);
      return this.load(m, id);
    });
    this.accounts.forget(id);
    return { user: userView(user), oneTimePassword: password };
  }

  private async lockedAccount(m: EntityManager, id: string): Promise<UserAccount> {
    const u = await m.getRepository(UserAccount).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!u) throw new AppError('not_found', { resource: 'account' });
    return u;
  }

  private load(m: EntityManager, id: string): Promise<AccountRow> {
    return m.getRepository(UserAccount).findOneOrFail({ where: { id }, relations: { organization: true } });
  }

  private async emailTaken(m: EntityManager, email: string, self: string | null): Promise<FieldError[]> {
    const taken = await m.getRepository(UserAccount).findOneBy({ email });
    return taken && taken.id !== self ? [{ field: 'email', code: 'already_exists' }] : [];
  }

  /** The role and the organisation's kind must fit (libs/domain ROLE_ORGANIZATION_KINDS). */
  private async misfit(m: EntityManager, role: Role, organizationId: string | null): Promise<FieldError[]> {
    const kinds = ROLE_ORGANIZATION_KINDS[role];
    if (organizationId === null) return kinds.length ? [{ field: 'organizationId', code: 'required' }] : [];
    if (!kinds.length) return [{ field: 'organizationId', code: 'role_organization_none' }];
    // Read under a share lock: an organisation's kind cannot change under this check (its update takes the row).
    const org = await m.getRepository(Organization).findOne({ where: { id: organizationId }, lock: { mode: 'pessimistic_read' } });
    if (!org) return [{ field: 'organizationId', code: 'invalid' }];
    return roleFitsOrganization(role, org.kind) ? [] : [{ field: 'organizationId', code: 'role_organization', params: { kinds: kinds.join(', ') } }];
  }
}

function refuseAll(errors: FieldError[]): void {
  if (errors.length) throw AppError.validation(errors);
}

function userView(u: AccountRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    organization: u.organization ? { id: u.organization.id, name: u.organization.name, kind: u.organization.kind } : null,
    language: u.language,
    active: u.active,
    passwordChangeRequired: u.passwordChangeRequired,
    createdAt: u.createdAt.toISOString(),
    revision: accountRevision(u),
  };
}

function accountRevision(u: Pick<UserAccount, 'email' | 'displayName' | 'role' | 'organizationId' | 'language' | 'active' | 'passwordChangeRequired' | 'tokenVersion'>): string {
  return revisionOf({
    email: u.email, displayName: u.displayName, role: u.role, organizationId: u.organizationId, language: u.language, active: u.active,
    passwordChangeRequired: u.passwordChangeRequired, tokenVersion: u.tokenVersion,
  });
}

/** The active administrators, locked in one order. */
const ADMINS_LOCK_SQL = "SELECT id FROM user_account WHERE role = 'admin' AND active ORDER BY id FOR UPDATE";
