import { canonicalJson } from '@lyg/domain';
import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

const DETAILS: ValueTransformer = {
  to: (v: Record<string, unknown> | undefined) => (v === undefined ? v : canonicalJson(v)),
  from: (v: string | null) => (v === null ? v : (JSON.parse(v) as Record<string, unknown>)),
};

export type Principle = 'strict' | 'broad' | 'fast' | 'equal';

/**
 * Append-only, hash-chained audit log. `hash = sha256(prevHash + canonicalJson(entry))` where the entry is every
 * column but `hash`; writers take one advisory lock so that concurrent transactions never fork the chain.
 */
@Entity('audit_entry')
@Index('audit_entry_case_idx', ['caseId', 'seq'])
export class AuditEntry {
  @PrimaryColumn('bigint')
  seq: string;

  @Column('timestamptz')
  at: Date;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text', { name: 'actor_role' })
  actorRole: string;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId: string | null;

  @Column('text')
  action: string;

  @Column('text', { name: 'from_state', nullable: true })
  fromState: string | null;

  @Column('text', { name: 'to_state', nullable: true })
  toState: string | null;

  @Column('text', { name: 'payload_digest' })
  payloadDigest: string;

  /** Kept as the canonical JSON text the hash covers (migration AuditDetailsText), read and written as an object. */
  @Column('text', { transformer: DETAILS })
  details: Record<string, unknown>;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Column('text', { array: true })
  principles: Principle[];

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;
}
