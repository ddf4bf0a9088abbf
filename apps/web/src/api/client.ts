// The typed API client: bearer token, caller's language, JSON in and out, problem documents as `ApiError`.
import type { ComplaintInput, EvidenceKind } from '@lyg/domain/model';
import type {
  AnswerResult,
  AuditVerification,
  CalendarYear,
  CaseListQuery,
  CaseStages,
  CaseView,
  EvidenceView,
  SinkMessage,
  HistoryItem,
  LoginResponse,
  OrganizationInput,
  OrganizationView,
  OutboxItem,
  PackageProof,
  Profile,
  Page,
  PrinciplesMetrics,
  Problem,
  PublicKeyView,
  RegisteredEnterprise,
  RespondentSummary,
  RuleSetCheck,
  RuleSetList,
  StaffMember,
  AgencyView,
  TransferPackage,
  TriageResult,
  UserInput,
  UserListQuery,
  UserView,
  UserWithPassword,
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
  /** A 401 to a call made with this token (a tab may have taken a newer one meanwhile). */
  onUnauthenticated: (token: string) => void;
}

let context: ClientContext = { token: () => null, language: () => 'zh-CN', onUnauthenticated: () => undefined };

export function configureClient(c: ClientContext): void {
  context = c;
}

/** The caller's language, and the bearer token unless the call is `anonymous` (the respondent's link needs none). */
function headers(extra: Record<string, string> = {}, anonymous = false): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': context.language(), Accept: 'application/json', ...extra };
  const token = anonymous ? null : context.token();
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

async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}, anonymous = false): Promise<T> {
  const init: RequestInit = { method, headers: headers(body === undefined ? extra : { 'Content-Type': 'application/json', ...extra }, anonymous) };
  if (body !== undefined) init.body = JSON.stringify(body);
  let res: Response;
  try {
    res = await fetch(BASE + path, init);
  } catch {
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: '' });
  }
  const sentToken = (init.headers as Record<string, string>).Authorization?.slice('Bearer '.length);
  if (res.status === 401 && sentToken) context.onUnauthenticated(sentToken);
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

/** Every item of a paged list, 100 at a time. */
async function allPages<T>(path: string): Promise<Page<T>> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await request<Page<T>>('GET', `${path}${query({ limit: 100, cursor })}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, nextCursor: null };
}

const idempotencyKey = () => crypto.randomUUID();

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort(): void;
}

/** Bytes of a request body sent so far, of its total. */
export type Progress = (sentBytes: number, totalBytes: number) => void;

/** A multipart POST over XMLHttpRequest, which (unlike fetch) reports upload progress; problem documents as `ApiError`. */
function upload<T>(path: string, form: FormData, h: Record<string, string>, onProgress: Progress): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  let total = 1;
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', BASE + path);
    for (const [k, v] of Object.entries(h)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      total = e.total;
      onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(total, total);
        resolve(body as T);
      } else {
        if (xhr.status === 401 && h.Authorization) context.onUnauthenticated(h.Authorization.slice('Bearer '.length));
        reject(new ApiError((body as Problem | null) ?? { type: 'about:blank', title: `HTTP ${xhr.status}`, status: xhr.status, detail: '' }));
      }
    };
    xhr.onerror = () => reject(new ApiError({ type: 'network', title: 'Network error', status: 0, detail: '' }));
    xhr.onabort = () => reject(new ApiError({ type: 'aborted', title: 'Aborted', status: 0, detail: '' }));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const api = {
  login: (email: string, password: string) => request<LoginResponse>('POST', '/auth/login', { email, password }),
  me: () => request<Profile>('GET', '/auth/me'),

  createComplaint: (c: ComplaintInput) => request<CaseView>('POST', '/complaints', c, { 'Idempotency-Key': idempotencyKey() }),
  updateComplaint: (id: string, c: Partial<ComplaintInput>, version?: number) =>
    request<CaseView>('PATCH', `/complaints/${id}`, c, version === undefined ? {} : { 'If-Match': `"${version}"` }),
  triagePreview: (c: ComplaintInput, evidenceKinds: EvidenceKind[]) => request<TriageResult>('POST', '/triage/preview', { ...c, evidenceKinds }),

  listCases: (q: CaseListQuery = {}) => request<Page<CaseView>>('GET', `/cases${query(q)}`),
  caseStages: () => request<CaseStages>('GET', '/cases/stages'),
  getCase: (id: string) => request<CaseView>('GET', `/cases/${id}`),
  /** The whole timeline, page after page (the API pages by 20 unless asked for more): none of it is left out. */
  history: (id: string) => allPages<HistoryItem>(`/cases/${id}/history`),
  // One key per intent: the same action on the same version of the case. A click repeated after a lost answer gets
  // the first answer again (the step is taken once), not a 412 for a change it made itself.
  act: (id: string, action: string, body: Record<string, unknown> = {}, version?: number) =>
    request<CaseView>('POST', `/cases/${id}/actions/${action}`, body, version === undefined ? {} : { 'If-Match': `"${version}"`, 'Idempotency-Key': `${action}:${id}:${version}` }),
  claim: (id: string) => request<CaseView>('POST', `/cases/${id}/claim`),
  release: (id: string) => request<CaseView>('POST', `/cases/${id}/release`),
  reassign: (id: string, assigneeId: string) => request<CaseView>('POST', `/cases/${id}/assign`, { assigneeId }),

  transferPackage: (caseId: string) => request<TransferPackage>('GET', `/cases/${caseId}/transfer-package`),
  transferPackageProof: (caseId: string) => request<PackageProof>('GET', `/cases/${caseId}/transfer-package/proof`),
  auditPublicKeys: () => request<{ keys: PublicKeyView[] }>('GET', '/audit/public-keys', undefined, {}, true),
  /** The package's PDF as a blob (bearer token needed). */
  transferPackagePdf: async (caseId: string): Promise<Blob> => {
    const res = await fetch(`${BASE}/cases/${caseId}/transfer-package.pdf`, { headers: headers() });
    if (!res.ok) throw new ApiError(await problemOf(res));
    return res.blob();
  },
  /** Shares a file with the respondent (their answer page lists it) or takes it back; examiners and supervisors. */
  shareWithRespondent: (evidenceId: string, respondent: boolean) => request<EvidenceView>('POST', `/evidence/${evidenceId}/share`, { respondent }),
  /** Replaces the receiving organisations a file is shared with. */
  shareWithAgencies: (evidenceId: string, organizationIds: string[]) => request<EvidenceView>('POST', `/evidence/${evidenceId}/share`, { organizationIds }),
  /** Every file of the case, page after page (a case may hold up to 500). */
  listEvidence: (caseId: string) => allPages<EvidenceView>(`/cases/${caseId}/evidence`),
  /** The file as a blob (the content endpoint needs the bearer token, so no plain link). */
  evidenceBlob: async (id: string): Promise<Blob> => {
    const res = await fetch(`${BASE}/evidence/${id}/content`, { headers: headers() });
    if (!res.ok) throw new ApiError(await problemOf(res));
    return res.blob();
  },
  /** Multipart upload over XMLHttpRequest, which (unlike fetch) reports upload progress. */
  uploadEvidence: (caseId: string, file: File, kind: EvidenceKind, description: string, onProgress: (fraction: number) => void): UploadHandle<EvidenceView> => {
    const form = new FormData();
    // The kind goes first so the server can refuse a wrong kind before it stores the file.
    form.append('kind', kind);
    if (description.trim()) form.append('description', description.trim());
    form.append('file', file, file.name);
    return upload<EvidenceView>(`/complaints/${caseId}/evidence`, form, headers({ 'Idempotency-Key': idempotencyKey() }), (sent, total) => onProgress(sent / total));
  },

  /** The respondent's link: no account, no token (the link's token is the credential). */
  respondSummary: (token: string) => request<RespondentSummary>('GET', `/respond/${encodeURIComponent(token)}`, undefined, {}, true),
  /**
   * The answer in one request: the statement, then each file with its kind (`kinds` in file order). `onProgress`
   * gets the bytes sent so far, so each file's share of the body can show its own progress.
   */
  /** `key`: one per answer form; sent again after a lost answer, the API replays the stored one (the link is spent by it). */
  respondAnswer: (token: string, statement: string, files: { file: File; kind: EvidenceKind }[], onProgress: Progress, key: string): UploadHandle<AnswerResult> => {
    const form = new FormData();
    form.append('statement', statement);
    for (const f of files) form.append('kinds', f.kind);
    for (const f of files) form.append('files', f.file, f.file.name);
    return upload<AnswerResult>(`/respond/${encodeURIComponent(token)}`, form, headers({ 'Idempotency-Key': key }, true), onProgress);
  },

  registeredEnterprises: (q: { q?: string; cursor?: string } = {}) => request<Page<RegisteredEnterprise>>('GET', `/admin/registered-enterprises${query({ ...q, limit: 50 })}`),
  addRegisteredEnterprise: (e: RegisteredEnterprise) => request<RegisteredEnterprise>('POST', '/admin/registered-enterprises', e, { 'Idempotency-Key': idempotencyKey() }),
  removeRegisteredEnterprise: (uscc: string) => request<void>('DELETE', `/admin/registered-enterprises/${encodeURIComponent(uscc)}`),
  calendarYear: (year: number) => request<CalendarYear>('GET', `/calendar/${year}`),
  ruleSets: () => request<RuleSetList>('GET', '/triage/rule-sets'),
  ruleSet: (version: string) => request<Record<string, unknown>>('GET', `/triage/rule-sets/${encodeURIComponent(version)}`),
  checkRuleSet: (set: unknown) => request<RuleSetCheck>('POST', '/triage/rule-sets/check', set),
  putCalendarYear: (year: number, body: { holidays: { from: string; to: string }[]; workdays: string[] }) =>
    request<CalendarYear>('PUT', `/admin/calendar/${year}`, body),
  mailSink: (q: { to?: string; cursor?: string } = {}) =>
    request<{ available: boolean; items: SinkMessage[]; nextCursor: string | null }>('GET', `/admin/mail-sink${query({ limit: 20, ...q })}`),
  mailSinkMessage: (id: string) => request<SinkMessage & { from: string[]; text: string }>('GET', `/admin/mail-sink/${encodeURIComponent(id)}`),
  outbox: (status?: OutboxItem['status'], cursor?: string) => request<Page<OutboxItem>>('GET', `/admin/outbox${query({ status, cursor, limit: 50 })}`),
  resendOutbox: (id: string) => request<OutboxItem>('POST', `/admin/outbox/${id}/resend`),
  organizations: (q: { q?: string; kind?: string; active?: boolean; cursor?: string; limit?: number } = {}) => request<Page<OrganizationView>>('GET', `/admin/organizations${query({ limit: 20, ...q })}`),
  createOrganization: (o: OrganizationInput) => request<OrganizationView>('POST', '/admin/organizations', o, { 'Idempotency-Key': idempotencyKey() }),
  updateOrganization: (id: string, o: Partial<OrganizationInput> & { active?: boolean; successorId?: string }, revision?: string) =>
    request<OrganizationView>('PATCH', `/admin/organizations/${id}`, o, revision === undefined ? {} : { 'If-Match': `"${revision}"` }),
  users: (q: UserListQuery = {}) => request<Page<UserView>>('GET', `/admin/users${query({ ...q, limit: 20 })}`),
  createUser: (u: UserInput) => request<UserWithPassword>('POST', '/admin/users', u, { 'Idempotency-Key': idempotencyKey() }),
  updateUser: (id: string, u: Partial<UserInput> & { active?: boolean }, revision?: string) =>
    request<UserView>('PATCH', `/admin/users/${id}`, u, revision === undefined ? {} : { 'If-Match': `"${revision}"` }),
  resetPassword: (id: string) => request<UserWithPassword>('POST', `/admin/users/${id}/reset-password`),
  staff: (q: { role?: string; q?: string; id?: string; caseId?: string; cursor?: string } = {}) => request<Page<StaffMember>>('GET', `/staff${query({ ...q, limit: 50 })}`),
  /** The active organisations of a kind a transfer may go to, the default receiver first. */
  agencies: (kind: 'police' | 'customs' | 'court') => request<{ items: AgencyView[] }>('GET', `/agencies${query({ kind })}`),
  changePassword: (currentPassword: string, newPassword: string) => request<LoginResponse>('POST', '/auth/password', { currentPassword, newPassword }),
  refreshSession: () => request<LoginResponse>('POST', '/auth/refresh'),

  principles: (from?: string, to?: string) => request<PrinciplesMetrics>('GET', `/metrics/principles${query({ from, to })}`),
  /** Every figure of the period as CSV (bearer token needed, so fetched, not linked). */
  principlesCsv: async (from: string, to: string): Promise<Blob> => {
    const res = await fetch(`${BASE}/metrics/principles.csv${query({ from, to })}`, { headers: headers() });
    if (!res.ok) throw new ApiError(await problemOf(res));
    return res.blob();
  },
  verifyAudit: () => request<AuditVerification>('GET', '/audit/verify'),
};

/** A feature another part of the API adds later answers 404 (route unknown) until it exists. */
export const isMissingEndpoint = (e: unknown): boolean => e instanceof ApiError && e.status === 404;
