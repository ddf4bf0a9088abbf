import type { EvidenceKind } from '@lyg/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IpCase } from './case.entity';
import { UserAccount } from './user-account.entity';

/**
 * One evidence file of a case. The bytes live in the object store under the server-made key
 * `cases/<caseId>/<id>` (never the user's file name); the row is inserted only once the object is complete, in the
 * same transaction as its audit entry. Evidence is never deleted or replaced: there is no UPDATE but of the sharing.
 */
@Entity('evidence')
@Index('evidence_case_idx', ['caseId', 'uploadedAt', 'id'])
export class Evidence {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => IpCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: IpCase;

  @Column('text')
  kind: EvidenceKind;

  /** The original name after cleaning (NFC, no control or bidi characters, no path), for display and download. */
  @Column('text', { name: 'file_name' })
  fileName: string;

  /** Decided from the file's first bytes (magic numbers), never from the name or the request header. */
  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('bigint', { name: 'size_bytes', transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  sizeBytes: number;

  /** Hex SHA-256 of the bytes, computed while they streamed to the store; every download is checked against it. */
  @Column('text')
  sha256: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** Byte-ordered (collation "C") so the reconciler can merge it with the store's key listing. */
  @Index('evidence_object_key_key', { unique: true })
  @Column({ type: 'text', name: 'object_key', collation: 'C' })
  objectKey: string;

  /** The object version when the bucket keeps versions (object lock): downloads read exactly this version. */
  @Column('text', { name: 'version_id', nullable: true })
  versionId: string | null;

  /** End of the object-lock retention the object was written with; null when the bucket has no object lock. */
  @Column('timestamptz', { name: 'retain_until', nullable: true })
  retainUntil: Date | null;

  /** The uploading user; null only for uploads through the respondent's answer link. */
  @Column('uuid', { name: 'uploaded_by', nullable: true })
  uploadedBy: string | null;

  @ManyToOne(() => UserAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by' })
  uploader?: UserAccount;

  @Column('text', { name: 'uploader_role' })
  uploaderRole: string;

  /** Receiving agencies (police, court, customs, procuratorate) this evidence is shared with. */
  @Column('uuid', { name: 'shared_with', array: true, default: () => "'{}'" })
  sharedWith: string[];

  /** Whether the respondent may see it through the answer link. */
  @Column('boolean', { name: 'shared_with_respondent', default: false })
  sharedWithRespondent: boolean;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
