// S2 of quality.md beyond test/auth.e2e-spec.ts (sign-in, wrong password, 429 after failures, no enumeration, bad
// tokens on GET /cases) and test/security/access-matrix.e2e-spec.ts (every broken token on every operation):
// how the password is stored, and that the sign-in throttle cannot be side-stepped or used against the owner.
import { hashPassword, verifyPassword } from '@lyg/auth';
import { ConfigError, loadConfig } from '@lyg/config';
import { UserAccount } from '@lyg/database';
import { randomUUID } from 'node:crypto';
import { problemDefect } from '../support/security-matrix';
import { startTestApp, type TestApp } from '../support/test-app';

const SCRYPT = /^scrypt\$32768\$8\$1\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/;

describe('S2 passwords and sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '900' });
  });
  afterAll(() => t.close());

  /** A user whose password is hashed the way the product stores it, returning the stored row. */
  async function account(password: string) {
    const email = `s2-${randomUUID().slice(0, 12)}@test.example`;
    const id = randomUUID();
    await t.ds.getRepository(UserAccount).insert({ id, email, displayName: 'S2', passwordHash: await hashPassword(password), role: 'examiner', organizationId: null, language: 'en', active: true });
    const [row] = await t.ds.query('SELECT password_hash FROM user_account WHERE id = $1', [id]);
    return { id, email, hash: row.password_hash as string };
  }
  const login = (email: string, password: string, ip = '198.51.100.7') => t.http().post('/api/v1/auth/login').set('x-forwarded-for', ip).send({ email, password });

  it('passwords are stored as scrypt (N = 2^15, r = 8, p = 1) with a 16-byte random salt and a 32-byte key, never in clear', async () => {
    const password = 'correct horse battery staple 2026';
    const a = await account(password);
    const b = await account(password);
    for (const { hash } of [a, b]) {
      expect(hash).toMatch(SCRYPT);
      expect(Buffer.from(SCRYPT.exec(hash)![1], 'base64')).toHaveLength(16);
      expect(Buffer.from(SCRYPT.exec(hash)![2], 'base64')).toHaveLength(32);
      expect(hash).not.toContain(password);
    }
    // A fresh salt each time: the same password never gives the same stored value.
    expect(SCRYPT.exec(a.hash)![1]).not.toBe(SCRYPT.exec(b.hash)![1]);
    expect(await verifyPassword(password, a.hash)).toBe(true);
    expect(await verifyPassword(`${password} `, a.hash)).toBe(false);
    // Unknown or downgraded schemes never verify.
    expect(await verifyPassword(password, a.hash.replace('scrypt$', 'plain$'))).toBe(false);
    expect(await verifyPassword(password, password)).toBe(false);
  });

  it('the API never returns the stored hash', async () => {
    const a = await account('s2-password-2026');
    const res = await login(a.email, 's2-password-2026');
    expect(res.status).toBe(200);
    const me = await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${res.body.accessToken}`);
    for (const body of [res.body, me.body]) {
      expect(JSON.stringify(body)).not.toMatch(/scrypt|passwordHash|password_hash/);
    }
  });

  it('a brute force is stopped with 429 + Retry-After (problem document) however the e-mail is spelled', async () => {
    const a = await account('the-real-password');
    const variants = [a.email, a.email.toUpperCase(), `  ${a.email}  `];
    for (const email of variants) expect((await login(email, 'guess')).status).toBe(401);
    for (const email of variants) {
      const res = await login(email, 'the-real-password');
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(problemDefect(res)).toBeNull();
      expect(res.body.code).toBe('too_many_attempts');
    }
  });

  it('accounts that do not exist are throttled the same way (429 does not tell which accounts exist)', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}@test.example`;
    const real = await account('real-password');
    const statuses = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 5; i++) out.push((await login(email, `guess-${i}`, '198.51.100.9')).status);
      return out;
    };
    expect(await statuses(ghost)).toEqual(await statuses(real.email));
    expect(await statuses(ghost)).toEqual([429, 429, 429, 429, 429]);
  });

  it("an attacker's failures do not lock the owner out from another address", async () => {
    const a = await account('owner-password');
    for (let i = 0; i < 3; i++) await login(a.email, `guess-${i}`, '203.0.113.66');
    expect((await login(a.email, 'owner-password', '203.0.113.66')).status).toBe(429);
    expect((await login(a.email, 'owner-password', '192.0.2.10')).status).toBe(200);
  });

  it('a success clears the failures of that account and address', async () => {
    const a = await account('owner-password');
    for (let i = 0; i < 2; i++) expect((await login(a.email, `guess-${i}`)).status).toBe(401);
    expect((await login(a.email, 'owner-password')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(a.email, `guess-${i}`)).status).toBe(401);
    expect((await login(a.email, 'owner-password')).status).toBe(200);
  });

  it('a deactivated account cannot sign in, even with its password', async () => {
    const a = await account('owner-password');
    await t.ds.query('UPDATE user_account SET active = false WHERE id = $1', [a.id]);
    const res = await login(a.email, 'owner-password', '192.0.2.77');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
  });

  it('production refuses to start without a JWT secret of at least 32 characters', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@localhost/db', S3_ENDPOINT: 'http://localhost:9000', S3_ACCESS_KEY: 'a', S3_SECRET_KEY: 'b', SMTP_URL: 'smtp://localhost:25' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });
});
