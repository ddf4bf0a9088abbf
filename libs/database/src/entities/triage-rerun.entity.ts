import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * "Triage runs again whenever its facts change (… new history)" (triage-rules.md): a case closed, so its respondent's
 * history changed. Written in the closing command's transaction; the worker re-triages the respondent's open cases
 * (one transaction each) and marks the row done, so a crash or a restart re-runs it, which changes nothing twice.
 */
@Entity('triage_rerun')
@Index('triage_rerun_pending_idx', ['requestedAt'], { where: 'done_at IS NULL' })
export class TriageRerun {
  @PrimaryColumn('uuid')
  id: string;

  /** The case whose closure is the new history. */
  @Column('uuid', { name: 'cause_case_id' })
  causeCaseId: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'requested_at' })
  requestedAt: Date;

  /** A worker holds the row until then; one that died lets it go when the time passes. */
  @Column('timestamptz', { name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;
}
