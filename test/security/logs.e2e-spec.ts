// S7 of quality.md: the logs hold no passwords, no tokens, no full phone numbers or e-mail addresses. Flows that
// touch all of them run with every log line captured (Nest logger, console, stdout/stderr) at LOG_LEVEL=debug.
import type { ArgumentsHost } from '@nestjs/common';
import { ProblemFilter } from '../../apps/api/src/common/problem.filter';
import { exampleComplaint } from '../support/complaints';
import { captureLogs, type LogCapture, leaks } from '../support/security-logs';
import { bearer } from '../support/security-world';
import { createOrg, createUser, PASSWORD, randomUscc, startTestApp, type TestApp } from '../support/test-app';

describe('S7 logs: no passwords, tokens, full phone numbers or e-mail addresses', () => {
  let t: TestApp;
  let logs: LogCapture;
  const WRONG_PASSWORD = 'Wr0ng-Passw0rd-S7-猜测';
  const CONTACT_EMAIL = 'wang.min.s7@kangheng.example';
  const RESPONDENT_EMAIL = 'shop.owner.s7@haizhou.example';
  const PHONE = '+86 518 8555 7777';
  const MOBILE = '13912347777';
  const secrets: Record<string, string> = {
    'the right password': PASSWORD,
    'a wrong password': WRONG_PASSWORD,
    'the contact e-mail': CONTACT_EMAIL,
    'the respondent e-mail': RESPONDENT_EMAIL,
    'the phone number': PHONE,
    'the phone number (digits)': PHONE.replace(/\D/g, ''),
    'the mobile number': MOBILE,
  };

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug', LOGIN_MAX_FAILURES: '3' });
    logs = captureLogs(t.app);
  });
  afterAll(async () => {
    logs.restore();
    await t.close();
  });

  it('sign-in (wrong password, brute force to 429, right password), filing with contact details, and error paths log none of them', async () => {
    const uscc = randomUscc();
    const org = await createOrg(t.ds, 'enterprise', { uscc });
    const u = await createUser(t, 'enterprise', org.id);
    const victim = await createUser(t, 'examiner', null, 'en', { login: false });
    secrets['the user e-mail'] = u.email;
    secrets['the victim e-mail'] = victim.email;
    secrets['the access token'] = u.token;
    secrets['the access token signature'] = u.token.split('.')[2];
    const [{ password_hash: hash }] = await t.ds.query('SELECT password_hash FROM user_account WHERE id = $1', [u.id]);
    secrets['the password hash'] = String(hash).split('$').pop()!;

    // Sign-in: a wrong password, a brute force into 429, the right password.
    expect((await t.http().post('/api/v1/auth/login').send({ email: u.email, password: WRONG_PASSWORD })).status).toBe(401);
    for (let i = 0; i < 4; i++) await t.http().post('/api/v1/auth/login').send({ email: victim.email, password: `${WRONG_PASSWORD}${i}` });
    expect((await t.http().post('/api/v1/auth/login').send({ email: victim.email, password: WRONG_PASSWORD })).status).toBe(429);
    const ok = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD });
    expect(ok.status).toBe(200);
    secrets['the second access token'] = ok.body.accessToken;

    // Filing: contact e-mail and phone numbers in the complaint, a preview, submission, reads.
    const c = exampleComplaint({ uscc });
    c.complainant.contactEmail = CONTACT_EMAIL;
    c.complainant.contactPhone = PHONE;
    c.respondent.contactEmail = RESPONDENT_EMAIL;
    c.infringement.description = `被投诉方（电话 ${MOBILE}）在其门店销售仿制我公司专利缓释片剂的产品。`;
    const d = await t.http().post('/api/v1/complaints').set(bearer({ token: ok.body.accessToken })).send(c);
    expect(d.status).toBe(201);
    expect((await t.http().post('/api/v1/triage/preview').set(bearer(u)).send({ ...c, evidenceKinds: [] })).status).toBe(200);
    expect((await t.http().post(`/api/v1/cases/${d.body.id}/actions/submit`).set(bearer(u)).send({})).status).toBe(200);
    expect((await t.http().get(`/api/v1/cases/${d.body.id}`).set(bearer(u))).status).toBe(200);

    // Error paths: a validation error quoting the data, a bad token, a forged token carrying the e-mail.
    const bad = { ...c, complainant: { ...c.complainant, contactEmail: `${CONTACT_EMAIL} <${PHONE}>` } };
    expect((await t.http().post('/api/v1/complaints').set(bearer(u)).send(bad)).status).toBe(422);
    expect((await t.http().get('/api/v1/cases').set('authorization', `Bearer ${u.token}x`)).status).toBe(401);
    expect((await t.http().get(`/api/v1/cases/${d.body.id}/nothing`).set(bearer(u))).status).toBe(404);

    // A failed query whose parameter is personal data (PostgreSQL repeats the refused value in its message).
    await expect(t.ds.query('SELECT $1::int', [CONTACT_EMAIL])).rejects.toThrow();
    await expect(t.ds.query('SELECT $1::int', [PHONE])).rejects.toThrow();

    // An unexpected error through the problem filter whose text quotes personal data and a token.
    const res = { headersSent: false, status: () => res, type: () => res, send: () => res, setHeader: () => res };
    const req = { headers: { 'x-request-id': 's7-test' }, originalUrl: '/api/v1/x', method: 'POST', path: '/api/v1/x' };
    const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
    new ProblemFilter().catch(new Error(`SMTP 550 rejected ${CONTACT_EMAIL}, caller ${MOBILE}, token ${u.token}`), host);

    const text = logs.text();
    // The capture works: the failed queries and the unexpected error were logged, masked.
    expect(text).toMatch(/query failed/);
    expect(text).toContain('w***@kangheng.example');
    expect(text).toMatch(/s7-test Error: SMTP 550 rejected w\*\*\*@kangheng\.example, caller \*\*\*7777, token \[token\]/);
    expect(leaks(text, secrets)).toEqual([]);
  });

  it('the Prometheus exposition names route patterns, never ids, tokens or e-mail addresses', async () => {
    const res = await t.http().get('/metrics');
    if (res.status === 404) return; // metrics not part of this build
    expect(res.status).toBe(200);
    expect(leaks(res.text, secrets)).toEqual([]);
    expect(res.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('a request id that could forge log lines is replaced by a server-made one', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'abc" injected=1 <script>');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.http().get('/health').set('x-request-id', 'client-req.42');
    expect(kept.headers['x-request-id']).toBe('client-req.42');
  });
});
