// Builds the API and the UI, then starts the main command (`node dist/apps/api/src/launcher.js`, as `npm start`
// does) with its own data directory and a free port: embedded PostgreSQL, S3 server and SMTP sink, migrations, demo
// accounts, API and worker. The tests reach it at BROWSER_BASE_URL.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './support/browser';

declare global {
  var __LYG_UI_SERVER__: ChildProcess | undefined;
}

const root = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see test-artifacts/browser-server.log`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with "apt-get update && apt-get install -y chromium"`);
  }
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'apps/web/build.mjs')], { cwd: root, stdio: 'inherit' });

  const artifacts = path.join(root, 'test-artifacts');
  mkdirSync(path.join(artifacts, 'screenshots'), { recursive: true });
  const port = await freePort();
  const log = openSync(path.join(artifacts, 'browser-server.log'), 'w');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lyg-browser-'));
  const child = spawn(process.execPath, ['--max-old-space-size=256', path.join(root, 'dist/apps/api/src/launcher.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      S3_ENDPOINT: '',
      SMTP_URL: '',
      DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
  });
  globalThis.__LYG_UI_SERVER__ = child;
  const url = `http://localhost:${port}`;
  await waitForHealth(url, child, 180_000);
  // The demo cases are seeded through the API once it listens: the tests begin when the launcher says it is ready.
  const logFile = path.join(artifacts, 'browser-server.log');
  for (const until = Date.now() + 180_000; !/ready in [\d.]+ s/.test(readFileSync(logFile, 'utf8')); ) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see test-artifacts/browser-server.log`);
    if (Date.now() > until) throw new Error('the server did not say it was ready within 180 s; see test-artifacts/browser-server.log');
    await new Promise((r) => setTimeout(r, 200));
  }
  // Every demo case seeded (a failed seeding leaves the server running, and would leave these tests half a story).
  if (!/demo data seeded \(\d+ cases\)/.test(readFileSync(logFile, 'utf8'))) throw new Error('the demo cases were not all seeded; see test-artifacts/browser-server.log');
  process.env.BROWSER_BASE_URL = url;
  // The SMTP sink keeps every message sent as an .eml file here (the respondent's link is read from one).
  process.env.BROWSER_MAIL_DIR = path.join(dataDir, 'mail');
}
