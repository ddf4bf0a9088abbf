import { appendAudit, inclusionProofs, latestCheckpoint, MERKLE_DEFINITION } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { IpCase, TransferPackage } from '@lyg/database';
import { AGENCY_ROLES, AppError, type Role } from '@lyg/domain';
import { PACKAGE_ENTRY_COLUMNS, type PackageAuditEntry, TRANSFER_PROOF_FORMAT, type TransferPackageDocument, type TransferPackageProof } from '@lyg/workflow';
import { contentDisposition, EvidenceStore, IntegrityError, ObjectMissingError, ObjectStoreUnavailableError } from '@lyg/evidence';
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { caseScope } from '../cases/case-scope';
import { TransferPdfRenderer } from './transfer-pdf.renderer';

/** Who may read transfer packages besides the receiving organisation: the center's staff, on the cases they see. */
const STAFF: readonly Role[] = ['examiner', 'supervisor', 'officer', 'mediator', 'admin'];
const isAgency = (r: Role) => (AGENCY_ROLES as readonly Role[]).includes(r);

export interface TransferPackageView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  agency: string;
  organizationId: string;
  createdAt: string;
  /** Hex SHA-256 of the canonical JSON of `document` (the digest on every page of the PDF). */
  sha256: string;
  pdf: {
    status: 'ready' | 'pending' | 'failed';
    url: string;
    sha256: string | null;
    sizeBytes: number | null;
    layout: string | null;
    versionId: string | null;
  };
  document: Record<string, unknown>;
}

/**
 * Transfer packages for the receiving organisation (its police, court, customs or procuratorate users, on cases
 * transferred to it) and the center's staff; anyone else gets 404, like for a case they cannot see. Each account's
 * first reading of a package and every PDF download are audited.
 */
@Injectable()
export class TransfersService {
  private readonly logger = new Logger('transfers');

  constructor(
    private readonly ds: DataSource,
    private readonly store: EvidenceStore,
    private readonly renderer: TransferPdfRenderer,
  ) {}

  async json(caller: Caller, caseId: string, requestId: string): Promise<TransferPackageView> {
    const { c, p } = await this.latest(caller, caseId);
    // Each account's first reading of a package is on record (the agency had it before it); the case page reads it
    // on every visit, and an entry per visit would bury the downloads in the case's history.
    const [seen]: unknown[] = await this.ds.query(
      `SELECT 1 FROM audit_entry WHERE case_id = $1 AND action = 'transfer_package_downloaded' AND actor_id IS NOT DISTINCT FROM $2
          AND details::jsonb->>'packageId' = $3 AND details::jsonb->>'format' = 'json' LIMIT 1`,
      [c.id, caller.userId, p.id],
    );
    if (!seen) await this.audit(caller, c, p, 'json', requestId);
    return view(c, p);
  }

  async pdf(caller: Caller, caseId: string, res: Response, requestId: string): Promise<void> {
    const found = await this.latest(caller, caseId);
    const c = found.c;
    let p = found.p;
    if (!p.pdfObjectKey) {
      try {
        p = await this.renderer.ensure(p.id);
      } catch (e) {
        throw storeError(e, this.logger);
      }
    }
    let stream: Readable;
    try {
      stream = await this.store.open(p.pdfObjectKey!, p.pdfVersionId, { sha256: p.pdfSha256!, sizeBytes: p.pdfSizeBytes! });
    } catch (e) {
      if (e instanceof IntegrityError || e instanceof ObjectMissingError) {
        this.logger.error(`TRANSFER PACKAGE PDF INTEGRITY FAILURE: package ${p.id} of case ${c.id}, object ${p.pdfObjectKey}: ${e.message} [request ${requestId}]`);
        throw new AppError('internal_error', { requestId });
      }
      throw storeError(e, this.logger);
    }
    try {
      await this.audit(caller, c, p, 'pdf', requestId);
    } catch (e) {
      stream.destroy();
      throw e;
    }
    const b64 = Buffer.from(p.pdfSha256!, 'hex').toString('base64');
    res.status(200);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(p.pdfSizeBytes));
    res.setHeader('Content-Disposition', contentDisposition(`${c.caseNumber ?? c.id}-transfer-package.pdf`));
    res.setHeader('Repr-Digest', `sha-256=:${b64}:`);
    res.setHeader('X-Package-Sha256', p.sha256);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      await pipeline(stream, res);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.warn(`${requestId} PDF of package ${p.id} interrupted: ${(e as Error).message}`);
      if (!res.destroyed) res.destroy();
    }
  }

  /**
   * The inclusion proofs of the caller's latest package against the latest signed checkpoint (`TransferPackageProof`):
   * every audit entry of the package, and the transfer's own entry (which records the package's digest) in full.
   * Hashes only, nothing about other cases; read from the Merkle tree the worker extends as it signs checkpoints.
   */
  async proof(caller: Caller, caseId: string, requestId: string): Promise<TransferPackageProof> {
    const { c, p } = await this.latest(caller, caseId);
    const doc = p.json as unknown as TransferPackageDocument;
    const [transferEntry]: PackageAuditEntry[] = await this.ds.query(
      `SELECT ${PACKAGE_ENTRY_COLUMNS} FROM audit_entry a
        WHERE a.case_id = $1 AND a.details::jsonb #>> '{transferPackage,id}' = $2 ORDER BY a.seq LIMIT 1`,
      [c.id, p.id],
    );
    const wanted = [...doc.audit.entries.map((e) => ({ seq: e.seq, hash: e.hash })), ...(transferEntry ? [{ seq: transferEntry.seq, hash: transferEntry.hash }] : [])];
    const cp = await latestCheckpoint(this.ds);
    const base = {
      format: TRANSFER_PROOF_FORMAT,
      version: 1 as const,
      packageId: p.id,
      packageSha256: p.sha256,
      merkleDefinition: MERKLE_DEFINITION,
      transferEntry: transferEntry ?? null,
    };
    if (!cp?.merkleRoot) return { ...base, checkpoint: null, proofs: [], pending: wanted.map((e) => e.seq) };
    const { root, proofs } = await inclusionProofs(this.ds, Number(cp.seq), wanted);
    if (root.toString('hex') !== cp.merkleRoot) {
      this.logger.error(`AUDIT MERKLE TREE MISMATCH: the stored tree of ${cp.seq} entries does not give the signed root of checkpoint ${cp.seq}; run npm run audit:verify [request ${requestId}]`);
      throw new AppError('internal_error', { requestId });
    }
    const { objectKey: _k, objectVersionId: _v, retainUntil: _r, ...signed } = cp;
    return { ...base, checkpoint: signed, proofs, pending: wanted.filter((e) => BigInt(e.seq) > BigInt(cp.seq)).map((e) => e.seq) };
  }

  /** The case (visible to the caller) and its latest package for the caller: the receiving organisation's own, or any for staff. */
  private async latest(caller: Caller, caseId: string): Promise<{ c: IpCase; p: TransferPackage }> {
    const agency = isAgency(caller.role);
    if (!agency && !STAFF.includes(caller.role)) throw new AppError('not_found', { resource: 'transfer package' });
    const scope = caseScope(caller, 'one');
    const c = await this.ds.getRepository(IpCase).createQueryBuilder('c').where('c.id = :id', { id: caseId }).andWhere(scope.sql, scope.params).getOne();
    if (!c) throw new AppError('not_found', { resource: 'case' });
    const qb = this.ds.getRepository(TransferPackage).createQueryBuilder('p').where('p.case_id = :caseId', { caseId });
    if (agency) qb.andWhere('p.organization_id = :org', { org: caller.organizationId });
    const p = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').getOne();
    if (!p) throw new AppError('not_found', { resource: 'transfer package' });
    return { c, p };
  }

  private audit(caller: Caller, c: IpCase, p: TransferPackage, format: 'json' | 'pdf', requestId: string) {
    return this.ds.transaction((m) =>
      appendAudit(m, {
        caseId: c.id,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'transfer_package_downloaded',
        fromState: c.state,
        toState: c.state,
        payload: { packageId: p.id, format },
        details: { packageId: p.id, format, sha256: p.sha256, ...(format === 'pdf' ? { pdfSha256: p.pdfSha256, versionId: p.pdfVersionId } : {}) },
        requestId,
        principles: ['strict', 'broad'],
      }),
    );
  }
}

function view(c: IpCase, p: TransferPackage): TransferPackageView {
  return {
    id: p.id,
    caseId: c.id,
    caseNumber: c.caseNumber,
    agency: p.agency,
    organizationId: p.organizationId,
    createdAt: p.createdAt.toISOString(),
    sha256: p.sha256,
    pdf: {
      status: p.pdfObjectKey ? 'ready' : p.pdfError ? 'failed' : 'pending',
      url: `/api/v1/cases/${c.id}/transfer-package.pdf`,
      sha256: p.pdfSha256,
      sizeBytes: p.pdfSizeBytes,
      layout: p.pdfLayout,
      versionId: p.pdfVersionId,
    },
    document: p.json,
  };
}

function storeError(e: unknown, logger: Logger): unknown {
  if (e instanceof ObjectStoreUnavailableError) {
    logger.warn(`object store unavailable: ${e.message}`);
    return new AppError('service_unavailable', { service: 'object store' });
  }
  return e;
}
