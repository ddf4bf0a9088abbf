// A transfer or referral needs an active organisation of the receiving kind. With none (none set up yet, or all
// deactivated), the command is refused whole with 409 `no_receiving_agency`: no package, no notice, the case where it
// was; once an administrator adds one, the same command goes through. On a database of its own: the shared one has
// agencies of every kind.
import { type Scratch, scratchDatabase } from './audit-scratch';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { uniqueRespondent } from './support/workflow';

describe('transfer with no receiving organisation', () => {
  let s: Scratch;
  let t: TestApp;
  let enterprise: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  let uscc: string;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
  const act = (u: TestUser, id: string, action: string, body: object = {}) => t.http().post(`/api/v1/cases/${id}/actions/${action}`).set(auth(u)).send(body);

  beforeAll(async () => {
    s = await scratchDatabase('lyg_no_agency');
    t = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket });
    uscc = randomUscc();
    enterprise = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc })).id);
    const center = await createOrg(t.ds, 'protection_center');
    examiner = await createUser(t, 'examiner', center.id);
    supervisor = await createUser(t, 'supervisor', center.id);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await s?.drop();
  });

  const screened = async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(enterprise)).send(uniqueRespondent(exampleComplaint({ uscc })));
    expect((await act(enterprise, d.body.id, 'submit')).status).toBe(200);
    return d.body.id as string;
  };

  it('approving a police transfer with no police organisation is 409 and changes nothing; with one added it goes through', async () => {
    const id = await screened();
    expect((await act(examiner, id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' })).status).toBe(200);
    const before = (await t.http().get(`/api/v1/cases/${id}`).set(auth(supervisor))).body;
    const refused = await act(supervisor, id, 'approve_transfer').set('accept-language', 'en');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'no_receiving_agency' });
    expect(refused.body.detail).toContain('No active police organisation');
    const after = (await t.http().get(`/api/v1/cases/${id}`).set(auth(supervisor))).body;
    expect(after).toMatchObject({ state: 'police_transfer_review.awaiting_approval', version: before.version });
    expect(await t.ds.query('SELECT 1 FROM transfer_package WHERE case_id = $1', [id])).toEqual([]);
    expect(await t.ds.query("SELECT 1 FROM outbox_message WHERE case_id = $1 AND template = 'case_transferred'", [id])).toEqual([]);
    expect(await t.ds.query("SELECT 1 FROM audit_entry WHERE case_id = $1 AND action = 'approve_transfer'", [id])).toEqual([]);

    const police = await createOrg(t.ds, 'police');
    const approved = await act(supervisor, id, 'approve_transfer');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('police_transfer_review.awaiting_police_decision');
    expect((await t.ds.query('SELECT transferred_to FROM ip_case WHERE id = $1', [id]))[0].transferred_to).toBe(police.id);
  });

  it('a customs referral with only a deactivated customs organisation is refused in Chinese by default', async () => {
    await t.ds.query("INSERT INTO organization (id, name, kind, active) VALUES (gen_random_uuid(), '连云港海关（已撤并）', 'customs', false)");
    const id = await screened();
    const refused = await act(examiner, id, 'accept', { route: 'customs_referral', overrideReason: '进口货物侵权' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('海关');
    expect((await t.http().get(`/api/v1/cases/${id}`).set(auth(examiner))).body.state).toBe('screening');
  });
});
