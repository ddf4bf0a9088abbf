import { type AuditFact, appendAudit } from '@lyg/audit';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { CaseDeadline, Evidence, IpCase, RespondentToken } from '@lyg/database';
import { AppError, type CaseActor, EVIDENCE_KINDS, type EvidenceKind, type FieldError } from '@lyg/domain';
import {
  cleanFileName,
  contentDisposition,
  createContentInspector,
  EmptyContentError,
  EvidenceStore,
  EvidenceTooLargeError,
  IntegrityError,
  ObjectMissingError,
  ObjectStoreUnavailableError,
  SourceStreamError,
  type StoredObject,
  UnsupportedContentError,
  ALLOWED_TYPES_LABEL,
  TEXT_PLAIN,
} from '@lyg/evidence';
import { ClockService, hashRespondentToken, RESPONDENT_TOKEN_PATTERN, WorkflowService } from '@lyg/workflow';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { shanghaiIso } from '../cases/case-view';
import { checkIdempotencyKey, IdempotencyService, idempotencyRequestHash, type Outcome } from '../common/idempotency.service';
import { isDatabaseDown } from '../common/problem.filter';
import { hashOnly, recordIntegrityFailure } from '../evidence/evidence.service';
import { lingerBeforeClose } from '../evidence/linger';
import { AnswerBodyTooLargeError, isMultipartRequest, MalformedAnswerError, receiveAnswerMultipart } from './answer-multipart';

export const STATEMENT_LENGTH = { min: 20, max: 20_000 };
export const ANSWER_MAX_FILES = 5;

const RESPONDENT: CaseActor = { role: 'respondent', userId: null, organizationId: null };

export interface RespondentEvidenceView {
  id: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** What the respondent sees through the link: the complaint against them, without the center's or the complainant's contacts. */
export interface RespondentSummary {
  caseNumber: string | null;
  route: string | null;
  complainant: { name: string };
  respondent: { name: string };
  ipRights: { type: string; number: string | null; title: string | null; holder: string | null; validUntil: string | null; niceClasses: number[] | null }[];
  infringement: { conducts: string[]; channel: string; firstKnownAt: string; description: string; urls: string[] };
  requestedRemedies: string[];
  deadlines: { stage: string; dueDate: string; dueAt: string }[];
  /** Evidence the center shared with the respondent (downloadable through the link). */
  evidence: (RespondentEvidenceView & { url: string })[];
  answer: { statement: { minLength: number; maxLength: number }; files: { max: number; maxBytes: number; kinds: readonly string[]; allowedTypes: string } };
}

export interface AnswerResult {
  caseNumber: string | null;
  respondentAnswer: string | null;
  answeredAt: string;
  statement: RespondentEvidenceView;
  evidence: RespondentEvidenceView[];
}

interface StoredFile {
  id: string;
  fileName: string;
  object: StoredObject;
}

const notFound = () => new AppError('not_found', { resource: 'answer link' });

const ANSWER_SCOPE = 'POST /respond/:token';

/** What an answer's `Idempotency-Key` is bound to: the statement, each file's name and digest, the kinds. */
const answerRequest = (statement: string, files: { fileName: string; object: { sha256: string; sizeBytes: number } }[], kinds: EvidenceKind[]) => ({
  statement,
  files: files.map((f) => ({ fileName: f.fileName, sha256: f.object.sha256, sizeBytes: f.object.sizeBytes })),
  kinds,
});

/**
 * The respondent's answer link (contract.md `GET/POST /respond/:token`), public and without an account: a valid
 * token is unused, unexpired, and its case still awaits the answer; anything else is the same 404. The answer is one
 * transaction: the `respondent_answered` event through the workflow, the statement (kept as a UTF-8 text evidence
 * file of kind `respondent_statement`) and any files as evidence, the token marked used, the audit entries.
 */
@Injectable()
export class RespondService {
  private readonly logger = new Logger('respond');

  constructor(
    private readonly ds: DataSource,
    private readonly store: EvidenceStore,
    private readonly workflow: WorkflowService,
    private readonly clock: ClockService,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async summary(token: string, requestId: string): Promise<RespondentSummary> {
    const { c } = await this.findValid(this.ds.manager, token);
    const [deadlines, evidence] = await Promise.all([
      this.ds.getRepository(CaseDeadline).find({ where: { caseId: c.id, stage: 'respondent_answer', status: 'active' }, order: { dueAt: 'ASC' } }),
      this.ds.getRepository(Evidence).find({ where: { caseId: c.id, sharedWithRespondent: true }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
    ]);
    // Opening the notice is on record (proof that it reached the respondent), like every other access to the case.
    await this.ds.transaction((m) => appendAudit(m, this.fact(c, 'respondent_notice_viewed', {}, {}, requestId)));
    const k = c.complaint;
    return {
      caseNumber: c.caseNumber,
      route: c.route,
      complainant: { name: k.complainant.name },
      respondent: { name: k.respondent.name },
      ipRights: k.ipRights.map((r) => ({
        type: r.type,
        number: r.number ?? null,
        title: r.title ?? null,
        holder: r.holder ?? null,
        validUntil: r.validUntil ?? null,
        niceClasses: r.niceClasses ?? null,
      })),
      infringement: {
        conducts: [...k.infringement.conducts],
        channel: k.infringement.channel,
        firstKnownAt: k.infringement.firstKnownAt,
        description: k.infringement.description,
        urls: [...(k.infringement.urls ?? [])],
      },
      requestedRemedies: [...k.requestedRemedies],
      deadlines: deadlines.map((d) => ({ stage: d.stage, dueDate: d.dueDate, dueAt: shanghaiIso(d.dueAt) })),
      evidence: evidence.map((e) => ({ ...evidenceView(e), url: `/api/v1/respond/${token}/evidence/${e.id}` })),
      answer: {
        statement: { minLength: STATEMENT_LENGTH.min, maxLength: STATEMENT_LENGTH.max },
        files: { max: ANSWER_MAX_FILES, maxBytes: this.config.evidence.maxBytes, kinds: EVIDENCE_KINDS, allowedTypes: ALLOWED_TYPES_LABEL },
      },
    };
  }

  /**
   * The answer, once. With an `Idempotency-Key` (contract.md: every creating POST), the same key and body sent again
   * through the same link replays the first answer, although that answer spent the link; another body under the key
   * is 422. The key belongs to the link (a respondent has no account).
   */
  async answer(token: string, req: Request, requestId: string, key?: string): Promise<Outcome<AnswerResult>> {
    if (key !== undefined) checkIdempotencyKey(key);
    // Decided before a byte of the body is read or stored.
    let valid: { t: RespondentToken; c: IpCase };
    try {
      valid = await this.findValid(this.ds.manager, token);
    } catch (e) {
      // A link spent by an answer under this key: that answer again, for the same body.
      const answered = key === undefined ? null : await this.answeredUnder(token, key);
      if (answered) return this.replay(req, answered);
      throw e;
    }
    const { t: link, c: seen } = valid;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxAnswerBytes) {
      req.res?.setHeader('Connection', 'close');
      lingerBeforeClose(req);
      throw this.uploadError(new AnswerBodyTooLargeError(`declared ${declared} bytes`));
    }
    const stored: StoredFile[] = [];
    let committed = false;
    try {
      const { statement, files, kinds } = await this.receive(req, async (part) => {
        const id = randomUUID();
        const object = await this.store.put(`cases/${seen.id}/${id}`, part.stream, {
          maxBytes: this.config.evidence.maxBytes,
          inspector: createContentInspector(),
          metadata: { 'case-id': seen.id, 'evidence-id': id, 'uploaded-by': 'respondent' },
        });
        const file = { id, fileName: cleanFileName(part.fileName), object };
        stored.push(file);
        return file;
      });
      const statementId = randomUUID();
      // The statement is text by construction: stored as such, never sniffed (a statement beginning "MZ" or "%PDF-").
      const text = Buffer.from(statement, 'utf8');
      const object = {
        ...(await this.store.put(`cases/${seen.id}/${statementId}`, Readable.from([text]), {
          maxBytes: 4 * STATEMENT_LENGTH.max,
          metadata: { 'case-id': seen.id, 'evidence-id': statementId, 'uploaded-by': 'respondent' },
          sizeHint: text.length,
        })),
        contentType: TEXT_PLAIN,
      };
      // Named in both languages: the complainant and the staff who read it may read either.
      const statementFile: StoredFile = { id: statementId, fileName: `答辩意见-Statement-${seen.caseNumber ?? seen.id}.txt`, object };
      stored.push(statementFile);
      const record = async (m: EntityManager): Promise<{ status: number; body: AnswerResult }> => {
        // Again under lock: a second answer racing this one, or the deadline firing meanwhile, finds the link spent.
        const { t, c } = await this.findValid(m, token, true);
        const now = this.clock.now();
        const payload = { statementSha256: object.sha256, evidence: files.map((f) => ({ id: f.id, sha256: f.object.sha256 })) };
        const audits = await this.workflow.perform(m, c, RESPONDENT, 'respondent_answered', payload, { requestId, ifMatch: null, now });
        const made = [
          this.insertEvidence(m, c, statementFile, 'respondent_statement', '被投诉人答辩意见（经答辩链接提交） / respondent statement (answer link)', requestId),
          ...files.map((f, i) => this.insertEvidence(m, c, f, kinds[i], null, requestId)),
        ];
        for (const { row } of made) await m.insert(Evidence, row as QueryDeepPartialEntity<Evidence>);
        await m.update(RespondentToken, { id: t.id }, { usedAt: now });
        // Last in the transaction: the audit chain's lock is held only for the appends.
        await this.workflow.appendAudits(m, [...audits, ...made.map((x) => x.audit)]);
        return {
          status: 201,
          body: {
            caseNumber: c.caseNumber,
            respondentAnswer: c.respondentAnswer,
            answeredAt: now.toISOString(),
            statement: evidenceView(made[0].row),
            evidence: made.slice(1).map((x) => evidenceView(x.row)),
          },
        };
      };
      // The key belongs to the link (a respondent has no account).
      const outcome = await this.idempotency.run<AnswerResult>({ userId: link.id }, key, ANSWER_SCOPE, answerRequest(statement, files, kinds), record);
      // A concurrent request under the same key answered first: this one's files are not needed.
      if (outcome.replayed) await this.discard(stored);
      else committed = true;
      return outcome;
    } catch (e) {
      // Lost the database under the commit: the answer may have been recorded, so its objects stay (the reconciler
      // reports them if it was not). Never an evidence row without its object.
      if (!committed && !isDatabaseDown(e)) await this.discard(stored);
      throw this.uploadError(e);
    }
  }

  /** The link's key record, when the key already has an answer through this link (spent or not). */
  private async answeredUnder(token: string, key: string): Promise<{ requestHash: string; status: number; body: AnswerResult } | null> {
    if (!RESPONDENT_TOKEN_PATTERN.test(token)) return null;
    const rows: { request_hash: string; status_code: number; body: AnswerResult }[] = await this.ds.query(
      `SELECT r.request_hash, r.status_code, r.body
         FROM respondent_token t JOIN idempotency_record r ON r.user_id = t.id AND r.key = $2
        WHERE t.token_hash = $1 AND r.scope = $3 AND r.status_code <> 0`,
      [hashRespondentToken(token), key, ANSWER_SCOPE],
    );
    const r = rows[0];
    return r ? { requestHash: r.request_hash, status: r.status_code, body: r.body } : null;
  }

  /** The first answer again, for the same body: read and hashed only (never stored a second time). */
  private async replay(req: Request, first: { requestHash: string; status: number; body: AnswerResult }): Promise<Outcome<AnswerResult>> {
    try {
      const { statement, files, kinds } = await this.receive(req, async (part) => ({
        fileName: cleanFileName(part.fileName),
        object: await hashOnly(part.stream, this.config.evidence.maxBytes),
      }));
      if (idempotencyRequestHash(ANSWER_SCOPE, answerRequest(statement, files, kinds)) !== first.requestHash) throw new AppError('idempotency_key_reused');
      return { status: first.status, body: first.body, replayed: true };
    } catch (e) {
      throw this.uploadError(e);
    }
  }

  private get maxAnswerBytes(): number {
    return ANSWER_MAX_FILES * this.config.evidence.maxBytes + 4 * STATEMENT_LENGTH.max + 256 * 1024;
  }

  /** Evidence the center shared with the respondent, streamed and integrity-checked, audited. */
  async evidence(token: string, evidenceId: string, res: Response, requestId: string): Promise<void> {
    const { c } = await this.findValid(this.ds.manager, token);
    // A UUID's shape, not just 36 of [0-9a-f-]: PostgreSQL refuses anything else (a 500 before this check).
    const e = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(evidenceId)
      ? await this.ds.getRepository(Evidence).findOne({ where: { id: evidenceId.toLowerCase(), caseId: c.id, sharedWithRespondent: true } })
      : null;
    if (!e) throw new AppError('not_found', { resource: 'evidence' });
    let stream: Readable;
    try {
      stream = await this.store.open(e.objectKey, e.versionId, { sha256: e.sha256, sizeBytes: e.sizeBytes });
    } catch (err) {
      if (err instanceof IntegrityError || err instanceof ObjectMissingError) {
        await recordIntegrityFailure(this.ds, this.logger, RESPONDENT, e, c, err, requestId);
        throw new AppError('internal_error', { requestId });
      }
      throw this.uploadError(err);
    }
    try {
      await this.ds.transaction((m) =>
        appendAudit(m, this.fact(c, 'evidence_downloaded', { evidenceId: e.id }, { evidenceId: e.id, objectKey: e.objectKey, versionId: e.versionId, sha256: e.sha256, sizeBytes: e.sizeBytes }, requestId, ['strict'])),
      );
    } catch (err) {
      stream.destroy();
      throw err;
    }
    // A small file is read whole (and checked) while the audit entry is written: a mismatch is known before a byte goes out.
    if (stream.errored) {
      if (stream.errored instanceof IntegrityError) {
        await recordIntegrityFailure(this.ds, this.logger, RESPONDENT, e, c, stream.errored, requestId);
        throw new AppError('internal_error', { requestId });
      }
      throw this.uploadError(stream.errored);
    }
    res.status(200);
    res.setHeader('Content-Type', e.contentType);
    res.setHeader('Content-Length', String(e.sizeBytes));
    res.setHeader('Content-Disposition', contentDisposition(e.fileName));
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(e.sha256, 'hex').toString('base64')}:`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      await pipeline(stream, res);
    } catch (err) {
      if (err instanceof IntegrityError) await recordIntegrityFailure(this.ds, this.logger, RESPONDENT, e, c, err, requestId);
      if (!res.destroyed) res.destroy();
    }
  }

  /**
   * The token's case if the link is good: unused, unexpired (on the workflow's clock) and the case still waiting for
   * the answer. One indexed look-up by the token's SHA-256; every failure is the same 404.
   */
  private async findValid(m: EntityManager, token: string, lock = false): Promise<{ t: RespondentToken; c: IpCase }> {
    if (!RESPONDENT_TOKEN_PATTERN.test(token)) throw notFound();
    const qb = m
      .getRepository(RespondentToken)
      .createQueryBuilder('t')
      .where('t.token_hash = :hash AND t.used_at IS NULL AND t.expires_at > :now', { hash: hashRespondentToken(token), now: this.clock.now() });
    if (lock) qb.setLock('pessimistic_write');
    const t = await qb.getOne();
    if (!t) throw notFound();
    const c = await m.getRepository(IpCase).findOne({ where: { id: t.caseId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c || c.respondentAnswer !== 'notified' || c.closedAt !== null) throw notFound();
    return { t, c };
  }

  /** The statement and the files (each given to `keep` as it arrives: stored, or only hashed), validated. */
  private async receive<F>(req: Request, keep: (part: { fileName: string; stream: Readable }) => Promise<F>): Promise<{ statement: string; files: F[]; kinds: EvidenceKind[] }> {
    const stored: F[] = [];
    const errors: FieldError[] = [];
    let statement: unknown;
    let kindsGiven: string[] = [];
    if (isMultipartRequest(req)) {
      const body = await receiveAnswerMultipart(
        req,
        { maxFiles: ANSWER_MAX_FILES, maxBodyBytes: this.maxAnswerBytes, statementMaxBytes: 4 * STATEMENT_LENGTH.max },
        async (part, index) => {
          try {
            const file = await keep(part);
            stored.push(file);
            return file;
          } catch (e) {
            // Which file was refused (its type, its emptiness) is said by its position: `files[1]`.
            throw new FileRefusedError(index, e);
          }
        },
      );
      errors.push(...body.fieldErrors);
      statement = body.fields.statement;
      kindsGiven = body.fields.kinds;
    } else {
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        errors.push({ field: 'body', code: 'type_object' });
      } else {
        for (const key of Object.keys(body)) if (key !== 'statement') errors.push({ field: key, code: 'unknown_field' });
        statement = (body as { statement?: unknown }).statement;
      }
    }
    // A browser's form sends a textarea's line breaks as CRLF, its JSON as LF: the statement is kept with LF either
    // way, so the receipt's digest is the one the respondent's browser computes of what was typed.
    if (typeof statement === 'string') statement = statement.replace(/\r\n?/g, '\n');
    if (statement === undefined || statement === null || statement === '') errors.push({ field: 'statement', code: 'required' });
    else if (typeof statement !== 'string') errors.push({ field: 'statement', code: 'type_string' });
    else {
      const length = [...statement.trim()].length;
      if (length < STATEMENT_LENGTH.min || length > STATEMENT_LENGTH.max) errors.push({ field: 'statement', code: 'length', params: { ...STATEMENT_LENGTH } });
      else if (statement.includes('\u0000')) errors.push({ field: 'statement', code: 'invalid' });
    }
    if (kindsGiven.length > stored.length) errors.push({ field: 'kinds', code: 'array_size', params: { min: 0, max: stored.length } });
    const kinds = stored.map((_, i): EvidenceKind => {
      const k = kindsGiven[i];
      if (k === undefined || k === '') return 'respondent_statement';
      if (!(EVIDENCE_KINDS as readonly string[]).includes(k)) errors.push({ field: `kinds[${i}]`, code: 'enum', params: { values: EVIDENCE_KINDS.join(', ') } });
      return k as EvidenceKind;
    });
    if (errors.length) throw AppError.validation(errors);
    return { statement: (statement as string).trim(), files: [...stored], kinds };
  }

  private insertEvidence(m: EntityManager, c: IpCase, f: StoredFile, kind: EvidenceKind, description: string | null, requestId: string): { row: Evidence; audit: AuditFact } {
    const row = m.create(Evidence, {
      id: f.id,
      caseId: c.id,
      kind,
      fileName: f.fileName,
      contentType: f.object.contentType ?? 'application/octet-stream',
      sizeBytes: f.object.sizeBytes,
      sha256: f.object.sha256,
      description,
      objectKey: f.object.key,
      versionId: f.object.versionId,
      retainUntil: f.object.retainUntil,
      uploadedBy: null,
      uploaderRole: 'respondent',
      sharedWith: [],
      sharedWithRespondent: true,
      uploadedAt: this.clock.now(),
    });
    const audit = this.fact(
      c,
      'evidence_added',
      { evidenceId: row.id, kind, fileName: row.fileName, description, sha256: row.sha256 },
      {
        evidenceId: row.id,
        kind,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        objectKey: row.objectKey,
        versionId: row.versionId,
        retainUntil: row.retainUntil ? row.retainUntil.toISOString() : null,
      },
      requestId,
      ['strict'],
    );
    return { row, audit };
  }

  private fact(c: IpCase, action: string, payload: unknown, details: Record<string, unknown>, requestId: string, principles: AuditFact['principles'] = ['equal']): AuditFact {
    return {
      caseId: c.id,
      actorId: null,
      actorRole: 'respondent',
      organizationId: null,
      action,
      fromState: c.state,
      toState: c.state,
      payload,
      details,
      requestId,
      principles,
      at: this.clock.now(),
    };
  }

  private async discard(files: StoredFile[]): Promise<void> {
    for (const f of files) {
      if (!(await this.store.removeQuietly(f.object.key, f.object.versionId))) {
        this.logger.error(`could not remove object ${f.object.key} of a failed answer; it has no evidence row — run npm run evidence:reconcile`);
      }
    }
  }

  private uploadError(err: unknown): unknown {
    const field = err instanceof FileRefusedError ? `files[${err.index}]` : 'files';
    const e = err instanceof FileRefusedError ? err.cause : err;
    const cause = e instanceof SourceStreamError ? e.cause : e;
    if (cause instanceof EvidenceTooLargeError || cause instanceof AnswerBodyTooLargeError) {
      return new AppError('payload_too_large', { limit: `${Math.round(this.config.evidence.maxBytes / 1024 / 1024)} MiB` });
    }
    if (cause instanceof UnsupportedContentError) {
      return new AppError('unsupported_media_type', { detail: cause.detected }, [{ field, code: 'file_type', params: { detected: cause.detected, allowed: ALLOWED_TYPES_LABEL } }]);
    }
    if (cause instanceof EmptyContentError) return AppError.validation([{ field, code: 'file_empty' }]);
    if (cause instanceof MalformedAnswerError || e instanceof SourceStreamError) return AppError.validation([{ field: 'body', code: 'invalid' }]);
    if (e instanceof ObjectStoreUnavailableError) {
      this.logger.warn(`object store unavailable: ${e.message}`);
      return new AppError('service_unavailable', { service: 'object store' });
    }
    return e;
  }
}

/** A file of the answer that could not be kept, with its position among the files sent. */
class FileRefusedError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

function evidenceView(e: Evidence): RespondentEvidenceView {
  return { id: e.id, kind: e.kind, fileName: e.fileName, contentType: e.contentType, sizeBytes: e.sizeBytes, sha256: e.sha256 };
}
