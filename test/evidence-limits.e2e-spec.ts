// A case holds at most EVIDENCE_MAX_FILES_PER_CASE files and EVIDENCE_MAX_CASE_BYTES in all: a draft is not a free
// file store. Refused with 413 `evidence_limit_reached` (from the headers when they show it), concurrent uploads
// cannot pass the limits together, and a refused upload leaves neither a row nor an object.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { exampleComplaint } from './support/complaints';
import { startTestApp, testS3Client, type TestApp, type TestUser } from './support/test-app';
import { cast, type Cast, uniqueRespondent } from './support/workflow';

const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(n), Buffer.from('\n%%EOF\n')]);

describe('per-case evidence limits', () => {
  let t: TestApp;
  let c: Cast;
  const s3 = testS3Client();
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

  beforeAll(async () => {
    t = await startTestApp({ EVIDENCE_MAX_FILES_PER_CASE: '3', EVIDENCE_MAX_CASE_BYTES: '12000' });
    c = await cast(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    s3.destroy();
  });

  const draft = async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    expect(d.status).toBe(201);
    return d.body.id as string;
  };
  const upload = (caseId: string, bytes: Buffer, lang = 'zh-CN') =>
    t.http().post(`/api/v1/complaints/${caseId}/evidence`).set(auth(c.enterprise)).set('accept-language', lang).field('kind', 'purchase_record').attach('file', bytes, 'invoice.pdf');
  const held = async (caseId: string) => {
    const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [caseId]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'evidence', Prefix: `cases/${caseId}/` }));
    return { rows: n as number, objects: listed.KeyCount ?? 0 };
  };

  it('the fourth file of a case is refused (413, in the caller’s language), and nothing of it is kept', async () => {
    const id = await draft();
    for (let i = 0; i < 3; i++) expect((await upload(id, pdf(500))).status).toBe(201);
    const res = await upload(id, pdf(500), 'en');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('evidence_limit_reached');
    expect(res.body.detail).toContain('at most 3 evidence files');
    expect(res.body.detail).toContain('this one has 3');
    expect(await held(id)).toEqual({ rows: 3, objects: 3 });
  });

  it('a file that would take the case past its bytes is refused from its headers', async () => {
    const id = await draft();
    expect((await upload(id, pdf(8000))).status).toBe(201);
    const res = await upload(id, pdf(6000));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('evidence_limit_reached');
    expect(res.body.detail).toContain('3');
    expect(await held(id)).toEqual({ rows: 1, objects: 1 });
    expect((await upload(id, pdf(2000))).status).toBe(201);
  });

  it('six concurrent uploads to an empty case: exactly three are kept, the rest refused, no object left behind', async () => {
    const id = await draft();
    const results = await Promise.all(Array.from({ length: 6 }, () => upload(id, pdf(800))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 413, 413, 413]);
    expect(await held(id)).toEqual({ rows: 3, objects: 3 });
  });
});
