// The system never loses its last active administrator: taking the only one away (deactivated, or given another role)
// is refused with `last_admin`, whoever asks. On a database of its own, where one administrator is all there is (the
// shared one has many).
import { type Scratch, scratchDatabase } from './audit-scratch';
import { createOrg, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

describe('the last administrator', () => {
  let s: Scratch;
  let t: TestApp;
  let admin: TestUser;
  const patch = (id: string, body: object) => t.http().patch(`/api/v1/admin/users/${id}`).set('authorization', `Bearer ${admin.token}`).set('accept-language', 'en').send(body);

  beforeAll(async () => {
    s = await scratchDatabase('lyg_last_admin');
    t = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket });
    admin = await createUser(t, 'admin', null);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await s?.drop();
  });

  it('the only administrator can neither deactivate nor demote themselves; with a second one, that one can be deactivated', async () => {
    expect(await t.ds.query("SELECT count(*)::int AS n FROM user_account WHERE role = 'admin' AND active")).toEqual([{ n: 1 }]);
    const off = await patch(admin.id, { active: false });
    expect(off.status).toBe(422);
    expect(off.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'active', code: 'own_account' }),
        expect.objectContaining({ field: 'active', code: 'last_admin' }),
      ]),
    );
    const center = await createOrg(t.ds, 'protection_center');
    const demoted = await patch(admin.id, { role: 'examiner', organizationId: center.id });
    expect(demoted.status).toBe(422);
    expect(demoted.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role', code: 'last_admin' })]));
    expect(await t.ds.query('SELECT role, active FROM user_account WHERE id = $1', [admin.id])).toEqual([{ role: 'admin', active: true }]);

    // Another administrator: the first may deactivate it (one remains), and then it is alone again.
    const second = await createUser(t, 'admin', null);
    expect((await patch(second.id, { active: false })).status).toBe(200);
    expect(await t.ds.query("SELECT count(*)::int AS n FROM user_account WHERE role = 'admin' AND active")).toEqual([{ n: 1 }]);
  });
});
