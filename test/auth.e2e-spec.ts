import { ACCOUNT_STATE_CHANNEL, AccountStates, AuthService, hashPassword } from '@lyg/auth';
import { freePort } from '@lyg/embedded';
import { JwtService } from '@nestjs/jwt';
import { type AddressInfo, createServer } from 'node:net';
import { createOrg, createUser, PASSWORD, randomUscc, startTestApp, type TestApp } from './support/test-app';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());

  it('a user signs in and gets a short-lived bearer token with role and organisation', async () => {
    const org = await createOrg(t.ds, 'enterprise');
    const u = await createUser(t, 'enterprise', org.id);
    const res = await t.http().post('/api/v1/auth/login').send({ email: u.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: u.id, role: 'enterprise', organizationId: org.id } });
    const claims = new JwtService().decode(res.body.accessToken) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(900);
    const me = await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${res.body.accessToken}`);
    expect(me.body).toMatchObject({ userId: u.id, role: 'enterprise' });
  });

  it('GET /auth/me names the account and its organisation as they are now (what a new complaint starts from)', async () => {
    const org = await createOrg(t.ds, 'enterprise', { name: '连云港某某科技有限公司', uscc: randomUscc(), regionCode: '320703' });
    const u = await createUser(t, 'enterprise', org.id);
    const me = await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${u.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      userId: u.id,
      email: u.email,
      displayName: expect.any(String),
      organization: { id: org.id, name: '连云港某某科技有限公司', kind: 'enterprise', uscc: org.uscc, regionCode: '320703' },
    });
    // Renamed by an administrator: the next read says so, the token unchanged.
    await t.ds.query('UPDATE organization SET name = $2 WHERE id = $1', [org.id, '连云港某某新材料有限公司']);
    const again = await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${u.token}`);
    expect(again.body.organization.name).toBe('连云港某某新材料有限公司');
    // Staff of no organisation: none.
    const admin = await createUser(t, 'admin', null);
    expect((await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${admin.token}`)).body).toMatchObject({ role: 'admin', organization: null });
  });

  it('a wrong password is refused with a localized 401 problem document', async () => {
    const u = await createUser(t, 'examiner', null);
    const res = await t.http().post('/api/v1/auth/login').set('accept-language', 'en').send({ email: u.email, password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'invalid_credentials', title: 'Wrong e-mail or password' });
    const zh = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'nope' });
    expect(zh.body.title).toBe('邮箱或密码错误');
  });

  it('repeated failures are rate limited with 429 and Retry-After, even with the right password then', async () => {
    const u = await createUser(t, 'examiner', null);
    for (let i = 0; i < 3; i++) {
      expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'wrong' })).status).toBe(401);
    }
    const res = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('concurrent guesses get no more password checks than the limit: 40 at once, at most 3 answered 401, the rest 429', async () => {
    const u = await createUser(t, 'examiner', null);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => t.http().post('/api/v1/auth/login').send({ email: u.email, password: `guess-${i}` })));
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    expect(count(401)).toBeLessThanOrEqual(3);
    expect(count(401) + count(429)).toBe(40);
    // Even the right password waits out the window now.
    expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD })).status).toBe(429);
  });

  it('a right password clears the count: failures before a successful sign-in do not add up with later ones', async () => {
    const u = await createUser(t, 'examiner', null);
    for (let i = 0; i < 2; i++) expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'wrong' })).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'wrong' })).status).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'wrong' })).status).toBe(429);
  });

  it('password spraying: a few guesses at each of many accounts from one address meet the per-address cap; successful sign-ins do not count', async () => {
    const spray = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '5' });
    try {
      const from = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await spray.http().post('/api/v1/auth/login').set('x-forwarded-for', from).send({ email: `victim-${i}-${Date.now()}@test.example`, password: 'Spring2026!' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      const office = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const u = await createUser(spray, 'examiner', null, 'zh-CN', { login: false });
      for (let i = 0; i < 8; i++) expect((await spray.http().post('/api/v1/auth/login').set('x-forwarded-for', office).send({ email: u.email, password: PASSWORD })).status).toBe(200);
    } finally {
      await spray.close();
    }
  });

  it('expired throttle windows are not kept (no store of guessed addresses)', async () => {
    await t.ds.query("INSERT INTO login_throttle (key, failures, window_start) VALUES ('old-guess@test.example|10.0.0.1', 2, now() - interval '2 days') ON CONFLICT (key) DO UPDATE SET window_start = EXCLUDED.window_start");
    const svc = t.app.get(AuthService) as unknown as { purgedAt: number };
    svc.purgedAt = 0;
    await t.http().post('/api/v1/auth/login').send({ email: 'nobody-else@test.example', password: 'x' });
    expect(await t.ds.query("SELECT 1 FROM login_throttle WHERE key = 'old-guess@test.example|10.0.0.1'")).toEqual([]);
  });

  it('an unknown account fails like a wrong password (no account enumeration)', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@test.example', password: 'x' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
  });

  it.each([
    ['no token', undefined],
    ['garbage', 'Bearer abc.def.ghi'],
    ['alg none', `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"admin","org":null}').toString('base64url')}.`],
    ['wrong key', `Bearer ${new JwtService({ secret: 'another-secret-0123456789abcdef0123456' }).sign({ sub: 'x', role: 'admin', org: null })}`],
    ['expired', `Bearer ${new JwtService({ secret: 'test-jwt-secret-0123456789abcdef0123456789' }).sign({ sub: 'x', role: 'admin', org: null, exp: Math.floor(Date.now() / 1000) - 10 })}`],
  ])('a request with %s is refused with 401', async (_name, header) => {
    const req = t.http().get('/api/v1/cases');
    if (header) req.set('authorization', header);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('a session is renewed while it lasts (POST /auth/refresh): a fresh token, the session\'s start kept; not past SESSION_MAX_SECONDS, nor for a deactivated account', async () => {
    const secret = 'test-jwt-secret-0123456789abcdef0123456789';
    const org = await createOrg(t.ds, 'enterprise');
    const u = await createUser(t, 'enterprise', org.id);
    const signIn = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD });
    const first = new JwtService().decode(signIn.body.accessToken) as { auth: number; exp: number };
    expect(first.auth).toEqual(expect.any(Number));
    await new Promise((r) => setTimeout(r, 1100));
    const renewed = await t.http().post('/api/v1/auth/refresh').set('authorization', `Bearer ${signIn.body.accessToken}`);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: u.id, role: 'enterprise', organizationId: org.id } });
    const second = new JwtService().decode(renewed.body.accessToken) as { auth: number; exp: number };
    expect(second.exp).toBeGreaterThan(first.exp);
    expect(second.auth).toBe(first.auth);
    expect((await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${renewed.body.accessToken}`)).status).toBe(200);
    // A session that began longer ago than SESSION_MAX_SECONDS (12 hours by default) is not renewed: the password again.
    const sign = (auth: number) =>
      new JwtService({ secret }).sign({ sub: u.id, role: 'enterprise', org: org.id, email: u.email, ver: 0, auth }, { expiresIn: 900 });
    const now = Math.floor(Date.now() / 1000);
    const old = await t.http().post('/api/v1/auth/refresh').set('authorization', `Bearer ${sign(now - 43200)}`);
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('unauthenticated');
    expect((await t.http().post('/api/v1/auth/refresh').set('authorization', `Bearer ${sign(now - 43000)}`)).status).toBe(200);
    // Nor without a valid token, nor once the account is deactivated.
    expect((await t.http().post('/api/v1/auth/refresh')).status).toBe(401);
    await t.ds.query('UPDATE user_account SET active = false WHERE id = $1', [u.id]);
    t.app.get(AccountStates).forget(u.id);
    expect((await t.http().post('/api/v1/auth/refresh').set('authorization', `Bearer ${renewed.body.accessToken}`)).status).toBe(401);
  });

  it('a tampered token (role changed) is refused', async () => {
    const u = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise')).id);
    const [h, p, s] = u.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    const res = await t.http().get('/api/v1/cases').set('authorization', `Bearer ${h}.${forged}.${s}`);
    expect(res.status).toBe(401);
  });

  it.each(['/health', '/api/v1/health'])('health at %s is public and reports database, object store and mail', async (path) => {
    const res = await t.http().get(path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, objectStore: { ok: true, bucket: 'evidence' }, mail: { ok: true } });
  });

  it('health names a failing dependency by its error code, never by its text (hosts, accounts), and is degraded without mail', async () => {
    const mailless = await startTestApp({ SMTP_URL: `smtp://mailer:secret@127.0.0.1:${await freePort()}` });
    try {
      const res = await mailless.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'degraded', database: { ok: true }, mail: { ok: false, error: expect.stringMatching(/^(ECONNREFUSED|ESOCKET|ECONNECTION)$/) } });
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|mailer|secret/);
    } finally {
      await mailless.close();
    }
  });

  it('one round of health checks answers every caller of the next two seconds (a public URL cannot make it log in to the mail server per request)', async () => {
    // A "mail server" that counts the connections the checks make and hangs up on each.
    let connections = 0;
    const smtp = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.address() as AddressInfo).port;
    const app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const burst = await Promise.all(Array.from({ length: 10 }, () => app.http().get('/health')));
      expect(burst.map((r) => r.body.status)).toEqual(Array(10).fill('degraded'));
      expect(connections).toBe(1);
      await new Promise((r) => setTimeout(r, 2_100));
      await app.http().get('/health');
      expect(connections).toBe(2);
    } finally {
      await app.close();
      smtp.close();
    }
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/complaints', '/api/v1/cases/{id}', '/api/v1/auth/login', '/health', '/api/v1/health']));
  });

  it('a password change racing an administrator\'s reset loses: the reset\'s one-time password is the one that works', async () => {
    const org = await createOrg(t.ds, 'protection_center');
    const u = await createUser(t, 'examiner', org.id);
    // The reset commits between the change's check of the session and its write: the change's transaction finds the
    // account's row locked (by the "reset" here), waits, and must then see that the account changed under it.
    const reset = t.ds.createQueryRunner();
    await reset.connect();
    await reset.startTransaction();
    try {
      await reset.query('SELECT 1 FROM user_account WHERE id = $1 FOR UPDATE', [u.id]);
      const change = t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${u.token}`).send({ currentPassword: PASSWORD, newPassword: 'the examiner’s own 2026 password' });
      let early: { status: number; body: unknown } | null = null;
      const answer = change.then((r) => (early = r));
      // Wait until the change is queued behind the lock (it checked the session and hashed the new password first).
      const [own] = await reset.query("SELECT transactionid::text AS xid FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'transactionid' AND granted");
      for (let i = 0; ; i++) {
        const [w] = await t.ds.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'transactionid' AND transactionid::text = $1 AND NOT granted", [own.xid]);
        if (w.n > 0) break;
        if (i > 400 || early) throw new Error(`the password change never waited for the account's lock: ${JSON.stringify(early)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      const otp = 'one-time 2026 reset password';
      await reset.query('UPDATE user_account SET password_hash = $2, password_change_required = true, token_version = token_version + 1 WHERE id = $1', [u.id, await hashPassword(otp)]);
      await reset.query('SELECT pg_notify($1, $2)', [ACCOUNT_STATE_CHANNEL, u.id]);
      await reset.commitTransaction();
      // As the reset's own process does (others hear the announcement).
      t.app.get(AccountStates).forget(u.id);
      const res = await answer;
      expect(res.status).toBe(401);
      // The reset's password signs in (to choose a new one); the change's does not, and the old session is over.
      const withOtp = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: otp });
      expect(withOtp.status).toBe(200);
      expect(withOtp.body.user.passwordChangeRequired).toBe(true);
      expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: 'the examiner’s own 2026 password' })).status).toBe(401);
      expect((await t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${u.token}`)).status).toBe(401);
      expect(await t.ds.query("SELECT 1 FROM audit_entry WHERE action = 'password_changed' AND details::jsonb->>'userId' = $1", [u.id])).toEqual([]);
    } finally {
      if (reset.isTransactionActive) await reset.rollbackTransaction();
      await reset.release();
    }
  });

  it('the OpenAPI document types what the validators take: nullable strings and integers, dates, Nice classes; X-Request-Id optional', async () => {
    const { body: doc } = await t.http().get('/api/docs-json');
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, Record<string, unknown>> }>;
    // No property is left an untyped `object` (what `string | null` and `number | null` came out as).
    const untyped = Object.entries(schemas).flatMap(([name, s]) =>
      Object.entries(s.properties ?? {}).flatMap(([prop, p]) => (p.type === 'object' && !p.properties ? [`${name}.${prop}`] : [])),
    );
    expect(untyped).toEqual([]);
    const { ComplainantDto, RespondentDto, IpRightDto, InfringementDto, HolidayRangeDto, CalendarYearDto } = schemas;
    expect(ComplainantDto.properties.uscc).toMatchObject({ type: 'string', nullable: true });
    expect(RespondentDto.properties.onlineStoreUrl).toMatchObject({ type: 'string', nullable: true });
    expect(IpRightDto.properties.number).toMatchObject({ type: 'string', nullable: true });
    expect(IpRightDto.properties.validUntil).toMatchObject({ type: 'string', format: 'date', nullable: true });
    expect(IpRightDto.properties.niceClasses).toMatchObject({ type: 'array', nullable: true, items: { type: 'integer', minimum: 1, maximum: 45 } });
    expect(InfringementDto.properties.firstKnownAt).toMatchObject({ type: 'string', format: 'date' });
    for (const amount of ['estimatedTurnoverCny', 'estimatedGainsCny', 'estimatedLossCny']) {
      expect(InfringementDto.properties[amount]).toMatchObject({ type: 'integer', minimum: 0, nullable: true });
    }
    expect(HolidayRangeDto.properties.from).toMatchObject({ type: 'string', format: 'date' });
    expect(CalendarYearDto.properties.workdays).toMatchObject({ type: 'array', items: { type: 'string', format: 'date' } });
    const parameters = Object.values(doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>>)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => op.parameters ?? []);
    const requestIds = parameters.filter((p) => p.in === 'header' && p.name.toLowerCase() === 'x-request-id');
    expect(requestIds.length).toBeGreaterThan(0);
    expect(requestIds.filter((p) => p.required)).toEqual([]);
    const history = doc.paths['/api/v1/cases/{id}/history'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(history.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
  });
});
