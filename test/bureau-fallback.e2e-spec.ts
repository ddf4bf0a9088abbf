// A bureau the city has not set up in the system (no active organisation of its kind) does not orphan its cases: the
// market-regulation bureau, the city's IP office, works them — it sees, is offered and is told of them — until the
// bureau's own organisation exists. On a database of its own: the shared one has copyright bureaus of other tests.
import type { ComplaintInput } from '@lyg/domain';
import { type Scratch, scratchDatabase } from './audit-scratch';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { actor, type Cast, cast, uniqueRespondent } from './support/workflow';

describe('a bureau with no organisation in the system', () => {
  let s: Scratch;
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    s = await scratchDatabase('lyg_bureaus');
    t = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket });
    c = await cast(t);
    w = actor(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await s?.drop();
  });

  const copyrightCase = async (): Promise<string> => {
    const complaint: ComplaintInput = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.ipRights = [{ type: 'copyright', number: null, title: '连云港海滨摄影作品', holder: complaint.complainant.name, validUntil: null, niceClasses: null }];
    complaint.respondent.contactEmail = `shop-${Math.random().toString(36).slice(2, 8)}@respondent.example`;
    const d = await w.submitted(c, complaint);
    const a = await w.act(c.examiner, d.id, 'accept', { route: 'administrative_enforcement', overrideReason: '线下核验' });
    expect(a.body).toMatchObject({ state: 'administrative_enforcement.filing_review', competentAgency: 'copyright_bureau' });
    return d.id;
  };
  const answer = async (id: string): Promise<string[]> => {
    const [notice] = await t.ds.query("SELECT data FROM outbox_message WHERE case_id = $1 AND template = 'respondent_notice'", [id]);
    const token = String(notice.data.link).split('/respond/')[1].split('?')[0];
    expect((await t.http().post(`/api/v1/respond/${token}`).send({ statement: '本店所售摄影集系正规渠道购进，附进货发票，已下架。' })).status).toBe(201);
    return (await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'respondent_answered'", [id])).map((r: { recipient: string }) => r.recipient);
  };
  const offered = async (u: TestUser, caseId: string) =>
    ((await t.http().get(`/api/v1/staff?caseId=${caseId}&id=${u.id}`).set(auth(c.supervisor))).body.items as { id: string }[]).some((x) => x.id === u.id);

  it('the market-regulation bureau works a copyright case while no copyright bureau exists, and hands the next ones to it once one does', async () => {
    const first = await copyrightCase();
    expect((await w.get(c.officer, first)).status).toBe(200);
    expect(await offered(c.officer, first)).toBe(true);
    expect(await answer(first)).toContain(c.officer.email);
    expect((await t.http().post(`/api/v1/cases/${first}/claim`).set(auth(c.officer))).status).toBe(200);
    expect((await w.act(c.officer, first, 'file_case')).status).toBe(200);

    // The city's copyright bureau is set up: its unassigned cases are its own from now on; the one the market-
    // regulation officer took stays with that officer.
    const copyrightOfficer = await createUser(t, 'officer', (await createOrg(t.ds, 'copyright_bureau')).id);
    const next = await copyrightCase();
    expect((await w.get(c.officer, next)).status).toBe(404);
    expect((await w.get(copyrightOfficer, next)).status).toBe(200);
    expect([await offered(c.officer, next), await offered(copyrightOfficer, next)]).toEqual([false, true]);
    const told = await answer(next);
    expect(told).toContain(copyrightOfficer.email);
    expect(told).not.toContain(c.officer.email);
    expect((await w.get(c.officer, first)).status).toBe(200);
  });
});
