// Evidence over HTTP: one test per rule of issue 5 / quality.md S3 and R3, against the real PostgreSQL and S3
// server of the test run.
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { contentDisposition } from '@lyg/evidence';
import { ClockService } from '@lyg/workflow';
import { freePort } from '@lyg/embedded';
import type { Server } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { multipart, multipartFraming, type Part, rawRequest, StoreProxy } from '../libs/evidence/src/testing/http';
import * as samples from '../libs/evidence/src/testing/samples';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestOrg, type TestUser, testS3Client } from './support/test-app';

const MiB = 1024 * 1024;
const LIMIT = 2 * MiB;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

describe('evidence', () => {
  let t: TestApp;
  let port: number;
  let s3: S3Client;
  let orgA: TestOrg;
  let orgB: TestOrg;
  let filer: TestUser;
  let other: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  let police: TestUser;
  let policeOrg: TestOrg;
  let court: TestUser;
  let admin: TestUser;
  const bucket = 'evidence';

  beforeAll(async () => {
    s3 = testS3Client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true })).catch(() => undefined);
    t = await startTestApp({ EVIDENCE_MAX_BYTES: String(LIMIT), EVIDENCE_RETENTION_DAYS: '1' });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    const usccA = randomUscc();
    orgA = await createOrg(t.ds, 'enterprise', { uscc: usccA });
    orgB = await createOrg(t.ds, 'enterprise', { uscc: randomUscc() });
    const center = await createOrg(t.ds, 'protection_center');
    policeOrg = await createOrg(t.ds, 'police');
    const courtOrg = await createOrg(t.ds, 'court');
    filer = await createUser(t, 'enterprise', orgA.id, 'en');
    other = await createUser(t, 'enterprise', orgB.id);
    examiner = await createUser(t, 'examiner', center.id);
    supervisor = await createUser(t, 'supervisor', center.id);
    police = await createUser(t, 'police', policeOrg.id);
    court = await createUser(t, 'court', courtOrg.id);
    admin = await createUser(t, 'admin', null);
    complaint = exampleComplaint({ uscc: usccA });
  });
  afterAll(async () => {
    await t.close();
    s3.destroy();
  });

  let complaint: ReturnType<typeof exampleComplaint>;
  async function draft(): Promise<string> {
    const res = await t.http().post('/api/v1/complaints').set(auth(filer)).send(complaint);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  /** Moves a case on without the workflow (the workflow has its own tests). */
  const setCase = (id: string, state: string, transferredTo: string | null = null) =>
    t.ds.query('UPDATE ip_case SET state = $2, transferred_to = $3 WHERE id = $1', [id, state, transferredTo]);

  function upload(caseId: string, parts: Part[], user = filer, headers: Record<string, string> = {}) {
    const { body, contentType } = multipart(parts);
    return t.http().post(`/api/v1/complaints/${caseId}/evidence`).set(auth(user)).set(headers).set('content-type', contentType).send(body);
  }
  const file = (data: Buffer, filename = 'evidence.pdf', contentType = 'application/pdf'): Part => ({ name: 'file', filename, contentType, data });
  const kind = (value = 'infringement_evidence'): Part => ({ name: 'kind', value });

  async function objectsOf(caseId: string): Promise<string[]> {
    const keys: string[] = [];
    const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `cases/${caseId}/` }));
    for (const o of res.Contents ?? []) keys.push(o.Key!);
    return keys;
  }
  const rowsOf = async (caseId: string): Promise<number> =>
    (await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [caseId]))[0].n as number;
  const auditOf = async (caseId: string): Promise<{ action: string; details: Record<string, unknown>; actor_id: string }[]> =>
    t.ds.query('SELECT action, details::jsonb AS details, actor_id FROM audit_entry WHERE case_id = $1 ORDER BY seq', [caseId]);

  describe('upload, list and download', () => {
    it('evidence and its audit entry are dated by the case clock, like the workflow\'s events (the demo data\'s back-dated cases get their files on their own day)', async () => {
      const clock = t.app.get(ClockService);
      clock.travel(-3 * 86_400_000);
      try {
        const caseId = await draft();
        const res = await upload(caseId, [kind('purchase_record'), file(samples.pdf('dated'), 'dated.pdf')]);
        expect(res.status).toBe(201);
        const [added]: { at: Date }[] = await t.ds.query("SELECT at FROM audit_entry WHERE case_id = $1 AND action = 'evidence_added'", [caseId]);
        const uploadedAt = Date.parse(res.body.uploadedAt);
        expect(Math.abs(uploadedAt - (Date.now() - 3 * 86_400_000))).toBeLessThan(60_000);
        expect(Math.abs(added.at.getTime() - uploadedAt)).toBeLessThan(1000);
      } finally {
        clock.reset();
      }
    });

    it('an enterprise adds a PDF to its draft: 201 Evidence, object and row, audited', async () => {
      const caseId = await draft();
      const bytes = samples.pdf('购买记录');
      const res = await upload(caseId, [kind('purchase_record'), { name: 'description', value: '2026年10月在海州区门店购买' }, file(bytes, '购买记录.pdf')]);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        caseId,
        kind: 'purchase_record',
        fileName: '购买记录.pdf',
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: sha(bytes),
        description: '2026年10月在海州区门店购买',
        uploadedAt: expect.any(String),
        uploadedBy: filer.id,
        uploaderRole: 'enterprise',
        versionId: res.body.versionId,
      });
      expect(res.body.versionId === null || typeof res.body.versionId === 'string').toBe(true);
      if (process.env.TEST_S3_OBJECT_LOCK === 'true') {
        // A bucket with object lock: the version is recorded and carries the configured retention.
        expect(res.body.versionId).toEqual(expect.any(String));
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `cases/${caseId}/${res.body.id}`, VersionId: res.body.versionId }));
        expect(head.ObjectLockMode).toBe('GOVERNANCE');
        expect(head.ObjectLockRetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
      }
      expect(await objectsOf(caseId)).toEqual([`cases/${caseId}/${res.body.id}`]);
      const audit = await auditOf(caseId);
      expect(audit.find((a) => a.action === 'evidence_added')).toMatchObject({
        actor_id: filer.id,
        details: { evidenceId: res.body.id, sha256: sha(bytes), sizeBytes: bytes.length, objectKey: `cases/${caseId}/${res.body.id}` },
      });
    });

    it('lists the evidence of a case and streams it back with its digest and an encoded file name; the access is audited', async () => {
      const caseId = await draft();
      const bytes = Buffer.concat([samples.pdf('download'), Buffer.alloc(300_000, 9)]);
      const up = await upload(caseId, [kind(), file(bytes, '侵权照片 (1).pdf')]);
      expect(up.status).toBe(201);
      const list = await t.http().get(`/api/v1/cases/${caseId}/evidence`).set(auth(filer));
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [up.body], nextCursor: null });

      const dl = await t.http().get(`/api/v1/evidence/${up.body.id}/content`).set(auth(filer)).buffer(true).parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      });
      expect(dl.status).toBe(200);
      expect((dl.body as Buffer).equals(bytes)).toBe(true);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-length']).toBe(String(bytes.length));
      expect(dl.headers['content-disposition']).toBe(`attachment; filename="_ (1).pdf"; filename*=UTF-8''%E4%BE%B5%E6%9D%83%E7%85%A7%E7%89%87%20%281%29.pdf`);
      const b64 = createHash('sha256').update(bytes).digest('base64');
      expect(dl.headers['repr-digest']).toBe(`sha-256=:${b64}:`);
      expect(dl.headers['digest']).toBe(`sha-256=${b64}`);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      const downloaded = (await auditOf(caseId)).filter((a) => a.action === 'evidence_downloaded');
      expect(downloaded).toEqual([
        expect.objectContaining({ actor_id: filer.id, details: expect.objectContaining({ evidenceId: up.body.id, sha256: sha(bytes), objectKey: `cases/${caseId}/${up.body.id}` }) }),
      ]);
    });

    it.each([
      ['docx', samples.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['xlsx', samples.xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['doc', samples.ole2('WordDocument'), 'application/msword'],
      ['png', samples.png(), 'image/png'],
      ['jpg', samples.jpeg(), 'image/jpeg'],
      ['mp3', samples.mp3(), 'audio/mpeg'],
      ['mp4', samples.mp4(), 'video/mp4'],
      ['txt', Buffer.from('公证书编号：（2026）苏连云证字第 1234 号\n'), 'text/plain; charset=utf-8'],
    ])('.%s is typed from its bytes (%#)', async (ext, bytes, type) => {
      const caseId = await draft();
      // The declared part type is a lie on purpose: only the bytes count.
      const res = await upload(caseId, [kind(), file(bytes, `evidence.${ext}`, 'application/x-anything')]);
      expect(res.status).toBe(201);
      expect(res.body.contentType).toBe(type);
    });

    it('accepts the fields after the file too, and pages the list', async () => {
      const caseId = await draft();
      for (let i = 0; i < 3; i++) expect((await upload(caseId, [file(samples.pdf(String(i))), kind('screenshot')])).status).toBe(201);
      const first = await t.http().get(`/api/v1/cases/${caseId}/evidence?limit=2`).set(auth(filer));
      expect(first.body.items).toHaveLength(2);
      const second = await t.http().get(`/api/v1/cases/${caseId}/evidence?limit=2&cursor=${first.body.nextCursor}`).set(auth(filer));
      expect(second.body).toMatchObject({ items: [expect.any(Object)], nextCursor: null });
    });

    it('answers `Expect: 100-continue` only once the upload is authorised, then takes the body', async () => {
      const caseId = await draft();
      const { body, contentType } = multipart([kind(), file(samples.pdf('continue'))]);
      const res = await rawRequest({
        port,
        path: `/api/v1/complaints/${caseId}/evidence`,
        headers: { ...auth(filer), 'content-type': contentType, 'content-length': String(body.length) },
        body,
        expectContinue: true,
      });
      expect(res.continued).toBe(true);
      expect(res.status).toBe(201);
    });
  });

  it('/health reports whether the evidence bucket has object lock', async () => {
    const res = await t.http().get('/health');
    expect(res.body.objectStore).toMatchObject({ ok: true, bucket, objectLock: process.env.TEST_S3_OBJECT_LOCK === 'true' });
  });

  describe('field rules', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await draft();
    });

    it('422 for a missing or unknown kind, a missing file, unknown parts, an empty file', async () => {
      const cases: [Part[], { field: string; code: string }[]][] = [
        [[file(samples.pdf())], [{ field: 'kind', code: 'required' }]],
        [[kind('photo'), file(samples.pdf())], [{ field: 'kind', code: 'enum' }]],
        [[kind()], [{ field: 'file', code: 'file_required' }]],
        [[kind(), { name: 'uploadedBy', value: 'x' }, file(samples.pdf())], [{ field: 'uploadedBy', code: 'unknown_field' }]],
        [[kind(), file(Buffer.alloc(0))], [{ field: 'file', code: 'file_empty' }]],
      ];
      for (const [parts, errors] of cases) {
        const res = await upload(caseId, parts);
        expect(res.status).toBe(422);
        expect(res.body.errors).toEqual(errors.map((e) => expect.objectContaining(e)));
      }
      expect(await rowsOf(caseId)).toBe(0);
      expect(await objectsOf(caseId)).toEqual([]);
    });

    it('415 for a body that is not multipart', async () => {
      const res = await t.http().post(`/api/v1/complaints/${caseId}/evidence`).set(auth(filer)).set('content-type', 'application/pdf').send(samples.pdf());
      expect(res.status).toBe(415);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Content-Type', code: 'multipart_required' })]);
    });
  });

  describe('disguised types (S3)', () => {
    it.each([
      ['a ZIP archive named .pdf', samples.zip({ 'readme.txt': 'hello', 'payload.exe': samples.exe() })],
      ['a Windows executable named .pdf', samples.exe()],
      ['an ELF binary named .pdf', Buffer.from('\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0', 'latin1')],
      ['a macro-enabled Word document named .pdf', samples.zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '', 'word/vbaProject.bin': 'x' })],
      ['binary junk named .pdf', Buffer.from([0x00, 0x01, 0x02, 0xfe, 0xff, 0x00])],
    ])('%s → 415, nothing stored', async (_what, bytes) => {
      const caseId = await draft();
      const res = await upload(caseId, [kind(), file(bytes, 'contract.pdf', 'application/pdf')]);
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'unsupported_media_type', errors: [expect.objectContaining({ field: 'file', code: 'file_type' })] });
      expect(await rowsOf(caseId)).toBe(0);
      expect(await objectsOf(caseId)).toEqual([]);
    });

    it('the 415 says what the file was found to be in the reader\'s language', async () => {
      const caseId = await draft();
      const zh = await upload(caseId, [kind(), file(samples.exe(), 'contract.pdf', 'application/pdf')]);
      expect(zh.status).toBe(415);
      expect(zh.body.detail).toBe('Windows 可执行文件（MZ）');
      expect(zh.body.errors[0].message).toContain('检测为：Windows 可执行文件（MZ）');
    });

    it('an executable with a large body is refused at its first bytes, without reading the rest', async () => {
      const caseId = await draft();
      const { head, tail, contentType } = multipartFraming({ kind: 'other' }, 'invoice.pdf');
      let chunks = 0;
      const body = new Readable({
        read() {
          if (chunks === 0) this.push(Buffer.concat([head, samples.exe()]));
          else if (chunks <= 24) this.push(Buffer.alloc(64 * 1024));
          else {
            this.push(tail);
            this.push(null);
          }
          chunks++;
        },
      });
      const res = await rawRequest({ port, path: `/api/v1/complaints/${caseId}/evidence`, headers: { ...auth(filer), 'content-type': contentType, 'transfer-encoding': 'chunked' }, body });
      expect(res.status).toBe(415);
      expect(await objectsOf(caseId)).toEqual([]);
    });
  });

  describe('size limit (S3)', () => {
    it('413 from the declared Content-Length before any body byte (Expect: 100-continue never answered)', async () => {
      const caseId = await draft();
      const res = await rawRequest({
        port,
        path: `/api/v1/complaints/${caseId}/evidence`,
        headers: { ...auth(filer), 'accept-language': 'en', 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(LIMIT + MiB) },
        body: Buffer.alloc(LIMIT + MiB),
        expectContinue: true,
      });
      expect(res.status).toBe(413);
      expect(res.continued).toBe(false);
      expect(res.bodyBytesWritten).toBe(0);
      expect(res.headers.connection).toBe('close');
      expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'payload_too_large', detail: 'The limit is 2 MiB.' });
      expect(await objectsOf(caseId)).toEqual([]);
    });

    it('413 from the declared Content-Length without Expect, while the client is still sending', async () => {
      const caseId = await draft();
      // Declares 6 MiB but sends slowly: the answer must come before the body is in.
      let sent = 0;
      const body = new Readable({
        read() {
          sent++;
          if (sent > 6 * 16) return void this.push(null);
          setTimeout(() => this.push(Buffer.alloc(64 * 1024)), 5);
        },
      });
      const res = await rawRequest({
        port,
        path: `/api/v1/complaints/${caseId}/evidence`,
        headers: { ...auth(filer), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(6 * MiB) },
        body,
      });
      expect({ status: res.status, error: res.error?.message }).toEqual({ status: 413 });
      expect(res.bodyBytesWritten).toBeLessThan(6 * MiB);
      expect(await objectsOf(caseId)).toEqual([]);
    });

    it('413 mid-stream when a chunked body passes the limit; the multipart upload is aborted and nothing is stored', async () => {
      const caseId = await draft();
      const { head, tail, contentType } = multipartFraming({ kind: 'other' }, 'big.pdf');
      let n = 0;
      const total = LIMIT + 3 * MiB;
      const body = new Readable({
        read() {
          if (n === 0) this.push(Buffer.concat([head, samples.pdf()]));
          else if (n * 64 * 1024 > total) return void (this.push(tail), this.push(null));
          else this.push(Buffer.alloc(64 * 1024, 1));
          n++;
        },
      });
      const res = await rawRequest({ port, path: `/api/v1/complaints/${caseId}/evidence`, headers: { ...auth(filer), 'content-type': contentType, 'transfer-encoding': 'chunked' }, body });
      expect(res.status).toBe(413);
      expect(res.bodyBytesWritten).toBeLessThan(total);
      expect(await rowsOf(caseId)).toBe(0);
      expect(await objectsOf(caseId)).toEqual([]);
    });

    it('a file of exactly the limit is accepted', async () => {
      const caseId = await draft();
      const bytes = Buffer.concat([samples.pdf(), Buffer.alloc(LIMIT - samples.pdf().length, 2)]);
      const res = await upload(caseId, [kind(), file(bytes)]);
      expect(res.status).toBe(201);
      expect(res.body.sizeBytes).toBe(LIMIT);
    });
  });

  describe('file names (S3)', () => {
    // [what, how the name is sent (raw header value or RFC 5987 filename*), stored name]
    it.each([
      ['path traversal', { filename: '../../etc/passwd.pdf' }, 'passwd.pdf'],
      ['Windows path', { filename: 'C:\\Users\\wang\\Desktop\\..\\证据.pdf' }, '证据.pdf'],
      ['only dots', { filename: '..' }, 'evidence'],
      ['control characters (encoded)', { filenameStar: 'a%00b%0D%0A%1Bc%7F.pdf' }, 'abc.pdf'],
      ['tab and bell (encoded)', { filenameStar: 'a%09b%07c.pdf' }, 'abc.pdf'],
      ['newline in a quoted name (encoded)', { filenameStar: 'line1%0Aline2.pdf' }, 'line1line2.pdf'],
      ['right-to-left override', { filename: 'invoice\u202Efdp.exe' }, 'invoicefdp.exe'],
      ['right-to-left mark and isolates', { filename: '\u200F\u2067证据\u2069.pdf' }, '证据.pdf'],
      ['quotes and reserved characters', { filename: 'a\\"b<c>|d.pdf' }, 'a_b_c__d.pdf'],
      ['decomposed accents', { filenameStar: 'Cafe%CC%81.pdf' }, 'Caf\u00e9.pdf'],
    ])('%s', async (_what, sent, stored) => {
      const caseId = await draft();
      const res = await upload(caseId, [kind(), { name: 'file', ...sent, data: samples.pdf() }]);
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe(stored);
      expect(await objectsOf(caseId)).toEqual([`cases/${caseId}/${res.body.id}`]); // the key never comes from the name
      const dl = await t.http().get(`/api/v1/evidence/${res.body.id}/content`).set(auth(filer));
      expect(dl.headers['content-disposition']).toBe(contentDisposition(stored));
      expect(decodeURIComponent(dl.headers['content-disposition'].split("filename*=UTF-8''")[1])).toBe(stored);
      expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    });

    it('a very long name is cut to 200 characters, keeping its extension', async () => {
      const caseId = await draft();
      const res = await upload(caseId, [kind(), file(samples.pdf(), '侵'.repeat(400) + '.pdf')]);
      expect(res.status).toBe(201);
      expect(Array.from(res.body.fileName as string)).toHaveLength(200);
      expect(res.body.fileName).toMatch(/侵\.pdf$/);
    });
  });

  describe('who may add and see evidence', () => {
    let caseId: string;
    let evidenceId: string;
    beforeAll(async () => {
      caseId = await draft();
      const res = await upload(caseId, [kind(), file(samples.pdf('secret'))]);
      evidenceId = res.body.id;
    });

    it("another organisation's case and evidence are 404 on upload, list and content", async () => {
      expect((await upload(caseId, [kind(), file(samples.pdf())], other)).status).toBe(404);
      expect((await t.http().get(`/api/v1/cases/${caseId}/evidence`).set(auth(other))).status).toBe(404);
      const content = await t.http().get(`/api/v1/evidence/${evidenceId}/content`).set(auth(other));
      expect(content.status).toBe(404);
      expect(content.body.code).toBe('not_found');
      expect((await t.http().get(`/api/v1/evidence/${randomUUID()}/content`).set(auth(filer))).status).toBe(404);
      expect((await t.http().get(`/api/v1/evidence/not-a-uuid/content`).set(auth(filer))).status).toBe(404);
      expect(await rowsOf(caseId)).toBe(1);
    });

    it('401 without a token; 403 for roles that never add evidence', async () => {
      const { body, contentType } = multipart([kind(), file(samples.pdf())]);
      expect((await t.http().post(`/api/v1/complaints/${caseId}/evidence`).set('content-type', contentType).send(body)).status).toBe(401);
      expect((await upload(caseId, [kind(), file(samples.pdf())], police)).status).toBe(403);
      expect((await upload(caseId, [kind(), file(samples.pdf())], admin)).status).toBe(403);
    });

    it('an enterprise adds evidence only while the case is a draft or awaiting correction (409 otherwise)', async () => {
      const id = await draft();
      await setCase(id, 'screening');
      const res = await upload(id, [kind(), file(samples.pdf())]);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('not_allowed_in_state');
      await setCase(id, 'awaiting_correction');
      expect((await upload(id, [kind(), file(samples.pdf())])).status).toBe(201);
      expect(await objectsOf(id)).toHaveLength(1);
    });

    it("enterprises may not file the respondent's statement", async () => {
      expect((await upload(caseId, [kind('respondent_statement'), file(samples.pdf())])).status).toBe(403);
    });

    it('staff add expert opinions (only) to cases they see', async () => {
      const id = await draft();
      await setCase(id, 'screening');
      const ok = await upload(id, [kind('expert_opinion'), file(samples.pdf('opinion'))], examiner);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ kind: 'expert_opinion', uploadedBy: examiner.id, sharedWith: { organizationIds: [], respondent: false } });
      const wrongKind = await upload(id, [kind('screenshot'), file(samples.pdf())], examiner);
      expect(wrongKind.status).toBe(403);
      // A draft is not visible to the center yet.
      expect((await upload(await draft(), [kind('expert_opinion'), file(samples.pdf())], examiner)).status).toBe(404);
      // The enterprise sees the opinion on its case.
      const list = await t.http().get(`/api/v1/cases/${id}/evidence`).set(auth(filer));
      expect(list.body.items.map((e: { kind: string }) => e.kind)).toEqual(['expert_opinion']);
      // A closed case's record is complete: nothing more is added to it.
      await setCase(id, 'closed');
      const late = await upload(id, [kind('expert_opinion'), file(samples.pdf('late opinion'))], examiner);
      expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'not_allowed_in_state' });
      expect(await objectsOf(id)).toHaveLength(1);
    });

    it('agencies see only evidence shared with their organisation, on cases transferred to them', async () => {
      const id = await draft();
      const a = await upload(id, [kind(), file(samples.pdf('a'))]);
      const b = await upload(id, [kind(), file(samples.pdf('b'))]);
      // Not transferred: the case is not theirs.
      await setCase(id, 'screening');
      expect((await t.http().get(`/api/v1/cases/${id}/evidence`).set(auth(police))).status).toBe(404);
      await setCase(id, 'transferred', policeOrg.id);
      const none = await t.http().get(`/api/v1/cases/${id}/evidence`).set(auth(police));
      expect(none.status).toBe(200);
      expect(none.body.items).toEqual([]);
      expect((await t.http().get(`/api/v1/evidence/${a.body.id}/content`).set(auth(police))).status).toBe(404);

      const shared = await t.http().post(`/api/v1/evidence/${a.body.id}/share`).set(auth(examiner)).send({ organizationIds: [policeOrg.id], respondent: true });
      expect(shared.status).toBe(200);
      expect(shared.body.sharedWith).toEqual({ organizationIds: [policeOrg.id], respondent: true });

      const some = await t.http().get(`/api/v1/cases/${id}/evidence`).set(auth(police));
      expect(some.body.items.map((e: { id: string }) => e.id)).toEqual([a.body.id]);
      expect(some.body.items[0].sharedWith).toBeUndefined();
      const dl = await t.http().get(`/api/v1/evidence/${a.body.id}/content`).set(auth(police));
      expect(dl.status).toBe(200);
      expect((await t.http().get(`/api/v1/evidence/${b.body.id}/content`).set(auth(police))).status).toBe(404);
      // Sharing gives nobody else the case: the court, the other enterprise still see nothing.
      expect((await t.http().get(`/api/v1/cases/${id}/evidence`).set(auth(court))).status).toBe(404);
      expect((await t.http().get(`/api/v1/evidence/${a.body.id}/content`).set(auth(court))).status).toBe(404);
      expect((await t.http().get(`/api/v1/evidence/${a.body.id}/content`).set(auth(other))).status).toBe(404);
      const audit = await auditOf(id);
      expect(audit.find((e) => e.action === 'evidence_shared')).toMatchObject({ actor_id: examiner.id, details: { evidenceId: a.body.id, organizationIds: [policeOrg.id] } });
      expect(audit.filter((e) => e.action === 'evidence_downloaded').map((e) => e.actor_id)).toEqual([police.id]);

      // Unsharing (the list is replaced) takes it away again.
      expect((await t.http().post(`/api/v1/evidence/${a.body.id}/share`).set(auth(supervisor)).send({ organizationIds: [] })).status).toBe(200);
      expect((await t.http().get(`/api/v1/evidence/${a.body.id}/content`).set(auth(police))).status).toBe(404);
    });

    it('only examiners and supervisors share, only with agencies', async () => {
      expect((await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(auth(filer)).send({ organizationIds: [policeOrg.id] })).status).toBe(403);
      expect((await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(auth(police)).send({ organizationIds: [policeOrg.id] })).status).toBe(403);
      // The case is still a draft: the center does not see it.
      expect((await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(auth(examiner)).send({ organizationIds: [policeOrg.id] })).status).toBe(404);
      await setCase(caseId, 'screening');
      const bad = await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(auth(examiner)).send({ organizationIds: [orgB.id, randomUUID()] });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ field: 'organizationIds[0]', code: 'agency_organization' }),
        expect.objectContaining({ field: 'organizationIds[1]', code: 'agency_organization' }),
      ]);
      const unknown = await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(auth(examiner)).send({ organizationIds: ['x'], everyone: true });
      expect(unknown.status).toBe(422);
      await setCase(caseId, 'draft');
    });
  });

  describe('idempotency', () => {
    it('the same key and file replay the first answer without a second object; another file with the key → 422', async () => {
      const caseId = await draft();
      const key = `ev-${randomUUID()}`;
      const bytes = samples.pdf('idempotent');
      const first = await upload(caseId, [kind(), file(bytes)], filer, { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      const again = await upload(caseId, [kind(), file(bytes)], filer, { 'Idempotency-Key': key });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await upload(caseId, [kind(), file(samples.pdf('something else'))], filer, { 'Idempotency-Key': key });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      const otherKind = await upload(caseId, [kind('screenshot'), file(bytes)], filer, { 'Idempotency-Key': key });
      expect(otherKind.status).toBe(422);
      expect(await rowsOf(caseId)).toBe(1);
      expect(await objectsOf(caseId)).toEqual([`cases/${caseId}/${first.body.id}`]);
    });

    it('concurrent retries with one key store one object and one row', async () => {
      const caseId = await draft();
      const key = `ev-${randomUUID()}`;
      const bytes = Buffer.concat([samples.pdf('race'), Buffer.alloc(500_000, 3)]);
      const results = await Promise.all([1, 2, 3].map(() => upload(caseId, [kind(), file(bytes)], filer, { 'Idempotency-Key': key })));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await rowsOf(caseId)).toBe(1);
      expect(await objectsOf(caseId)).toEqual([`cases/${caseId}/${results[0].body.id}`]);
    });
  });

  describe('object store down (R3)', () => {
    it('fast 503 when the store is unreachable, nothing written; the retry with the same key succeeds exactly once', async () => {
      const deadPort = await freePort();
      const down = await startTestApp({ EVIDENCE_MAX_BYTES: String(LIMIT), S3_ENDPOINT: `http://127.0.0.1:${deadPort}` });
      try {
        const caseId = await draft();
        const key = `ev-${randomUUID()}`;
        const bytes = samples.pdf('store down');
        const { body, contentType } = multipart([kind(), file(bytes)]);
        const t0 = Date.now();
        const res = await down.http().post(`/api/v1/complaints/${caseId}/evidence`).set(auth(filer)).set('Idempotency-Key', key).set('content-type', contentType).send(body);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'service_unavailable' });
        expect(Date.now() - t0).toBeLessThan(5000);
        expect(await rowsOf(caseId)).toBe(0);
        expect(await objectsOf(caseId)).toEqual([]);

        const retry = await upload(caseId, [kind(), file(bytes)], filer, { 'Idempotency-Key': key });
        expect(retry.status).toBe(201);
        expect(retry.headers['idempotent-replayed']).toBeUndefined();
        const again = await upload(caseId, [kind(), file(bytes)], filer, { 'Idempotency-Key': key });
        expect(again.body.id).toBe(retry.body.id);
        expect(await rowsOf(caseId)).toBe(1);
        expect(await objectsOf(caseId)).toHaveLength(1);
      } finally {
        await down.close();
      }
    });

    it('the store going down mid-upload: 503, the multipart upload leaves no object and no row', async () => {
      const target = new URL(process.env.TEST_S3_URL!);
      const proxy = new StoreProxy({ host: target.hostname, port: Number(target.port) });
      await proxy.start();
      const app = await startTestApp({ EVIDENCE_MAX_BYTES: String(64 * MiB), S3_ENDPOINT: `http://127.0.0.1:${proxy.port}` });
      try {
        const caseId = await draft();
        // Let the first part (8 MiB) start towards the store, then take the store away.
        proxy.whenForwarded(2 * MiB, () => void proxy.stop());
        const bytes = Buffer.concat([samples.pdf('mid-upload'), Buffer.alloc(24 * MiB, 5)]);
        const { body, contentType } = multipart([kind(), file(bytes)]);
        const res = await app.http().post(`/api/v1/complaints/${caseId}/evidence`).set(auth(filer)).set('content-type', contentType).send(body);
        expect(res.status).toBe(503);
        expect(await rowsOf(caseId)).toBe(0);
        expect(await objectsOf(caseId)).toEqual([]);
      } finally {
        await proxy.stop();
        await app.close();
      }
    });
  });

  describe('integrity on download', () => {
    async function stored(): Promise<{ caseId: string; id: string; key: string; bytes: Buffer; versionId: string | null }> {
      const caseId = await draft();
      const bytes = Buffer.concat([samples.pdf('integrity'), Buffer.alloc(400_000, 8)]);
      const res = await upload(caseId, [kind(), file(bytes)]);
      expect(res.status).toBe(201);
      return { caseId, id: res.body.id, key: `cases/${caseId}/${res.body.id}`, bytes, versionId: res.body.versionId };
    }

    it('an object altered in the store: the transfer is cut short and the failure audited', async () => {
      const e = await stored();
      if (e.versionId) return; // versioned store: the recorded version cannot be altered (see the conformance suite)
      const tampered = Buffer.from(e.bytes);
      tampered[300_000] ^= 0x01;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: e.key, Body: tampered }));
      const res = await rawRequest({ port, method: 'GET', path: `/api/v1/evidence/${e.id}/content`, headers: auth(filer) });
      expect(res.status).toBe(200);
      expect(res.aborted).toBe(true);
      expect(res.body.length).toBeLessThan(e.bytes.length);
      expect(res.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(e.bytes).digest('base64')}:`);
      await new Promise((r) => setTimeout(r, 200));
      const audit = await auditOf(e.caseId);
      expect(audit.find((a) => a.action === 'evidence_integrity_failure')).toMatchObject({
        actor_id: filer.id,
        details: { evidenceId: e.id, reason: 'hash_mismatch', expectedSha256: sha(e.bytes), actualSha256: sha(tampered) },
      });
    });

    it('an object of another size or missing: refused before any byte (500), audited', async () => {
      const e = await stored();
      if (e.versionId) return;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: e.key, Body: e.bytes.subarray(0, 1000) }));
      const res = await t.http().get(`/api/v1/evidence/${e.id}/content`).set(auth(filer));
      expect(res.status).toBe(500);
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: e.key }));
      expect((await t.http().get(`/api/v1/evidence/${e.id}/content`).set(auth(filer))).status).toBe(500);
      const failures = (await auditOf(e.caseId)).filter((a) => a.action === 'evidence_integrity_failure');
      expect(failures.map((f) => f.details.reason)).toEqual(['hash_mismatch', 'object_missing']);
    });

    it('a small altered object is caught before a byte goes out: 500 problem document, audited, and the server answers on', async () => {
      // Read whole (and found wrong) while the download's audit entry is written, before anyone reads the stream: that
      // failure once went unheard and ended the process.
      const caseId = await draft();
      const bytes = samples.pdf('small');
      const up = await upload(caseId, [kind(), file(bytes)]);
      expect(up.status).toBe(201);
      if (up.body.versionId) return;
      const tampered = Buffer.from(bytes);
      tampered[bytes.length - 3] ^= 0x01;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `cases/${caseId}/${up.body.id}`, Body: tampered }));
      for (let i = 0; i < 3; i++) {
        const res = await t.http().get(`/api/v1/evidence/${up.body.id}/content`).set(auth(filer));
        expect(res.status).toBe(500);
        expect(res.body).toMatchObject({ code: 'internal_error' });
      }
      expect((await t.http().get('/health')).status).toBe(200);
      const failures = (await auditOf(caseId)).filter((a) => a.action === 'evidence_integrity_failure');
      expect(failures).toHaveLength(3);
      expect(failures[0].details).toMatchObject({ evidenceId: up.body.id, reason: 'hash_mismatch', actualSha256: sha(tampered) });
    });

    it('the stored object is exactly the uploaded bytes under the server-made key', async () => {
      const e = await stored();
      const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: e.key, VersionId: e.versionId ?? undefined }));
      expect(Buffer.from(await obj.Body!.transformToByteArray()).equals(e.bytes)).toBe(true);
    });
  });
});
