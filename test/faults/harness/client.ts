// The API as a client sees it (contract.md: login with the demo accounts, Idempotency-Key on creating POSTs, If-Match
// on actions), writing down in a ledger what every request was told: the status, or that no answer came at all
// (the process was killed under it). The checker holds the ledger against what the stores hold afterwards.
import { createHash, randomUUID } from 'node:crypto';
import { sleep } from './processes';

export const DEMO_PASSWORD = 'demo-pass-2026';

export type Op = 'create' | 'upload' | 'action' | 'claim' | 'get' | 'other';

export interface LedgerEntry {
  seq: number;
  op: Op;
  method: string;
  path: string;
  /** The API process (index) the request went to. */
  api: number;
  requestId: string;
  idempotencyKey?: string;
  ifMatch?: number;
  caseId?: string;
  action?: string;
  /** The HTTP status, or 0 when no answer came (connection refused, reset, timed out). */
  status: number;
  /** Refused before anything was sent (ECONNREFUSED): known not to have reached the server. */
  refused?: boolean;
  error?: string;
  /** What the answer named: the case or evidence id, the case version after the request. */
  resultId?: string;
  version?: number;
  /** For uploads, the SHA-256 of the bytes sent. */
  sha256?: string;
  code?: string;
  startedAt: number;
  ms: number;
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  private seq = 0;

  add(e: Omit<LedgerEntry, 'seq'>): LedgerEntry {
    const entry = { ...e, seq: ++this.seq };
    this.entries.push(entry);
    return entry;
  }

  ok(op?: Op): LedgerEntry[] {
    return this.entries.filter((e) => e.status >= 200 && e.status < 300 && (!op || e.op === op));
  }

  unanswered(op?: Op): LedgerEntry[] {
    return this.entries.filter((e) => e.status === 0 && (!op || e.op === op));
  }

  /** Counts by status (0 = no answer). */
  statusCounts(op?: Op): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) if (!op || e.op === op) counts[e.status] = (counts[e.status] ?? 0) + 1;
    return counts;
  }
}

export interface CallOptions {
  op?: Op;
  token?: string;
  body?: unknown;
  form?: { file: Buffer; fileName: string; kind: string; description?: string };
  idempotencyKey?: string;
  ifMatch?: number;
  caseId?: string;
  action?: string;
  timeoutMs?: number;
}

export interface Answer {
  status: number;
  json: Record<string, unknown> | null;
  entry: LedgerEntry;
}

/** One API process's base URL by index; the client spreads or pins requests as told. */
export class ApiClient {
  constructor(
    readonly bases: string[],
    readonly ledger: Ledger,
  ) {}

  async call(api: number, method: string, path: string, o: CallOptions = {}): Promise<Answer> {
    const requestId = `flt-${randomUUID()}`;
    const headers: Record<string, string> = { 'x-request-id': requestId, 'accept-language': 'en' };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    if (o.ifMatch !== undefined) headers['if-match'] = `"${o.ifMatch}"`;
    let body: string | FormData | undefined;
    let sha256: string | undefined;
    if (o.form) {
      const form = new FormData();
      form.set('kind', o.form.kind);
      if (o.form.description) form.set('description', o.form.description);
      form.set('file', new Blob([o.form.file], { type: 'application/pdf' }), o.form.fileName);
      body = form;
      sha256 = createHash('sha256').update(o.form.file).digest('hex');
    } else if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    const startedAt = Date.now();
    let status = 0;
    let json: Record<string, unknown> | null = null;
    let error: string | undefined;
    let refused = false;
    try {
      const res = await fetch(this.bases[api] + '/api/v1' + path, { method, headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 60_000) });
      const text = await res.text();
      status = res.status;
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      } catch {
        json = null;
      }
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string; address?: string; port?: number } }).cause;
      refused = cause?.code === 'ECONNREFUSED';
      // Where the connection went (a refusal names the address it was refused at).
      const at = cause?.port !== undefined ? ` ${cause.address ?? ''}:${cause.port}` : '';
      error = `${(e as Error).name}: ${cause?.code ?? cause?.message ?? (e as Error).message}${at}`;
    }
    const entry = this.ledger.add({
      op: o.op ?? 'other',
      method,
      path,
      api,
      requestId,
      idempotencyKey: o.idempotencyKey,
      ifMatch: o.ifMatch,
      caseId: o.caseId,
      action: o.action,
      status,
      refused: status === 0 ? refused : undefined,
      error,
      resultId: typeof json?.id === 'string' ? json.id : undefined,
      version: typeof json?.version === 'number' ? json.version : undefined,
      sha256,
      code: typeof json?.code === 'string' ? json.code : undefined,
      startedAt,
      ms: Date.now() - startedAt,
    });
    return { status, json, entry };
  }

  /** Signs in, waiting for the API to answer at all. */
  async login(api: number, email: string, timeoutMs = 120_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.call(api, 'POST', '/auth/login', { body: { email, password: DEMO_PASSWORD } });
      if (r.status === 200 && typeof r.json?.accessToken === 'string') return r.json.accessToken;
      if (Date.now() > end) throw new Error(`login of ${email} failed: ${r.status} ${JSON.stringify(r.json)} ${r.entry.error ?? ''}`);
      await sleep(300);
    }
  }
}

const RESPONDENTS = Array.from({ length: 50 }, (_, i) => `连云港市海州区第${i}号药房`);

/** A valid complaint of the demo enterprise (contract.md's example), with a respondent and text of its own. */
export function complaint(n: number): Record<string, unknown> {
  return {
    language: 'zh-CN',
    complainant: {
      name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706',
      contactName: '王敏', contactEmail: 'ip@kangheng.example', contactPhone: '+86 518 8555 0101',
    },
    respondent: {
      name: RESPONDENTS[n % RESPONDENTS.length], uscc: null, country: 'CN', regionCode: '320706', address: '连云港市海州区',
      onlineStoreUrl: null, platform: null, contactEmail: `respondent${n % 7}@pharmacy.example`,
    },
    ipRights: [{
      type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法', holder: '连云港康恒医药有限公司',
      validUntil: '2043-05-10', niceClasses: null,
    }],
    infringement: {
      conducts: ['sale'], channel: 'offline', industry: 'new_medicine', regionCode: '320706', firstKnownAt: '2026-10-08',
      description: `被投诉方在其门店销售落入涉案专利保护范围的缓释片剂，我方已公证购买取证。编号 ${n}-${randomUUID().slice(0, 8)}`,
      estimatedTurnoverCny: 80000 + n, estimatedGainsCny: null, estimatedLossCny: null, priorWarningSent: false, urls: [],
    },
    requestedRemedies: ['stop_infringement', 'administrative_penalty'],
  };
}

/** A small real PDF (its magic bytes pass the type check), different for every `tag`. */
export function pdfBytes(tag: string): Buffer {
  return Buffer.from(
    `%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n` +
      `% evidence ${tag}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}
