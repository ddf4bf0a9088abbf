// The main command (`npm start`: the built launcher with its embedded PostgreSQL, S3 server and SMTP sink) as a user
// runs it from a terminal: Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it) stops
// everything it started and leaves no process behind; and a demo seeding that fails half-way (the object store
// unreachable) is said, not fatal: the API keeps serving with the accounts seeded.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import { complaint, pdfBytes } from './harness/client';
import { ManagedProcess, outputMatches, sleep, waitFor } from './harness/processes';
import { servicePort } from './harness/world';

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, 'dist/apps/api/src/launcher.js');

/** Every process on the machine: pid, process group and command line. */
function processes(): { pid: number; pgid: number; cmd: string }[] {
  const out: { pid: number; pgid: number; cmd: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces), in parentheses: state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (fields[0] === 'Z') continue; // a zombie has ended; only its parent's wait is missing
      out.push({ pid: Number(name), pgid: Number(fields[2]), cmd });
    } catch {
      // ended while listed
    }
  }
  return out;
}

/** The processes that belong to a launcher run: its process group, or anything working in its data directory. */
const belongingTo = (pgid: number, dataDir: string) => processes().filter((p) => p.pgid === pgid || p.cmd.includes(dataDir));

describe('the main command (npm start)', () => {
  const dirs: string[] = [];
  const running: ManagedProcess[] = [];

  afterAll(async () => {
    for (const p of running) await p.stop('SIGKILL', 5_000).catch(() => undefined);
    for (const d of dirs) if (!process.env.FAULTS_KEEP) rmSync(d, { recursive: true, force: true });
  });

  async function launch(name: string, env: Record<string, string>): Promise<{ proc: ManagedProcess; url: string; dataDir: string }> {
    if (!existsSync(LAUNCHER)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const dir = mkdtempSync(path.join(tmpdir(), `lyg-main-${name}-`));
    dirs.push(dir);
    // The embedded PostgreSQL runs as its own user (the launcher may run as root): it must reach its directory.
    chmodSync(dir, 0o755);
    const dataDir = path.join(dir, 'data');
    const port = await servicePort();
    const proc = new ManagedProcess({
      name,
      command: process.execPath,
      args: ['--max-old-space-size=256', LAUNCHER],
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TZ: process.env.TZ,
        NODE_ENV: 'development',
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO: 'true',
        LOG_LEVEL: 'warn',
        ...env,
      },
      logFile: path.join(dir, `${name}.log`),
      ready: outputMatches(/ready in [\d.]+ s/),
      readyTimeoutMs: 180_000,
    });
    running.push(proc);
    await proc.start();
    return { proc, url: `http://127.0.0.1:${port}`, dataDir };
  }

  async function login(url: string, email: string): Promise<Response> {
    return fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'demo-pass-2026' }),
    });
  }

  // Ctrl-C in a terminal reaches every process of the foreground group, the embedded PostgreSQL included; a process
  // manager's `kill <pid>` reaches the launcher alone, which must then stop what it started itself.
  /**
   * An evidence upload whose body is still arriving: the first half now, the rest when `finish()` is called. Resolves
   * with the answer's status and body.
   */
  async function uploadInTwoHalves(url: string, token: string, complaintId: string, bytes: Buffer) {
    const boundary = `----lyg${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ninfringement_evidence\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const half = Math.floor(bytes.length / 2);
    const req = httpRequest(`${url}/api/v1/complaints/${complaintId}/evidence`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
      },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    req.write(Buffer.concat([head, bytes.subarray(0, half)]));
    return { answer, finish: () => req.end(Buffer.concat([bytes.subarray(half), tail])) };
  }

  it.each([
    ['Ctrl-C (SIGINT to the whole process group)', 'SIGINT', true],
    ['SIGTERM to the launcher alone', 'SIGTERM', false],
  ] as const)('%s stops the API, the worker and every embedded service, and leaves no process behind', async (_how, signal, group) => {
    const { proc, url, dataDir } = await launch(group ? 'ctrl-c' : 'sigterm', {});
    expect(proc.log()).toMatch(/demo data seeded \(\d+ cases\)/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const pid = proc.pid!;
    // The embedded PostgreSQL (postmaster and backends) runs on the data directory; the S3 server and the SMTP sink
    // run inside the launcher. What the signal must end is all of it.
    expect(belongingTo(pid, dataDir).some((p) => /postgres/.test(p.cmd))).toBe(true);

    // A request in flight when the signal comes is finished before anything stops: an evidence upload, half sent.
    const signIn = (await (await login(url, 'enterprise@demo.example')).json()) as { accessToken: string };
    const draft = await fetch(`${url}/api/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signIn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(complaint(1)),
    });
    expect(draft.status).toBe(201);
    const bytes = Buffer.concat([pdfBytes(signal), Buffer.alloc(256 * 1024, 0x20)]);
    const upload = await uploadInTwoHalves(url, signIn.accessToken, ((await draft.json()) as { id: string }).id, bytes);
    await sleep(300);

    const before = proc.log().length;
    if (group) proc.killNow(signal);
    else process.kill(pid, signal);
    await sleep(300);
    upload.finish();
    const stored = await upload.answer;
    expect(stored.status).toBe(201);
    expect((JSON.parse(stored.body) as { sha256: string }).sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    await waitFor(`the launcher to exit after ${signal}`, async () => !proc.running, 60_000);
    // It ended of itself with status 0 (a signal sent to the group is one the harness expects; one sent to the pid
    // alone shows up as an exit it did not ask for, with its status).
    expect(proc.unexpectedExits.map((e) => [e.code, e.signal])).toEqual(group ? [] : [[0, null]]);
    // Each part closed once, in order: the API and the worker before the services they use, so no round of work
    // meets a database going away (the embedded PostgreSQL has a process group of its own: the terminal's SIGINT
    // does not reach it, the launcher stops it last).
    const said = proc.log().slice(before);
    expect(said).not.toMatch(/more than once|ERROR|shutting down/);
    // Nothing of the run is left: no process of its group, none working in its data directory (a postmaster the
    // launcher forgot would still hold `postgres -D <dataDir>/postgres`), and the API's port is free.
    const left = await waitFor('every process of the run to end', async () => (belongingTo(pid, dataDir).length === 0 ? 'none' : null), 15_000).catch(() =>
      belongingTo(pid, dataDir),
    );
    expect(left).toBe('none');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    // PostgreSQL was shut down, not abandoned: its lock file is gone, so the next start needs no recovery.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('a demo seeding that fails half-way is reported, and the API keeps serving with the accounts seeded', async () => {
    // An object store nobody listens on: the accounts seed (database only), the first demo case with evidence fails.
    const closedPort = await servicePort();
    const { proc, url } = await launch('seeding', {
      S3_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
    });
    const out = proc.log();
    expect(out).toMatch(/demo cases not all seeded \(/);
    expect(out).toMatch(/demo accounts seeded, demo cases not all/);
    expect(out).not.toMatch(/demo data seeded \(\d+ cases\)/);
    // Still serving: the health check names the object store as the part that is down, and sign-in works.
    await sleep(500);
    expect(proc.running).toBe(true);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as Record<string, unknown>;
    expect(JSON.stringify(body)).toMatch(/s3|object/i);
    const signIn = await login(url, 'examiner@demo.example');
    expect(signIn.status).toBe(200);
    expect(((await signIn.json()) as { accessToken?: string }).accessToken).toEqual(expect.any(String));
    await proc.stop('SIGINT', 60_000);
    expect(proc.unexpectedExits).toEqual([]);
  });
});
