import type { Role } from '@lyg/domain';
import { createOrg, createUser, PASSWORD, randomUscc, startTestApp, type TestApp, type TestOrg, type TestUser } from './support/test-app';
import { actor, cast } from './support/workflow';

interface AuditRow {
  action: string;
  actor_id: string;
  details: Record<string, unknown>;
}

describe('administration of organisations and accounts', () => {
  let t: TestApp;
  let admin: TestUser;
  let center: TestOrg;
  let enterpriseOrg: TestOrg;
  let supervisor: TestUser;
  const bearer = (u: { token: string }) => ({ authorization: `Bearer ${u.token}` });
  const audits = (action: string, key: string, value: string): Promise<AuditRow[]> =>
    t.ds.query('SELECT action, actor_id, details::jsonb AS details FROM audit_entry WHERE case_id IS NULL AND action = $1 AND details::jsonb->>$2 = $3 ORDER BY seq', [action, key, value]);
  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });
  const me = (token: string) => t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);
  const createAccount = (body: object, lang = 'zh-CN') => t.http().post('/api/v1/admin/users').set(bearer(admin)).set('accept-language', lang).send(body);
  const patchAccount = (id: string, body: object) => t.http().patch(`/api/v1/admin/users/${id}`).set(bearer(admin)).send(body);
  const email = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 10)}@accounts.example`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin', null);
    center = await createOrg(t.ds, 'protection_center');
    enterpriseOrg = await createOrg(t.ds, 'enterprise', { uscc: randomUscc() });
    supervisor = await createUser(t, 'supervisor', center.id);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('only an administrator may call them: every other role gets 403', async () => {
    const someone = await createUser(t, 'examiner', center.id);
    const callers: TestUser[] = [supervisor, someone, await createUser(t, 'enterprise', enterpriseOrg.id), await createUser(t, 'police', (await createOrg(t.ds, 'police')).id)];
    for (const u of callers) {
      const calls: [string, Promise<{ status: number; body: { code?: string } }>][] = [
        ['GET users', t.http().get('/api/v1/admin/users').set(bearer(u)).then()],
        ['POST users', t.http().post('/api/v1/admin/users').set(bearer(u)).send({ email: email('x'), displayName: 'x', role: 'admin' }).then()],
        ['PATCH user', t.http().patch(`/api/v1/admin/users/${someone.id}`).set(bearer(u)).send({ active: false }).then()],
        ['reset password', t.http().post(`/api/v1/admin/users/${someone.id}/reset-password`).set(bearer(u)).then()],
        ['GET organisations', t.http().get('/api/v1/admin/organizations').set(bearer(u)).then()],
        ['POST organisations', t.http().post('/api/v1/admin/organizations').set(bearer(u)).send({ name: '某机构', kind: 'court' }).then()],
        ['PATCH organisation', t.http().patch(`/api/v1/admin/organizations/${center.id}`).set(bearer(u)).send({ name: '改名' }).then()],
      ];
      for (const [what, call] of calls) {
        const res = await call;
        expect({ role: u.role, what, status: res.status, code: res.body.code }).toEqual({ role: u.role, what, status: 403, code: 'forbidden_role' });
      }
    }
    expect((await me(someone.token)).status).toBe(200);
  });

  describe('organisations', () => {
    it('an organisation is created with its USCC checked by the domain validator and canonical, audited, and listed', async () => {
      const uscc = randomUscc();
      const res = await t.http().post('/api/v1/admin/organizations').set(bearer(admin)).send({ name: ' 连云港某科技有限公司 ', kind: 'enterprise', uscc: uscc.toLowerCase(), regionCode: '320706' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '连云港某科技有限公司', kind: 'enterprise', uscc, regionCode: '320706', roles: ['enterprise'], users: { total: 0, active: 0 }, warnings: [] });
      const [entry] = await audits('organization_created', 'organizationId', res.body.id);
      expect(entry).toMatchObject({ actor_id: admin.id, details: { name: '连云港某科技有限公司', kind: 'enterprise', uscc } });

      const listed = await t.http().get(`/api/v1/admin/organizations?q=${uscc}`).set(bearer(admin));
      expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
      // The same USCC again is refused on the field.
      const again = await t.http().post('/api/v1/admin/organizations').set(bearer(admin)).send({ name: '重复', kind: 'enterprise', uscc });
      expect(again.status).toBe(422);
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'uscc', code: 'already_exists' })]);
    });

    it('an early pilot USCC (failing check character) is accepted with a warning', async () => {
      const valid = randomUscc();
      const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      const wrong = valid.slice(0, 17) + alphabet[(alphabet.indexOf(valid[17]) + 1) % 31];
      const res = await t.http().post('/api/v1/admin/organizations').set(bearer(admin)).send({ name: '试点期企业', kind: 'enterprise', uscc: wrong });
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual([{ field: 'uscc', code: 'uscc_check_character' }]);
    });

    it('bad and unknown fields are 422 naming every field, in the caller’s language; nothing is written', async () => {
      const before = await t.ds.query('SELECT count(*)::int AS n FROM organization');
      const res = await t
        .http()
        .post('/api/v1/admin/organizations')
        .set(bearer(admin))
        .set('accept-language', 'en')
        .send({ kind: 'ministry', uscc: '9132070', regionCode: '32', createdAt: '2020-01-01' });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const byField = Object.fromEntries(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
      expect(byField).toEqual({ name: 'required', kind: 'enum', uscc: 'uscc_length', regionCode: 'region_code', createdAt: 'unknown_field' });
      expect(res.body.errors.find((e: { field: string }) => e.field === 'uscc').message).toBe('a unified social credit code has 18 characters');
      expect(await t.ds.query('SELECT count(*)::int AS n FROM organization')).toEqual(before);
    });

    it('the same Idempotency-Key replays the creation instead of making a second organisation', async () => {
      const key = `org-${Math.random()}`;
      const body = { name: `连云港市版权局-${Math.random().toString(36).slice(2, 8)}`, kind: 'copyright_bureau' };
      const first = await t.http().post('/api/v1/admin/organizations').set(bearer(admin)).set('idempotency-key', key).send(body);
      const second = await t.http().post('/api/v1/admin/organizations').set(bearer(admin)).set('idempotency-key', key).send(body);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body.id).toBe(first.body.id);
      expect(await t.ds.query('SELECT count(*)::int AS n FROM organization WHERE name = $1', [body.name])).toEqual([{ n: 1 }]);
    });

    it('the kind of an organisation changes only while its accounts still fit it; each change is audited', async () => {
      const bureau = await createOrg(t.ds, 'market_regulation');
      await createUser(t, 'officer', bureau.id, 'zh-CN', { login: false });
      const refused = await t.http().patch(`/api/v1/admin/organizations/${bureau.id}`).set(bearer(admin)).send({ kind: 'court' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'kind', code: 'organization_kind_in_use' })]);
      expect(refused.body.errors[0].message).toContain('officer');
      const ok = await t.http().patch(`/api/v1/admin/organizations/${bureau.id}`).set(bearer(admin)).send({ kind: 'copyright_bureau', name: '连云港市版权局' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ kind: 'copyright_bureau', name: '连云港市版权局', users: { total: 1, active: 1 } });
      const [entry] = await audits('organization_updated', 'organizationId', bureau.id);
      expect(entry.details.changes).toEqual({ kind: { from: 'market_regulation', to: 'copyright_bureau' }, name: { from: bureau.name, to: '连云港市版权局' } });
      expect((await t.http().patch(`/api/v1/admin/organizations/${bureau.id}`).set(bearer(admin)).send({ id: bureau.id })).status).toBe(422);
    });

    it('a deactivated organisation: none of its accounts signs in or keeps its session, its staff are no assignees; reactivated, they sign in again', async () => {
      const bureau = await createOrg(t.ds, 'market_regulation');
      const officer = await createUser(t, 'officer', bureau.id);
      const other = await createUser(t, 'officer', (await createOrg(t.ds, 'market_regulation')).id);
      const staffNamed = async (u: TestUser) => (await t.http().get(`/api/v1/staff?q=${encodeURIComponent(u.email)}`).set(bearer(supervisor))).body.items as { id: string }[];
      expect((await t.http().get('/api/v1/cases').set(bearer(officer))).status).toBe(200);
      expect(await staffNamed(officer)).toHaveLength(1);

      const off = await t.http().patch(`/api/v1/admin/organizations/${bureau.id}`).set(bearer(admin)).send({ active: false });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ id: bureau.id, active: false, users: { total: 1, active: 1 } });
      // At once, on the token issued before; and no new sign-in (told apart from a wrong password by nothing).
      const refused = await t.http().get('/api/v1/cases').set(bearer(officer));
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('unauthenticated');
      const denied = await login(officer.email, PASSWORD);
      expect(denied.status).toBe(401);
      expect(denied.body.code).toBe('invalid_credentials');
      expect(await staffNamed(officer)).toEqual([]);
      // Other organisations' accounts are untouched.
      expect((await t.http().get('/api/v1/cases').set(bearer(other))).status).toBe(200);
      const [entry] = await audits('organization_updated', 'organizationId', bureau.id);
      expect(entry).toMatchObject({ actor_id: admin.id, details: { changes: { active: { from: true, to: false } } } });
      const listed = await t.http().get(`/api/v1/admin/organizations?active=false&q=${encodeURIComponent(bureau.name)}`).set(bearer(admin));
      expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([bureau.id]);
      expect((await t.http().get('/api/v1/admin/organizations?active=maybe').set(bearer(admin))).status).toBe(422);

      const on = await t.http().patch(`/api/v1/admin/organizations/${bureau.id}`).set(bearer(admin)).send({ active: true });
      expect(on.body.active).toBe(true);
      const back = await login(officer.email, PASSWORD);
      expect(back.status).toBe(200);
      expect((await me(back.body.accessToken)).status).toBe(200);
      expect(await staffNamed(officer)).toHaveLength(1);
      // A token from before the deactivation stays dead.
      expect((await me(officer.token)).status).toBe(401);
    });

    it('lists page with a cursor and filter by kind', async () => {
      for (let i = 0; i < 3; i++) await createOrg(t.ds, 'procuratorate', { name: `检察院-${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { items: { id: string; kind: string }[]; nextCursor: string | null } } = await t
          .http()
          .get(`/api/v1/admin/organizations?kind=procuratorate&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(admin));
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        for (const o of res.body.items) expect(o.kind).toBe('procuratorate');
        seen.push(...res.body.items.map((o) => o.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      expect((await t.http().get('/api/v1/admin/organizations?cursor=bm9wZQ').set(bearer(admin))).status).toBe(422);
      expect((await t.http().get('/api/v1/admin/organizations?limit=101').set(bearer(admin))).status).toBe(422);
    });
  });

  describe('accounts', () => {
    it('an account is created with a one-time password shown once; it signs in, must choose its own, then works', async () => {
      const address = email('examiner');
      const res = await createAccount({ email: address.toUpperCase(), displayName: '新审查员', role: 'examiner', organizationId: center.id });
      expect(res.status).toBe(201);
      const otp: string = res.body.oneTimePassword;
      expect(otp).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
      expect(res.body.user).toMatchObject({ email: address, displayName: '新审查员', role: 'examiner', organizationId: center.id, organization: { id: center.id, kind: 'protection_center' }, active: true, passwordChangeRequired: true });
      expect(JSON.stringify(res.body.user)).not.toMatch(/password_hash|passwordHash|scrypt/);

      // Audited without the password or its hash.
      const [entry] = await audits('user_created', 'userId', res.body.user.id);
      expect(entry).toMatchObject({ actor_id: admin.id, details: { email: address, role: 'examiner', organizationId: center.id } });
      const everything = JSON.stringify(await t.ds.query('SELECT details::jsonb AS details, payload_digest FROM audit_entry WHERE case_id IS NULL'));
      expect(everything).not.toContain(otp);
      expect(everything).not.toContain('scrypt$');

      // The one-time password opens only the password change.
      const signedIn = await login(address, otp);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.passwordChangeRequired).toBe(true);
      const token: string = signedIn.body.accessToken;
      expect((await me(token)).status).toBe(200);
      const blocked = await t.http().get('/api/v1/cases').set('authorization', `Bearer ${token}`);
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('password_change_required');

      const short = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${token}`).send({ currentPassword: otp, newPassword: 'short' });
      expect(short.status).toBe(422);
      expect(short.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'password_length' })]);
      const wrong = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${token}`).send({ currentPassword: 'not-it', newPassword: 'a long new password 2026' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'password_wrong' })]);

      const changed = await t.http().post('/api/v1/auth/password').set('authorization', `Bearer ${token}`).send({ currentPassword: otp, newPassword: 'a long new password 2026' });
      expect(changed.status).toBe(200);
      expect(changed.body.user.passwordChangeRequired).toBe(false);
      // The token of the one-time password is spent; the new one works everywhere.
      expect((await me(token)).status).toBe(401);
      expect((await t.http().get('/api/v1/cases').set('authorization', `Bearer ${changed.body.accessToken}`)).status).toBe(200);
      expect((await login(address, otp)).status).toBe(401);
      expect((await login(address, 'a long new password 2026')).status).toBe(200);
      expect(await audits('password_changed', 'userId', res.body.user.id)).toHaveLength(1);
    });

    it('the role must fit the organisation’s kind; admins belong to none; bad and unknown fields are 422 by name', async () => {
      const cases: [object, Record<string, string>][] = [
        [{ email: email('a'), displayName: 'x', role: 'examiner', organizationId: enterpriseOrg.id }, { organizationId: 'role_organization' }],
        [{ email: email('b'), displayName: 'x', role: 'enterprise' }, { organizationId: 'required' }],
        [{ email: email('c'), displayName: 'x', role: 'admin', organizationId: center.id }, { organizationId: 'role_organization_none' }],
        [{ email: email('d'), displayName: 'x', role: 'police', organizationId: '00000000-0000-4000-8000-000000000000' }, { organizationId: 'invalid' }],
        [{ email: 'not-an-address', displayName: '', role: 'superuser', password: 'x', active: true }, { email: 'email', displayName: 'length', role: 'enum', password: 'unknown_field', active: 'unknown_field' }],
        [{ email: admin.email, displayName: 'dup', role: 'admin' }, { email: 'already_exists' }],
      ];
      for (const [body, expected] of cases) {
        const res = await createAccount(body, 'en');
        expect(res.status).toBe(422);
        expect(Object.fromEntries(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]))).toEqual(expected);
        for (const e of res.body.errors) expect(e.message).toMatch(/\w/);
      }
      const fit = await createAccount({ email: email('officer'), displayName: '执法员', role: 'officer', organizationId: (await createOrg(t.ds, 'agriculture_bureau')).id });
      expect(fit.status).toBe(201);
      const sysadmin = await createAccount({ email: email('admin'), displayName: '管理员', role: 'admin', organizationId: null, language: 'en' });
      expect(sysadmin.status).toBe(201);
      expect(sysadmin.body.user).toMatchObject({ organizationId: null, organization: null, language: 'en' });
    });

    it('a 404 or 403 reads in the caller’s language throughout, naming what was not found', async () => {
      const unknown = await t.http().patch('/api/v1/admin/users/00000000-0000-4000-8000-000000000000').set(bearer(admin)).send({ displayName: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe('未找到该账号。');
      const malformed = await t.http().patch('/api/v1/admin/organizations/not-a-uuid').set(bearer(admin)).set('accept-language', 'en').send({ name: 'x' });
      expect(malformed.status).toBe(404);
      expect(malformed.body.detail).toBe('The organisation was not found.');
      const examiner = await createUser(t, 'examiner', center.id);
      const forbidden = await t.http().get('/api/v1/admin/users').set(bearer(examiner));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.detail).toContain('审查员');
      expect(forbidden.body.detail).not.toContain('examiner');
    });

    it('an edit from a stale form is 412 (If-Match: the revision it was loaded with), not a silent overwrite', async () => {
      const u = await createUser(t, 'supervisor', center.id);
      const loaded = (await t.http().get(`/api/v1/admin/users?q=${encodeURIComponent(u.email)}`).set(bearer(admin))).body.items[0];
      expect(loaded.revision).toMatch(/^[\w-]{16}$/);
      const promoted = await patchAccount(u.id, { displayName: '新名字' }).set('if-match', `"${loaded.revision}"`);
      expect(promoted.status).toBe(200);
      expect(promoted.body.revision).not.toBe(loaded.revision);
      const stale = await t.http().patch(`/api/v1/admin/users/${u.id}`).set(bearer(admin)).set('if-match', `"${loaded.revision}"`).send({ language: 'en' });
      expect(stale.status).toBe(412);
      expect(stale.body.code).toBe('precondition_failed');
      expect((await t.ds.query('SELECT display_name, language FROM user_account WHERE id = $1', [u.id]))[0]).toEqual({ display_name: '新名字', language: 'zh-CN' });
      const org = (await t.http().get(`/api/v1/admin/organizations?q=${encodeURIComponent(center.name)}`).set(bearer(admin))).body.items.find((o: { id: string }) => o.id === center.id);
      expect((await t.http().patch(`/api/v1/admin/organizations/${center.id}`).set(bearer(admin)).set('if-match', '"stale-revision00"').send({ regionCode: '320706' })).status).toBe(412);
      const fresh = await t.http().patch(`/api/v1/admin/organizations/${center.id}`).set(bearer(admin)).set('if-match', `"${org.revision}"`).send({ name: center.name });
      expect(fresh.status).toBe(200);
    });

    it('two administrators deactivating each other at once: one wins, the other is signed out, never both gone', async () => {
      const [a, b] = [await createUser(t, 'admin', null), await createUser(t, 'admin', null)];
      const answers = await Promise.all([
        t.http().patch(`/api/v1/admin/users/${b.id}`).set(bearer(a)).send({ active: false }),
        t.http().patch(`/api/v1/admin/users/${a.id}`).set(bearer(b)).send({ active: false }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM user_account WHERE id = ANY($1) AND active', [[a.id, b.id]]);
      expect(n).toBe(1);
    });

    it('a deactivated account can neither sign in nor use a token it already holds; reactivated, it signs in again', async () => {
      const u = await createUser(t, 'examiner', center.id);
      expect((await t.http().get('/api/v1/cases').set(bearer(u))).status).toBe(200);
      const off = await patchAccount(u.id, { active: false });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      // At once, on the token issued before.
      const refused = await t.http().get('/api/v1/cases').set(bearer(u));
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('unauthenticated');
      const denied = await login(u.email, PASSWORD);
      expect(denied.status).toBe(401);
      expect(denied.body.code).toBe('invalid_credentials');
      const [entry] = await audits('user_updated', 'userId', u.id);
      expect(entry).toMatchObject({ actor_id: admin.id, details: { changes: { active: { from: true, to: false } }, sessionsEnded: true } });
      // Inactive accounts are listed as such, and are no assignees.
      const inactive = await t.http().get(`/api/v1/admin/users?active=false&q=${encodeURIComponent(u.email)}`).set(bearer(admin));
      expect(inactive.body.items.map((x: { id: string }) => x.id)).toEqual([u.id]);
      const staff = await t.http().get(`/api/v1/staff?q=${encodeURIComponent(u.email)}`).set(bearer(supervisor));
      expect(staff.body.items).toEqual([]);

      expect((await patchAccount(u.id, { active: true })).status).toBe(200);
      const back = await login(u.email, PASSWORD);
      expect(back.status).toBe(200);
      expect((await me(back.body.accessToken)).status).toBe(200);
      // A token from before the deactivation stays dead.
      expect((await me(u.token)).status).toBe(401);
    });

    it('a deactivation made through one API process is refused by another at once (announced at commit), not only after the cache time', async () => {
      const other = await startTestApp();
      try {
        const u = await createUser(t, 'examiner', center.id);
        // The second process listens from its first look-up on (any account's); then it looks this account up, and
        // would trust that for ACCOUNT_STATE_TTL_MS (5 s).
        expect((await other.http().get('/api/v1/auth/me').set(bearer(supervisor))).status).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
        expect((await other.http().get('/api/v1/auth/me').set(bearer(u))).status).toBe(200);
        expect((await patchAccount(u.id, { active: false })).status).toBe(200);
        const started = Date.now();
        let status = 200;
        while (status === 200 && Date.now() - started < 1500) {
          status = (await other.http().get('/api/v1/auth/me').set(bearer(u))).status;
          if (status === 200) await new Promise((r) => setTimeout(r, 25));
        }
        expect(status).toBe(401);
        expect(Date.now() - started).toBeLessThan(1500);
      } finally {
        await other.close();
      }
    });

    it('a role or organisation change ends the sessions; the new role applies from the next sign-in', async () => {
      const u = await createUser(t, 'examiner', center.id);
      const res = await patchAccount(u.id, { role: 'supervisor', displayName: '刘副主任' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'supervisor', displayName: '刘副主任' });
      expect((await me(u.token)).status).toBe(401);
      const again = await login(u.email, PASSWORD);
      expect(again.body.user.role).toBe('supervisor');
      // A name alone does not end anyone's session.
      const v = await createUser(t, 'examiner', center.id);
      expect((await patchAccount(v.id, { displayName: '陈审查员（二组）', language: 'en' })).status).toBe(200);
      expect((await me(v.token)).status).toBe(200);
      // A role that does not fit the organisation is refused.
      const misfit = await patchAccount(v.id, { role: 'police' });
      expect(misfit.status).toBe(422);
      expect(misfit.body.errors).toEqual([expect.objectContaining({ field: 'organizationId', code: 'role_organization' })]);
      expect((await patchAccount(v.id, { role: 'owner' })).body.errors).toEqual([expect.objectContaining({ field: 'role', code: 'enum' })]);
      expect((await patchAccount(v.id, { tokenVersion: 0 })).body.errors).toEqual([expect.objectContaining({ field: 'tokenVersion', code: 'unknown_field' })]);
    });

    it('an administrator cannot deactivate their own account or change their own role', async () => {
      const res = await patchAccount(admin.id, { active: false, role: 'supervisor' });
      expect(res.status).toBe(422);
      // Every bad field is listed: a supervisor would also need an organisation.
      expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['active', 'own_account'],
        ['role', 'own_account'],
        ['organizationId', 'required'],
      ]);
      expect((await me(admin.token)).status).toBe(200);
    });

    it('a password reset gives a new one-time password, ends the sessions and is audited without the password', async () => {
      const u = await createUser(t, 'mediator', (await createOrg(t.ds, 'mediation_committee')).id);
      const res = await t.http().post(`/api/v1/admin/users/${u.id}/reset-password`).set(bearer(admin));
      expect(res.status).toBe(200);
      const otp: string = res.body.oneTimePassword;
      expect(res.body.user.passwordChangeRequired).toBe(true);
      expect((await me(u.token)).status).toBe(401);
      expect((await login(u.email, PASSWORD)).status).toBe(401);
      const fresh = await login(u.email, otp);
      expect(fresh.status).toBe(200);
      expect(fresh.body.user.passwordChangeRequired).toBe(true);
      const [entry] = await audits('user_password_reset', 'userId', u.id);
      expect(entry.actor_id).toBe(admin.id);
      expect(JSON.stringify(entry)).not.toContain(otp);
      expect((await t.http().post('/api/v1/admin/users/00000000-0000-4000-8000-000000000000/reset-password').set(bearer(admin))).status).toBe(404);
    });

    it('a creation replayed with its Idempotency-Key makes one account and does not repeat the password', async () => {
      const body = { email: email('replay'), displayName: '重放', role: 'customs', organizationId: (await createOrg(t.ds, 'customs')).id };
      const key = `user-${Math.random()}`;
      const first = await t.http().post('/api/v1/admin/users').set(bearer(admin)).set('idempotency-key', key).send(body);
      const second = await t.http().post('/api/v1/admin/users').set(bearer(admin)).set('idempotency-key', key).send(body);
      expect(first.status).toBe(201);
      expect(first.body.oneTimePassword).toEqual(expect.any(String));
      expect(second.status).toBe(201);
      expect(second.body.user.id).toBe(first.body.user.id);
      expect(second.body.oneTimePassword).toBeNull();
      expect(JSON.stringify(await t.ds.query('SELECT body FROM idempotency_record WHERE key = $1', [key]))).not.toContain(first.body.oneTimePassword);
    });

    it('lists page by e-mail and filter by role, organisation and text', async () => {
      const org = await createOrg(t.ds, 'court');
      const made: TestUser[] = [];
      for (let i = 0; i < 3; i++) made.push(await createUser(t, 'court', org.id, 'zh-CN', { login: false }));
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { items: { id: string; role: Role; email: string }[]; nextCursor: string | null } } = await t
          .http()
          .get(`/api/v1/admin/users?organizationId=${org.id}&role=court&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(admin));
        expect(res.status).toBe(200);
        ids.push(...res.body.items.map((u) => u.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(ids.sort()).toEqual(made.map((u) => u.id).sort());
      const one = await t.http().get(`/api/v1/admin/users?q=${encodeURIComponent(made[1].email.slice(0, 14))}`).set(bearer(admin));
      expect(one.body.items.map((u: { id: string }) => u.id)).toContain(made[1].id);
      expect((await t.http().get('/api/v1/admin/users?active=maybe').set(bearer(admin))).status).toBe(422);
    });
  });

  describe('the registered-enterprise list', () => {
    it('the same Idempotency-Key and body replay the addition (one audit entry); another body with the key → 422, unchanged', async () => {
      const uscc = randomUscc();
      const add = (body: object, key: string) => t.http().post('/api/v1/admin/registered-enterprises').set(bearer(admin)).set('idempotency-key', key).send(body);
      const key = `reg-${Math.random()}`;
      const body = { uscc, name: '连云港测试医药有限公司', industries: ['new_medicine'] };
      const first = await add(body, key);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject(body);
      const again = await add(body, key);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await audits('registered_enterprise_added', 'uscc', uscc)).toHaveLength(1);
      const other = await add({ ...body, name: '另一个名称' }, key);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      const listed = await t.http().get(`/api/v1/admin/registered-enterprises?q=${uscc}`).set(bearer(admin));
      expect(listed.body.items).toEqual([first.body]);
      await t.http().delete(`/api/v1/admin/registered-enterprises/${uscc}`).set(bearer(admin)).expect(204);
    });

    it('a blank name is refused naming it; posting a listed enterprise again replaces it and is audited as the change, with what it replaced', async () => {
      const uscc = randomUscc();
      const post = (body: object) => t.http().post('/api/v1/admin/registered-enterprises').set(bearer(admin)).set('accept-language', 'en').send(body);
      const blank = await post({ uscc, name: '   ' });
      expect(blank.status).toBe(422);
      expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'required' })]);
      expect((await t.http().get(`/api/v1/admin/registered-enterprises?q=${uscc}`).set(bearer(admin))).body.items).toEqual([]);

      expect((await post({ uscc, name: '连云港测试医药有限公司', industries: ['new_medicine'] })).status).toBe(201);
      const renamed = await post({ uscc, name: '连云港测试生物医药有限公司', industries: ['new_medicine', 'big_health'] });
      expect(renamed.status).toBe(201);
      expect(renamed.body).toMatchObject({ uscc, name: '连云港测试生物医药有限公司', industries: ['new_medicine', 'big_health'] });
      expect(await audits('registered_enterprise_added', 'uscc', uscc)).toHaveLength(1);
      const [updated] = await audits('registered_enterprise_updated', 'uscc', uscc);
      expect(updated.details).toMatchObject({ uscc, before: { name: '连云港测试医药有限公司', industries: ['new_medicine'] } });
      await t.http().delete(`/api/v1/admin/registered-enterprises/${uscc}`).set(bearer(admin)).expect(204);
    });
  });

  describe('the staff directory', () => {
    it('supervisors find eligible assignees by name and role, and reassign to the one they picked', async () => {
      const mediator = await createUser(t, 'mediator', (await createOrg(t.ds, 'mediation_committee')).id);
      await t.ds.query('UPDATE user_account SET display_name = $1 WHERE id = $2', ['赵调解员（测试）', mediator.id]);
      const res = await t.http().get('/api/v1/staff?role=mediator&q=%E8%B5%B5%E8%B0%83%E8%A7%A3%E5%91%98%EF%BC%88%E6%B5%8B%E8%AF%95').set(bearer(supervisor));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([{ id: mediator.id, displayName: '赵调解员（测试）', email: mediator.email, role: 'mediator', organization: expect.objectContaining({ id: mediator.organizationId }) }]);
      // Only queue roles; never enterprises, agencies or admins.
      const all = await t.http().get('/api/v1/staff?limit=100').set(bearer(supervisor));
      for (const s of all.body.items) expect(['examiner', 'supervisor', 'mediator', 'officer']).toContain(s.role);
      expect((await t.http().get('/api/v1/staff?role=admin').set(bearer(supervisor))).status).toBe(422);
      const enterprise = await createUser(t, 'enterprise', enterpriseOrg.id, 'zh-CN', { login: false });
      expect((await t.http().get('/api/v1/staff').set(bearer(enterprise))).status).toBe(403);

      // The picked examiner is who the case goes to.
      const c = await cast(t);
      await t.ds.query('UPDATE user_account SET display_name = $1 WHERE id = $2', ['钱审查员（测试）', c.examiner.id]);
      const picked = await t.http().get(`/api/v1/staff?role=examiner&q=${encodeURIComponent('钱审查员（测试）')}`).set(bearer(c.supervisor));
      expect(picked.body.items.map((x: { id: string }) => x.id)).toEqual([c.examiner.id]);
      const byId = await t.http().get(`/api/v1/staff?id=${c.examiner.id}`).set(bearer(c.supervisor));
      expect(byId.body.items.map((x: { displayName: string }) => x.displayName)).toEqual(['钱审查员（测试）']);
      const s = await actor(t).submitted(c);
      const assigned = await t.http().post(`/api/v1/cases/${s.id}/assign`).set(bearer(c.supervisor)).send({ assigneeId: picked.body.items[0].id });
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignee).toBe(c.examiner.id);
    });
  });
});
