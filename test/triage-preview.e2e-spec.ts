import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestUser } from './support/test-app';

describe('POST /triage/preview', () => {
  let t: TestApp;
  let u: TestUser;
  let uscc: string;
  beforeAll(async () => {
    t = await startTestApp();
    uscc = randomUscc();
    u = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc })).id);
    await t.ds.query("INSERT INTO registered_enterprise (uscc, name, industries) VALUES ($1, 'x', '{new_medicine}') ON CONFLICT DO NOTHING", [uscc]);
  });
  afterAll(() => t.close());

  const preview = (body: object) => t.http().post('/api/v1/triage/preview').set('authorization', `Bearer ${u.token}`).send(body);

  it('a registered new-medicine company with its patent and evidence is recommended the fast track (30 days)', async () => {
    const res = await preview({ ...exampleComplaint({ uscc }), evidenceKinds: ['right_certificate', 'purchase_record'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recommendedRoute: 'fast_track', competentAgency: 'protection_center', targetDays: 30 });
    expect(res.body.flags).toEqual(expect.arrayContaining(['key_industry', 'public_health']));
    expect(res.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'T3').legalBasis).toBeTruthy();
  });

  it('without evidence the preview says the complaint would be returned for correction, and stores nothing', async () => {
    const res = await preview({ ...exampleComplaint({ uscc }), evidenceKinds: [] });
    expect(res.body.recommendedRoute).toBe('return_for_correction');
    const [{ n: after }] = await t.ds.query('SELECT count(*)::int AS n FROM ip_case WHERE organization_id = $1', [u.organizationId]);
    expect(after).toBe(0);
  });

  it("an agent's filing needs its authorisation letter (C3); an examiner's preview judges the complaint as its complainant would file it", async () => {
    const agent = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc: randomUscc() })).id);
    const examiner = await createUser(t, 'examiner', (await createOrg(t.ds, 'protection_center')).id);
    const body = { ...exampleComplaint({ uscc }), evidenceKinds: ['right_certificate', 'purchase_record'] };
    const byAgent = await t.http().post('/api/v1/triage/preview').set('authorization', `Bearer ${agent.token}`).send(body);
    expect(byAgent.body.recommendedRoute).toBe('return_for_correction');
    expect(byAgent.body.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('C3');
    const byExaminer = await t.http().post('/api/v1/triage/preview').set('authorization', `Bearer ${examiner.token}`).send(body);
    expect(byExaminer.status).toBe(200);
    expect(byExaminer.body.recommendedRoute).toBe('fast_track');
    expect(byExaminer.body.reasons.map((r: { ruleId: string }) => r.ruleId)).not.toContain('C3');
  });

  it('validates the body like intake (422 naming the field)', async () => {
    const res = await preview({ ...exampleComplaint({ uscc }), evidenceKinds: ['selfie'] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toMatch(/^evidenceKinds/);
  });
});
