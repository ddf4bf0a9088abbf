// Outbox mail end to end: rows in a real PostgreSQL, the worker's sender, a real SMTP sink read back as .eml files,
// and the admin endpoints over HTTP. The sender claims every due row of its database, so this file runs on a
// database of its own: its workers never send (or fail) another file's mail, and no other file's worker sends ours.
import { createDataSource, migrate } from '@lyg/database';
import { freePort, readSinkMessages } from '@lyg/embedded';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ParsedMail, simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Client } from 'pg';
import { OutboxSender } from '../apps/worker/src/outbox/outbox-sender';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createUser, startTestApp, testConfig, type TestApp, type TestUser } from './support/test-app';

const MAIL_FROM = 'noreply@ipcenter.lyg.example';
const runId = randomUUID().slice(0, 8);
let dbUrl: string;
let dbName: string;
let t: TestApp;
let admin: TestUser;
const workers: INestApplicationContext[] = [];

async function withServer<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env.TEST_DB_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function startWorker(env: Record<string, string> = {}): Promise<{ ctx: INestApplicationContext; sender: OutboxSender }> {
  const ctx = await NestFactory.createApplicationContext(
    WorkerModule.register(testConfig({ DATABASE_URL: dbUrl, OUTBOX_BATCH_SIZE: '500', ...env })),
    { logger: false },
  );
  workers.push(ctx);
  return { ctx, sender: ctx.get(OutboxSender) };
}

async function closedSmtpUrl(): Promise<string> {
  return `smtp://127.0.0.1:${await freePort()}`;
}

/** An SMTP server that is up but refuses every recipient (550): a failure of the message, not of the server. */
async function refusingSmtpUrl(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let seq = 0;
const newRecipient = (tag: string) => `${tag}-${runId}-${++seq}@notify.test.example`;

interface Row {
  id: string;
  recipient: string;
  messageId: string;
}

async function enqueue(o: { template?: string; language?: 'zh-CN' | 'en'; data?: Record<string, unknown>; recipient?: string; status?: string; notify?: boolean } = {}): Promise<Row> {
  const id = randomUUID();
  const row = { id, recipient: o.recipient ?? newRecipient('r'), messageId: `<${randomUUID()}@ipcenter.lyg.example>` };
  const data = o.data ?? { caseNumber: `LYG-IP-2026-${String(seq).padStart(6, '0')}`, complainantName: '连云港康恒医药有限公司', route: 'fast_track' };
  await t.ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO outbox_message (id, case_id, template, recipient, language, data, message_id, status, attempts, next_attempt_at)
       VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, 0, now())`,
      [id, o.template ?? 'complaint_accepted', row.recipient, o.language ?? 'zh-CN', JSON.stringify(data), row.messageId, o.status ?? 'pending'],
    );
    if (o.notify) await m.query("SELECT pg_notify('outbox', $1)", [id]);
  });
  return row;
}

async function outboxRow(id: string) {
  const [r] = await t.ds.query('SELECT status, attempts, last_error, next_attempt_at, sent_at, message_id FROM outbox_message WHERE id = $1', [id]);
  return r as { status: string; attempts: number; last_error: string | null; next_attempt_at: Date; sent_at: Date | null; message_id: string };
}

const makeDue = (ids: string[]) => t.ds.query('UPDATE outbox_message SET next_attempt_at = now() WHERE id = ANY($1)', [ids]);

/** The messages the sink received for one address (other test files share the sink). */
async function mailsTo(recipient: string): Promise<ParsedMail[]> {
  const raw = readSinkMessages(process.env.TEST_MAIL_DIR!).filter((m) => m.raw.startsWith(`X-Envelope-To: ${recipient}\r\n`));
  return Promise.all(raw.map((m) => simpleParser(m.raw)));
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

const addressOf = (m: ParsedMail, field: 'to' | 'from') => {
  const a = m[field];
  return (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address));
};

beforeAll(async () => {
  dbName = `lyg_notify_${process.pid}_${Date.now()}`;
  await withServer((c) => c.query(`CREATE DATABASE ${dbName}`));
  const url = new URL(process.env.TEST_DB_URL!);
  url.pathname = `/${dbName}`;
  dbUrl = url.toString();
  const ds = createDataSource(dbUrl, 2);
  await ds.initialize();
  await migrate(ds);
  await ds.destroy();
  t = await startTestApp({ DATABASE_URL: dbUrl });
  admin = await createUser(t, 'admin', null);
}, 60_000);

afterEach(async () => {
  while (workers.length) await workers.pop()!.close();
});

afterAll(async () => {
  await t?.close();
  if (dbName) await withServer((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
});

describe('outbox mail over SMTP', () => {
  it('sends a Chinese and an English notice, each with text and HTML, to its recipient with the row’s Message-ID', async () => {
    const zh = await enqueue({
      template: 'correction_requested',
      language: 'zh-CN',
      data: { caseNumber: 'LYG-IP-2026-000101', items: ['补充专利证书复印件', '上传公证购买凭证'], dueDate: '2026-12-10' },
    });
    const en = await enqueue({ template: 'complaint_accepted', language: 'en', data: { caseNumber: 'LYG-IP-2026-000102', route: 'mediation' } });
    const { sender } = await startWorker();

    const report = await sender.sendDue();
    expect(report).toMatchObject({ claimed: 2, sent: 2, retrying: 0, dead: 0 });

    const [zhMail] = await mailsTo(zh.recipient);
    expect(zhMail.subject).toBe('【案件 LYG-IP-2026-000101】请补正投诉材料');
    expect(zhMail.messageId).toBe(zh.messageId);
    expect(addressOf(zhMail, 'to')).toEqual([zh.recipient]);
    expect(addressOf(zhMail, 'from')).toEqual([MAIL_FROM]);
    expect(zhMail.headers.get('content-language')).toBe('zh-CN');
    expect(zhMail.text).toContain('补正截止时间：2026-12-10 24:00（北京时间）');
    expect(zhMail.text).toContain('1. 补充专利证书复印件');
    expect(zhMail.html).toContain('<html lang="zh-CN">');
    expect(zhMail.html).toContain('<li>上传公证购买凭证</li>');

    const [enMail] = await mailsTo(en.recipient);
    expect(enMail.subject).toBe('[Case LYG-IP-2026-000102] Complaint accepted');
    expect(enMail.messageId).toBe(en.messageId);
    expect(addressOf(enMail, 'to')).toEqual([en.recipient]);
    expect(enMail.text).toContain("Route: people's mediation");
    expect(enMail.html).toContain('<html lang="en">');
    expect(enMail.html).toContain('China (Lianyungang) IP Protection Center');

    for (const r of [zh, en]) expect(await outboxRow(r.id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null, sent_at: expect.any(Date) });
    expect(await sender.sendDue()).toMatchObject({ claimed: 0 });
  });

  it('a respondent\'s answer link reaches the mail and then leaves the row (the database keeps only the token\'s hash)', async () => {
    const link = 'http://127.0.0.1:3000/respond/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
    const notice = await enqueue({ template: 'respondent_notice', language: 'zh-CN', data: { caseNumber: 'LYG-IP-2026-000103', link, dueDate: '2026-12-20' } });
    const other = await enqueue({ template: 'complaint_accepted', language: 'zh-CN', data: { caseNumber: 'LYG-IP-2026-000104', route: 'mediation', link: 'http://127.0.0.1:3000/cases/1' } });
    const { sender } = await startWorker();
    expect(await sender.sendDue()).toMatchObject({ sent: 2 });
    const [mail] = await mailsTo(notice.recipient);
    expect(mail.text).toContain(link);
    const [row] = await t.ds.query('SELECT data FROM outbox_message WHERE id = $1', [notice.id]);
    expect(row.data.link).toBeUndefined();
    expect(row.data.caseNumber).toBe('LYG-IP-2026-000103');
    // Other links (to the case page, which needs a sign-in) stay.
    expect((await t.ds.query('SELECT data FROM outbox_message WHERE id = $1', [other.id]))[0].data.link).toBe('http://127.0.0.1:3000/cases/1');
  });

  it('SMTP down then up: mail waits with a back-off, then every message arrives exactly once with its Message-ID', async () => {
    const rows = await Promise.all(Array.from({ length: 5 }, (_, i) => enqueue({ language: i % 2 ? 'en' : 'zh-CN' })));
    const down = await startWorker({ SMTP_URL: await closedSmtpUrl() });

    const before = Date.now();
    expect(await down.sender.sendDue()).toMatchObject({ claimed: 5, sent: 0, retrying: 5, dead: 0 });
    for (const r of rows) {
      const row = await outboxRow(r.id);
      // The server's absence is not the message's failure: no attempt counted.
      expect(row).toMatchObject({ status: 'pending', attempts: 0, sent_at: null });
      expect(row.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      // First back-off: 20 s ± 20 %.
      expect(row.next_attempt_at.getTime() - before).toBeGreaterThanOrEqual(15_000);
      expect(row.next_attempt_at.getTime() - before).toBeLessThanOrEqual(25_000 + (Date.now() - before));
      expect(await mailsTo(r.recipient)).toHaveLength(0);
    }
    expect(await down.sender.sendDue()).toMatchObject({ claimed: 0 });

    // The server comes back; the test moves the clock of the retry instead of waiting 20 s.
    await makeDue(rows.map((r) => r.id));
    const up = await startWorker();
    expect(await up.sender.sendDue()).toMatchObject({ claimed: 5, sent: 5 });
    expect(await up.sender.sendDue()).toMatchObject({ claimed: 0 });
    for (const r of rows) {
      const mails = await mailsTo(r.recipient);
      expect(mails.map((m) => m.messageId)).toEqual([r.messageId]);
      expect(await outboxRow(r.id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    }
  });

  it('a message sent again after its outcome was lost (worker crash) repeats the same Message-ID', async () => {
    const r = await enqueue();
    const { sender } = await startWorker();
    await sender.sendDue();
    // The worker died between the SMTP reply and the database update: the lease runs out, the row is claimed again.
    await t.ds.query("UPDATE outbox_message SET status = 'pending', sent_at = NULL, next_attempt_at = now() WHERE id = $1", [r.id]);
    await sender.sendDue();
    const mails = await mailsTo(r.recipient);
    expect(mails).toHaveLength(2);
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set([r.messageId]));
  });

  it('two workers sending at once never send one message twice', async () => {
    const rows = await Promise.all(Array.from({ length: 30 }, () => enqueue()));
    const a = await startWorker({ OUTBOX_BATCH_SIZE: '4' });
    const b = await startWorker({ OUTBOX_BATCH_SIZE: '4' });
    const drain = async (s: OutboxSender) => {
      let claimed = 0;
      for (;;) {
        const r = await s.sendDue();
        if (r.claimed === 0) return claimed;
        claimed += r.claimed;
      }
    };
    const [ca, cb] = await Promise.all([drain(a.sender), drain(b.sender)]);
    expect(ca + cb).toBe(30);
    expect(ca).toBeGreaterThan(0);
    expect(cb).toBeGreaterThan(0);
    for (const r of rows) expect((await mailsTo(r.recipient)).map((m) => m.messageId)).toEqual([r.messageId]);
  });

  it('a message whose template is unknown is dead-lettered at once: retrying cannot fix it', async () => {
    const r = await enqueue({ template: 'no_such_notice' });
    const { sender } = await startWorker();
    expect(await sender.sendDue()).toMatchObject({ claimed: 1, dead: 1 });
    expect(await outboxRow(r.id)).toMatchObject({ status: 'dead', attempts: 1, last_error: expect.stringMatching(/unknown notice template/) });
  });
});

describe('dead letters and the admin resend', () => {
  it('a server that cannot be reached, however long, never dead-letters a message: it is sent once the server is back', async () => {
    const r = await enqueue({ language: 'zh-CN' });
    const down = await startWorker({ SMTP_URL: await closedSmtpUrl(), OUTBOX_MAX_ATTEMPTS: '2' });
    for (let i = 0; i < 4; i++) {
      expect(await down.sender.sendDue()).toMatchObject({ claimed: 1, retrying: 1, dead: 0 });
      await makeDue([r.id]);
    }
    // No attempt counted: the message was never at fault.
    expect(await outboxRow(r.id)).toMatchObject({ status: 'pending', attempts: 0 });
    const up = await startWorker();
    expect(await up.sender.sendDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await mailsTo(r.recipient)).toHaveLength(1);
  });

  it('after a long outage the message still has all its attempts for refusals of its own', async () => {
    const r = await enqueue({ language: 'en' });
    const down = await startWorker({ SMTP_URL: await closedSmtpUrl(), OUTBOX_MAX_ATTEMPTS: '2' });
    for (let i = 0; i < 5; i++) {
      await down.sender.sendDue();
      await makeDue([r.id]);
    }
    // Back, but refusing the recipient once (greylisting): one refusal of two allowed, not dead-lettered.
    const refusing = await refusingSmtpUrl();
    try {
      const greylisted = await startWorker({ SMTP_URL: refusing.url, OUTBOX_MAX_ATTEMPTS: '2' });
      expect(await greylisted.sender.sendDue()).toMatchObject({ claimed: 1, retrying: 1, dead: 0 });
      expect(await outboxRow(r.id)).toMatchObject({ status: 'pending', attempts: 1 });
      // Its pooled SMTP connection closed first, or the server's close would wait for it.
      await greylisted.ctx.close();
    } finally {
      await refusing.close();
    }
    await makeDue([r.id]);
    const up = await startWorker();
    expect(await up.sender.sendDue()).toMatchObject({ claimed: 1, sent: 1 });
  });

  it('after OUTBOX_MAX_ATTEMPTS refusals a message is dead; an admin sees it and resends it with the same Message-ID', async () => {
    const r = await enqueue({ template: 'case_decided', language: 'en', data: { caseNumber: 'LYG-IP-2026-000201', outcome: 'settled' } });
    const refusing = await refusingSmtpUrl();
    const down = await startWorker({ SMTP_URL: refusing.url, OUTBOX_MAX_ATTEMPTS: '2' });
    expect(await down.sender.sendDue()).toMatchObject({ retrying: 1 });
    await makeDue([r.id]);
    expect(await down.sender.sendDue()).toMatchObject({ dead: 1 });
    expect(await outboxRow(r.id)).toMatchObject({ status: 'dead', attempts: 2, last_error: expect.stringMatching(/550/) });
    await makeDue([r.id]);
    expect(await down.sender.sendDue()).toMatchObject({ claimed: 0 });
    // The worker's transport keeps its connection: closed first, so the server's close does not wait for it.
    workers.splice(workers.indexOf(down.ctx), 1);
    await down.ctx.close();
    await refusing.close();

    const auth = { Authorization: `Bearer ${admin.token}` };
    const list = await t.http().get('/api/v1/admin/outbox').query({ status: 'dead', recipient: r.recipient }).set(auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [
        expect.objectContaining({
          id: r.id,
          template: 'case_decided',
          subject: '[Case LYG-IP-2026-000201] Decision on the case',
          recipient: r.recipient,
          language: 'en',
          messageId: r.messageId,
          status: 'dead',
          attempts: 2,
          lastError: expect.stringMatching(/550/),
          sentAt: null,
        }),
      ],
      nextCursor: null,
    });

    const resent = await t.http().post(`/api/v1/admin/outbox/${r.id}/resend`).set(auth).set('X-Request-Id', `resend-${runId}`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: r.id, status: 'pending', attempts: 0, lastError: null, messageId: r.messageId });
    const [audit] = await t.ds.query("SELECT actor_id, actor_role, details::jsonb AS details, principles, request_id FROM audit_entry WHERE action = 'outbox_message_resent' AND details::jsonb->>'outboxMessageId' = $1", [r.id]);
    expect(audit).toMatchObject({
      actor_id: admin.id,
      actor_role: 'admin',
      details: { messageId: r.messageId, previousStatus: 'dead', previousAttempts: 2, template: 'case_decided' },
      request_id: `resend-${runId}`,
    });

    // Pending again: it may be in a worker's hands, so a second resend is refused until it is sent or dead.
    expect((await t.http().post(`/api/v1/admin/outbox/${r.id}/resend`).set(auth)).status).toBe(409);

    const up = await startWorker();
    expect(await up.sender.sendDue()).toMatchObject({ sent: 1 });
    expect((await mailsTo(r.recipient)).map((m) => m.messageId)).toEqual([r.messageId]);

    // A sent message can be sent again too (the recipient says it never arrived): same Message-ID.
    expect((await t.http().post(`/api/v1/admin/outbox/${r.id}/resend`).set(auth)).body).toMatchObject({ status: 'pending', attempts: 0, sentAt: null });
    await up.sender.sendDue();
    expect((await mailsTo(r.recipient)).map((m) => m.messageId)).toEqual([r.messageId, r.messageId]);
  });

  it('lists newest first with a cursor, filters by status, and is for admins only', async () => {
    const recipient = newRecipient('page');
    const rows: Row[] = [];
    for (let i = 0; i < 3; i++) rows.push(await enqueue({ recipient, status: 'sent' }));
    await enqueue({ recipient, status: 'pending' });
    const auth = { Authorization: `Bearer ${admin.token}` };

    const first = await t.http().get('/api/v1/admin/outbox').query({ status: 'sent', recipient, limit: 2 }).set(auth);
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([rows[2].id, rows[1].id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http().get('/api/v1/admin/outbox').query({ status: 'sent', recipient, limit: 2, cursor: first.body.nextCursor }).set(auth);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: rows[0].id })], nextCursor: null });
    const all = await t.http().get('/api/v1/admin/outbox').query({ recipient }).set(auth);
    expect(all.body.items).toHaveLength(4);

    const bad = await t.http().get('/api/v1/admin/outbox').query({ status: 'lost', limit: 500 }).set(auth);
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
    expect((await t.http().get('/api/v1/admin/outbox').query({ cursor: 'not-a-cursor' }).set(auth)).status).toBe(422);

    expect((await t.http().post(`/api/v1/admin/outbox/${randomUUID()}/resend`).set(auth)).status).toBe(404);
    expect((await t.http().post('/api/v1/admin/outbox/not-an-id/resend').set(auth)).status).toBe(404);

    const examiner = await createUser(t, 'examiner', null);
    expect((await t.http().get('/api/v1/admin/outbox').set('Authorization', `Bearer ${examiner.token}`)).status).toBe(403);
    expect((await t.http().post(`/api/v1/admin/outbox/${rows[0].id}/resend`).set('Authorization', `Bearer ${examiner.token}`)).status).toBe(403);
    expect((await t.http().get('/api/v1/admin/outbox')).status).toBe(401);
  });
});

describe('the background poller', () => {
  it('sends at once on NOTIFY outbox, long before the next poll, and stops cleanly on shutdown', async () => {
    const { ctx } = await startWorker({ OUTBOX_POLL_MS: '600000' });
    // Let the start-up batch and LISTEN settle; from here only a notification can wake the worker in time.
    await new Promise((r) => setTimeout(r, 1000));
    const r = await enqueue({ notify: true });
    expect(await eventually(async () => (await mailsTo(r.recipient)).length === 1, 5000)).toBe(true);
    expect(await outboxRow(r.id)).toMatchObject({ status: 'sent' });

    const closing = Date.now();
    await ctx.close();
    workers.splice(workers.indexOf(ctx), 1);
    expect(Date.now() - closing).toBeLessThan(5000);
    const after = await enqueue({ notify: true });
    await new Promise((res) => setTimeout(res, 1000));
    expect(await outboxRow(after.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('polls every OUTBOX_POLL_MS without a notification', async () => {
    await startWorker({ OUTBOX_POLL_MS: '200' });
    const r = await enqueue();
    expect(await eventually(async () => (await outboxRow(r.id)).status === 'sent', 5000)).toBe(true);
    expect((await mailsTo(r.recipient)).map((m) => m.messageId)).toEqual([r.messageId]);
  });
});
