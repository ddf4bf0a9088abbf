import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IpCase } from './case.entity';
import { Organization } from './organization.entity';

/**
 * What the center hands a receiving agency when a police transfer is approved or a case is referred to customs or
 * the court: a JSON document (case summary, evidence manifest of the evidence shared with that agency, the case's
 * audit entries and the latest signed checkpoint), made in the same transaction as the transfer, and its printable
 * PDF, rendered after commit and kept in the object store. Never changed once made, but for the PDF columns.
 */
@Entity('transfer_package')
@Index('transfer_package_case_idx', ['caseId', 'createdAt'])
@Index('transfer_package_pdf_pending_idx', ['createdAt'], { where: 'pdf_object_key IS NULL' })
export class TransferPackage {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => IpCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: IpCase;

  /** The receiving organisation (police, court or customs). */
  @Column('uuid', { name: 'organization_id' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** `police`, `customs` or `court`. */
  @Column('text')
  agency: string;

  /** The package document (format `lyg-ip-transfer-package`, version 1). */
  @Column('jsonb')
  json: Record<string, unknown>;

  /** Hex SHA-256 of the canonical JSON of `json`: the verification digest printed on every page of the PDF. */
  @Column('text')
  sha256: string;

  /** `transfers/<caseId>/<id>.pdf` once rendered; null while the PDF is pending. */
  @Column('text', { name: 'pdf_object_key', nullable: true })
  pdfObjectKey: string | null;

  @Column('text', { name: 'pdf_version_id', nullable: true })
  pdfVersionId: string | null;

  @Column('text', { name: 'pdf_sha256', nullable: true })
  pdfSha256: string | null;

  @Column('bigint', { name: 'pdf_size_bytes', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  pdfSizeBytes: number | null;

  /** `cjk` (Chinese, with a CJK font) or `ascii` (English fallback when the server has no CJK font). */
  @Column('text', { name: 'pdf_layout', nullable: true })
  pdfLayout: string | null;

  @Column('timestamptz', { name: 'pdf_rendered_at', nullable: true })
  pdfRenderedAt: Date | null;

  @Column('int', { name: 'pdf_attempts', default: 0 })
  pdfAttempts: number;

  @Column('text', { name: 'pdf_error', nullable: true })
  pdfError: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
