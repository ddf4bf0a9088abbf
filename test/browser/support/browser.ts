// Debian's Chromium driven by playwright-core (no downloaded browser build), plus the steps every scenario shares.
import { readSinkMessages } from '@lyg/embedded';
import { type ParsedMail, simpleParser } from 'mailparser';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo-pass-2026';
const SCREENSHOTS = path.resolve(__dirname, '../../../test-artifacts/screenshots');

export const baseUrl = (): string => {
  const url = process.env.BROWSER_BASE_URL;
  if (!url) throw new Error('BROWSER_BASE_URL is not set: run through test/browser/jest.config.cjs');
  return url;
};

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A fresh context (own storage) at tablet-landscape size, Chinese by default like a first-time visitor. */
export async function newPage(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: 'zh-CN', baseURL: baseUrl() });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** Signs in by clicking the demo account on the sign-in page (which fills the form), then submitting. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.locator(`button.demo-account[data-email="${email}"]`).click();
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('who').filter({ hasText: email }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出|Sign out/ }).click();
  await page.waitForURL('**/login');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The input (or select/textarea) inside the field wrapper carrying an API field path (within a page or a form). */
export const field = (page: Page | Locator, apiPath: string) => page.locator(`[data-field="${apiPath}"]`).locator('input, select, textarea').first();

async function tokenFor(email: string, password = DEMO_PASSWORD): Promise<string> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login ${email}: ${login.status}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** Evidence added through the API's upload (multipart), as the filer would. */
export async function uploadAs(email: string, caseId: string, kind: string, name: string, bytes: Buffer): Promise<{ id: string; sha256: string }> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${baseUrl()}/api/v1/complaints/${caseId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(email)}` }, body: form });
  const json = (await res.json()) as { id: string; sha256: string };
  if (!res.ok) throw new Error(`upload: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** The API directly, for arranging a case that the scenario under test starts from. */
export async function apiAs(email: string) {
  const accessToken = await tokenFor(email);
  return async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl()}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** The messages the server's SMTP sink received for `recipient`, waiting until `count` are there (the worker sends them). */
export async function mailTo(recipient: string, { count = 1, timeoutMs = 30_000 } = {}): Promise<ParsedMail[]> {
  const dir = process.env.BROWSER_MAIL_DIR;
  if (!dir) throw new Error('BROWSER_MAIL_DIR is not set: run through test/browser/jest.config.cjs');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const raw = readSinkMessages(dir).filter((m) => m.raw.startsWith(`X-Envelope-To: ${recipient}\r\n`));
    if (raw.length >= count) return Promise.all(raw.map((m) => simpleParser(m.raw)));
    if (Date.now() > until) throw new Error(`no mail to ${recipient} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
