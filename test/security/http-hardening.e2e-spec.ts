// S8 of quality.md: security headers, CORS closed unless configured, body size limits, request timeouts.
import type { INestApplication } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import { Readable } from 'node:stream';
import { rawRequest } from '../../libs/evidence/src/testing/http';
import { startApi } from '../../apps/api/src/main';
import { exampleComplaint } from '../support/complaints';
import { problemDefect } from '../support/security-matrix';
import { bearer, TEST_JWT_SECRET } from '../support/security-world';
import { createOrg, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app';

const MiB = 1024 * 1024;

/** The environment of test/support/test-app.ts's testConfig, for starting the API the way the main command does. */
const testEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  DATABASE_URL: process.env.TEST_DB_URL,
  DATABASE_POOL_SIZE: '4',
  S3_ENDPOINT: process.env.TEST_S3_URL,
  S3_ACCESS_KEY: process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER',
  S3_SECRET_KEY: process.env.TEST_S3_SECRET_KEY ?? 'S3RVER',
  SMTP_URL: process.env.TEST_SMTP_URL,
  JWT_SECRET: TEST_JWT_SECRET,
  LOG_LEVEL: 'error',
  PORT: '0',
  ...extra,
});

function expectSecurityHeaders(h: Record<string, string | string[] | undefined>) {
  const csp = String(h['content-security-policy']);
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/frame-ancestors 'self'/);
  expect(csp).toMatch(/base-uri 'self'/);
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('SAMEORIGIN');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['strict-transport-security']).toMatch(/max-age=(\d+)/);
  expect(Number(/max-age=(\d+)/.exec(String(h['strict-transport-security']))![1])).toBeGreaterThanOrEqual(15_552_000);
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['x-powered-by']).toBeUndefined();
}

describe('S8 HTTP hardening', () => {
  let t: TestApp;
  let u: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    u = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise')).id, 'en', { login: false });
  });
  afterAll(() => t.close());

  describe('security headers', () => {
    it.each([
      ['an API answer', () => t.http().get('/api/v1/auth/me').set(bearer(u))],
      ['a problem document', () => t.http().get('/api/v1/cases/not-a-case').set(bearer(u))],
      ['an unauthenticated refusal', () => t.http().get('/api/v1/cases')],
      ['/health', () => t.http().get('/health')],
      ['the OpenAPI document', () => t.http().get('/api/docs-json')],
      ['the web UI (or its fallback)', () => t.http().get('/')],
    ])('on %s', async (_what, call) => {
      const res = await call();
      expectSecurityHeaders(res.headers);
    });

    it('in production the CSP also upgrades insecure requests', async () => {
      const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const prod = await startTestApp({ NODE_ENV: 'production', AUDIT_SIGNING_KEY: key, DEMO: 'false', PUBLIC_URL: 'https://ipcenter.example.cn' });
      try {
        const res = await prod.http().get('/health');
        expectSecurityHeaders(res.headers);
        expect(res.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
      } finally {
        await prod.close();
      }
      expect((await t.http().get('/health')).headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    });
  });

  describe('CORS', () => {
    const preflight = (app: TestApp, origin: string) =>
      app
        .http()
        .options('/api/v1/complaints')
        .set('origin', origin)
        .set('access-control-request-method', 'POST')
        .set('access-control-request-headers', 'authorization, content-type');

    it('closed by default: a preflight or a request from another origin gets no Access-Control-Allow-Origin', async () => {
      const pre = await preflight(t, 'https://evil.example');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
      const get = await t.http().get('/api/v1/auth/me').set(bearer(u)).set('origin', 'https://evil.example');
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('with CORS_ORIGINS, exactly those origins (no credentials, no wildcard)', async () => {
      const open = await startTestApp({ CORS_ORIGINS: 'https://ui.ipcenter.lyg.example, https://partner.example' });
      try {
        const ok = await preflight(open, 'https://ui.ipcenter.lyg.example');
        expect(ok.status).toBeLessThan(300);
        expect(ok.headers['access-control-allow-origin']).toBe('https://ui.ipcenter.lyg.example');
        expect(String(ok.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
        expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
        expect((await preflight(open, 'https://partner.example')).headers['access-control-allow-origin']).toBe('https://partner.example');
        for (const evil of ['https://evil.example', 'https://ui.ipcenter.lyg.example.evil.example', 'null']) {
          expect((await preflight(open, evil)).headers['access-control-allow-origin']).toBeUndefined();
        }
      } finally {
        await open.close();
      }
    });
  });

  describe('body size limits', () => {
    let port: number;
    beforeAll(async () => {
      const server = t.app.getHttpServer() as Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });

    it('a JSON body over 1 MiB → 413 problem document, nothing stored', async () => {
      const c = exampleComplaint();
      const big = { ...c, infringement: { ...c.infringement, description: '侵'.repeat(400_000) } };
      const res = await t.http().post('/api/v1/complaints').set(bearer(u)).set('accept-language', 'en').send(big);
      expect(res.status).toBe(413);
      expect(problemDefect(res)).toBeNull();
      expect(res.body).toMatchObject({ code: 'payload_too_large', detail: expect.stringContaining('1 MiB') });
      expect((await t.ds.query('SELECT count(*)::int AS n FROM ip_case WHERE created_by = $1', [u.id]))[0].n).toBe(0);
    });

    it('a declared Content-Length over the limit is refused before the body is read', async () => {
      // Declares 8 MiB, then sends slowly: the answer must come long before the body is in.
      let chunks = 0;
      const body = new Readable({
        read() {
          if (++chunks > 128) return void this.push(null);
          setTimeout(() => this.push(Buffer.alloc(64 * 1024, 0x20)), 20);
        },
      });
      const started = Date.now();
      const res = await rawRequest({
        port,
        path: '/api/v1/complaints',
        headers: { ...bearer(u), 'content-type': 'application/json', 'content-length': String(8 * MiB) },
        body,
      });
      expect(res.status).toBe(413);
      expect(res.bodyBytesWritten).toBeLessThan(8 * MiB);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(JSON.parse(res.body.toString())).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('a chunked JSON body is cut at the limit', async () => {
      let sent = 0;
      const body = new Readable({
        read() {
          if (sent >= 4 * MiB) return void this.push(null);
          sent += 256 * 1024;
          this.push(Buffer.from(sent === 256 * 1024 ? `{"a":"${'x'.repeat(256 * 1024 - 6)}` : 'x'.repeat(256 * 1024)));
        },
      });
      const res = await rawRequest({ port, path: '/api/v1/triage/preview', headers: { ...bearer(u), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body });
      expect(res.status).toBe(413);
    });

    it('headers over the server limit are refused (431), and a URL of 100 kB is not a way around it', async () => {
      const res = await rawRequest({ port, method: 'GET', path: '/api/v1/auth/me', headers: { ...bearer(u), 'x-padding': 'a'.repeat(64 * 1024) } });
      expect(res.status).toBe(431);
      const url = await rawRequest({ port, method: 'GET', path: `/api/v1/cases?q=${'a'.repeat(100 * 1024)}`, headers: bearer(u) });
      expect(url.status).toBe(431);
    });
  });
});

describe('S8 request timeouts of the API server', () => {
  let app: INestApplication | null = null;
  afterAll(async () => {
    await app?.close();
  });

  it('the API started like the main command has request, header and keep-alive timeouts', async () => {
    app = await startApi(testEnv());
    const server = app.getHttpServer() as Server;
    expect(server.listening).toBe(true);
    // A slow client cannot hold a connection open for ever: its headers within 20 s (slow-loris), the whole request
    // within 15 minutes (long enough for an evidence file of EVIDENCE_MAX_BYTES on a slow line).
    expect(server.requestTimeout).toBe(15 * 60_000);
    expect(server.headersTimeout).toBe(20_000);
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    expect(server.keepAliveTimeout).toBe(5_000);
    // Node only enforces these when it checks its connections: make sure that check is on.
    expect((server as Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval ?? 30_000).toBeLessThanOrEqual(30_000);
  });
});
