import { sha256Hex } from '@lyg/audit';
import type { Pool, PoolClient, Submittable } from 'pg';
import type { AuditDraft, CaseRow, DeadlineRow, EvidenceRow } from './simulate';

// Batched `COPY … FROM STDIN` (text format): a batch of thousands of rows is one message stream that PostgreSQL parses
// field by field, without the array literals, unnest and projection of a multi-row INSERT (a third less server time
// per row, and less client work than pg's array serialisation); pg has no COPY API of its own, so `copyFrom` drives
// its connection through the submittable interface. Writes run on a few connections at once while the generator
// keeps producing; `drain()` waits for them all.

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const textArray = (items: readonly string[]) => `{${items.join(',')}}`;

const CASE_COLUMNS = `id, case_number, organization_id, created_by, state, respondent_answer, outcome, route, competent_agency, flags,
  priority, complaint, triage, warnings, snapshot, assignee_id, transferred_to, respondent_key, respondent_name_key, complainant_name,
  respondent_name, due_at, sla_breached, version, submitted_at, closed_at, created_at, updated_at`;
const DEADLINE_COLUMNS = `id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional, reminder_at, reminded_at,
  status, on_expiry, pauses, extension, fired_at, closed_at`;
const EVIDENCE_COLUMNS = `id, case_id, kind, file_name, content_type, size_bytes, sha256, description, object_key, version_id,
  retain_until, uploaded_by, uploader_role, shared_with, shared_with_respondent, uploaded_at`;
const AUDIT_COLUMNS = `seq, at, case_id, actor_id, actor_role, organization_id, action, from_state, to_state, payload_digest, details,
  request_id, principles, prev_hash, hash`;

type Field = string | number | boolean | null;
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One line of COPY's text format: tab-separated, `\N` for NULL, backslash, tab and line breaks escaped. */
function copyLine(fields: readonly Field[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const v = fields[i];
    if (i) line += '\t';
    if (v === null) line += '\\N';
    else if (typeof v === 'string') line += SPECIAL.test(v) ? v.replace(SPECIALS, (ch) => ESCAPED[ch]) : v;
    else line += String(v);
  }
  return `${line}\n`;
}

/** `COPY table (columns) FROM STDIN` with `body` (COPY text lines); resolves when the server has taken every row. */
function copyFrom(client: PoolClient, table: string, columns: string, body: string): Promise<void> {
  const data = Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    let error: unknown = null;
    const noop = () => undefined;
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(`COPY ${table} (${columns}) FROM STDIN`),
      handleCopyInResponse: (connection: CopyConnection) => {
        const chunk = 1 << 20;
        for (let i = 0; i < data.length; i += chunk) connection.sendCopyFromChunk(data.subarray(i, i + chunk));
        connection.endCopyFrom();
      },
      handleError: (e: unknown) => {
        error ??= e;
      },
      handleReadyForQuery: () => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      handleCommandComplete: noop,
      handleRowDescription: noop,
      handleDataRow: noop,
      handleEmptyQuery: noop,
      handlePortalSuspended: noop,
      handleCopyData: noop,
    };
    client.query(submittable as unknown as Submittable);
  });
}

/** The part of pg's (untyped) connection that COPY needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

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

  private async timed(kind: 'cases' | 'deadlines' | 'evidence' | 'audits', c: PoolClient, table: string, columns: string, body: string): Promise<void> {
    const t = performance.now();
    await copyFrom(c, table, columns, body);
    this.busy[kind] += (performance.now() - t) / 1000;
  }

  private async flushCases(): Promise<void> {
    if (!this.cases.length) return;
    const rows = this.cases;
    this.cases = [];
    this.stats.cases += rows.length;
    let body = '';
    for (const r of rows) {
      body += copyLine([
        r.id,
        r.caseNumber,
        r.organizationId,
        r.createdBy,
        r.state,
        r.respondentAnswer,
        r.outcome,
        r.route,
        r.competentAgency,
        textArray(r.flags),
        r.priority,
        r.complaint,
        r.triage,
        '[]',
        r.snapshot,
        r.assigneeId,
        r.transferredTo,
        r.respondentKey,
        r.respondentNameKey,
        r.complainantName,
        r.respondentName,
        iso(r.dueAt),
        r.slaBreached,
        r.version,
        iso(r.submittedAt),
        iso(r.closedAt),
        iso(r.createdAt),
        iso(r.updatedAt),
      ]);
    }
    const before = this.casesWritten;
    this.casesWritten = (await this.run((c) => this.timed('cases', c, 'ip_case', CASE_COLUMNS, body), before)).done;
  }

  private async flushDeadlines(): Promise<void> {
    if (!this.deadlines.length) return;
    // Their cases first (foreign key), including those still in the buffer.
    await this.flushCases();
    const rows = this.deadlines;
    this.deadlines = [];
    this.stats.deadlines += rows.length;
    let body = '';
    for (const r of rows) {
      body += copyLine([
        r.id,
        r.caseId,
        r.stage,
        r.clock,
        r.period,
        r.basis,
        iso(r.startedAt),
        r.dueDate,
        iso(r.dueAt),
        r.provisional,
        iso(r.reminderAt),
        iso(r.remindedAt),
        r.status,
        r.onExpiry,
        JSON.stringify(r.pauses),
        r.extension,
        iso(r.firedAt),
        iso(r.closedAt),
      ]);
    }
    await this.run((c) => this.timed('deadlines', c, 'case_deadline', DEADLINE_COLUMNS, body), this.casesWritten);
  }

  private async flushEvidence(): Promise<void> {
    if (!this.evidence.length) return;
    await this.flushCases();
    const rows = this.evidence;
    this.evidence = [];
    this.stats.evidence += rows.length;
    let body = '';
    for (const r of rows) {
      body += copyLine([
        r.id,
        r.caseId,
        r.kind,
        r.fileName,
        r.contentType,
        r.sizeBytes,
        r.sha256,
        r.description,
        r.objectKey,
        null,
        null,
        r.uploadedBy,
        r.uploaderRole,
        '{}',
        false,
        iso(r.uploadedAt),
      ]);
    }
    await this.run((c) => this.timed('evidence', c, 'evidence', EVIDENCE_COLUMNS, body), this.casesWritten);
  }

  private async flushAudits(): Promise<void> {
    if (!this.audits.length) return;
    const rows = this.audits;
    this.audits = [];
    this.stats.audits += rows.length;
    let body = '';
    for (const r of rows) {
      const e = r.e;
      body += copyLine([
        r.seq,
        r.at,
        e.caseId,
        e.actorId,
        e.actorRole,
        e.organizationId,
        e.action,
        e.fromState,
        e.toState,
        e.payloadDigest,
        e.details,
        e.requestId,
        textArray(e.principles),
        r.prevHash,
        r.hash,
      ]);
    }
    await this.run((c) => this.timed('audits', c, 'audit_entry', AUDIT_COLUMNS, body));
  }
}
