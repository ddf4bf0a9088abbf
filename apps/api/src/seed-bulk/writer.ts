import { sha256Hex } from '@lyg/audit';
import type { Pool, PoolClient } from 'pg';
import type { AuditDraft, CaseRow, DeadlineRow, EvidenceRow } from './simulate';

// Batched multi-row INSERTs with one array parameter per column (`INSERT … SELECT FROM unnest($1::uuid[], …)`):
// a statement carries thousands of rows, is parsed once per batch, and needs no COPY support in the client.
// Writes run on a few connections at once while the generator keeps producing; `drain()` waits for them all.

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const textArray = (items: readonly string[]) => `{${items.join(',')}}`;

const CASE_SQL = `INSERT INTO ip_case (id, case_number, organization_id, created_by, state, respondent_answer, outcome, route,
  competent_agency, flags, priority, complaint, triage, warnings, snapshot, assignee_id, transferred_to, respondent_key,
  respondent_name_key, complainant_name, respondent_name, due_at, sla_breached, version, submitted_at, closed_at, created_at, updated_at)
SELECT id, case_number, organization_id, created_by, state, respondent_answer, outcome, route, competent_agency, flags::text[],
  priority, complaint::jsonb, triage::jsonb, '[]'::jsonb, snapshot::jsonb, assignee_id, transferred_to, respondent_key,
  respondent_name_key, complainant_name, respondent_name, due_at, sla_breached, version, submitted_at, closed_at, created_at, updated_at
FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::int[], $12::text[], $13::text[], $14::text[], $15::uuid[], $16::uuid[], $17::text[], $18::text[], $19::text[], $20::text[],
  $21::timestamptz[], $22::bool[], $23::int[], $24::timestamptz[], $25::timestamptz[], $26::timestamptz[], $27::timestamptz[])
  AS t(id, case_number, organization_id, created_by, state, respondent_answer, outcome, route, competent_agency, flags, priority,
    complaint, triage, snapshot, assignee_id, transferred_to, respondent_key, respondent_name_key, complainant_name, respondent_name,
    due_at, sla_breached, version, submitted_at, closed_at, created_at, updated_at)`;

const DEADLINE_SQL = `INSERT INTO case_deadline (id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional,
  reminder_at, reminded_at, status, on_expiry, pauses, extension, fired_at, closed_at)
SELECT id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional, reminder_at, reminded_at, status,
  on_expiry, pauses::jsonb, extension, fired_at, closed_at
FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[], $8::date[], $9::timestamptz[],
  $10::bool[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[], $15::text[], $16::int[], $17::timestamptz[], $18::timestamptz[])
  AS t(id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional, reminder_at, reminded_at, status, on_expiry,
    pauses, extension, fired_at, closed_at)`;

const EVIDENCE_SQL = `INSERT INTO evidence (id, case_id, kind, file_name, content_type, size_bytes, sha256, description, object_key,
  version_id, retain_until, uploaded_by, uploader_role, shared_with, shared_with_respondent, uploaded_at)
SELECT id, case_id, kind, file_name, content_type, size_bytes, sha256, description, object_key, NULL, NULL, uploaded_by, uploader_role,
  '{}', false, uploaded_at
FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::uuid[],
  $11::text[], $12::timestamptz[])
  AS t(id, case_id, kind, file_name, content_type, size_bytes, sha256, description, object_key, uploaded_by, uploader_role, uploaded_at)`;

const AUDIT_SQL = `INSERT INTO audit_entry (seq, at, case_id, actor_id, actor_role, organization_id, action, from_state, to_state,
  payload_digest, details, request_id, principles, prev_hash, hash)
SELECT seq, at, case_id, actor_id, actor_role, organization_id, action, from_state, to_state, payload_digest, details::jsonb,
  request_id, principles::text[], prev_hash, hash
FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::text[], $9::text[],
  $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
  AS t(seq, at, case_id, actor_id, actor_role, organization_id, action, from_state, to_state, payload_digest, details, request_id,
    principles, prev_hash, hash)`;

const q = JSON.stringify;
const qn = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));

/** The audit chain continued entry by entry: `hash = sha256(prevHash + canonicalJson(entry without hash))`. */
export class AuditChain {
  constructor(
    public seq: bigint,
    public prevHash: string,
  ) {}

  /** The canonical JSON of the entry (keys sorted, as libs/audit `canonicalJson(hashedContent(e))` writes it). */
  static content(e: AuditDraft, at: string, seq: string, prevHash: string): string {
    let principles = '[';
    for (let i = 0; i < e.principles.length; i++) principles += (i ? ',' : '') + q(e.principles[i]);
    principles += ']';
    return (
      `{"action":${q(e.action)},"actorId":${qn(e.actorId)},"actorRole":${q(e.actorRole)},"at":"${at}","caseId":${qn(e.caseId)}` +
      `,"details":${e.details},"fromState":${qn(e.fromState)},"organizationId":${qn(e.organizationId)},"payloadDigest":${q(e.payloadDigest)}` +
      `,"prevHash":${q(prevHash)},"principles":${principles},"requestId":${qn(e.requestId)},"seq":"${seq}","toState":${qn(e.toState)}}`
    );
  }

  next(e: AuditDraft): { seq: string; at: string; prevHash: string; hash: string } {
    this.seq += 1n;
    const seq = this.seq.toString();
    const at = new Date(e.at).toISOString();
    const prevHash = this.prevHash;
    const hash = sha256Hex(prevHash + AuditChain.content(e, at, seq, prevHash));
    this.prevHash = hash;
    return { seq, at, prevHash, hash };
  }
}

export interface WriterStats {
  cases: number;
  deadlines: number;
  evidence: number;
  audits: number;
}

export class BulkWriter {
  private cases: CaseRow[] = [];
  private deadlines: DeadlineRow[] = [];
  private evidence: EvidenceRow[] = [];
  private audits: { e: AuditDraft; seq: string; at: string; prevHash: string; hash: string }[] = [];
  private inFlight = new Set<Promise<void>>();
  /** Deadline rows reference their case: a deadline batch starts after the case batches before it. */
  private casesWritten: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  readonly stats: WriterStats = { cases: 0, deadlines: 0, evidence: 0, audits: 0 };
  /** Seconds spent in each statement kind (summed over connections). */
  readonly busy = { cases: 0, deadlines: 0, evidence: 0, audits: 0, waiting: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly maxInFlight = 3,
    private readonly caseBatch = 1000,
    private readonly rowBatch = 5000,
  ) {}

  async addCase(row: CaseRow, deadlines: readonly DeadlineRow[], evidence: readonly EvidenceRow[]): Promise<void> {
    this.cases.push(row);
    for (const d of deadlines) this.deadlines.push(d);
    for (const e of evidence) this.evidence.push(e);
    if (this.cases.length >= this.caseBatch) await this.flushCases();
    if (this.deadlines.length >= this.rowBatch) await this.flushDeadlines();
    if (this.evidence.length >= this.rowBatch) await this.flushEvidence();
  }

  async addAudit(e: AuditDraft, link: { seq: string; at: string; prevHash: string; hash: string }): Promise<void> {
    this.audits.push({ e, ...link });
    if (this.audits.length >= this.rowBatch) await this.flushAudits();
  }

  async drain(): Promise<void> {
    await this.flushCases();
    await this.flushDeadlines();
    await this.flushEvidence();
    await this.flushAudits();
    while (this.inFlight.size) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  /** Starts a write once fewer than `maxInFlight` run; resolves when started, with the write's own promise. */
  private async run(fn: (c: PoolClient) => Promise<unknown>, after?: Promise<void>): Promise<{ done: Promise<void> }> {
    if (this.failure) throw this.failure;
    const w0 = performance.now();
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    this.busy.waiting += (performance.now() - w0) / 1000;
    if (this.failure) throw this.failure;
    const p: Promise<void> = (async () => {
      if (after) await after;
      const c = await this.pool.connect();
      try {
        await fn(c);
      } finally {
        c.release();
      }
    })().then(
      () => {
        this.inFlight.delete(p);
      },
      (e: unknown) => {
        this.inFlight.delete(p);
        this.failure ??= e;
      },
    );
    this.inFlight.add(p);
    return { done: p };
  }

  private async timed(kind: 'cases' | 'deadlines' | 'evidence' | 'audits', c: PoolClient, sql: string, values: unknown[]): Promise<void> {
    const t = performance.now();
    await c.query(sql, values);
    this.busy[kind] += (performance.now() - t) / 1000;
  }

  private async flushCases(): Promise<void> {
    if (!this.cases.length) return;
    const rows = this.cases;
    this.cases = [];
    this.stats.cases += rows.length;
    const cols = [
      rows.map((r) => r.id),
      rows.map((r) => r.caseNumber),
      rows.map((r) => r.organizationId),
      rows.map((r) => r.createdBy),
      rows.map((r) => r.state),
      rows.map((r) => r.respondentAnswer),
      rows.map((r) => r.outcome),
      rows.map((r) => r.route),
      rows.map((r) => r.competentAgency),
      rows.map((r) => textArray(r.flags)),
      rows.map((r) => r.priority),
      rows.map((r) => r.complaint),
      rows.map((r) => r.triage),
      rows.map((r) => r.snapshot),
      rows.map((r) => r.assigneeId),
      rows.map((r) => r.transferredTo),
      rows.map((r) => r.respondentKey),
      rows.map((r) => r.respondentNameKey),
      rows.map((r) => r.complainantName),
      rows.map((r) => r.respondentName),
      rows.map((r) => iso(r.dueAt)),
      rows.map((r) => r.slaBreached),
      rows.map((r) => r.version),
      rows.map((r) => iso(r.submittedAt)),
      rows.map((r) => iso(r.closedAt)),
      rows.map((r) => iso(r.createdAt)),
      rows.map((r) => iso(r.updatedAt)),
    ];
    const before = this.casesWritten;
    this.casesWritten = (await this.run((c) => this.timed('cases', c, CASE_SQL, cols), before)).done;
  }

  private async flushDeadlines(): Promise<void> {
    if (!this.deadlines.length) return;
    // Their cases first (foreign key), including those still in the buffer.
    await this.flushCases();
    const rows = this.deadlines;
    this.deadlines = [];
    this.stats.deadlines += rows.length;
    const cols = [
      rows.map((r) => r.id),
      rows.map((r) => r.caseId),
      rows.map((r) => r.stage),
      rows.map((r) => r.clock),
      rows.map((r) => r.period),
      rows.map((r) => r.basis),
      rows.map((r) => iso(r.startedAt)),
      rows.map((r) => r.dueDate),
      rows.map((r) => iso(r.dueAt)),
      rows.map((r) => r.provisional),
      rows.map((r) => iso(r.reminderAt)),
      rows.map((r) => iso(r.remindedAt)),
      rows.map((r) => r.status),
      rows.map((r) => r.onExpiry),
      rows.map((r) => JSON.stringify(r.pauses)),
      rows.map((r) => r.extension),
      rows.map((r) => iso(r.firedAt)),
      rows.map((r) => iso(r.closedAt)),
    ];
    await this.run((c) => this.timed('deadlines', c, DEADLINE_SQL, cols), this.casesWritten);
  }

  private async flushEvidence(): Promise<void> {
    if (!this.evidence.length) return;
    await this.flushCases();
    const rows = this.evidence;
    this.evidence = [];
    this.stats.evidence += rows.length;
    const cols = [
      rows.map((r) => r.id),
      rows.map((r) => r.caseId),
      rows.map((r) => r.kind),
      rows.map((r) => r.fileName),
      rows.map((r) => r.contentType),
      rows.map((r) => r.sizeBytes),
      rows.map((r) => r.sha256),
      rows.map((r) => r.description),
      rows.map((r) => r.objectKey),
      rows.map((r) => r.uploadedBy),
      rows.map((r) => r.uploaderRole),
      rows.map((r) => iso(r.uploadedAt)),
    ];
    await this.run((c) => this.timed('evidence', c, EVIDENCE_SQL, cols), this.casesWritten);
  }

  private async flushAudits(): Promise<void> {
    if (!this.audits.length) return;
    const rows = this.audits;
    this.audits = [];
    this.stats.audits += rows.length;
    const cols = [
      rows.map((r) => r.seq),
      rows.map((r) => r.at),
      rows.map((r) => r.e.caseId),
      rows.map((r) => r.e.actorId),
      rows.map((r) => r.e.actorRole),
      rows.map((r) => r.e.organizationId),
      rows.map((r) => r.e.action),
      rows.map((r) => r.e.fromState),
      rows.map((r) => r.e.toState),
      rows.map((r) => r.e.payloadDigest),
      rows.map((r) => r.e.details),
      rows.map((r) => r.e.requestId),
      rows.map((r) => textArray(r.e.principles)),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ];
    await this.run((c) => this.timed('audits', c, AUDIT_SQL, cols));
  }
}
