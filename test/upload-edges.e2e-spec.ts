// Uploads and answers cut off, queued or oddly shaped: never an uncaught exception (the API and, under the main
// command, the worker share the process), the statement stored as the text it is, every refusal naming its field.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { RespondRateLimiter } from '../apps/api/src/respond/rate-limit';
import { exampleComplaint } from './support/complaints';
import { startTestApp, type TestApp, type TestUser } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

const STATEMENT = '本店销售的缓释片系从正规渠道购进，附进货发票，不知道是侵权产品，已下架停止销售。';
const B = 'rvboundary7d9';
const pdf = (n = 2048) => Buffer.concat([Buffer.from('%PDF-1.4\n%'), randomBytes(n), Buffer.from('\n%%EOF\n')]);
const part = (name: string, body: Buffer | string, fileName?: string) =>
  Buffer.concat([
    Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${name}"${fileName ? `; filename="${fileName}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n`),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);

describe('uploads and answers: aborted, early refused, statement as text', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let port: number;
  const uncaught: Error[] = [];
  const onUncaught = (e: Error) => uncaught.push(e);
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

  const noticed = async () => {
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.respondent.contactEmail = `r-${randomBytes(4).toString('hex')}@test.example`;
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(complaint);
    expect(d.status).toBe(201);
    expect((await w.act(c.enterprise, d.body.id, 'submit')).status).toBe(200);
    expect((await w.act(c.examiner, d.body.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' })).status).toBe(200);
    const [n] = await t.ds.query("SELECT data FROM outbox_message WHERE case_id = $1 AND template = 'respondent_notice'", [d.body.id]);
    return { id: d.body.id as string, token: (n.data.link as string).split('/respond/')[1] };
  };

  /** Sends raw bytes on a fresh connection; resolves with whatever came back (or '' if the socket died). */
  const raw = (head: string, body: Buffer, opts: { end?: boolean; destroyAfterMs?: number } = {}) =>
    new Promise<{ text: string; socket: net.Socket }>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      let text = '';
      s.on('data', (d) => (text += d.toString('latin1')));
      s.on('error', () => undefined);
      s.on('close', () => resolve({ text, socket: s }));
      s.write(head);
      s.write(body);
      if (opts.destroyAfterMs !== undefined) setTimeout(() => s.destroy(), opts.destroyAfterMs);
      else if (opts.end !== false) s.end();
      else resolve({ text, socket: s });
    });

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    c = await cast(t);
    w = actor(t);
  }, 60_000);
  beforeEach(() => {
    t.app.get(RespondRateLimiter).reset();
    uncaught.length = 0;
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await t?.close();
  });

  it('respond: a body cut off inside the 2nd file while the 1st is still being stored is a 4xx, not an uncaught exception', async () => {
    const n = await noticed();
    const body = Buffer.concat([
      part('statement', STATEMENT),
      Buffer.from('\r\n'),
      part('files', pdf(3 * 1024 * 1024), 'a.pdf'),
      Buffer.from('\r\n'),
      part('files', pdf(100), 'b.pdf'), // no closing boundary: "Unexpected end of form"
    ]);
    const head =
      `POST /api/v1/respond/${n.token} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
      `Content-Type: multipart/form-data; boundary=${B}\r\nContent-Length: ${body.length}\r\n\r\n`;
    // The whole body is sent and the connection kept open (a half-close would abort the request).
    const { socket } = await raw(head, body, { end: false });
    const text = await new Promise<string>((resolve) => {
      let got = '';
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('close', () => resolve(got));
      setTimeout(() => resolve(got), 4000);
    });
    socket.destroy();
    expect(uncaught.map((e) => e.message)).toEqual([]);
    expect(text).toMatch(/^HTTP\/1\.1 4\d\d/);
    // The link is still good: nothing was answered.
    expect((await t.http().get(`/api/v1/respond/${n.token}`)).status).toBe(200);
  });

  it('evidence: a client that gives up while its upload waits for upload memory is not an uncaught exception', async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(exampleComplaint({ uscc: c.uscc }));
    expect(d.status).toBe(201);
    const head =
      `POST /api/v1/complaints/${d.body.id}/evidence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${c.enterprise.token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${B}\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const start = chunk(Buffer.concat([part('kind', 'infringement_evidence'), Buffer.from('\r\n'), part('file', pdf(1024), 'x.pdf')]));
    // Four chunked uploads (no Content-Length: each reserves a full share of the budget) that stay open.
    const held = await Promise.all([0, 1, 2, 3].map(() => raw(head, start, { end: false })));
    await new Promise((r) => setTimeout(r, 800));
    // A fifth waits for memory; its client gives up.
    await raw(head, start, { destroyAfterMs: 800 });
    await new Promise((r) => setTimeout(r, 500));
    for (const h of held) h.socket.destroy();
    await new Promise((r) => setTimeout(r, 1000));
    expect(uncaught.map((e) => e.message)).toEqual([]);
  });

  it('respond: a statement beginning "MZ" is a statement, not a Windows executable (was 415 on field "files")', async () => {
    const n = await noticed();
    const res = await t.http().post(`/api/v1/respond/${n.token}`).send({ statement: `MZ Optics Ltd. denies the allegations: ${STATEMENT}` });
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 201, errors: undefined });
  });

  it('respond: a statement beginning "%PDF-" is stored and served as text/plain', async () => {
    const n = await noticed();
    const res = await t.http().post(`/api/v1/respond/${n.token}`).send({ statement: `%PDF-1.7 is the format of our catalogue; ${STATEMENT}` });
    expect(res.status).toBe(201);
    expect(res.body.statement.contentType).toBe('text/plain; charset=utf-8');
  });

  it('respond: a NUL in the statement is a 422 naming "statement" (was 415 naming "files")', async () => {
    const n = await noticed();
    const res = await t.http().post(`/api/v1/respond/${n.token}`).send({ statement: `${STATEMENT}\u0000` });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'statement' })]);
  });

  it('respond: a declared body larger than the answer may be is 413 before the body is read', async () => {
    const n = await noticed();
    const head =
      `POST /api/v1/respond/${n.token} HTTP/1.1\r\nHost: x\r\n` +
      `Content-Type: multipart/form-data; boundary=${B}\r\nContent-Length: ${20 * 1024 ** 3}\r\n\r\n`;
    const first = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.once('data', (d) => {
        resolve(d.toString('latin1').split('\r\n')[0]);
        s.destroy();
      });
      s.write(head);
      setTimeout(() => (resolve('(no answer)'), s.destroy()), 3000);
    });
    expect(first).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('evidence: a too long description names its limit in characters (2000), not in bytes', async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(exampleComplaint({ uscc: c.uscc }));
    const res = await t
      .http()
      .post(`/api/v1/complaints/${d.body.id}/evidence`)
      .set(auth(c.enterprise))
      .set('accept-language', 'en')
      .field('kind', 'infringement_evidence')
      .field('description', '证'.repeat(2700))
      .attach('file', pdf(), 'a.pdf');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'description', code: 'max_length', message: 'must be at most 2000 characters long' })]);
  });
  it('evidence: HEAD gives the file’s headers without reading it from the store or recording a download', async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(exampleComplaint({ uscc: c.uscc }));
    const bytes = pdf(4096);
    const up = await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(auth(c.enterprise)).field('kind', 'infringement_evidence').attach('file', bytes, 'h.pdf');
    expect(up.status).toBe(201);
    const downloads = async () =>
      (await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'evidence_downloaded' AND details::jsonb->>'evidenceId' = $1", [up.body.id]))[0].n;
    const head = await t.http().head(`/api/v1/evidence/${up.body.id}/content`).set(auth(c.enterprise));
    expect({ status: head.status, length: head.headers['content-length'], digest: head.headers['repr-digest'] }).toEqual({
      status: 200,
      length: String(bytes.length),
      digest: `sha-256=:${Buffer.from(up.body.sha256, 'hex').toString('base64')}:`,
    });
    expect(await downloads()).toBe(0);
    expect((await t.http().get(`/api/v1/evidence/${up.body.id}/content`).set(auth(c.enterprise))).status).toBe(200);
    expect(await downloads()).toBe(1);
  });
});
