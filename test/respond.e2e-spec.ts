import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { RespondRateLimiter, RESPOND_LIMIT } from '../apps/api/src/respond/rate-limit';
import { DeadlineRunner } from '../apps/worker/src/deadlines/deadline-runner';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { exampleComplaint } from './support/complaints';
import { startTestApp, testConfig, testS3Client, type TestApp, type TestUser } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const STATEMENT = '本店销售的缓释片系从正规渠道购进，附进货发票，不知道是侵权产品，已下架停止销售。';

describe("the respondent's answer link", () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let worker: INestApplicationContext;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
  const view = (token: string) => t.http().get(`/api/v1/respond/${token}`);
  const answer = (token: string, body: object) => t.http().post(`/api/v1/respond/${token}`).send(body);

  /** A case accepted into `route` whose respondent has an e-mail address (unless `email` is null), with evidence. */
  const noticed = async (route = 'fast_track', email: string | null = `respondent-${randomBytes(4).toString('hex')}@test.example`, language?: 'en') => {
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.respondent.contactEmail = email;
    // Mail to the respondent is in English for a respondent outside China (whatever the complaint's language).
    if (language) complaint.respondent.country = 'US';
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(complaint);
    expect(d.status).toBe(201);
    const evidence: { id: string; bytes: Buffer }[] = [];
    for (const i of [0, 1]) {
      const bytes = Buffer.from(`%PDF-1.4\n% ${i} ${Math.random()}\n%%EOF\n`);
      const up = await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(auth(c.enterprise)).field('kind', 'infringement_evidence').attach('file', bytes, `e${i}.pdf`);
      expect(up.status).toBe(201);
      evidence.push({ id: up.body.id, bytes });
    }
    expect((await w.act(c.enterprise, d.body.id, 'submit')).status).toBe(200);
    const a = await w.act(c.examiner, d.body.id, 'accept', { route, overrideReason: '证据材料已线下核验' });
    expect(a.status).toBe(200);
    const notices: { recipient: string; data: { link?: string; dueAt?: string } }[] = await t.ds.query(
      "SELECT recipient, data FROM outbox_message WHERE case_id = $1 AND template = 'respondent_notice'",
      [d.body.id],
    );
    const link = notices[0]?.data.link;
    return { id: d.body.id as string, email, caseNumber: a.body.caseNumber as string, evidence, notices, link, token: link ? link.split('/respond/')[1].split('?')[0] : null };
  };
  const caseOf = async (id: string) => (await w.get(c.examiner, id)).body;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
    worker = await NestFactory.createApplicationContext(WorkerModule.register(testConfig({ WORKER_POLL_MS: '0' })), { logger: false });
  }, 60_000);
  beforeEach(() => t.app.get(RespondRateLimiter).reset());
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('acceptance into the fast track e-mails the respondent a single-use link that expires with the answer period', async () => {
    const n = await noticed('fast_track');
    expect(n.notices).toHaveLength(1);
    expect(n.link).toMatch(/^http:\/\/localhost:\d+\/respond\/[A-Za-z0-9_-]{43}$/);
    const [row] = await t.ds.query('SELECT token_hash, expires_at, used_at FROM respondent_token WHERE case_id = $1', [n.id]);
    const [deadline] = await t.ds.query("SELECT due_at FROM case_deadline WHERE case_id = $1 AND stage = 'respondent_answer'", [n.id]);
    // Only the token's SHA-256 is stored; it expires when the answer period ends.
    expect(row.token_hash).toBe(sha256(n.token!));
    expect(JSON.stringify(row)).not.toContain(n.token);
    expect(new Date(row.expires_at).toISOString()).toBe(new Date(deadline.due_at).toISOString());
    expect(row.used_at).toBeNull();
  });

  it.each(['administrative_enforcement', 'mediation'])('acceptance into %s sends the link too', async (route) => {
    const n = await noticed(route);
    expect(n.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await view(n.token!)).status).toBe(200);
  });

  it('a notice in English carries a link that opens the answer page in English', async () => {
    const n = await noticed('fast_track', undefined, 'en');
    expect(n.link).toMatch(/^http:\/\/localhost:\d+\/respond\/[A-Za-z0-9_-]{43}\?lang=en$/);
    expect((await t.http().get(`/api/v1/respond/${n.token}`)).status).toBe(200);
  });

  it('no link when the respondent has no e-mail address, nor on a route that does not hear the respondent', async () => {
    const none = await noticed('fast_track', null);
    expect(none.notices).toEqual([]);
    expect(await t.ds.query('SELECT id FROM respondent_token WHERE case_id = $1', [none.id])).toEqual([]);
    const customs = await noticed('customs_referral');
    expect(customs.notices).toEqual([]);
    expect(await t.ds.query('SELECT id FROM respondent_token WHERE case_id = $1', [customs.id])).toEqual([]);
  });

  it('GET shows the complaint summary without contacts, the deadline and only the evidence shared with the respondent', async () => {
    const n = await noticed();
    const shared = await t.http().post(`/api/v1/evidence/${n.evidence[0].id}/share`).set(auth(c.examiner)).send({ respondent: true });
    expect(shared.status).toBe(200);
    const res = await view(n.token!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseNumber: n.caseNumber,
      complainant: { name: '连云港康恒医药有限公司' },
      ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6' }],
      infringement: { conducts: ['sale'], channel: 'offline' },
      deadlines: [{ stage: 'respondent_answer', dueDate: expect.any(String), dueAt: expect.stringMatching(/\+08:00$/) }],
      answer: { statement: { minLength: 20, maxLength: 20000 } },
    });
    expect(res.body.infringement.description.length).toBeGreaterThan(20);
    // No contact details of the complainant or of staff, no assignee, no triage internals.
    const text = JSON.stringify(res.body);
    for (const secret of ['ip@kangheng.example', '王敏', '+86 518 8555 0101', c.examiner.email, c.examiner.id, 'assignee', 'triage', 'contactEmail']) expect(text).not.toContain(secret);
    expect(res.body.evidence.map((e: { id: string }) => e.id)).toEqual([n.evidence[0].id]);
    const dl = await t.http().get(res.body.evidence[0].url).buffer(true).parse(binary);
    expect(dl.status).toBe(200);
    expect((dl.body as Buffer).equals(n.evidence[0].bytes)).toBe(true);
    expect((await t.http().get(`/api/v1/respond/${n.token}/evidence/${n.evidence[1].id}`)).status).toBe(404);
    const viewed = await t.ds.query("SELECT actor_role FROM audit_entry WHERE case_id = $1 AND action = 'respondent_notice_viewed'", [n.id]);
    expect(viewed).toEqual([{ actor_role: 'respondent' }]);
  });

  it('shared evidence altered in the store: 500 through the link, audited as the respondent\'s, and the server answers on', async () => {
    const n = await noticed();
    expect((await t.http().post(`/api/v1/evidence/${n.evidence[0].id}/share`).set(auth(c.examiner)).send({ respondent: true })).status).toBe(200);
    const [row] = await t.ds.query('SELECT object_key, version_id FROM evidence WHERE id = $1', [n.evidence[0].id]);
    if (row.version_id) return; // a versioned store keeps the recorded version as it was
    const tampered = Buffer.from(n.evidence[0].bytes);
    tampered[tampered.length - 2] ^= 0x01;
    await testS3Client().send(new PutObjectCommand({ Bucket: 'evidence', Key: row.object_key, Body: tampered }));
    const res = await t.http().get(`/api/v1/respond/${n.token}/evidence/${n.evidence[0].id}`);
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ code: 'internal_error' });
    expect((await view(n.token!)).status).toBe(200);
    const failures = await t.ds.query("SELECT actor_role, details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'evidence_integrity_failure'", [n.id]);
    expect(failures).toEqual([{ actor_role: 'respondent', details: expect.objectContaining({ evidenceId: n.evidence[0].id, reason: 'hash_mismatch' }) }]);
  });

  it('POST answers once (statement and files, one transaction): the answer region moves to answered; the link is then spent', async () => {
    const n = await noticed();
    // A statement that is too short is refused and leaves the link usable.
    const short = await answer(n.token!, { statement: '不同意' });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'statement', code: 'length' })]);
    const unknown = await answer(n.token!, { statement: STATEMENT, evidence: [] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'evidence', code: 'unknown_field' })]);

    const invoice = Buffer.from(`%PDF-1.4\n% 进货发票 ${Math.random()}\n%%EOF\n`);
    const res = await t
      .http()
      .post(`/api/v1/respond/${n.token}`)
      .field('statement', STATEMENT)
      .field('kinds', 'purchase_record')
      .attach('files', invoice, '进货发票.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseNumber: n.caseNumber,
      respondentAnswer: 'answered',
      statement: { kind: 'respondent_statement', contentType: 'text/plain; charset=utf-8', sha256: sha256(Buffer.from(STATEMENT, 'utf8')) },
      evidence: [{ kind: 'purchase_record', fileName: '进货发票.pdf', sha256: sha256(invoice), sizeBytes: invoice.length }],
    });
    const got = await caseOf(n.id);
    expect(got.respondentAnswer).toBe('answered');
    expect(got.state).toBe('fast_track.examining');
    // Staff see the statement and the file as evidence; the statement reads back as sent.
    const list = await t.http().get(`/api/v1/cases/${n.id}/evidence?limit=100`).set(auth(c.examiner));
    // Each file says who filed it: the respondent's next to the complainant's.
    const kinds = list.body.items.map((e: { kind: string; uploadedBy: string | null; uploaderRole: string }) => [e.kind, e.uploadedBy, e.uploaderRole]);
    expect(kinds).toEqual(expect.arrayContaining([['respondent_statement', null, 'respondent'], ['purchase_record', null, 'respondent'], ['infringement_evidence', c.enterprise.id, 'enterprise']]));
    const stmt = await t.http().get(`/api/v1/evidence/${res.body.statement.id}/content`).set(auth(c.examiner)).buffer(true).parse(binary);
    expect((stmt.body as Buffer).toString('utf8')).toBe(STATEMENT);
    const audit = await t.ds.query("SELECT action, actor_id, details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND actor_role = 'respondent' ORDER BY seq", [n.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['respondent_answered', 'evidence_added', 'evidence_added']);
    expect(audit.every((a: { actor_id: string | null }) => a.actor_id === null)).toBe(true);
    const [{ used_at }] = await t.ds.query('SELECT used_at FROM respondent_token WHERE case_id = $1', [n.id]);
    expect(used_at).not.toBeNull();
    const [deadline] = await t.ds.query("SELECT status FROM case_deadline WHERE case_id = $1 AND stage = 'respondent_answer'", [n.id]);
    expect(deadline.status).toBe('met');

    // Reuse: the same 404 for GET and POST.
    const again = await answer(n.token!, { statement: STATEMENT });
    expect(again.status).toBe(404);
    expect((await view(n.token!)).status).toBe(404);
    const unknownToken = await view(randomBytes(32).toString('base64url'));
    expect(unknownToken.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(again.body)).toEqual(strip(unknownToken.body));
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('an answer on a case nobody holds reaches the stage\'s queue; one on a held case its assignee alone', async () => {
    const open = await noticed('administrative_enforcement');
    expect((await answer(open.token!, { statement: STATEMENT })).status).toBe(201);
    const told = (await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'respondent_answered'", [open.id])).map((r: { recipient: string }) => r.recipient);
    const officers = (await t.ds.query("SELECT email FROM user_account WHERE role = 'officer' AND active")).map((r: { email: string }) => r.email);
    expect(told).toContain(c.officer.email);
    expect(told.every((e: string) => officers.includes(e))).toBe(true);

    const held = await noticed('administrative_enforcement');
    expect((await t.http().post(`/api/v1/cases/${held.id}/claim`).set(auth(c.officer))).status).toBe(200);
    expect((await answer(held.token!, { statement: STATEMENT })).status).toBe(201);
    expect(await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'respondent_answered'", [held.id])).toEqual([{ recipient: c.officer.email }]);
  });

  it('two answers racing on one link: exactly one is accepted', async () => {
    const n = await noticed();
    const results = await Promise.all(Array.from({ length: 6 }, () => answer(n.token!, { statement: STATEMENT })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 404, 404, 404, 404, 404]);
    const [{ count }] = await t.ds.query("SELECT count(*)::int AS count FROM evidence WHERE case_id = $1 AND kind = 'respondent_statement'", [n.id]);
    expect(count).toBe(1);
  });

  it('Idempotency-Key: the same answer sent again replays the first (the link spent by it), files and all; another body under the key is 422', async () => {
    const n = await noticed();
    const invoice = Buffer.from(`%PDF-1.4\n% 进货发票 ${Math.random()}\n%%EOF\n`);
    const send = (key: string, statement = STATEMENT, file = invoice) =>
      t.http().post(`/api/v1/respond/${n.token}`).set('Idempotency-Key', key).field('statement', statement).field('kinds', 'purchase_record').attach('files', file, '进货发票.pdf');
    const objectsBefore = await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [n.id]);
    const first = await send('answer-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The answer got lost on the way back; the respondent's client sends it again with the same key.
    const again = await send('answer-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // Recorded once: one statement, one file, one answered event.
    const rows = await t.ds.query("SELECT kind FROM evidence WHERE case_id = $1 AND uploader_role = 'respondent' ORDER BY kind", [n.id]);
    expect(rows.map((r: { kind: string }) => r.kind)).toEqual(['purchase_record', 'respondent_statement']);
    expect((await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [n.id]))[0].n).toBe(objectsBefore[0].n + 2);
    const answered = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action = 'respondent_answered'", [n.id]);
    expect(answered[0].n).toBe(1);
    // The key is bound to what was sent: another statement or another file under it is refused; a new key finds the
    // link spent, like any second answer.
    const otherStatement = await send('answer-1', `${STATEMENT}补充说明。`);
    expect(otherStatement.status).toBe(422);
    expect(otherStatement.body.code).toBe('idempotency_key_reused');
    const otherFile = await send('answer-1', STATEMENT, Buffer.from(`%PDF-1.4\n% 另一份 ${Math.random()}\n%%EOF\n`));
    expect(otherFile.status).toBe(422);
    expect((await send('answer-2')).status).toBe(404);
    // A bad key is named.
    const bad = await t.http().post(`/api/v1/respond/${n.token}`).set('Idempotency-Key', 'spaces are not allowed').send({ statement: STATEMENT });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', code: 'invalid' })]);
  });

  it('a refused file is named by its position (files[1]); nothing of the answer is kept and the link stays usable', async () => {
    const n = await noticed();
    const invoice = Buffer.from(`%PDF-1.4\n% 进货发票 ${Math.random()}\n%%EOF\n`);
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(64)]);
    const refused = await t
      .http()
      .post(`/api/v1/respond/${n.token}`)
      .field('statement', STATEMENT)
      .attach('files', invoice, '进货发票.pdf')
      .attach('files', exe, '说明.exe');
    expect(refused.status).toBe(415);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'files[1]', code: 'file_type' })]);
    const empty = await t.http().post(`/api/v1/respond/${n.token}`).field('statement', STATEMENT).attach('files', Buffer.alloc(0), '空.pdf');
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'files[0]', code: 'file_empty' })]);
    expect(await t.ds.query("SELECT 1 FROM evidence WHERE case_id = $1 AND uploader_role = 'respondent'", [n.id])).toEqual([]);
    expect((await answer(n.token!, { statement: STATEMENT })).status).toBe(201);
  });

  it('a statement of several lines is kept with LF line breaks, whether a form (CRLF) or JSON sent it: the receipt\'s digest is the typed text\'s', async () => {
    const typed = `${STATEMENT}\n一、进货渠道合法；\n二、已停止销售。`;
    const form = await noticed();
    const viaForm = await t.http().post(`/api/v1/respond/${form.token}`).field('statement', typed.replace(/\n/g, '\r\n'));
    expect(viaForm.status).toBe(201);
    const json = await noticed();
    const viaJson = await answer(json.token!, { statement: typed });
    expect(viaJson.status).toBe(201);
    expect(viaForm.body.statement.sha256).toBe(sha256(Buffer.from(typed, 'utf8')));
    expect(viaJson.body.statement.sha256).toBe(sha256(Buffer.from(typed, 'utf8')));
  });

  it('Idempotency-Key: retries racing on one link under one key record one answer, and each is told it', async () => {
    const n = await noticed();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.http().post(`/api/v1/respond/${n.token}`).set('Idempotency-Key', 'racing').send({ statement: STATEMENT })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.statement.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    const [{ count }] = await t.ds.query("SELECT count(*)::int AS count FROM evidence WHERE case_id = $1 AND kind = 'respondent_statement'", [n.id]);
    expect(count).toBe(1);
  });

  it('an expired link is 404; unknown and malformed ones too', async () => {
    const n = await noticed();
    await t.ds.query("UPDATE respondent_token SET expires_at = now() - interval '1 minute' WHERE case_id = $1", [n.id]);
    expect((await view(n.token!)).status).toBe(404);
    expect((await answer(n.token!, { statement: STATEMENT })).status).toBe(404);
    expect((await caseOf(n.id)).respondentAnswer).toBe('notified');
    for (const bad of ['x', 'a'.repeat(43), `${n.token}x`, '%E4%B8%AD']) expect((await view(bad)).status).toBe(404);
  });

  it('no answer within the period: the worker lapses it (DeadlineRunner) and the link is dead', async () => {
    const n = await noticed('mediation');
    const [deadline] = await t.ds.query("SELECT due_at FROM case_deadline WHERE case_id = $1 AND stage = 'respondent_answer' AND status = 'active'", [n.id]);
    await worker.get(DeadlineRunner).runDue(new Date(new Date(deadline.due_at).getTime() + 60_000));
    const got = await caseOf(n.id);
    expect(got.respondentAnswer).toBe('lapsed');
    expect(got.state).toBe('mediation.assigning');
    expect((await view(n.token!)).status).toBe(404);
    expect((await answer(n.token!, { statement: STATEMENT })).status).toBe(404);
  });

  it('a complaint withdrawn before the answer kills the link, and the respondent is told no answer is needed', async () => {
    const n = await noticed();
    expect((await w.act(c.enterprise, n.id, 'withdraw', { reason: '双方已自行和解' })).status).toBe(200);
    expect((await view(n.token!)).status).toBe(404);
    const told: { recipient: string; data: { link?: string } }[] = await t.ds.query(
      "SELECT recipient, data FROM outbox_message WHERE case_id = $1 AND template = 'case_withdrawn' ORDER BY recipient",
      [n.id],
    );
    expect(told.map((m) => m.recipient)).toContain(n.email);
    // Mail to the respondent carries no link into the staff UI (nor a dead answer link).
    expect(told.find((m) => m.recipient === n.email)!.data.link).toBeUndefined();
  });

  it('the link is rate-limited per client address', async () => {
    const bad = randomBytes(32).toString('base64url');
    const statuses: number[] = [];
    for (let i = 0; i <= RESPOND_LIMIT.requests; i++) statuses.push((await view(bad)).status);
    expect(statuses.slice(0, RESPOND_LIMIT.requests).every((s) => s === 404)).toBe(true);
    const limited = await view(bad);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('rate_limited');
  });
});
