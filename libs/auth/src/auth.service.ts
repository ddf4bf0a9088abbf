import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { LoginThrottle, UserAccount } from '@lyg/database';
import { AppError } from '@lyg/domain';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AccessTokenClaims, Caller } from './caller';
import { dummyHash, verifyPassword } from './password';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; role: string; organizationId: string | null; displayName: string; language: string };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(emailInput: string, password: string, clientIp: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    // Keyed by account and address: a brute force on one account is stopped without locking its owner out
    // everywhere. The counter lives in PostgreSQL so every API replica enforces the same limit.
    const key = `${email}|${clientIp}`;
    await this.refuseWhenThrottled(key);
    const user = await this.ds.getRepository(UserAccount).findOne({ where: { email } });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || !user.active) {
      await this.recordFailure(key);
      throw new AppError('invalid_credentials');
    }
    await this.ds.getRepository(LoginThrottle).delete({ key });
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, org: user.organizationId, email: user.email };
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
      },
    };
  }

  async verifyToken(token: string): Promise<Caller> {
    try {
      const c = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      return { userId: c.sub, role: c.role, organizationId: c.org, email: c.email };
    } catch {
      throw new AppError('unauthenticated');
    }
  }

  private async refuseWhenThrottled(key: string): Promise<void> {
    const rows: { retry: number }[] = await this.ds.query(
      `SELECT ceil(extract(epoch FROM window_start + make_interval(secs => $3) - now()))::int AS retry
         FROM login_throttle WHERE key = $1 AND failures >= $2 AND window_start > now() - make_interval(secs => $3)`,
      [key, this.config.loginMaxFailures, this.config.loginWindowSeconds],
    );
    if (rows.length) throw new AppError('too_many_attempts', { retryAfter: Math.max(1, rows[0].retry) });
  }

  private async recordFailure(key: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start <= now() - make_interval(secs => $2) THEN now() ELSE login_throttle.window_start END`,
      [key, this.config.loginWindowSeconds],
    );
  }
}
