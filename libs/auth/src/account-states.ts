import type { Role } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What the guard checks an access token against: the account as it is now. */
export interface AccountState {
  active: boolean;
  role: Role;
  organizationId: string | null;
  tokenVersion: number;
  passwordChangeRequired: boolean;
}

/** How long a looked-up state is trusted: the most another API process lags behind a change made elsewhere. */
export const ACCOUNT_STATE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * The accounts' current access state for the auth guard: one primary-key look-up per account and
 * ACCOUNT_STATE_TTL_MS, not one per request (concurrent requests of one account share the look-up). A change made
 * through this process (administration, password change) is forgotten at once, so its effect is immediate here
 * and within the TTL on other API processes.
 */
@Injectable()
export class AccountStates {
  private readonly entries = new Map<string, { state: Promise<AccountState | null>; until: number }>();

  constructor(private readonly ds: DataSource) {}

  get(userId: string, now = Date.now()): Promise<AccountState | null> {
    const hit = this.entries.get(userId);
    if (hit && hit.until > now) return hit.state;
    if (this.entries.size >= MAX_ENTRIES) this.sweep(now);
    const state = this.load(userId);
    this.entries.set(userId, { state, until: now + ACCOUNT_STATE_TTL_MS });
    // A failed look-up (database down) is not remembered: the next request asks again.
    state.catch(() => this.entries.delete(userId));
    return state;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  /** Forgets every account (a change that reaches many at once, such as an organisation's deactivation). */
  forgetAll(): void {
    this.entries.clear();
  }

  private async load(userId: string): Promise<AccountState | null> {
    const rows: { active: boolean; role: Role; organization_id: string | null; token_version: number; password_change_required: boolean }[] = await this.ds.query(
      `SELECT u.active AND coalesce(o.active, true) AS active, u.role, u.organization_id, u.token_version, u.password_change_required
         FROM user_account u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId],
    );
    const r = rows[0];
    return r ? { active: r.active, role: r.role, organizationId: r.organization_id, tokenVersion: r.token_version, passwordChangeRequired: r.password_change_required } : null;
  }

  private sweep(now: number): void {
    for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}
