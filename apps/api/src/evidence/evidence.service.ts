import { appendAudit } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { Evidence, IdempotencyRecord, IpCase, Organization } from '@lyg/database';
import { AppError, type CaseState, EVIDENCE_KINDS, type EvidenceKind, type FieldError, isTerminalState, type Role } from '@lyg/domain';
import {
  ALLOWED_TYPES_LABEL,
  cleanFileName,
  contentDisposition,
  createContentInspector,
  EmptyContentError,
  EvidenceStore,
  EvidenceTooLargeError,
  IntakeStream,
  IntegrityError,
  ObjectMissingError,
  ObjectStoreUnavailableError,
  SourceStreamError,
  type StoredObject,
  UnsupportedContentError,
} from '@lyg/evidence';
import { ClockService } from '@lyg/workflow';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { caseScope } from '../cases/case-scope';
import { IdempotencyService, type Outcome } from '../common/idempotency.service';
import { isDatabaseDown } from '../common/problem.filter';
import { evidenceView, type EvidenceView, isAgency } from './evidence-view';
import { BodyTooLargeError, isMultipart, MalformedMultipartError, receiveMultipart } from './multipart';
import { deferredContinue } from './expect-continue';
import { lingerBeforeClose } from './linger';

/** Enterprises add evidence while the complaint is theirs to edit. */
const ENTERPRISE_UPLOAD_STATES = ['draft', 'awaiting_correction'];
/** The center's staff and the bodies it routes to may add expert opinions to the cases they see. */
const STAFF_UPLOADERS: readonly Role[] = ['examiner', 'supervisor', 'officer', 'mediator'];
const STAFF_KINDS: readonly EvidenceKind[] = ['expert_opinion'];
/** The respondent's statement comes through the answer link, not from the complainant. */
const ENTERPRISE_KINDS: readonly EvidenceKind[] = EVIDENCE_KINDS.filter((k) => k !== 'respondent_statement');
const AGENCY_KINDS = ['police', 'court', 'customs', 'procuratorate'];
const DESCRIPTION_MAX = 2000;
/** Room for the multipart framing and the text fields on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const UPLOAD_SCOPE = 'POST /complaints/:id/evidence';

export interface EvidencePage {
  items: EvidenceView[];
  nextCursor: string | null;
}

export interface ShareRequest {
  organizationIds?: string[];
  respondent?: boolean;
}

const inState = (state: string, states: string[]) => states.some((s) => state === s || state.startsWith(`${s}.`));

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GiB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * Evidence of a case: streamed uploads into the object store (hashed, size-limited, type-checked on the way),
 * listed and downloaded by whoever may see the case (agencies only what was shared with them), every access
 * written to the audit log. An evidence row exists only with its object: the object is written first under its
 * final key, then the row and its audit entry in one transaction; whatever fails in between removes the object.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger('Evidence');

  constructor(
    private readonly ds: DataSource,
    private readonly store: EvidenceStore,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClockService,
  ) {}

  async upload(caller: Caller, caseId: string, req: Request, res: Response, idempotencyKey: string | undefined, requestId: string): Promise<Outcome<EvidenceView>> {
    try {
      return await this.receiveUpload(caller, caseId, req, res, idempotencyKey, requestId);
    } catch (e) {
      // Refused before the body was read, or stopped part-way: the rest is not read; the connection is closed
      // after the answer (RFC 9110 §9.3 / Expect: 100-continue).
      if (!req.complete) {
        res.setHeader('Connection', 'close');
        lingerBeforeClose(req);
      }
      throw e;
    }
  }

  private async receiveUpload(caller: Caller, caseId: string, req: Request, res: Response, idempotencyKey: string | undefined, requestId: string): Promise<Outcome<EvidenceView>> {
    // Everything that can be decided from the headers is decided before a byte of the body is read.
    const c = await this.findCase(this.ds.manager, caller, caseId);
    this.assertMayUpload(caller, c, null);
    if (!isMultipart(req)) {
      throw new AppError('unsupported_media_type', { detail: 'multipart/form-data' }, [{ field: 'Content-Type', code: 'multipart_required' }]);
    }
    const maxBytes = this.config.evidence.maxBytes;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw this.tooLarge();
    // The case's own limits too, from the headers; checked again under the case's lock when the row is inserted.
    await this.assertRoom(this.ds.manager, c.id, Number.isFinite(declared) ? Math.max(0, declared - MULTIPART_OVERHEAD) : 0);
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw AppError.validation([{ field: 'Idempotency-Key', code: 'invalid' }]);
    }
    // A key already answered: the body is only hashed (to tell a replay from a reuse), never stored again.
    const answered =
      idempotencyKey !== undefined && (await this.ds.getRepository(IdempotencyRecord).exists({ where: { userId: caller.userId, key: idempotencyKey } }));

    const evidenceId = randomUUID();
    const objectKey = `cases/${c.id}/${evidenceId}`;
    let stored: StoredObject | null = null;
    let committed = false;
    try {
      deferredContinue(req, res);
      const body = await receiveMultipart(
        req,
        { fileField: 'file', fields: { kind: 64, description: DESCRIPTION_MAX * 4 }, maxBodyBytes: maxBytes + MULTIPART_OVERHEAD },
        async (file, fieldsSoFar) => {
          // Fields sent before the file are checked before the file is stored.
          if (fieldsSoFar.kind !== undefined) this.assertKind(caller, c, fieldsSoFar.kind);
          if (answered) return hashOnly(file.stream, maxBytes);
          stored = await this.store.put(objectKey, file.stream, {
            maxBytes,
            inspector: createContentInspector(),
            metadata: { 'case-id': c.id, 'evidence-id': evidenceId, 'uploaded-by': caller.userId },
            sizeHint: Number.isFinite(declared) ? declared : undefined,
          });
          return { sha256: stored.sha256, sizeBytes: stored.sizeBytes };
        },
      );

      // The parser bounds fields in bytes; the rule the user is told is in characters.
      const errors: FieldError[] = body.fieldErrors.map((f) => (f.field === 'description' && f.code === 'max_length' ? { ...f, params: { max: DESCRIPTION_MAX } } : f));
      const kind = body.fields.kind;
      if (kind === undefined || kind === '') errors.push({ field: 'kind', code: 'required' });
      else if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'kind', code: 'enum', params: { values: EVIDENCE_KINDS.join(', ') } });
      const description = body.fields.description?.trim() || null;
      if (description && description.length > DESCRIPTION_MAX) errors.push({ field: 'description', code: 'max_length', params: { max: DESCRIPTION_MAX } });
      // NUL is not text PostgreSQL can store: refused here rather than failing the insert with a 500.
      else if (description?.includes('\u0000')) errors.push({ field: 'description', code: 'invalid' });
      if (!body.file) errors.push({ field: 'file', code: 'file_required' });
      if (errors.length) throw AppError.validation(errors);
      this.assertKind(caller, c, kind!);

      const fileName = cleanFileName(body.file!.fileName);
      const digest = body.file!.result;
      const request = { caseId: c.id, kind, description, fileName, sha256: digest.sha256, sizeBytes: digest.sizeBytes };
      let created = false;
      const outcome = await this.idempotency.run(caller, idempotencyKey, UPLOAD_SCOPE, request, async (m) => {
        const object = stored as StoredObject | null;
        // The key was answered when we looked but is gone now: nothing was stored for this request, so ask for a retry.
        if (!object) throw new AppError('idempotency_in_progress');
        const row = await this.insert(m, caller, caseId, { id: evidenceId, kind: kind as EvidenceKind, description, fileName, object }, requestId);
        created = true;
        return { status: 201, body: evidenceView(row, caller) };
      });
      committed = created;
      if (!created && stored) await this.discard(stored as StoredObject, 'idempotent replay');
      return outcome;
    } catch (e) {
      if (stored && !committed) {
        // Lost the database under the commit: the row may have been committed (the answer was lost, not the
        // transaction), so its object stays; a retry with the same Idempotency-Key replays it, and
        // `npm run evidence:reconcile` reports the object if no row came of it. Never a row without its object.
        if (isDatabaseDown(e)) this.logger.warn(`${requestId} database lost during the upload of ${(stored as StoredObject).key}: object kept`);
        else await this.discard(stored as StoredObject, 'request failed');
      }
      throw this.uploadError(e);
    }
  }

  /** Inserts the row and its audit entry, after checking again (under a row lock) that the case still accepts it. */
  private async insert(
    m: EntityManager,
    caller: Caller,
    caseId: string,
    e: { id: string; kind: EvidenceKind; description: string | null; fileName: string; object: StoredObject },
    requestId: string,
  ): Promise<Evidence> {
    const c = await this.findCase(m, caller, caseId, true);
    this.assertMayUpload(caller, c, e.kind);
    // Uploads to one case share its row (FOR SHARE), so they take turns on a lock of their own for the count:
    // concurrent uploads cannot together pass the case's limits. Held to the commit, a few statements.
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7))', [`evidence:${c.id}`]);
    await this.assertRoom(m, c.id, e.object.sizeBytes);
    // The case's clock, as for its other events (the demo data's back-dated cases get their evidence on the same day).
    const at = this.clock.now();
    const row = m.create(Evidence, {
      id: e.id,
      uploadedAt: at,
      caseId: c.id,
      kind: e.kind,
      fileName: e.fileName,
      contentType: e.object.contentType ?? 'application/octet-stream',
      sizeBytes: e.object.sizeBytes,
      sha256: e.object.sha256,
      description: e.description,
      objectKey: e.object.key,
      versionId: e.object.versionId,
      retainUntil: e.object.retainUntil,
      uploadedBy: caller.userId,
      uploaderRole: caller.role,
      sharedWith: [],
      sharedWithRespondent: false,
    });
    // The relation properties are absent; TypeORM's deep-partial type cannot follow the case's jsonb columns.
    await m.insert(Evidence, row as QueryDeepPartialEntity<Evidence>);
    await appendAudit(m, {
      caseId: c.id,
      actorId: caller.userId,
      actorRole: caller.role,
      organizationId: caller.organizationId,
      action: 'evidence_added',
      fromState: c.state,
      toState: c.state,
      payload: { evidenceId: row.id, kind: row.kind, fileName: row.fileName, description: row.description, sha256: row.sha256 },
      details: {
        evidenceId: row.id,
        kind: row.kind,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        objectKey: row.objectKey,
        versionId: row.versionId,
        retainUntil: row.retainUntil ? row.retainUntil.toISOString() : null,
      },
      requestId,
      principles: ['strict'],
      at,
    });
    return m.findOneByOrFail(Evidence, { id: row.id });
  }

  async list(caller: Caller, caseId: string, q: { limit?: number; cursor?: string }): Promise<EvidencePage> {
    const c = await this.findCase(this.ds.manager, caller, caseId);
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(Evidence).createQueryBuilder('e').where('e.case_id = :caseId', { caseId: c.id });
    if (isAgency(caller.role)) qb.andWhere(':org = ANY(e.shared_with)', { org: caller.organizationId });
    if (q.cursor) {
      // Keyset on (uploaded_at, id), read from the row itself: exact to the microsecond.
      qb.andWhere('(e.uploaded_at, e.id) > (SELECT k.uploaded_at, k.id FROM evidence k WHERE k.id = :after)', { after: decodeCursor(q.cursor) });
    }
    const rows = await qb.orderBy('e.uploaded_at', 'ASC').addOrderBy('e.id', 'ASC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((e) => evidenceView(e, caller)),
      nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null,
    };
  }

  /**
   * Streams the evidence to the caller, re-hashing it on the way. The access is audited before the first byte; a
   * mismatch is logged as an error, audited, and the response is cut short (its headers are gone already), so the
   * client sees an aborted transfer rather than a complete copy of altered bytes.
   */
  async download(caller: Caller, evidenceId: string, res: Response, requestId: string): Promise<void> {
    const { evidence: e, caseRow: c } = await this.findVisibleEvidence(caller, evidenceId);
    if (res.req.method === 'HEAD') {
      // The headers alone: what the evidence list already shows this caller (size, type, digest). Nothing is read
      // from the store and nothing was downloaded, so nothing is audited as a download.
      setContentHeaders(res, e);
      res.end();
      return;
    }
    let stream: Readable;
    try {
      stream = await this.store.open(e.objectKey, e.versionId, { sha256: e.sha256, sizeBytes: e.sizeBytes });
    } catch (err) {
      if (err instanceof IntegrityError || err instanceof ObjectMissingError) {
        await recordIntegrityFailure(this.ds, this.logger, caller, e, c, err, requestId);
        throw new AppError('internal_error', { requestId });
      }
      throw this.storeError(err);
    }
    try {
      await this.ds.transaction((m) =>
        appendAudit(m, {
          caseId: c.id,
          actorId: caller.userId,
          actorRole: caller.role,
          organizationId: caller.organizationId,
          action: 'evidence_downloaded',
          fromState: c.state,
          toState: c.state,
          payload: { evidenceId: e.id },
          details: { evidenceId: e.id, objectKey: e.objectKey, versionId: e.versionId, sha256: e.sha256, sizeBytes: e.sizeBytes },
          requestId,
          principles: ['strict'],
        }),
      );
    } catch (err) {
      stream.destroy();
      throw err;
    }
    // A small file is read whole (and checked) while the audit entry is written: a mismatch is known before a byte goes out.
    if (stream.errored) {
      if (stream.errored instanceof IntegrityError) {
        await recordIntegrityFailure(this.ds, this.logger, caller, e, c, stream.errored, requestId);
        throw new AppError('internal_error', { requestId });
      }
      throw this.storeError(stream.errored);
    }
    setContentHeaders(res, e);
    try {
      await pipeline(stream, res);
    } catch (err) {
      if (err instanceof IntegrityError) await recordIntegrityFailure(this.ds, this.logger, caller, e, c, err, requestId);
      else if ((err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.warn(`${requestId} download of evidence ${e.id} interrupted: ${(err as Error).message}`);
      }
      if (!res.destroyed) res.destroy();
    }
  }

  async share(caller: Caller, evidenceId: string, dto: ShareRequest, requestId: string): Promise<EvidenceView> {
    const organizationIds = dto.organizationIds ? [...new Set(dto.organizationIds.map((id) => id.toLowerCase()))] : undefined;
    return this.ds.transaction(async (m) => {
      const { evidence: e, caseRow: c } = await this.findVisibleEvidence(caller, evidenceId, m, true);
      if (organizationIds?.length) {
        const orgs = await m.getRepository(Organization).createQueryBuilder('o').where('o.id IN (:...ids)', { ids: organizationIds }).getMany();
        const errors = organizationIds.flatMap((id, i): FieldError[] => {
          const org = orgs.find((o) => o.id === id);
          return org && AGENCY_KINDS.includes(org.kind) ? [] : [{ field: `organizationIds[${i}]`, code: 'agency_organization' }];
        });
        if (errors.length) throw AppError.validation(errors);
      }
      const sharedWith = organizationIds ?? e.sharedWith;
      const respondent = dto.respondent ?? e.sharedWithRespondent;
      await m.update(Evidence, { id: e.id }, { sharedWith, sharedWithRespondent: respondent });
      await appendAudit(m, {
        caseId: c.id,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'evidence_shared',
        fromState: c.state,
        toState: c.state,
        payload: dto,
        details: { evidenceId: e.id, organizationIds: sharedWith, respondent, previous: { organizationIds: e.sharedWith, respondent: e.sharedWithRespondent } },
        requestId,
        principles: ['strict'],
      });
      return evidenceView(await m.findOneByOrFail(Evidence, { id: e.id }), caller);
    });
  }

  /** The case if the caller may see it (contract.md Visibility); 404 otherwise, never 403. */
  private async findCase(m: EntityManager, caller: Caller, id: string, lock = false): Promise<IpCase> {
    const scope = caseScope(caller, 'one');
    const qb = m.getRepository(IpCase).createQueryBuilder('c').where('c.id = :id', { id }).andWhere(scope.sql, scope.params);
    if (lock) qb.setLock('pessimistic_read');
    const c = await qb.getOne();
    if (!c) throw new AppError('not_found', { resource: 'case' });
    return c;
  }

  /** The evidence if the caller may see its case and, for agencies, it was shared with their organisation. */
  private async findVisibleEvidence(caller: Caller, id: string, m: EntityManager = this.ds.manager, lock = false): Promise<{ evidence: Evidence; caseRow: IpCase }> {
    const qb = m.getRepository(Evidence).createQueryBuilder('e').where('e.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const e = await qb.getOne();
    const visible = e && (!isAgency(caller.role) || (caller.organizationId !== null && e.sharedWith.includes(caller.organizationId)));
    if (!e || !visible) throw new AppError('not_found', { resource: 'evidence' });
    try {
      return { evidence: e, caseRow: await this.findCase(m, caller, e.caseId) };
    } catch {
      throw new AppError('not_found', { resource: 'evidence' });
    }
  }

  private assertMayUpload(caller: Caller, c: IpCase, kind: EvidenceKind | null): void {
    if (caller.role === 'enterprise') {
      if (!inState(c.state, ENTERPRISE_UPLOAD_STATES)) throw new AppError('not_allowed_in_state', { state: c.state, action: 'add evidence' });
    } else if (!STAFF_UPLOADERS.includes(caller.role)) {
      throw new AppError('forbidden_role', { role: caller.role, action: 'add evidence' });
    } else if (isTerminalState(c.state as CaseState)) {
      // A decided, refused or withdrawn case's record is complete: an opinion now would sit beside a decision it
      // could not inform.
      throw new AppError('not_allowed_in_state', { state: c.state, action: 'add evidence' });
    }
    if (kind) this.assertKind(caller, c, kind);
  }

  /** Which kinds a role may add: staff only expert opinions; enterprises anything but the respondent's statement. */
  private assertKind(caller: Caller, _c: IpCase, kind: string): void {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) return; // reported as a field error with the others
    const allowed = caller.role === 'enterprise' ? ENTERPRISE_KINDS : STAFF_KINDS;
    if (!allowed.includes(kind as EvidenceKind)) throw new AppError('forbidden_role', { role: caller.role, action: `add evidence of kind ${kind}` });
  }

  /**
   * A case holds at most EVIDENCE_MAX_FILES_PER_CASE files and EVIDENCE_MAX_CASE_BYTES in all: one more file of
   * `adding` bytes must fit (413 `evidence_limit_reached`, saying what the case holds).
   */
  private async assertRoom(m: EntityManager, caseId: string, adding: number): Promise<void> {
    const { maxFilesPerCase, maxBytesPerCase } = this.config.evidence;
    const [held]: { files: number; total: string }[] = await m.query(
      'SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::text AS total FROM evidence WHERE case_id = $1',
      [caseId],
    );
    const total = Number(held.total);
    if (held.files + 1 > maxFilesPerCase || total + adding > maxBytesPerCase) {
      throw new AppError('evidence_limit_reached', {
        maxFiles: maxFilesPerCase, maxTotal: formatBytes(maxBytesPerCase), files: held.files, total: formatBytes(total),
      });
    }
  }

  private tooLarge(): AppError {
    return new AppError('payload_too_large', { limit: formatBytes(this.config.evidence.maxBytes) });
  }

  private uploadError(e: unknown): unknown {
    const cause = e instanceof SourceStreamError ? e.cause : e;
    if (cause instanceof EvidenceTooLargeError || cause instanceof BodyTooLargeError) return this.tooLarge();
    if (cause instanceof UnsupportedContentError) {
      return new AppError('unsupported_media_type', { detail: cause.detected }, [
        { field: 'file', code: 'file_type', params: { detected: cause.detected, allowed: ALLOWED_TYPES_LABEL } },
      ]);
    }
    if (cause instanceof EmptyContentError) return AppError.validation([{ field: 'file', code: 'file_empty' }]);
    if (cause instanceof MalformedMultipartError || e instanceof SourceStreamError) return AppError.validation([{ field: 'body', code: 'invalid' }]);
    return this.storeError(e);
  }

  private storeError(e: unknown): unknown {
    if (e instanceof ObjectStoreUnavailableError) {
      this.logger.warn(`object store unavailable: ${e.message}`);
      return new AppError('service_unavailable', { service: 'object store' });
    }
    return e;
  }

  /** Removes an object that did not become evidence; if the store refuses, the reconciler will report it. */
  private async discard(object: StoredObject, why: string): Promise<void> {
    if (!(await this.store.removeQuietly(object.key, object.versionId))) {
      this.logger.error(`could not remove object ${object.key} (${why}); it has no evidence row — run npm run evidence:reconcile`);
    }
  }

}

/**
 * An evidence file that does not match its recorded hash or size (or is gone): logged loudly and audited
 * (`evidence_integrity_failure`), whoever was reading it. The reader gets a 500; the bytes are never served.
 */
export async function recordIntegrityFailure(
ds: DataSource,
logger: Logger,
actor: { userId: string | null; role: string; organizationId: string | null },
e: Evidence,
c: IpCase,
err: IntegrityError | ObjectMissingError,
requestId: string,
): Promise<void> {
  const reason = err instanceof ObjectMissingError ? 'object_missing' : 'hash_mismatch';
  const actual = err instanceof IntegrityError ? err.actual : null;
  logger.error(
    `EVIDENCE INTEGRITY FAILURE (${reason}): evidence ${e.id} of case ${c.id}, object ${e.objectKey}` +
      `${e.versionId ? ` version ${e.versionId}` : ''}: expected ${e.sizeBytes} bytes sha256 ${e.sha256}` +
      `${actual ? `, read ${actual.sizeBytes} bytes sha256 ${actual.sha256 ?? '(not computed)'}` : ''} [request ${requestId}]`,
  );
  try {
    await ds.transaction((m) =>
      appendAudit(m, {
        caseId: c.id,
        actorId: actor.userId,
        actorRole: actor.role,
        organizationId: actor.organizationId,
        action: 'evidence_integrity_failure',
        fromState: c.state,
        toState: c.state,
        payload: { evidenceId: e.id },
        details: {
          evidenceId: e.id,
          reason,
          objectKey: e.objectKey,
          versionId: e.versionId,
          expectedSha256: e.sha256,
          expectedSizeBytes: e.sizeBytes,
          actualSha256: actual?.sha256 ?? null,
          actualSizeBytes: actual?.sizeBytes ?? null,
        },
        requestId,
        principles: ['strict'],
      }),
    );
  } catch (auditError) {
    logger.error(`could not audit the integrity failure of evidence ${e.id}: ${(auditError as Error).message}`);
  }
}

/** Reads the file only to hash it (a replayed request must not store a second object). */
export async function hashOnly(stream: Readable, maxBytes: number): Promise<{ sha256: string; sizeBytes: number }> {
  const intake = new IntakeStream(maxBytes);
  stream.once('error', (e) => intake.destroy(new SourceStreamError(e)));
  stream.pipe(intake).resume();
  try {
    await finished(intake);
  } catch (e) {
    stream.unpipe(intake);
    throw e;
  }
  const d = intake.digest;
  return { sha256: d.sha256, sizeBytes: d.sizeBytes };
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('latin1');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return id;
  throw AppError.validation([{ field: 'cursor', code: 'invalid' }]);
}

/** A file's answer headers: its type, size, name, recorded SHA-256 (for the client's own check) and no caching. */
function setContentHeaders(res: Response, e: Pick<Evidence, 'contentType' | 'sizeBytes' | 'fileName' | 'sha256'>): void {
  const b64 = Buffer.from(e.sha256, 'hex').toString('base64');
  res.status(200);
  res.setHeader('Content-Type', e.contentType);
  res.setHeader('Content-Length', String(e.sizeBytes));
  res.setHeader('Content-Disposition', contentDisposition(e.fileName));
  res.setHeader('Repr-Digest', `sha-256=:${b64}:`);
  res.setHeader('Digest', `sha-256=${b64}`);
  res.setHeader('ETag', `"${e.sha256}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
