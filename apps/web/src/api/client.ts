// The typed API client: bearer token, caller's language, JSON in and out, problem documents as `ApiError`.
import type { ComplaintInput, EvidenceKind } from '@lyg/domain/model';
import type {
  AuditVerification,
  CalendarYear,
  CaseListQuery,
  CaseView,
  EvidenceView,
  HistoryItem,
  LoginResponse,
  OutboxItem,
  Page,
  PrinciplesMetrics,
  Problem,
  RegisteredEnterprise,
  SessionUser,
  TriageResult,
} from './types';

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

interface ClientContext {
  token: () => string | null;
  language: () => 'zh-CN' | 'en';
  onUnauthenticated: () => void;
}

let context: ClientContext = { token: () => null, language: () => 'zh-CN', onUnauthenticated: () => undefined };

export function configureClient(c: ClientContext): void {
  context = c;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': context.language(), Accept: 'application/json', ...extra };
  const token = context.token();
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status, detail: text.slice(0, 200) };
  }
}

async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: headers(body === undefined ? extra : { 'Content-Type': 'application/json', ...extra }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  let res: Response;
  try {
    res = await fetch(BASE + path, init);
  } catch {
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: '' });
  }
  if (res.status === 401 && context.token()) context.onUnauthenticated();
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function query(q: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const idempotencyKey = () => crypto.randomUUID();

export interface UploadHandle {
  promise: Promise<EvidenceView>;
  abort(): void;
}

export const api = {
  login: (email: string, password: string) => request<LoginResponse>('POST', '/auth/login', { email, password }),
  me: () => request<SessionUser & { userId: string }>('GET', '/auth/me'),

  createComplaint: (c: ComplaintInput) => request<CaseView>('POST', '/complaints', c, { 'Idempotency-Key': idempotencyKey() }),
  updateComplaint: (id: string, c: Partial<ComplaintInput>, version?: number) =>
    request<CaseView>('PATCH', `/complaints/${id}`, c, version === undefined ? {} : { 'If-Match': `"${version}"` }),
  triagePreview: (c: ComplaintInput, evidenceKinds: EvidenceKind[]) => request<TriageResult>('POST', '/triage/preview', { ...c, evidenceKinds }),

  listCases: (q: CaseListQuery = {}) => request<Page<CaseView>>('GET', `/cases${query(q)}`),
  getCase: (id: string) => request<CaseView>('GET', `/cases/${id}`),
  history: (id: string) => request<Page<HistoryItem>>('GET', `/cases/${id}/history`),
  act: (id: string, action: string, body: Record<string, unknown> = {}, version?: number) =>
    request<CaseView>('POST', `/cases/${id}/actions/${action}`, body, version === undefined ? {} : { 'If-Match': `"${version}"` }),
  claim: (id: string) => request<CaseView>('POST', `/cases/${id}/claim`),
  release: (id: string) => request<CaseView>('POST', `/cases/${id}/release`),
  reassign: (id: string, assigneeId: string) => request<CaseView>('POST', `/cases/${id}/assign`, { assigneeId }),

  listEvidence: (caseId: string) => request<Page<EvidenceView>>('GET', `/cases/${caseId}/evidence?limit=100`),
  /** The file as a blob (the content endpoint needs the bearer token, so no plain link). */
  evidenceBlob: async (id: string): Promise<Blob> => {
    const res = await fetch(`${BASE}/evidence/${id}/content`, { headers: headers() });
    if (!res.ok) throw new ApiError(await problemOf(res));
    return res.blob();
  },
  /** Multipart upload over XMLHttpRequest, which (unlike fetch) reports upload progress. */
  uploadEvidence: (caseId: string, file: File, kind: EvidenceKind, description: string, onProgress: (fraction: number) => void): UploadHandle => {
    const xhr = new XMLHttpRequest();
    const promise = new Promise<EvidenceView>((resolve, reject) => {
      const form = new FormData();
      // The kind goes first so the server can refuse a wrong kind before it stores the file.
      form.append('kind', kind);
      if (description.trim()) form.append('description', description.trim());
      form.append('file', file, file.name);
      xhr.open('POST', `${BASE}/complaints/${caseId}/evidence`);
      for (const [k, v] of Object.entries(headers({ 'Idempotency-Key': idempotencyKey() }))) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve(body as EvidenceView);
        } else {
          reject(new ApiError((body as Problem | null) ?? { type: 'about:blank', title: `HTTP ${xhr.status}`, status: xhr.status, detail: '' }));
        }
      };
      xhr.onerror = () => reject(new ApiError({ type: 'network', title: 'Network error', status: 0, detail: '' }));
      xhr.onabort = () => reject(new ApiError({ type: 'aborted', title: 'Aborted', status: 0, detail: '' }));
      xhr.send(form);
    });
    return { promise, abort: () => xhr.abort() };
  },

  registeredEnterprises: (q: { q?: string; cursor?: string } = {}) => request<Page<RegisteredEnterprise>>('GET', `/admin/registered-enterprises${query({ ...q, limit: 50 })}`),
  addRegisteredEnterprise: (e: RegisteredEnterprise) => request<RegisteredEnterprise>('POST', '/admin/registered-enterprises', e),
  removeRegisteredEnterprise: (uscc: string) => request<void>('DELETE', `/admin/registered-enterprises/${encodeURIComponent(uscc)}`),
  calendarYear: (year: number) => request<CalendarYear>('GET', `/calendar/${year}`),
  putCalendarYear: (year: number, body: { holidays: { from: string; to: string }[]; workdays: string[] }) =>
    request<CalendarYear>('PUT', `/admin/calendar/${year}`, body),
  outbox: (status?: OutboxItem['status']) => request<Page<OutboxItem>>('GET', `/admin/outbox${query({ status, limit: 50 })}`),
  resendOutbox: (id: string) => request<OutboxItem>('POST', `/admin/outbox/${id}/resend`),

  principles: (from?: string, to?: string) => request<PrinciplesMetrics>('GET', `/metrics/principles${query({ from, to })}`),
  verifyAudit: () => request<AuditVerification>('GET', '/audit/verify'),
};

/** A feature another part of the API adds later answers 404 (route unknown) until it exists. */
export const isMissingEndpoint = (e: unknown): boolean => e instanceof ApiError && e.status === 404;
