// `npm start` without SMTP_URL sends mail to the embedded sink, and administrators read it on the admin page
// (GET /admin/mail-sink): e.g. a respondent's answer link in the demo. Real SMTP: no sink, `available: false`.
import { startSmtpSink } from '@lyg/embedded';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

describe('the mail sink for administrators', () => {
  let t: TestApp;
  let plain: TestApp;
  let admin: TestUser;
  let examiner: TestUser;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const get = (app: TestApp, u: TestUser, p: string) => app.http().get(`/api/v1/admin/mail-sink${p}`).set('authorization', `Bearer ${u.token}`);

  beforeAll(async () => {
    sink = await startSmtpSink({ dir: mkdtempSync(path.join(tmpdir(), 'lyg-sink-')) });
    t = await startTestApp({ MAIL_SINK_DIR: sink.dir });
    plain = await startTestApp();
    admin = await createUser(t, 'admin', null);
    examiner = await createUser(t, 'examiner', null, 'zh-CN', { login: false });
    const mail = createTransport(sink.url);
    for (const [to, subject] of [['pharmacy@shop.example', '【案件 LYG-IP-2026-000901】投诉通知'], ['ip@kangheng.example', '投诉已收到']]) {
      await mail.sendMail({ from: 'noreply@ipcenter.lyg.example', to, subject, text: `您好。\n答辩链接：http://127.0.0.1:3000/respond/abc-${to}\n` });
      await new Promise((r) => setTimeout(r, 5)); // distinct arrival times
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await plain?.close();
    await sink?.stop();
  });

  it('lists what the sink received, newest first, filters by recipient, and shows a message\'s text', async () => {
    const list = await get(t, admin, '');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ available: true, nextCursor: null });
    expect(list.body.items.map((m: { subject: string }) => m.subject)).toEqual(['投诉已收到', '【案件 LYG-IP-2026-000901】投诉通知']);
    expect(list.body.items[0]).toMatchObject({ to: ['ip@kangheng.example'], receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });

    const one = await get(t, admin, '?to=pharmacy');
    expect(one.body.items).toHaveLength(1);
    const paged = await get(t, admin, '?limit=1');
    expect(paged.body.items).toHaveLength(1);
    expect((await get(t, admin, `?limit=1&cursor=${paged.body.nextCursor}`)).body.items[0].subject).toBe('【案件 LYG-IP-2026-000901】投诉通知');

    const read = await get(t, admin, `/${one.body.items[0].id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ from: ['noreply@ipcenter.lyg.example'], to: ['pharmacy@shop.example'] });
    expect(read.body.text).toContain('答辩链接：http://127.0.0.1:3000/respond/abc-pharmacy@shop.example');
  });

  it('is for administrators; names no file outside the sink; and there is none with a real SMTP server', async () => {
    expect((await get(t, examiner, '')).status).toBe(403);
    expect((await get(t, admin, '/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await get(t, admin, '/2026-12-07T13-05-00-123Z-00000000-0000-4000-8000-000000000000.eml')).status).toBe(404);
    expect((await get(t, admin, '?cursor=../x')).status).toBe(422);
    const none = await get(plain, await createUser(plain, 'admin', null), '');
    expect(none.body).toEqual({ available: false, items: [], nextCursor: null });
  });
});
