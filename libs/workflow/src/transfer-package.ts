import { canonicalJson, GENESIS_HASH, latestCheckpoint, sha256Hex } from '@lyg/audit';
import { TransferPackage } from '@lyg/database';
import { CASE_ACTIONS, type ProofCheckpoint, SYSTEM_EVENTS, type TransferAgency } from '@lyg/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { EffectScope } from './effect-runner';

export const TRANSFER_PACKAGE_FORMAT = 'lyg-ip-transfer-package';
/** Woken on commit of a new package (`NOTIFY transfer_package, '<id>'`): its PDF is rendered then. */
export const TRANSFER_PACKAGE_CHANNEL = 'transfer_package';
/** How an audit entry's hash is made (libs/audit `entryHash`), stated in the package for the receiver. */
export const AUDIT_HASH_DEFINITION =
  'hash = hex(sha256(utf8(prevHash + canonicalJson(entry without "hash")))); canonicalJson: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes them, undefined members left out';

export const transferPdfKey = (caseId: string, packageId: string) => `transfers/${caseId}/${packageId}.pdf`;

/**
 * An audit entry about evidence that is not shared with the receiver, shown without its content: which evidence
 * (kind, size, SHA-256, storage key) and with whom it is shared is none of the receiver's business. Its position,
 * action and hashes stay, so the links between the entries the receiver does see still check; only this entry's
 * own hash cannot be recomputed by the receiver.
 */
export interface WithheldAuditEntry {
  seq: string;
  at: string;
  caseId: string | null;
  action: string;
  prevHash: string;
  hash: string;
  withheld: 'evidence_not_shared';
}

/** One audit entry of the case, with every hashed field, so that the receiver can recompute its hash. */
export interface PackageAuditEntry {
  seq: string;
  at: string;
  caseId: string | null;
  actorId: string | null;
  actorRole: string;
  organizationId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  payloadDigest: string;
  details: Record<string, unknown>;
  requestId: string | null;
  principles: string[];
  prevHash: string;
  hash: string;
}

export interface PackageEvidenceItem {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  versionId: string | null;
  uploadedAt: string;
  description: string | null;
}

export interface PackageDecision {
  seq: string;
  at: string;
  action: string;
  actorRole: string;
  fromState: string | null;
  toState: string | null;
  details: Record<string, unknown>;
}

/**
 * The latest signed checkpoint as the package carries it: the signed fields (libs/domain `ProofCheckpoint`; version 2
 * with the Merkle root of the first `seq` entries, for the proofs of `GET …/transfer-package/proof`), the key, and
 * where the document is kept.
 */
export interface PackageCheckpoint extends ProofCheckpoint {
  algorithm: string;
  publicKey: string;
  objectKey: string;
  objectVersionId: string | null;
}

/** The package document: JSON-safe (no undefined, no Date), hashed as its canonical JSON. */
export interface TransferPackageDocument {
  format: typeof TRANSFER_PACKAGE_FORMAT;
  /** 2: entries about evidence not shared with the receiver are withheld (`WithheldAuditEntry`). */
  version: 2;
  packageId: string;
  createdAt: string;
  recipient: { agency: TransferAgency; organizationId: string; name: string };
  case: {
    id: string;
    caseNumber: string | null;
    state: string;
    route: string | null;
    competentAgency: string | null;
    flags: string[];
    priority: number;
    submittedAt: string | null;
  };
  /** The complaint as filed (parties, rights, conduct, amounts, remedies). */
  complaint: Record<string, unknown>;
  triage: {
    recommendedRoute: string;
    competentAgency: string | null;
    flags: string[];
    priority: number;
    targetDays: number | null;
    ruleSetVersion: string;
    reasons: { ruleId: string; legalBasis: string | null; message: { zh: string; en: string } }[];
  } | null;
  /** The decision that made this package (approval or referral): its audit entry follows the package's making. */
  transfer: { action: string; at: string; actorRole: string; fromState: string; toState: string; details: Record<string, unknown> };
  /** The workflow decisions so far, from the audit log (queue work and downloads left out). */
  decisions: PackageDecision[];
  /** The evidence shared with the receiving organisation when the package was made. */
  evidence: PackageEvidenceItem[];
  audit: {
    hashDefinition: string;
    genesisHash: string;
    /**
     * Every audit entry of the case up to the transfer, in chain order (`seq`); those about evidence not shared with
     * the receiver without their content.
     */
    entries: (PackageAuditEntry | WithheldAuditEntry)[];
    /** The latest signed checkpoint of the whole chain (Ed25519), or null before the first one. */
    checkpoint: PackageCheckpoint | null;
  };
}

const DECISION_ACTIONS = new Set<string>([...CASE_ACTIONS, ...SYSTEM_EVENTS, 'triage']);

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** An entry about evidence (`details.evidenceId`) the receiver does not have, without its content. */
function withheldUnlessShared(e: PackageAuditEntry, shared: ReadonlySet<string>): PackageAuditEntry | WithheldAuditEntry {
  const evidenceId = e.details?.evidenceId;
  if (typeof evidenceId !== 'string' || shared.has(evidenceId)) return e;
  return { seq: e.seq, at: e.at, caseId: e.caseId, action: e.action, prevHash: e.prevHash, hash: e.hash, withheld: 'evidence_not_shared' };
}

/** The SHA-256 (hex) of a package document's canonical JSON: what the PDF prints and the receiver recomputes. */
export const packageDigest = (doc: unknown) => sha256Hex(canonicalJson(doc));

/** An audit entry (alias `a`) as a package carries it: every hashed field, instants as the hash saw them, `seq` as text. */
export const PACKAGE_ENTRY_COLUMNS = `a.seq::text AS seq, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, a.case_id AS "caseId",
  a.actor_id AS "actorId", a.actor_role AS "actorRole", a.organization_id AS "organizationId", a.action,
  a.from_state AS "fromState", a.to_state AS "toState", a.payload_digest AS "payloadDigest", a.details::jsonb AS details,
  a.request_id AS "requestId", a.principles, a.prev_hash AS "prevHash", a.hash`;

/** The case's audit entries, read raw. */
export async function caseAuditEntries(m: EntityManager, caseId: string): Promise<PackageAuditEntry[]> {
  return m.query(`SELECT ${PACKAGE_ENTRY_COLUMNS} FROM audit_entry a WHERE a.case_id = $1 ORDER BY a.seq`, [caseId]);
}

/**
 * `make_transfer_package`: builds the package for the organisation the case was just transferred to and inserts it,
 * in the command's transaction (so it exists exactly when the transfer does). Its digest goes into the transfer's
 * audit entry; the PDF is rendered after commit (`NOTIFY transfer_package`).
 */
export async function makeTransferPackage(scope: EffectScope, agency: TransferAgency): Promise<TransferPackage | null> {
  const c = scope.caseRow;
  const orgId = c.transferredTo;
  if (!orgId) return null;
  const m = scope.m;
  const [org]: { id: string; name: string }[] = await m.query('SELECT id, name FROM organization WHERE id = $1', [orgId]);
  // One after another: they share the transaction's connection (which runs one statement at a time anyway).
  const entries = await caseAuditEntries(m, c.id);
  const evidence: (Omit<PackageEvidenceItem, 'uploadedAt'> & { uploadedAt: Date })[] = await m.query(
    `SELECT e.id, e.kind, e.file_name AS "fileName", e.content_type AS "contentType", e.size_bytes::float8 AS "sizeBytes", e.sha256,
            e.version_id AS "versionId", e.uploaded_at AS "uploadedAt", e.description
       FROM evidence e WHERE e.case_id = $1 AND $2 = ANY(e.shared_with) ORDER BY e.uploaded_at, e.id`,
    [c.id, orgId],
  );
  const checkpoint = await latestCheckpoint(m);
  const shared = new Set(evidence.map((e) => e.id));
  const id = randomUUID();
  const triage = c.triage;
  const { language: _language, ...complaint } = c.complaint;
  const doc: TransferPackageDocument = {
    format: TRANSFER_PACKAGE_FORMAT,
    version: 2,
    packageId: id,
    createdAt: scope.now.toISOString(),
    recipient: { agency, organizationId: orgId, name: org?.name ?? '' },
    case: {
      id: c.id,
      caseNumber: c.caseNumber,
      state: scope.toState,
      route: c.route,
      competentAgency: c.competentAgency,
      flags: [...c.flags],
      priority: c.priority,
      submittedAt: iso(c.submittedAt),
    },
    complaint: complaint as Record<string, unknown>,
    triage: triage
      ? {
          recommendedRoute: triage.recommendedRoute,
          competentAgency: triage.competentAgency ?? null,
          flags: [...triage.flags],
          priority: triage.priority,
          targetDays: triage.targetDays ?? null,
          ruleSetVersion: triage.ruleSetVersion,
          reasons: triage.reasons.map((r) => ({ ruleId: r.ruleId, legalBasis: r.legalBasis ?? null, message: { zh: r.message.zh, en: r.message.en } })),
        }
      : null,
    transfer: {
      action: scope.action,
      at: scope.now.toISOString(),
      actorRole: scope.actor.role,
      fromState: scope.fromState,
      toState: scope.toState,
      details: { ...scope.details },
    },
    decisions: entries
      .filter((e) => DECISION_ACTIONS.has(e.action))
      .map((e) => ({ seq: e.seq, at: e.at, action: e.action, actorRole: e.actorRole, fromState: e.fromState, toState: e.toState, details: e.details })),
    evidence: evidence.map((e) => ({ ...e, sizeBytes: Number(e.sizeBytes), uploadedAt: iso(e.uploadedAt)! })),
    audit: {
      hashDefinition: AUDIT_HASH_DEFINITION,
      genesisHash: GENESIS_HASH,
      entries: entries.map((e) => withheldUnlessShared(e, shared)),
      checkpoint: checkpoint
        ? {
            type: checkpoint.type,
            version: checkpoint.version,
            seq: checkpoint.seq,
            hash: checkpoint.hash,
            ...(checkpoint.merkleRoot ? { merkleRoot: checkpoint.merkleRoot } : {}),
            time: checkpoint.time,
            algorithm: checkpoint.algorithm,
            keyId: checkpoint.keyId,
            publicKey: checkpoint.publicKey,
            signature: checkpoint.signature,
            objectKey: checkpoint.objectKey,
            objectVersionId: checkpoint.objectVersionId,
          }
        : null,
    },
  };
  // Exactly what jsonb will give back: the digest is over the stored document.
  const json = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  const sha256 = packageDigest(json);
  const row = {
    id,
    caseId: c.id,
    organizationId: orgId,
    agency,
    json,
    sha256,
    pdfObjectKey: null,
    pdfVersionId: null,
    pdfSha256: null,
    pdfSizeBytes: null,
    pdfLayout: null,
    pdfRenderedAt: null,
    pdfAttempts: 0,
    pdfError: null,
    createdAt: scope.now,
  } satisfies Omit<TransferPackage, 'case' | 'organization'>;
  await m.insert(TransferPackage, row as QueryDeepPartialEntity<TransferPackage>);
  // The transfer's own audit entry records the package and its digest: the chain vouches for the document.
  scope.details.transferPackage = { id, sha256, evidenceCount: doc.evidence.length, checkpointSeq: doc.audit.checkpoint?.seq ?? null };
  await m.query('SELECT pg_notify($1, $2)', [TRANSFER_PACKAGE_CHANNEL, id]);
  return row as TransferPackage;
}
