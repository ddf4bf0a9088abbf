// P5 (spec/quality.md): evidence uploads. One 1 GiB upload with the API's RSS sampled (bar: grows < 128 MiB);
// its throughput against a direct S3-client upload of the same bytes to the same server in the same run (bar:
// >= 50 %); 20 concurrent 50 MiB uploads with every hash checked (bar: all correct).
// Run: npm run bench:evidence. Embedded PostgreSQL, the S3 server and the API each run in their own process, so
// the RSS is the API's alone. Options: --size-mib=1024 --rounds=2 --concurrent=20 --concurrent-mib=50;
// BENCH_MEMLOG=1 logs the API's memory every 500 ms (BENCH_GC=1 with a forced GC before each line).
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { hashPassword } from '@lyg/auth';
import { loadConfig } from '@lyg/config';
import { createDataSource, migrate, Organization, UserAccount } from '@lyg/database';
import { freePort, startEmbeddedPostgres, startS3Server } from '@lyg/embedded';
import { createS3Client, DEFAULT_MEMORY_BUDGET, DEFAULT_PART_SIZE, DEFAULT_QUEUE_SIZE, EvidenceStore } from '@lyg/evidence';
import { type ChildProcess, fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startApi } from '../apps/api/src/main';

const MiB = 1024 * 1024;
const arg = (name: string, fallback: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};
const BIG = arg('size-mib', 1024) * MiB;
const CONCURRENT = arg('concurrent', 20);
const CONCURRENT_SIZE = arg('concurrent-mib', 50) * MiB;
const ROUNDS = arg('rounds', 2);
const BAR_RSS_GROWTH = 128 * MiB;
const BAR_RATIO = 0.5;
const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');

// ---------------------------------------------------------------------------------------------------------------
/** `total` bytes: a PDF header, then a seeded pseudo-random 1 MiB block with each MiB numbered. */
function generated(total: number, seed: number): Readable {
  const block = Buffer.alloc(MiB);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < MiB; i += 4) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) | 0;
    block.writeInt32LE(x, i);
  }
  let sent = 0;
  return new Readable({
    highWaterMark: MiB,
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(MiB, total - sent);
      const chunk = Buffer.from(block.subarray(0, n));
      if (sent === 0) PDF_HEAD.copy(chunk);
      else if (n >= 8) chunk.writeDoubleLE(sent / MiB, 0);
      sent += n;
      this.push(chunk);
    },
  });
}

async function sha256Of(total: number, seed: number): Promise<string> {
  const h = createHash('sha256');
  for await (const c of generated(total, seed)) h.update(c as Buffer);
  return h.digest('hex');
}

/** User + system CPU seconds of a process so far. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly pid: number) {}
  start(): void {
    this.peak = rssOf(this.pid);
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, rssOf(this.pid))), 50);
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.peak = Math.max(this.peak, rssOf(this.pid));
    return this.peak;
  }
}

function child(args: string[], env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; msg: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const proc = fork(__filename, args, { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: env.BENCH_GC ? ['--expose-gc'] : [] });
    proc.once('message', (msg) => resolve({ proc, msg: msg as Record<string, unknown> }));
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

interface UploadResult {
  status: number;
  body: { id?: string; sha256?: string; sizeBytes?: number } & Record<string, unknown>;
  ms: number;
}

/** A streamed multipart upload through the API. */
function apiUpload(port: number, token: string, caseId: string, total: number, seed: number): Promise<UploadResult> {
  const boundary = `----bench-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ninfringement_evidence\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench-${seed}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/complaints/${caseId}/evidence`,
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + total + tail.length),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString();
          let body: UploadResult['body'];
          try {
            body = JSON.parse(text) as UploadResult['body'];
          } catch {
            body = { raw: text.slice(0, 200) };
          }
          resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - t0 });
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const src = generated(total, seed);
    src.pipe(req, { end: false });
    src.on('end', () => req.end(tail));
  });
}

/** Downloads through the API, hashing what arrives. */
function apiDownload(port: number, token: string, id: string): Promise<{ status: number; sha256: string; bytes: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: `/api/v1/evidence/${id}/content`, agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const h = createHash('sha256');
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          h.update(c);
        });
        res.on('close', () => resolve({ status: res.statusCode ?? 0, sha256: h.digest('hex'), bytes, complete: res.complete }));
      })
      .on('error', reject);
  });
}

async function jsonRequest(port: number, method: string, p: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const mib = (b: number) => `${(b / MiB).toFixed(1)} MiB`;
const rate = (bytes: number, ms: number) => `${(bytes / MiB / (ms / 1000)).toFixed(1)} MiB/s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lyg-bench-evidence-'));
  const stops: (() => Promise<unknown> | void)[] = [];
  const cleanup = async () => {
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  let failed: boolean;
  try {
    console.log('P5 — evidence upload (streamed to S3)');
    console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, ${mib(os.totalmem())}), ${os.platform()} ${os.release()}`);
    console.log(`node:    ${process.version}; part size ${mib(DEFAULT_PART_SIZE)}, ${DEFAULT_QUEUE_SIZE} parts in flight per upload, upload memory budget ${mib(DEFAULT_MEMORY_BUDGET)}`);

    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), database: 'lyg_bench' });
    stops.push(() => pg.stop());
    const ds = createDataSource(pg.url, 2);
    await ds.initialize();
    await migrate(ds);

    const s3Port = await freePort();
    const s3 = await child(['--s3', path.join(dir, 's3'), String(s3Port)], process.env);
    stops.push(() => void s3.proc.kill('SIGTERM'));
    const s3Url = String(s3.msg.ready);

    const apiPort = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      DATABASE_URL: pg.url,
      S3_ENDPOINT: s3Url,
      S3_ACCESS_KEY: 'S3RVER',
      S3_SECRET_KEY: 'S3RVER',
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'warn',
      EVIDENCE_MAX_BYTES: String(Math.max(BIG, CONCURRENT_SIZE) + MiB),
      JWT_TTL_SECONDS: '86400',
    };
    const api = await child(['--api'], env);
    stops.push(() => void api.proc.kill('SIGTERM'));
    const apiPid = api.proc.pid!;
    console.log(`API:     pid ${apiPid}, request timeout ${Number(api.msg.requestTimeout) ? `${Number(api.msg.requestTimeout) / 1000} s` : 'off'}`);

    // One enterprise with a draft case.
    const org = { id: randomUUID(), name: '基准测试企业', kind: 'enterprise' as const, uscc: '91320706MA1XK7H21A', regionCode: '320706' };
    await ds.getRepository(Organization).insert(org);
    const email = `bench-${randomUUID().slice(0, 8)}@bench.example`;
    await ds.getRepository(UserAccount).insert({ id: randomUUID(), email, displayName: 'bench', passwordHash: await hashPassword('bench-pass-2026'), role: 'enterprise', organizationId: org.id, language: 'zh-CN', active: true });
    await ds.destroy();
    const login = await jsonRequest(apiPort, 'POST', '/api/v1/auth/login', { email, password: 'bench-pass-2026' });
    const token = String(login.body.accessToken);
    const draft = await jsonRequest(apiPort, 'POST', '/api/v1/complaints', complaint(), token);
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
    const caseId = String(draft.body.id);

    // Warm-up: code paths loaded, pools open.
    const warm = await apiUpload(apiPort, token, caseId, 20 * MiB, 999);
    if (warm.status !== 201) throw new Error(`warm-up upload: ${warm.status} ${JSON.stringify(warm.body)}`);
    await new Promise((r) => setTimeout(r, 1000));

    const expectedBig = await sha256Of(BIG, 1);

    // The same bytes, direct to the S3 server with the S3 client (same part size and queue) and through the API,
    // side by side: ROUNDS rounds in alternating order, the best time of each counted (the machine is shared).
    const direct = createS3Client(loadConfig(env).s3);
    await direct.send(new CreateBucketCommand({ Bucket: 'evidence' })).catch(() => undefined);
    const s3Pid = s3.proc.pid!;
    const cpuNow = () => ({ s3: cpuOf(s3Pid), api: cpuOf(apiPid), self: cpuOf(process.pid) });
    const cpuLine = (a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>) =>
      `bench client ${(b.self - a.self).toFixed(1)} s, API ${(b.api - a.api).toFixed(1)} s, S3 server ${(b.s3 - a.s3).toFixed(1)} s`;
    const directRuns: { ms: number; cpu: string }[] = [];
    const apiRuns: { ms: number; cpu: string; result: UploadResult; rssBefore: number; rssPeak: number; rssAfter: number }[] = [];
    const runDirect = async () => {
      const c0 = cpuNow();
      const t0 = performance.now();
      await new Upload({
        client: direct,
        params: { Bucket: 'evidence', Key: `bench/direct-${randomUUID()}`, Body: generated(BIG, 1), ContentType: 'application/octet-stream' },
        partSize: DEFAULT_PART_SIZE,
        queueSize: DEFAULT_QUEUE_SIZE,
      }).done();
      directRuns.push({ ms: performance.now() - t0, cpu: cpuLine(c0, cpuNow()) });
    };
    const runApi = async () => {
      const c0 = cpuNow();
      const rssBefore = rssOf(apiPid);
      const sampler = new RssSampler(apiPid);
      sampler.start();
      const result = await apiUpload(apiPort, token, caseId, BIG, 1);
      const rssPeak = sampler.stop();
      apiRuns.push({ ms: result.ms, cpu: cpuLine(c0, cpuNow()), result, rssBefore, rssPeak, rssAfter: rssOf(apiPid) });
    };
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) {
        await runDirect();
        await runApi();
      } else {
        await runApi();
        await runDirect();
      }
    }
    direct.destroy();
    const bestDirect = directRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
    const bestApi = apiRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
    const worstGrowth = apiRuns.reduce((a, b) => (b.rssPeak - b.rssBefore > a.rssPeak - a.rssBefore ? b : a));
    const directMs = bestDirect.ms;
    const big = bestApi.result;
    const { rssBefore, rssPeak, rssAfter } = worstGrowth;
    const growth = rssPeak - rssBefore;
    const ratio = directMs / big.ms;
    const bigHashOk = apiRuns.every((a) => a.result.status === 201 && a.result.body.sha256 === expectedBig && a.result.body.sizeBytes === BIG);
    const rssOk = growth < BAR_RSS_GROWTH;
    const ratioOk = ratio >= BAR_RATIO;
    const secs = (runs: { ms: number }[]) => runs.map((x) => `${(x.ms / 1000).toFixed(1)} s`).join(', ');
    console.log('');
    console.log(`${mib(BIG)} upload, ${ROUNDS} rounds side by side`);
    console.log(`  direct S3 client:  ${secs(directRuns)}; best ${rate(BIG, directMs)}`);
    console.log(`  through the API:   ${secs(apiRuns)}; best ${rate(BIG, big.ms)} (HTTP ${apiRuns.map((a) => a.result.status).join(', ')})`);
    console.log(`  CPU, direct best:  ${bestDirect.cpu}`);
    console.log(`  CPU, API best:     ${bestApi.cpu}`);
    console.log(`  ratio:             ${(ratio * 100).toFixed(0)} % of direct (best vs best) — bar >= ${BAR_RATIO * 100} % — ${ratioOk ? 'PASS' : 'FAIL'}`);
    console.log(`  API RSS:           ${mib(rssBefore)} before, ${mib(rssPeak)} peak, ${mib(rssAfter)} after (round with the largest growth); growth ${mib(growth)} — bar < ${mib(BAR_RSS_GROWTH)} — ${rssOk ? 'PASS' : 'FAIL'}`);
    console.log(`  SHA-256:           ${bigHashOk ? 'matches in every round' : `MISMATCH (${apiRuns.map((a) => String(a.result.body.sha256)).join(', ')} vs ${expectedBig})`} — ${bigHashOk ? 'PASS' : 'FAIL'}`);

    // 20 concurrent 50 MiB uploads, each with its own bytes, every hash checked on the way in and out.
    const seeds = Array.from({ length: CONCURRENT }, (_, i) => 100 + i);
    const expected = await Promise.all(seeds.map((s) => sha256Of(CONCURRENT_SIZE, s)));
    const rssBeforeC = rssOf(apiPid);
    const samplerC = new RssSampler(apiPid);
    samplerC.start();
    const tc = performance.now();
    const results = await Promise.all(seeds.map((s) => apiUpload(apiPort, token, caseId, CONCURRENT_SIZE, s)));
    const concurrentMs = performance.now() - tc;
    const rssPeakC = samplerC.stop();
    const uploadsOk = results.filter((r, i) => r.status === 201 && r.body.sha256 === expected[i] && r.body.sizeBytes === CONCURRENT_SIZE).length;
    let downloadsOk = 0;
    for (const [i, r] of results.entries()) {
      if (!r.body.id) continue;
      const d = await apiDownload(apiPort, token, String(r.body.id));
      if (d.status === 200 && d.complete && d.sha256 === expected[i] && d.bytes === CONCURRENT_SIZE) downloadsOk++;
    }
    const concurrentOk = uploadsOk === CONCURRENT && downloadsOk === CONCURRENT;
    console.log('');
    console.log(`${CONCURRENT} concurrent ${mib(CONCURRENT_SIZE)} uploads`);
    console.log(`  time:              ${(concurrentMs / 1000).toFixed(1)} s, ${rate(CONCURRENT * CONCURRENT_SIZE, concurrentMs)} aggregate; slowest ${(Math.max(...results.map((r) => r.ms)) / 1000).toFixed(1)} s`);
    console.log(`  statuses:          ${[...new Set(results.map((r) => r.status))].join(', ')}`);
    console.log(`  API RSS:           ${mib(rssBeforeC)} before, ${mib(rssPeakC)} peak (growth ${mib(rssPeakC - rssBeforeC)})`);
    console.log(`  hashes:            ${uploadsOk}/${CONCURRENT} uploads and ${downloadsOk}/${CONCURRENT} verified downloads correct — ${concurrentOk ? 'PASS' : 'FAIL'}`);
    failed = !(bigHashOk && rssOk && ratioOk && concurrentOk);
    console.log('');
    console.log(`P5 overall: ${failed ? 'FAIL' : 'PASS'}`);
    console.log(
      `json: ${JSON.stringify({
        date: new Date().toISOString(),
        bigBytes: BIG,
        rounds: ROUNDS,
        directMs: directRuns.map((x) => Math.round(x.ms)),
        apiMs: apiRuns.map((x) => Math.round(x.ms)),
        ratio: Number(ratio.toFixed(3)),
        rssBefore,
        rssPeak,
        rssAfter,
        concurrent: CONCURRENT,
        concurrentBytes: CONCURRENT_SIZE,
        concurrentMs: Math.round(concurrentMs),
        rssPeakConcurrent: rssPeakC,
        uploadsOk,
        downloadsOk,
      })}`,
    );
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

function complaint() {
  return {
    language: 'zh-CN',
    complainant: {
      name: '基准测试企业',
      uscc: '91320706MA1XK7H21A',
      country: 'CN',
      size: 'sme',
      regionCode: '320706',
      contactName: '王敏',
      contactEmail: 'ip@bench.example',
      contactPhone: '+86 518 8555 0101',
    },
    respondent: { name: '海州区某药房', uscc: null, country: 'CN', regionCode: '320706', address: null, onlineStoreUrl: null, platform: null, contactEmail: null },
    ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: '基准测试企业', validUntil: '2043-05-10', niceClasses: null }],
    infringement: {
      conducts: ['sale'],
      channel: 'offline',
      industry: 'new_medicine',
      regionCode: '320706',
      firstKnownAt: '2026-10-08',
      description: '被投诉方在其门店销售仿制我公司专利缓释片剂的产品，包装与我司产品高度近似。',
      estimatedTurnoverCny: 80000,
      estimatedGainsCny: null,
      estimatedLossCny: null,
      priorWarningSent: false,
      urls: [],
    },
    requestedRemedies: ['stop_infringement'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Child roles: the S3 server and the API, each in its own process.
if (process.argv[2] === '--s3') {
  void (async () => {
    const s3 = await startS3Server({ dir: process.argv[3], bucket: 'evidence', port: Number(process.argv[4]) });
    process.send?.({ ready: s3.url });
  })();
} else if (process.argv[2] === '--api') {
  void (async () => {
    const app = await startApi(process.env);
    const server = app.getHttpServer() as http.Server;
    // main.ts caps a whole request at 120 s (S8); a 1 GiB upload on a slow machine may need longer.
    const timeout = Number(process.env.BENCH_REQUEST_TIMEOUT_MS ?? server.requestTimeout);
    server.requestTimeout = timeout;
    process.send?.({ ready: true, requestTimeout: timeout });
    if (process.env.BENCH_MEMLOG) {
      setInterval(() => {
        if (process.env.BENCH_GC) (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        const b = app.get(EvidenceStore).budgetStatus;
        console.error(`mem rss ${(m.rss / MiB).toFixed(0)} heap ${(m.heapUsed / MiB).toFixed(0)} ext ${(m.external / MiB).toFixed(0)} ab ${(m.arrayBuffers / MiB).toFixed(0)} budget free ${(b.freeBytes / MiB).toFixed(0)} waiting ${b.waiting}`);
      }, 500).unref();
    }
  })();
} else {
  void main().catch((e: unknown) => {
    console.error(e);
    process.exit(2);
  });
}
