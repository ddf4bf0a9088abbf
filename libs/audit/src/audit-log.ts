import { createHash } from 'node:crypto';
import { AuditEntry, type Principle } from '@lyg/database';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
/** One chain: every append takes this transaction-scoped advisory lock, so concurrent writers never fork it. */
const AUDIT_CHAIN_LOCK = 727001;

export interface AuditFact {
  caseId: string | null;
  actorId: string | null;
  actorRole: string;
  organizationId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  /** The request body or event payload; only its digest and the safe `details` are kept. */
  payload: unknown;
  details?: Record<string, unknown>;
  requestId?: string | null;
  principles: Principle[];
  at?: Date;
}

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hashed content of an entry: every column but `hash`, with the instant as ISO text. */
export function hashedContent(e: Omit<AuditEntry, 'hash'>): Record<string, unknown> {
  return {
    seq: String(e.seq),
    at: new Date(e.at).toISOString(),
    caseId: e.caseId,
    actorId: e.actorId,
    actorRole: e.actorRole,
    organizationId: e.organizationId,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    payloadDigest: e.payloadDigest,
    details: e.details,
    requestId: e.requestId,
    principles: e.principles,
    prevHash: e.prevHash,
  };
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(e.prevHash + canonicalJson(hashedContent(e)));
}

/** Appends one entry inside the caller's transaction: it commits or rolls back with the change it records. */
export async function appendAudit(m: EntityManager, fact: AuditFact): Promise<AuditEntry> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [last]: { seq: string; hash: string }[] = await m.query('SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1');
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: String(last ? BigInt(last.seq) + 1n : 1n),
    // Truncated to milliseconds: what PostgreSQL keeps (microseconds) must hash the same when read back.
    at: new Date(Math.floor((fact.at ?? new Date()).getTime())),
    caseId: fact.caseId,
    actorId: fact.actorId,
    actorRole: fact.actorRole,
    organizationId: fact.organizationId,
    action: fact.action,
    fromState: fact.fromState,
    toState: fact.toState,
    payloadDigest: sha256Hex(canonicalJson(fact.payload ?? null)),
    details: fact.details ?? {},
    requestId: fact.requestId ?? null,
    principles: fact.principles,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const row = { ...entry, hash: entryHash(entry) } as AuditEntry;
  // `details` is a jsonb document that TypeORM's deep-partial type cannot follow.
  await m.insert(AuditEntry, row as QueryDeepPartialEntity<AuditEntry>);
  return row;
}

export interface ChainVerification {
  valid: boolean;
  checkedEntries: number;
  firstBadSeq: string | null;
}

/** Recomputes the chain in pages of `batch` rows, in constant memory. */
export async function verifyChain(m: EntityManager, batch = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  let after = '0';
  for (;;) {
    const rows: AuditEntry[] = await m
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.seq > :after', { after })
      .orderBy('a.seq', 'ASC')
      .limit(batch)
      .getMany();
    if (!rows.length) return { valid: true, checkedEntries: checked, firstBadSeq: null };
    for (const r of rows) {
      // A deleted row leaves a gap in seq; a swapped or edited row breaks the hash or the link.
      if (BigInt(r.seq) !== expectedSeq || r.prevHash !== prev || entryHash(r) !== r.hash) {
        return { valid: false, checkedEntries: checked, firstBadSeq: String(BigInt(r.seq) !== expectedSeq ? expectedSeq : r.seq) };
      }
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    after = rows[rows.length - 1].seq;
  }
}
