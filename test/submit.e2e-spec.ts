import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestUser } from './support/test-app';

describe('submitting a complaint', () => {
  let t: TestApp;
  let filer: TestUser;
  let uscc: string;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp();
    uscc = randomUscc();
    filer = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc })).id);
  });
  afterAll(() => t.close());

  const draft = async (u = filer, c = exampleComplaint({ uscc })) => (await t.http().post('/api/v1/complaints').set(auth(u)).send(c)).body;

  it('gives a case number, moves to screening, runs triage and sets the 5-working-day screening deadline', async () => {
    const d = await draft();
    const res = await t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer)).set('if-match', `"${d.version}"`);
    expect(res.status).toBe(200);
    expect(res.body.caseNumber).toMatch(/^LYG-IP-\d{4}-\d{6}$/);
    expect(res.body.state).toBe('screening');
    expect(res.body.version).toBe(2);
    // No evidence yet: triage recommends returning it for correction (C1, C2), with the legal basis of each rule.
    expect(res.body.triage.recommendedRoute).toBe('return_for_correction');
    expect(res.body.triage.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(['C1', 'C2']));
    expect(res.body.flags).toEqual(expect.arrayContaining(['key_industry', 'public_health']));
    const screening = res.body.deadlines.find((x: { stage: string }) => x.stage === 'screening');
    expect(screening).toMatchObject({ clock: 'working_days', breached: false });
    const submitted = new Date(res.body.submittedAt);
    const { body: expected } = await t
      .http()
      .get(`/api/v1/calendar/deadline?from=${encodeURIComponent(submitted.toISOString())}&period=5&clock=working_days`);
    expect(screening.dueDate).toBe(expected.dueDate);
    expect(screening.dueAt).toBe(expected.dueAt);
  });

  it('a second submit is refused with 409 and a stale If-Match with 412', async () => {
    const d = await draft();
    await t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer)).expect(200);
    const again = await t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('not_allowed_in_state');
    const stale = await t.http().post(`/api/v1/cases/${d.id}/actions/accept`).set(auth(filer)).set('if-match', '"1"');
    expect(stale.status).toBe(412);
  });

  it('concurrent submissions get distinct, increasing case numbers', async () => {
    const drafts = await Promise.all(Array.from({ length: 12 }, () => draft()));
    const results = await Promise.all(drafts.map((d) => t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer))));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const numbers = results.map((r) => r.body.caseNumber as string);
    expect(new Set(numbers).size).toBe(12);
  });

  it('writes the submission receipt to the outbox in the same transaction', async () => {
    const d = await draft();
    const res = await t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer));
    const rows = await t.ds.query('SELECT template, recipient FROM outbox_message WHERE case_id = $1', [d.id]);
    expect(rows).toContainEqual({ template: 'submission_acknowledged', recipient: 'ip@kangheng.example' });
    expect(res.body.caseNumber).toBeTruthy();
  });

  it('unknown body fields and unknown actions are refused', async () => {
    const d = await draft();
    const bad = await t.http().post(`/api/v1/cases/${d.id}/actions/submit`).set(auth(filer)).send({ state: 'closed' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'state', code: 'unknown_field' });
    expect((await t.http().post(`/api/v1/cases/${d.id}/actions/teleport`).set(auth(filer))).status).toBe(404);
  });
});
