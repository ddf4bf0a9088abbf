import { hashPassword } from '@lyg/auth';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Organization, RegisteredEnterprise, UserAccount } from '@lyg/database';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_REGISTERED_ENTERPRISES, DEMO_USERS } from './demo-accounts';

/**
 * Seeds the demo organisations, accounts and registered-enterprise list, only on an empty database (no
 * organisation yet). Safe when the API and the worker start together: the first one to take the lock seeds.
 */
export async function seedDemoAccounts(ds: DataSource): Promise<boolean> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(727002)');
    if ((await m.count(Organization)) > 0) return false;
    const ids = new Map<string, string>();
    for (const o of DEMO_ORGANIZATIONS) {
      const id = randomUUID();
      ids.set(o.key, id);
      await m.insert(Organization, { id, name: o.name, kind: o.kind, uscc: o.uscc, regionCode: o.regionCode });
    }
    for (const u of DEMO_USERS) {
      await m.insert(UserAccount, {
        id: randomUUID(),
        email: u.email,
        displayName: u.displayName,
        passwordHash: hash,
        role: u.role,
        organizationId: u.org ? ids.get(u.org)! : null,
        language: 'zh-CN',
        active: true,
      });
    }
    for (const r of DEMO_REGISTERED_ENTERPRISES) await m.insert(RegisteredEnterprise, r);
    return true;
  });
}
