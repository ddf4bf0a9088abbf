import { exampleComplaint } from './support/complaints';
import { startTestApp, type TestApp, type TestUser } from './support/test-app';
import { actor, agencyOrg, cast, type Cast, uniqueRespondent } from './support/workflow';

describe("a receiving agency's view of a case's history", () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
  const history = async (u: TestUser, id: string) => {
    const res = await t.http().get(`/api/v1/cases/${id}/history`).set(auth(u));
    expect(res.status).toBe(200);
    return res.body.items as { action: string; details: Record<string, unknown> }[];
  };

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows the evidence shared with the agency and nothing of the evidence that was not (name, size, SHA-256, storage)', async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    expect(d.status).toBe(201);
    const files: { id: string; sha256: string; sizeBytes: number; fileName: string }[] = [];
    for (const name of ['共享给公安的鉴定意见.pdf', '未共享的内部材料.pdf']) {
      const bytes = Buffer.from(`%PDF-1.4\n% ${name} ${Math.random()}\n%%EOF\n`);
      const up = await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(auth(c.enterprise)).field('kind', 'infringement_evidence').attach('file', bytes, name);
      expect(up.status).toBe(201);
      files.push(up.body);
    }
    const [shared, hidden] = files;
    expect((await w.act(c.enterprise, d.body.id, 'submit')).status).toBe(200);
    expect((await w.act(c.examiner, d.body.id, 'accept', { route: 'police_transfer_review', overrideReason: '非法经营数额达到刑事追诉标准' })).status).toBe(200);
    const police = await agencyOrg(t, 'police');
    const share = await t.http().post(`/api/v1/evidence/${shared.id}/share`).set(auth(c.examiner)).send({ organizationIds: [police] });
    expect(share.status).toBe(200);
    // Staff read the unshared file too: its download is on record.
    expect((await t.http().get(`/api/v1/evidence/${hidden.id}/content`).set(auth(c.examiner))).status).toBe(200);
    expect((await w.act(c.supervisor, d.body.id, 'approve_transfer')).status).toBe(200);

    const staff = await history(c.examiner, d.body.id);
    const staffText = JSON.stringify(staff);
    expect(staffText).toContain(hidden.sha256);
    expect(staff.filter((e) => e.details.evidenceId === hidden.id).map((e) => e.action)).toEqual(['evidence_added', 'evidence_downloaded']);

    const agency = await history(c.police, d.body.id);
    expect(agency.map((e) => e.action)).toEqual(expect.arrayContaining(['submit', 'accept', 'approve_transfer', 'evidence_added', 'evidence_shared']));
    const text = JSON.stringify(agency);
    for (const secret of [hidden.id, hidden.sha256, hidden.fileName]) expect(text).not.toContain(secret);
    expect(agency.filter((e) => e.details.evidenceId !== undefined).every((e) => e.details.evidenceId === shared.id)).toBe(true);
    // What it may see of the shared file: its digest and size, not where it is stored nor who else has it.
    const added = agency.find((e) => e.action === 'evidence_added')!;
    expect(added.details).toMatchObject({ evidenceId: shared.id, sha256: shared.sha256, sizeBytes: shared.sizeBytes });
    for (const internal of ['objectKey', 'versionId']) expect(added.details).not.toHaveProperty(internal);
    const sharing = agency.find((e) => e.action === 'evidence_shared')!;
    for (const internal of ['organizationIds', 'previous']) expect(sharing.details).not.toHaveProperty(internal);

    // The agency's evidence list agrees with its history.
    const list = await t.http().get(`/api/v1/cases/${d.body.id}/evidence`).set(auth(c.police));
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([shared.id]);
  });
});
