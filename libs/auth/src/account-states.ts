import { PgListener } from '@lyg/database';
import type { Role } from '@lyg/domain';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What the guard checks an access token against: the account as it is now. */
export interface AccountState {
  active: boolean;
  role: Role;
  organizationId: string | null;
  tokenVersion: number;
  passwordChangeRequired: boolean;
}

/**
 * How long a looked-up state is trusted. Changes are announced to every API process at commit (`announceAccountChange`,
 * LISTEN account_state), so this is the lag only while a process's listening connection is down.
 */
export const ACCOUNT_STATE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const RELISTEN_MS = 2_000;
export const ACCOUNT_STATE_CHANNEL = 'account_state';

/**
 * Tells every API process to forget an account's state (`'*'`: every account's) when the caller's transaction
 * commits (NOTIFY is transactional: a rolled-back change announces nothing).
 */
export async function announceAccountChange(m: EntityManager, userId: string): Promise<void> {
  await m.query('SELECT pg_notify($1, $2)', [ACCOUNT_STATE_CHANNEL, userId]);
}

/**
 * The accounts' current access state for the auth guard: one primary-key look-up per account and
 * ACCOUNT_STATE_TTL_MS, not one per request (concurrent requests of one account share the look-up). A change
 * (administration, password change) is forgotten at once in the process that made it, and in every other API
 * process when its announcement arrives (a connection of its own listening on `account_state`, opened on the first
 * look-up, so processes that never check tokens do not listen); while that connection is down, within the TTL.
 */
@Injectable()
export class AccountStates implements OnModuleDestroy {
  private readonly entries = new Map<string, { state: Promise<AccountState | null>; until: number }>();
  private readonly logger = new Logger('AccountStates');
  private readonly listener: PgListener | null;

  constructor(private readonly ds: DataSource) {
    const o = ds.options as { url?: string; extra?: { options?: string } };
    this.listener = o.url
      ? new PgListener({
          connectionString: o.url,
          options: o.extra?.options,
          applicationName: 'lyg-api-account-states',
          channel: ACCOUNT_STATE_CHANNEL,
          onNotification: (userId) => {
            if (userId === '*') this.entries.clear();
            else if (userId) this.entries.delete(userId);
          },
          // Announcements may have been missed while not listening: nothing remembered is trusted.
          onListening: () => this.entries.clear(),
          onLost: (e) => {
            this.entries.clear();
            this.logger.warn(`LISTEN ${ACCOUNT_STATE_CHANNEL} lost (${e instanceof Error ? e.message : String(e)}); account changes made elsewhere apply within ${ACCOUNT_STATE_TTL_MS / 1000} s meanwhile`);
          },
          retryMs: RELISTEN_MS,
        })
      : null;
  }

  get(userId: string, now = Date.now()): Promise<AccountState | null> {
    this.listener?.start();
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

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
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
