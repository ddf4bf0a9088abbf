// S5 of quality.md: unknown or server-owned fields in any body (mass assignment) → 422 naming the field, and
// nothing changed. Every route that takes a body is here; the evidence upload's unknown parts are covered in
// test/evidence.e2e-spec.ts ("422 for a missing or unknown kind, a missing file, unknown parts, an empty file").
import { multipart } from '../../libs/evidence/src/testing/http';
import * as samples from '../../libs/evidence/src/testing/samples';
import { exampleComplaint, withField } from '../support/complaints';
import { problemDefect } from '../support/security-matrix';
import { bearer } from '../support/security-world';
import { createUser, PASSWORD, randomUscc, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from '../support/workflow';

/** Fields the server owns on a case (contract.md `Case`) and on the records around it. */
const SERVER_OWNED = [
  'id',
  'caseNumber',
  'state',
  'outcome',
  'version',
  'triage',
  'route',
  'competentAgency',
  'flags',
  'assignee',
  'assigneeId',
  'organizationId',
  'createdBy',
  'transferredTo',
  'priority',
  'deadlines',
  'warnings',
  'submittedAt',
  'createdAt',
  'updatedAt',
];

describe('S5 mass assignment: unknown and server-owned fields are refused with 422 naming them', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let admin: TestUser;
  let draftId: string;
  let screeningId: string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
    admin = await createUser(t, 'admin', null, 'en', { login: false });
    const d = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send(complaint());
    draftId = d.body.id;
    screeningId = (await w.submitted(c, complaint())).id;
  });
  afterAll(() => t.close());

  const complaint = () => uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
  const casesOfOrg = async () => (await t.ds.query('SELECT count(*)::int AS n FROM ip_case WHERE organization_id = $1', [c.enterprise.organizationId]))[0].n as number;
  const versionOf = async (id: string) => (await t.ds.query('SELECT version, state FROM ip_case WHERE id = $1', [id]))[0] as { version: number; state: string };

  function expectRefused(res: { status: number; body: { errors?: { field: string; code: string }[] } }, field: string) {
    expect(res.status).toBe(422);
    expect(problemDefect(res as never)).toBeNull();
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code: 'unknown_field' })]));
  }

  it.each(SERVER_OWNED)('POST /complaints with `%s` → 422, nothing created', async (field) => {
    const before = await casesOfOrg();
    const res = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send({ ...complaint(), [field]: field === 'version' ? 99 : 'x' });
    expectRefused(res, field);
    expect(await casesOfOrg()).toBe(before);
  });

  it.each([
    ['complainant.organizationId', 'complainant.organizationId'],
    ['complainant.verified', 'complainant.verified'],
    ['respondent.id', 'respondent.id'],
    ['ipRights[0].id', 'ipRights[0].id'],
    ['ipRights[0].verified', 'ipRights[0].verified'],
    ['infringement.state', 'infringement.state'],
  ])('POST /complaints with nested `%s` → 422', async (path, field) => {
    const res = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send(withField(complaint(), path, true));
    expectRefused(res, field);
  });

  it('POST /complaints names every unknown field at once', async () => {
    const res = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send({ ...complaint(), state: 'closed', organizationId: c.police.organizationId, caseNumber: 'LYG-IP-2026-999999' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['caseNumber', 'organizationId', 'state']);
  });

  it.each(['state', 'version', 'organizationId', 'caseNumber', 'assigneeId'])('PATCH /complaints/:id with `%s` → 422, the draft unchanged', async (field) => {
    const before = await versionOf(draftId);
    const res = await t.http().patch(`/api/v1/complaints/${draftId}`).set(bearer(c.enterprise)).send({ requestedRemedies: ['damages'], [field]: 'closed' });
    expectRefused(res, field);
    expect(await versionOf(draftId)).toEqual(before);
  });

  it.each(['flags', 'route', 'organizationId'])('POST /triage/preview with `%s` → 422', async (field) => {
    const res = await t.http().post('/api/v1/triage/preview').set(bearer(c.enterprise)).send({ ...complaint(), evidenceKinds: [], [field]: ['key_industry'] });
    expectRefused(res, field);
  });

  it.each([
    ['submit', 'enterprise', { caseNumber: 'LYG-IP-2026-000001' }, 'caseNumber', 'draft'],
    ['accept', 'examiner', { route: 'fast_track', overrideReason: '测试', state: 'closed' }, 'state', 'screening'],
    ['accept', 'examiner', { route: 'fast_track', overrideReason: '测试', assigneeId: null }, 'assigneeId', 'screening'],
    ['reject', 'examiner', { reason: '测试', outcome: 'withdrawn' }, 'outcome', 'screening'],
    ['withdraw', 'enterprise', { reason: '测试', closedAt: '2026-01-01' }, 'closedAt', 'screening'],
    ['request_correction', 'examiner', { items: ['a'], message: 'b', version: 1 }, 'version', 'screening'],
  ] as const)('POST /cases/:id/actions/%s with a server-owned field → 422, the case unchanged', async (action, who, body, field, on) => {
    const id = on === 'draft' ? draftId : screeningId;
    const before = await versionOf(id);
    const res = await w.act(c[who], id, action, body);
    expectRefused(res, field);
    expect(await versionOf(id)).toEqual(before);
  });

  it('POST /cases/:id/assign with `version` → 422', async () => {
    const res = await t.http().post(`/api/v1/cases/${screeningId}/assign`).set(bearer(c.supervisor)).send({ assigneeId: c.examiner.id, version: 1 });
    expectRefused(res, 'version');
  });

  it('POST /evidence/:id/share with `sha256` → 422, the sharing unchanged', async () => {
    const { body, contentType } = multipart([
      { name: 'kind', value: 'other' },
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() },
    ]);
    const d = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send(complaint());
    const ev = await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(bearer(c.enterprise)).set('content-type', contentType).send(body);
    expect(ev.status).toBe(201);
    await w.act(c.enterprise, d.body.id, 'submit');
    const res = await t.http().post(`/api/v1/evidence/${ev.body.id}/share`).set(bearer(c.examiner)).send({ respondent: true, sha256: '0'.repeat(64) });
    expectRefused(res, 'sha256');
    const [row] = await t.ds.query('SELECT shared_with_respondent FROM evidence WHERE id = $1', [ev.body.id]);
    expect(row.shared_with_respondent).toBe(false);
  });

  it('a multipart upload with a server-owned part (`objectKey`) → 422, nothing stored', async () => {
    const { body, contentType } = multipart([
      { name: 'kind', value: 'other' },
      { name: 'objectKey', value: '../../other-case/evidence' },
      { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: samples.pdf() },
    ]);
    const res = await t.http().post(`/api/v1/complaints/${draftId}/evidence`).set(bearer(c.enterprise)).set('content-type', contentType).send(body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'objectKey' })]));
    expect((await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [draftId]))[0].n).toBe(0);
  });

  it('POST /auth/login with `role` → 422 (no sign-in as another role)', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: c.enterprise.email, password: PASSWORD, role: 'admin' });
    expectRefused(res, 'role');
  });

  it('admin bodies: registered enterprise with `createdAt`, calendar year with `year` → 422, nothing written', async () => {
    const uscc = randomUscc();
    const reg = await t.http().post('/api/v1/admin/registered-enterprises').set(bearer(admin)).send({ uscc, name: '测试企业', createdAt: '2020-01-01' });
    expectRefused(reg, 'createdAt');
    expect((await t.ds.query('SELECT count(*)::int AS n FROM registered_enterprise WHERE uscc = $1', [uscc]))[0].n).toBe(0);
    const cal = await t.http().put('/api/v1/admin/calendar/2199').set(bearer(admin)).send({ holidays: [], workdays: [], year: 2100 });
    expectRefused(cal, 'year');
  });

  it('unknown query parameters are refused too (no filter smuggling)', async () => {
    const res = await t.http().get(`/api/v1/cases?organizationId=${c.police.organizationId}`).set(bearer(c.enterprise));
    expectRefused(res, 'organizationId');
  });
});
