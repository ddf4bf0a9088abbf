import { appendAudit } from '@lyg/audit';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { LoginThrottle, UserAccount } from '@lyg/database';
import { AppError, type FieldError } from '@lyg/domain';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AccountStates, announceAccountChange } from './account-states';
import type { AccessTokenClaims, Caller } from './caller';
import { dummyHash, hashPassword, PASSWORD_LENGTH, verifyPassword } from './password';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; role: string; organizationId: string | null; displayName: string; language: string; passwordChangeRequired: boolean };
}

/** `GET /auth/me`: the caller, with its name and its organisation as they are now (the complaint wizard's starting point). */
export interface Profile extends Caller {
  displayName: string;
  language: string;
  organization: { id: string; name: string; kind: string; uscc: string | null; regionCode: string | null } | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly accounts: AccountStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(emailInput: string, password: string, clientIp: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    // Keyed by account and address: a brute force on one account is stopped without locking its owner out
    // everywhere. The counter lives in PostgreSQL so every API replica enforces the same limit.
    const key = `${email}|${clientIp}`;
    // The attempt is counted before the password is checked (`reserveAttempt`), so concurrent guesses cannot all
    // pass a count read before any of them failed; a successful sign-in clears it. The address is counted too,
    // across accounts (a few guesses at each of many accounts: password spraying), with a higher limit for offices
    // behind one address; a successful sign-in takes its own attempt back from that count.
    const address = `address|${clientIp}`;
    await this.reserveAttempt(address, this.config.loginMaxFailuresPerAddress);
    try {
      await this.reserveAttempt(key, this.config.loginMaxFailures);
    } catch (e) {
      await this.giveBack(address);
      throw e;
    }
    const user = await this.ds.getRepository(UserAccount).findOne({ where: { email }, relations: { organization: true } });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    // An account of a deactivated organisation is refused like a wrong password: nothing tells a guesser which.
    if (!user || !ok || !user.active || user.organization?.active === false) throw new AppError('invalid_credentials');
    await this.ds.getRepository(LoginThrottle).delete({ key });
    await this.giveBack(address);
    return this.issue(user);
  }

  /**
   * The caller's account as it is now decides, not only the token's signature: a deactivated account, a changed role
   * or organisation, or a token from before a password reset (an older `ver`) is refused at once. The state is read
   * through AccountStates (one look-up per account every few seconds), so this stays cheap on every request.
   */
  async verifyToken(token: string): Promise<Caller> {
    let c: AccessTokenClaims;
    try {
      c = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new AppError('unauthenticated');
    }
    if (typeof c.sub !== 'string' || !UUID.test(c.sub)) throw new AppError('unauthenticated');
    const a = await this.accounts.get(c.sub);
    if (!a || !a.active || a.role !== c.role || a.organizationId !== (c.org ?? null) || a.tokenVersion !== (c.ver ?? 0)) throw new AppError('unauthenticated');
    const caller: Caller = { userId: c.sub, role: c.role, organizationId: c.org, email: c.email, tokenVersion: c.ver ?? 0, authTime: c.auth ?? c.iat };
    if (a.passwordChangeRequired) caller.passwordChangeRequired = true;
    return caller;
  }

  /**
   * The signed-in user chooses a new password (required after a one-time password from an administrator). Every
   * earlier token of the account stops working; the answer carries a fresh one, like a sign-in. A wrong current
   * password counts as a failed sign-in for the throttle.
   */
  async changePassword(caller: Caller, currentPassword: string, newPassword: string, clientIp: string, requestId: string | null): Promise<LoginResult> {
    const key = `${caller.email}|${clientIp}`;
    await this.reserveAttempt(key, this.config.loginMaxFailures);
    const user = await this.ds.getRepository(UserAccount).findOne({ where: { id: caller.userId }, relations: { organization: true } });
    const current = (u: UserAccount | null): u is UserAccount =>
      u !== null && u.active && u.organization?.active !== false && (caller.tokenVersion === undefined || u.tokenVersion === caller.tokenVersion);
    if (!current(user)) throw new AppError('unauthenticated');
    const errors: FieldError[] = [];
    const rightPassword = await verifyPassword(currentPassword, user.passwordHash);
    if (!rightPassword) errors.push({ field: 'currentPassword', code: 'password_wrong' });
    const length = [...newPassword].length;
    if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) errors.push({ field: 'newPassword', code: 'password_length', params: { ...PASSWORD_LENGTH } });
    else if (newPassword === currentPassword) errors.push({ field: 'newPassword', code: 'password_reused' });
    // The right current password clears the attempt whatever else is wrong: only wrong passwords count.
    if (rightPassword) await this.ds.getRepository(LoginThrottle).delete({ key });
    if (errors.length) throw AppError.validation(errors);
    const passwordHash = await hashPassword(newPassword);
    const updated = await this.ds.transaction(async (m) => {
      // Under the account's lock, the account must be as the check found it: an administrator's reset (or another
      // change) that committed meanwhile ended this session, and its one-time password must stay the one that works.
      const locked = await m.getRepository(UserAccount).findOne({ where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || !locked.active || locked.passwordHash !== user.passwordHash || locked.tokenVersion !== user.tokenVersion) throw new AppError('unauthenticated');
      await m.createQueryBuilder().update(UserAccount).set({ passwordHash, passwordChangeRequired: false, tokenVersion: () => 'token_version + 1' }).where('id = :id', { id: user.id }).execute();
      await appendAudit(m, {
        caseId: null,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'password_changed',
        fromState: null,
        toState: null,
        payload: { userId: user.id },
        details: { userId: user.id, afterOneTimePassword: user.passwordChangeRequired },
        requestId,
        // Like every change to an account (docs/audit.md, "broad").
        principles: ['broad'],
      });
      await announceAccountChange(m, user.id);
      return m.findOneByOrFail(UserAccount, { id: user.id });
    });
    this.accounts.forget(user.id);
    await this.ds.getRepository(LoginThrottle).delete({ key });
    return this.issue(updated);
  }

  /**
   * A fresh token for a session still valid (`POST /auth/refresh`): the account as it is now (the guard has refused a
   * deactivated, changed or reset one), the session's start kept. A session ends SESSION_MAX_SECONDS after the
   * password was given, however active; an idle one when its token expires.
   */
  async refresh(caller: Caller): Promise<LoginResult> {
    const started = caller.authTime ?? 0;
    if (Math.floor(Date.now() / 1000) - started >= this.config.sessionMaxSeconds) throw new AppError('unauthenticated');
    const user = await this.ds.getRepository(UserAccount).findOneBy({ id: caller.userId });
    if (!user || !user.active) throw new AppError('unauthenticated');
    return this.issue(user, started);
  }

  async profile(caller: Caller): Promise<Profile> {
    const user = await this.ds.getRepository(UserAccount).findOne({ where: { id: caller.userId }, relations: { organization: true } });
    if (!user) throw new AppError('unauthenticated');
    const org = user.organization;
    return {
      ...caller,
      displayName: user.displayName,
      language: user.language,
      organization: org ? { id: org.id, name: org.name, kind: org.kind, uscc: org.uscc, regionCode: org.regionCode } : null,
    };
  }

  private async issue(user: UserAccount, authTime = Math.floor(Date.now() / 1000)): Promise<LoginResult> {
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, org: user.organizationId, email: user.email, ver: user.tokenVersion, auth: authTime };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
      user: {
        id: user.id,
        email: user.email,
        role: user.role,
        organizationId: user.organizationId,
        displayName: user.displayName,
        language: user.language,
        passwordChangeRequired: user.passwordChangeRequired,
      },
    };
  }

  /**
   * Counts an attempt on `key` in one atomic statement and refuses it (429) past LOGIN_MAX_FAILURES in the window: the
   * count is taken before the password is checked, so any number of concurrent attempts get at most that many
   * checks. A successful attempt deletes the key; a failed one stays counted. Expired windows of other keys go now
   * and then (at most once a minute), so guessed addresses and IPs are not kept.
   */
  /** Takes one attempt back from `key`'s count (a successful sign-in from a counted address). */
  private async giveBack(key: string): Promise<void> {
    await this.ds.query('UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1', [key]);
  }

  private async reserveAttempt(key: string, max: number): Promise<void> {
    const window = this.config.loginWindowSeconds;
    const rows: { failures: number; retry: number }[] = await this.ds.query(
      `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start <= now() - make_interval(secs => $2) THEN now() ELSE login_throttle.window_start END
       RETURNING failures, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry`,
      [key, window],
    );
    if (Date.now() - this.purgedAt > 60_000) {
      this.purgedAt = Date.now();
      await this.ds.query('DELETE FROM login_throttle WHERE window_start <= now() - make_interval(secs => $1)', [window]);
    }
    if (rows[0].failures > max) {
      // Refused unchecked: it takes its attempt back, so the count is of attempts actually checked and in flight.
      await this.giveBack(key);
      throw new AppError('too_many_attempts', { retryAfter: Math.max(1, rows[0].retry) });
    }
  }

  private purgedAt = 0;
}
