import { hashPassword } from '@lyg/auth';
import { type AppConfig, loadConfig } from '@lyg/config';
import { Organization, type OrganizationKind, UserAccount } from '@lyg/database';
import { createS3Client } from '@lyg/evidence';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Role } from '@lyg/domain';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/create-app';

export const PASSWORD = 'test-pass-2026';
let passwordHash: Promise<string> | null = null;

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DB_URL,
    DATABASE_POOL_SIZE: '10',
    S3_ENDPOINT: process.env.TEST_S3_URL,
    S3_ACCESS_KEY: process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER',
    S3_SECRET_KEY: process.env.TEST_S3_SECRET_KEY ?? 'S3RVER',
    SMTP_URL: process.env.TEST_SMTP_URL,
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
    LOG_LEVEL: 'error',
    // Every test signs in from the same address, against one throttle table: the per-address cap is tested on its own.
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    ...overrides,
  });
}

/** A client of the tests' S3 server (the one `testConfig` gives the app), for looking at the store directly. */
export function testS3Client(bucket = 'evidence'): S3Client {
  return createS3Client({
    endpoint: process.env.TEST_S3_URL!,
    bucket,
    region: 'us-east-1',
    forcePathStyle: true,
    accessKey: process.env.TEST_S3_ACCESS_KEY ?? 'S3RVER',
    secretKey: process.env.TEST_S3_SECRET_KEY ?? 'S3RVER',
  });
}

export interface TestApp {
  app: INestApplication;
  ds: DataSource;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const app = await createApp(testConfig(overrides));
  await app.init();
  const ds = app.get(DataSource);
  return { app, ds, http: () => request(app.getHttpServer()), close: () => app.close() };
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  token: string;
}

export interface TestOrg {
  id: string;
  uscc: string | null;
  name: string;
}

/** A fresh organisation of its own for each test file, so files never see each other's cases. */
export async function createOrg(ds: DataSource, kind: OrganizationKind, o: { uscc?: string | null; name?: string; regionCode?: string } = {}): Promise<TestOrg> {
  const org = { id: randomUUID(), name: o.name ?? `测试机构-${randomUUID().slice(0, 8)}`, kind, uscc: o.uscc ?? null, regionCode: o.regionCode ?? '320706' };
  await ds.getRepository(Organization).insert(org);
  return { id: org.id, uscc: org.uscc, name: org.name };
}

/**
 * A user of `role` in `organizationId`, signed in through `POST /auth/login` (or, with `login: false`, with a token
 * issued by the app's own JWT service, for tests that need many users fast).
 */
export async function createUser(
  t: TestApp,
  role: Role,
  organizationId: string | null,
  language: 'zh-CN' | 'en' = 'zh-CN',
  opts: { login?: boolean } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = `${role}-${randomUUID().slice(0, 12)}@test.example`;
  const id = randomUUID();
  await t.ds.getRepository(UserAccount).insert({
    id,
    email,
    displayName: `${role} tester`,
    passwordHash: await passwordHash,
    role,
    organizationId,
    language,
    active: true,
  });
  if (opts.login === false) {
    const token = await t.app.get(JwtService).signAsync({ sub: id, role, org: organizationId, email });
    return { id, email, role, organizationId, token };
  }
  const res = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, email, role, organizationId, token: res.body.accessToken };
}

/** Makes a valid random USCC (GB 32100-2015 check character), so each test's enterprise is distinct. */
export function randomUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let body = '91320706';
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(Math.random() * 31)];
  const sum = [...body].reduce((s, ch, i) => s + alphabet.indexOf(ch) * weights[i], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}
